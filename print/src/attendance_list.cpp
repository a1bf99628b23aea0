#include <planner/print/attendance_list.hpp>

#include <planner/date_format.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace planner::print {
namespace {

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

AttendanceList make_attendance_list(const Directory& directory, const Meeting& meeting, Language language)
{
    const auto& venue = directory.venue(meeting.venue);
    const auto& zone = time_zone(meeting.time_zone);
    AttendanceList list{meeting.title,
                        format_in(language, meeting.time, zone),
                        fmt::format("{}, {}", venue.name, venue.address),
                        {},
                        {},
                        {}};
    for (const auto& id : meeting.organisers) {
        list.organisers.push_back(directory.person(id).name);
    }
    if (!meeting.organisers.empty()) {
        list.controller = directory.organisation(directory.person(meeting.organisers.front()).organisation).name;
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

}  // namespace planner::print
