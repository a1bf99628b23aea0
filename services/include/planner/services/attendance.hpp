#pragma once

#include <planner/attendance_stats.hpp>
#include <planner/db/store.hpp>
#include <planner/error.hpp>
#include <planner/print/list_layout.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <functional>
#include <optional>
#include <set>
#include <string_view>
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

// Why attendance was not recorded: what was given is wrong (the front end says so to
// whoever gave it), unlike a failure of the store.
struct AttendanceRefused : Error {
    using Error::Error;
};

// Records the presence of each person, all or nothing, reading the meeting's own rows
// only; each record replaces that person's earlier one, so two people taking
// attendance at one door lose none of each other's. Someone present who was not
// invited is added as a walk-in. Refused (AttendanceRefused): a cancelled meeting, and
// someone not invited who is said to be absent or excused. A series as a whole (name
// one of its meetings) is planner::Error, a meeting or person the store lacks
// planner::NotFound.
[[nodiscard]] AttendanceRecorded record_attendance(db::Store& store, const AttendRequest& request);

// Someone who came uninvited and is not in the store yet, added at the door.
struct NewWalkIn {
    std::string meeting;  // as for AttendRequest
    std::string name;
    OrganisationId organisation;
    std::string email;
};

// Adds the person, with an id made from the name and unique in the store, and records
// them present at the meeting as a walk-in, in one write. Refused (AttendanceRefused),
// nothing written: a cancelled meeting, an empty or overlong name, an organisation the
// store lacks, an address that is not one.
[[nodiscard]] AttendanceRecorded record_new_walk_in(db::Store& store, const NewWalkIn& walk_in);

// Who the uninvited person at the door may be (db::Store::people_named), among the
// people of the counties the meeting concerns: nobody for fewer than three letters, so
// that the list of a county's people cannot be read off a page one letter at a time.
inline constexpr std::size_t min_search_characters = 3;
[[nodiscard]] std::vector<Person> people_at_the_door(const db::Store& store, std::string_view fragment,
                                                     const std::set<CountyId>& counties, std::size_t limit);

// The days whose meetings are counted, both included; an open end counts everything
// before or after. A period that ends before it begins counts nothing (the front end
// says which of its fields is wrong).
struct StatsRequest {
    std::optional<boost::gregorian::date> first;
    std::optional<boost::gregorian::date> last;
    // Only the meetings this accepts are counted (each meeting of a series on its own,
    // with the records of the store): those of one county, or those someone may read.
    // None: every meeting.
    std::function<bool(const Meeting&, const Directory&)> counted;
};

// Meetings, invited, accepted, attended and the attendance rate per county and per
// kind of organisation, over the expanded schedule (a series counts each occurrence).
[[nodiscard]] AttendanceStats attendance_figures(const db::Store& store, const StatsRequest& request);

}  // namespace planner::services
