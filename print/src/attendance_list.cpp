#include <planner/print/attendance_list.hpp>

#include <planner/date_format.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

namespace planner::print {
namespace {

constexpr std::array<std::string_view, 6> column_titles{"Nr.", "Name", "Organisation", "Landkreis", "Funktion",
                                                        "Unterschrift"};

std::array<std::string, 6> cells(const AttendanceRow& row)
{
    return {std::to_string(row.number), row.name, row.organisation, row.county, row.function, ""};
}

// Terminal columns of UTF-8 text: one per code point, which is right for the Latin
// scripts of our users' names.
std::size_t display_width(std::string_view text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

std::string csv_field(std::string_view value)
{
    if (value.find_first_of(";\"\r\n") == std::string_view::npos) {
        return std::string(value);
    }
    std::string quoted = "\"";
    for (const char c : value) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + '"';
}

// DIN 5007-1, as German lists are sorted: umlauts as their base letter, ß as "ss",
// case ignored. Other characters keep their byte order.
std::string collation_key(std::string_view text)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> folds{{
        {"ä", "a"}, {"ö", "o"}, {"ü", "u"}, {"Ä", "a"}, {"Ö", "o"}, {"Ü", "u"}, {"ß", "ss"}, {"ẞ", "ss"},
    }};
    std::string key;
    for (std::size_t i = 0; i < text.size();) {
        const auto fold = std::find_if(folds.begin(), folds.end(),
                                       [&](const auto& entry) { return text.substr(i).starts_with(entry.first); });
        if (fold != folds.end()) {
            key += fold->second;
            i += fold->first.size();
            continue;
        }
        const char c = text[i++];
        key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return key;
}

// People are listed by surname, taken as the last word of the name.
std::string surname_first(std::string_view name)
{
    const auto space = name.find_last_of(' ');
    if (space == std::string_view::npos) {
        return std::string(name);
    }
    return fmt::format("{} {}", name.substr(space + 1), name.substr(0, space));
}

}  // namespace

AttendanceList make_attendance_list(const Directory& directory, const Meeting& meeting)
{
    const auto& venue = directory.venue(meeting.venue);
    AttendanceList list{meeting.title, format_german(meeting.time, time_zone(meeting.time_zone)),
                        fmt::format("{}, {}", venue.name, venue.address), {}, {}};
    for (const auto& id : meeting.organisers) {
        list.organisers.push_back(directory.person(id).name);
    }
    for (const auto& id : attendees_in_room(meeting)) {
        const auto& person = directory.person(id);
        const auto& organisation = directory.organisation(person.organisation);
        list.rows.push_back({0, person.id, person.name, organisation.name, directory.county(organisation.county).name,
                             person.function});
    }
    const auto key = [](const AttendanceRow& row) {
        return std::pair(collation_key(row.county), collation_key(surname_first(row.name)));
    };
    std::stable_sort(list.rows.begin(), list.rows.end(),
                     [&](const AttendanceRow& a, const AttendanceRow& b) { return key(a) < key(b); });
    int number = 0;
    for (auto& row : list.rows) {
        row.number = ++number;
    }
    return list;
}

void write_text(const AttendanceList& list, std::ostream& out)
{
    out << "Teilnehmerliste\n" << list.title << '\n' << list.when << '\n' << list.venue << '\n';
    std::string organisers;
    for (const auto& name : list.organisers) {
        organisers += organisers.empty() ? "" : ", ";
        organisers += name;
    }
    out << "Organisation: " << organisers << "\n\n";

    std::array<std::size_t, 6> widths{};
    for (std::size_t c = 0; c < widths.size(); ++c) {
        widths[c] = display_width(column_titles[c]);
    }
    widths[5] = std::max<std::size_t>(widths[5], 20);
    for (const auto& row : list.rows) {
        const auto values = cells(row);
        for (std::size_t c = 0; c < widths.size(); ++c) {
            widths[c] = std::max(widths[c], display_width(values[c]));
        }
    }
    // The signature column is a line to sign on, except in the header.
    const auto write_line = [&](const auto& values, char signature_fill) {
        std::string line;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            const std::string_view value = values[c];
            line += value;
            if (c + 1 < widths.size()) {
                line.append(widths[c] - display_width(value) + 2, ' ');
            } else {
                line.append(widths[c] - display_width(value), signature_fill);
            }
        }
        out << line << '\n';
    };
    write_line(column_titles, ' ');
    for (const auto& row : list.rows) {
        write_line(cells(row), '_');
    }
    out << '\n' << list.rows.size() << (list.rows.size() == 1 ? " Person" : " Personen") << '\n';
}

void write_csv(const AttendanceList& list, std::ostream& out)
{
    out << "\xEF\xBB\xBF";
    const auto write_record = [&](const auto& values) {
        std::string line;
        for (std::size_t c = 0; c < values.size(); ++c) {
            line += c == 0 ? "" : ";";
            line += csv_field(values[c]);
        }
        out << line << "\r\n";
    };
    write_record(column_titles);
    for (const auto& row : list.rows) {
        write_record(cells(row));
    }
}

}  // namespace planner::print
