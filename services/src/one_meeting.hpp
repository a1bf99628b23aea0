#pragma once

#include <planner/db/store.hpp>
#include <planner/directory.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <string>

namespace planner::services {

// What the attendance use cases share: one meeting of the expanded schedule, and
// where its answers and attendance are kept.

// The meeting `id` names in the expanded schedule: a single meeting or one occurrence.
// A series as a whole has no list and no attendance.
[[nodiscard]] const Meeting& one_meeting(const Directory& schedule, const db::Store& store, const std::string& id);

// The series (or single meeting) answers and attendance are kept under.
[[nodiscard]] MeetingId stored_id(const Meeting& meeting);

// The occurrence's date, or null for a single meeting.
[[nodiscard]] std::optional<boost::gregorian::date> occurrence_date(const Meeting& meeting);

}  // namespace planner::services
