#pragma once

#include <planner/attendance_stats.hpp>
#include <planner/db/store.hpp>
#include <planner/print/list_layout.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <string>
#include <vector>

namespace planner::services {

// Attendance: the printed list before a meeting, the record of who came after it, and
// the figures for the annual report.

enum class ListFormat { text, csv, html, pdf };

struct AttendanceListRequest {
    std::string meeting;  // a single meeting or one occurrence of a series
    ListFormat format = ListFormat::text;
    bool only_accepted = false;  // those whose answer is "accepted"
    print::ListOptions layout;
};

// The list to print and sign, as a document of its format (the PDF's bytes), and how
// many people are on it. Where it goes is the front end's to decide.
struct AttendanceDocument {
    std::string content;
    std::size_t people = 0;
};

// Throws for a series as a whole: name one of its meetings.
[[nodiscard]] AttendanceDocument attendance_list(const db::Store& store, const AttendanceListRequest& request);

// Who came (present), who did not (absent) and who sent their apologies (excused), at
// a single meeting or one occurrence of a series.
struct AttendRequest {
    std::string meeting;
    std::vector<PersonId> people;
    Presence presence = Presence::present;
};

struct AttendanceRecorded {
    std::string meeting;  // as the request named it
    std::vector<AttendanceRecord> records;
    std::vector<Person> walk_ins;  // present without an invitation
};

// Records the presence of each person, all or nothing; someone present who was not
// invited is added as a walk-in. Throws for a series as a whole (name one of its
// meetings), a cancelled meeting, a person the store lacks, and someone not invited
// who is said to be absent or excused.
[[nodiscard]] AttendanceRecorded record_attendance(db::Store& store, const AttendRequest& request);

// The days whose meetings are counted, both included; an open end counts everything
// before or after. A period that ends before it begins counts nothing (the front end
// says which of its fields is wrong).
struct StatsRequest {
    std::optional<boost::gregorian::date> first;
    std::optional<boost::gregorian::date> last;
};

// Meetings, invited, accepted, attended and the attendance rate per county and per
// kind of organisation, over the expanded schedule (a series counts each occurrence).
[[nodiscard]] AttendanceStats attendance_figures(const db::Store& store, const StatsRequest& request);

}  // namespace planner::services
