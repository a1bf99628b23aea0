#pragma once

#include <planner/conflict.hpp>
#include <planner/db/store.hpp>
#include <planner/services/meeting_file_import.hpp>
#include <planner/directory.hpp>
#include <planner/slot_finder.hpp>
#include <planner/venue_ranking.hpp>

#include <ostream>
#include <set>
#include <span>
#include <vector>

namespace planner::cli {

// What people read in the terminal; scripts use the JSON shapes instead.
void write_meetings(const Directory& directory, std::ostream& out);
// `occurrences`: those of a series, else empty.
// `outside_delegates` as for meeting_json.
void write_meeting(const Directory& directory, const Meeting& meeting, const std::vector<Meeting>& occurrences,
                   std::span<const db::RecordedAnswer> answers, const std::set<PersonId>& outside_delegates,
                   std::ostream& out);
void write_slots(const Directory& directory, const SlotRequest& request, const SlotSearch& search, std::ostream& out);
void write_venues(const Directory& directory, const VenueRanking& ranking, std::size_t count, std::ostream& out);
void write_conflicts(const Directory& directory, const std::vector<Conflict>& conflicts, std::ostream& out);
void write_import_report(const db::ImportReport& report, std::ostream& out);
// Each record an import would add or change, with the changed keys as the file writes
// them ("title: \"old\" -> \"new\""); the unchanged ones are only counted.
void write_import_changes(const std::vector<services::PreviewedRecord>& records,
                          const db::Store::ChangedMeetings& changed, std::ostream& out);

}  // namespace planner::cli
