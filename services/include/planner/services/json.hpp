#pragma once

#include <planner/attendance_stats.hpp>
#include <planner/conflict.hpp>
#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/services/answers.hpp>
#include <planner/services/attendance.hpp>
#include <planner/slot_finder.hpp>
#include <planner/venue_ranking.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <span>
#include <string>
#include <vector>

namespace planner::services {

// The JSON shapes of the planner, one serializer for the command's --json and the
// web's /api/v1, so that the two cannot disagree: records named by their meeting-file
// ids, times in ISO 8601 with the offset of the meeting's zone.
using Json = nlohmann::ordered_json;

// `value` indented by two, with a line end. Text read from other people's files may
// hold bytes that are not UTF-8 (quoted in a message): they become U+FFFD rather than
// stop the output.
[[nodiscard]] std::string json_text(const Json& value);

[[nodiscard]] Json meetings_json(const Directory& directory);
// `answers`: what the invitees answered; each invitee gets an "answer", and a series
// lists the answers given for single occurrences under "occurrence_answers".
// `outside_delegates`: delegates outside the meeting's organisations, flagged
// "delegate_outside" for the organiser to look at.
[[nodiscard]] Json meeting_json(const Directory& directory, const Meeting& meeting,
                                const std::vector<Meeting>& occurrences, std::span<const db::RecordedAnswer> answers,
                                const std::set<PersonId>& outside_delegates);
[[nodiscard]] Json slots_json(const Directory& directory, const SlotRequest& request, const SlotSearch& search);
[[nodiscard]] Json missing_json(const Slot& slot);
// A meeting placed by `schedule` in `slot`: its new time and venue, and who cannot come.
[[nodiscard]] Json placement_json(const Meeting& placed, const Slot& slot);
[[nodiscard]] Json venues_json(const Directory& directory, const VenueRanking& ranking, std::size_t count);
[[nodiscard]] Json conflicts_json(const std::vector<Conflict>& conflicts);
[[nodiscard]] Json import_json(const db::ImportReport& report);
[[nodiscard]] Json stats_json(const AttendanceStats& stats);
[[nodiscard]] Json attendance_recorded_json(const AttendanceRecorded& recorded);
// Each person's newest message in the outbox: person, recipient, sequence, state,
// attempts, queued, next_try, settled (UTC, ISO 8601; null while not settled),
// server_said, queued_by.
[[nodiscard]] Json outbox_json(const MeetingId& meeting, const std::vector<db::OutboxMessage>& messages);
[[nodiscard]] Json answers_import_json(const AnswersImport& imported);
// One answer as recorded: meeting, occurrence, person, answer, sequence, comment,
// delegated_to, recorded_by (null for a reply read from the person's calendar).
[[nodiscard]] Json recorded_answer_json(const RecordedAnswer& answer);

}  // namespace planner::services
