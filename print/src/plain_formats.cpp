#include <planner/print/formats.hpp>

#include <planner/organisation.hpp>
#include <planner/shown_text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace planner::print {
namespace {

// Terminal columns of UTF-8 text: one per code point, which is right for the Latin
// scripts of our users' names.
std::size_t display_width(std::string_view text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// Excel takes a cell that begins with = + - or @ for a formula, which a name or a
// function someone typed can then run (CSV injection, OWASP), and so it does after a
// leading TAB or CR: such a value gets a leading apostrophe, which Excel shows as
// text. Other control characters go (terminal_text), so that neither a viewer nor a
// terminal showing the file runs what a name holds; a line break stays, quoted, as
// the format holds a value of several lines.
std::string csv_field(std::string_view value)
{
    std::string text;
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
        text += '\'';
    }
    text.append(terminal_text(value));
    if (text.find_first_of(";\"\r\n") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + '"';
}

}  // namespace

void write_text(const AttendanceList& list, std::ostream& out, const ListOptions& options)
{
    // Each value is one line without control characters: a name cannot forge a line or
    // drive the terminal that shows the list.
    out << wording(options.language).heading << '\n'
        << one_line_text(list.title) << '\n'
        << one_line_text(list.when) << '\n'
        << one_line_text(list.venue) << '\n'
        << one_line_text(organisers_line(list, options.language)) << "\n\n";

    const auto columns = visible_columns(options);
    const auto shown_cells = [&](const AttendanceRow& row) {
        auto values = cells(row, columns);
        for (auto& value : values) {
            value = one_line_text(value);
        }
        return values;
    };
    const auto header = column_titles(columns, options.language);
    std::vector<std::size_t> widths;
    for (const auto& title : header) {
        widths.push_back(display_width(title));
    }
    widths.back() = std::max<std::size_t>(widths.back(), 20);
    for (const auto& row : list.rows) {
        const auto values = shown_cells(row);
        for (std::size_t c = 0; c < widths.size(); ++c) {
            widths[c] = std::max(widths[c], display_width(values[c]));
        }
    }
    // The signature column is a line to sign on, except in the header.
    const auto write_line = [&](const std::vector<std::string>& values, char signature_fill) {
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
    write_line(header, ' ');
    // A blank line between county groups, and one before the total.
    const auto groups = row_groups(list, options.grouping);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        out << (g == 0 ? "" : "\n");
        for (const auto* row : groups[g].rows) {
            write_line(shown_cells(*row), '_');
        }
        if (options.grouping == Grouping::county) {
            out << one_line_text(county_subtotal(groups[g], options.language)) << '\n';
        }
    }
    out << '\n' << people_count(list.rows.size(), options.language) << '\n';
}

void write_excel_csv(const std::vector<std::vector<std::string>>& rows, std::ostream& out)
{
    out << "\xEF\xBB\xBF";
    for (const auto& values : rows) {
        std::string line;
        for (std::size_t c = 0; c < values.size(); ++c) {
            line += c == 0 ? "" : ";";
            line += csv_field(values[c]);
        }
        out << line << "\r\n";
    }
}

void write_csv(const AttendanceList& list, std::ostream& out, const ListOptions& options)
{
    const auto columns = visible_columns(options);
    std::vector<std::vector<std::string>> rows{column_titles(columns, options.language)};
    for (const auto& row : list.rows) {
        rows.push_back(cells(row, columns));
    }
    write_excel_csv(rows, out);
}

void write_stats_csv(const AttendanceStats& stats, Language language, std::ostream& out)
{
    const bool german = language == Language::de;
    std::vector<std::vector<std::string>> rows{
        german ? std::vector<std::string>{"Aufteilung", "Gruppe", "Treffen", "Eingeladen", "Zugesagt", "Anwesend",
                                          "Ohne Einladung", "Anwesenheitsquote (%)"}
               : std::vector<std::string>{"Grouping", "Group", "Meetings", "Invited", "Accepted", "Attended",
                                          "Walk-ins", "Attendance rate (%)"}};
    const auto add = [&](std::string_view grouping, const StatsLine& line, std::string group) {
        // German Excel reads "83,3" as a number and "83.3" as a date or text.
        auto rate = fmt::format("{:.1f}", 100.0 * line.attendance_rate());
        if (german) {
            std::replace(rate.begin(), rate.end(), '.', ',');
        }
        rows.push_back({std::string(grouping), std::move(group), std::to_string(line.meetings),
                        std::to_string(line.invited), std::to_string(line.accepted), std::to_string(line.attended),
                        std::to_string(line.walk_ins), std::move(rate)});
    };
    for (const auto& line : stats.by_county) {
        add(german ? "Landkreis" : "County", line, line.group);
    }
    for (const auto& line : stats.by_organisation_kind) {
        const auto kind = organisation_kind_from_string(line.group);
        add(german ? "Art der Organisation" : "Kind of organisation", line,
            kind ? std::string(kind_label(*kind, language)) : line.group);
    }
    add(german ? "Gesamt" : "Total", stats.total, german ? "alle" : "all");
    write_excel_csv(rows, out);
}

}  // namespace planner::print
