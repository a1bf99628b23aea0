#pragma once

#include <planner/date_format.hpp>
#include <planner/directory.hpp>
#include <planner/meeting.hpp>

#include <string>
#include <vector>

namespace planner::print {

struct AttendanceRow {
    int number = 0;
    PersonId person;
    std::string name;
    std::string organisation;
    std::string county;
    std::string function;

    friend bool operator==(const AttendanceRow&, const AttendanceRow&) = default;
};

// A Teilnehmerliste: everyone expected in the room (organisers and participants,
// not those only informed), ordered by county, then surname, as German lists are
// (DIN 5007-1: "Özdemir" with the O, "Weiß" as "Weiss").
struct AttendanceList {
    std::string title;
    std::string when;  // "Donnerstag, 11. Oktober 2012, 14:00–17:00 Uhr"
    std::string venue;  // name and address
    std::vector<std::string> organisers;
    std::vector<AttendanceRow> rows;
    // Who answers for the list under data-protection law: the first organiser's
    // organisation, "Landratsamt Bodenseekreis".
    std::string controller;
};

using planner::Language;

// `language` decides how `when` is written.
[[nodiscard]] AttendanceList make_attendance_list(const Directory& directory, const Meeting& meeting,
                                                  Language language = Language::de);

}  // namespace planner::print
