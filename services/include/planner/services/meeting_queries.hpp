#pragma once
// The read side's questions about some meetings, answered from the part of the store
// they need rather than from Store::load(): a page of meetings, one meeting with what
// its page shows, and the conflicts of a window of time or of one meeting. Series are
// expanded here (planner::ical::expand_rule), where the store can only hand them over.

#include <planner/answer.hpp>
#include <planner/attendance_stats.hpp>
#include <planner/conflict.hpp>
#include <planner/db/meeting_query.hpp>
#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/error.hpp>
#include <planner/travel.hpp>

#include <set>
#include <vector>

namespace planner::services {

// The page of meetings the query asks for, with the total of all that match: single
// meetings as stored, a series once, with its first meeting in the window (or, without
// a window, its first), whose status and venue are the ones shown and filtered.
// Throws planner::Error for a window that ends before it starts.
[[nodiscard]] db::MeetingPage list_meetings(const db::Store& store, const db::MeetingQuery& query);

// What a meeting's page shows, read with a few queries.
struct MeetingDetails {
    Meeting meeting;                   // as stored: a series with its rule
    std::vector<Meeting> occurrences;  // a series' meetings (planner::occurrences); empty for a single meeting
    // The records it refers to (db::Store::records_of), and the people who answered or
    // were delegated to.
    Directory records;
    std::vector<RecordedAnswer> answers;      // as db::Store::answers gives them
    std::set<PersonId> delegates_outside;     // planner::delegates_outside
    std::vector<AttendanceRecord> attendance;  // as db::Store::attendance gives them
};

// Throws planner::NotFound (see unknown_meeting) for an id the store lacks.
[[nodiscard]] MeetingDetails meeting_details(const db::Store& store, const MeetingId& id);

// Conflicts, with what writing them needs.
struct ConflictReport {
    // The meetings that were checked (a series as its meetings) and the records they
    // refer to: every meeting a conflict names is here.
    Directory schedule;
    std::vector<Conflict> conflicts;  // as planner::find_conflicts orders them
};

// The conflicts that a check of the whole store (`planner check`: busy time and days
// off included) finds and that involve a meeting overlapping `window`; read from the
// meetings around the window, far enough on either side for every rule that compares
// meetings (the journey from the one before on the same day, double bookings).
[[nodiscard]] ConflictReport conflicts_between(const db::Store& store, const TimeRange& window,
                                               const TravelModel& travel);

// The conflicts that involve one meeting, a series (any of its meetings) or one
// meeting of a series ("sprecherrat-2013@2013-03-12"), exactly as a check of the whole
// store focused on it finds them (`planner check MEETING`); read from the meetings of
// its people and venues around its own. A cancelled meeting has none. Throws
// planner::NotFound (see unknown_meeting) for an id that names none of these.
[[nodiscard]] ConflictReport conflicts_of_meeting(const db::Store& store, const MeetingId& meeting,
                                                  const TravelModel& travel);

// The conflicts a single meeting not stored yet, or a changed version of a stored
// one, would have: as conflicts_of_meeting finds them once it is stored so. Throws
// planner::Error for a series.
[[nodiscard]] ConflictReport conflicts_of_draft(const db::Store& store, const Meeting& draft, const TravelModel& travel);

// "unknown meeting 'x'; the store has: a, b, c and 13 more ('planner meetings' lists
// them)": the first ten of the store's ids, as the commands name them.
[[nodiscard]] NotFound unknown_meeting(const db::Store& store, const MeetingId& id);

}  // namespace planner::services
