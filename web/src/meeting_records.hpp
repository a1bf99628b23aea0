#pragma once
// What the pages read from the store: a meeting with the records it refers to, and a
// page of the meeting list. Each reads only what it needs.

#include "access.hpp"

#include <planner/answer.hpp>
#include <planner/attendance_stats.hpp>
#include <planner/conflict.hpp>
#include <planner/db/meeting_query.hpp>
#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/services/meeting_queries.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <set>
#include <vector>

namespace planner::web {

struct MeetingRecords {
    Meeting meeting;
    Directory records;  // the meeting and every person, organisation, county and venue it names
    std::vector<RecordedAnswer> answers;
    MeetingAudience audience;
    std::vector<Meeting> occurrences;    // a series' meetings; empty for a single meeting
    std::set<PersonId> delegates_outside;  // delegates outside the meeting's organisations
    std::vector<AttendanceRecord> attendance;  // of the meeting, or of every meeting of a series
};

[[nodiscard]] std::optional<MeetingRecords> meeting_records(const db::Store& store, const MeetingId& id);

// The meetings the viewer may read, filtered and paged: the query's own visibility is
// replaced by the viewer's.
[[nodiscard]] db::MeetingPage list_meetings(const db::Store& store, db::MeetingQuery query, const Viewer& viewer);

// The conflicts of meetings in a window, split into those the viewer may read in full
// and a count of the others.
struct VisibleConflicts {
    std::vector<Conflict> shown;
    std::size_t hidden = 0;
};
// A report's conflicts split the same way.
[[nodiscard]] VisibleConflicts visible_conflicts(const services::ConflictReport& report, const Viewer& viewer);
[[nodiscard]] VisibleConflicts conflicts_between(const db::Store& store, const TimeRange& window, const Viewer& viewer);
// The conflicts of one meeting, split the same way: a conflict with a meeting the viewer
// may not read would name it, its title and who is in it.
[[nodiscard]] VisibleConflicts meeting_conflicts(const db::Store& store, const MeetingId& id, const Viewer& viewer);

// The counties, organisations, people and venues, without meetings.
[[nodiscard]] Directory directory_records(const db::Store& store);

// The county an organisation belongs to, or nothing for an unknown organisation.
[[nodiscard]] std::optional<CountyId> organisation_county(const db::Store& store, const OrganisationId& organisation);

}  // namespace planner::web
