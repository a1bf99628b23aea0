#pragma once

#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/error.hpp>
#include <planner/id.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace planner::services {

// Finding meetings as every use case does.

// The meeting of that id; NotFound names a few of the store's meetings.
[[nodiscard]] const Meeting& find_meeting(const Directory& directory, const std::string& id);

// "unknown meeting 'x'; the store has: a, b, c and 13 more ('planner meetings' lists
// them)": a region's store holds thousands of meetings, so the first few are named
// (`first`, in id order) and the rest counted.
inline constexpr std::size_t unknown_meeting_names = 10;
[[nodiscard]] NotFound unknown_meeting(const MeetingId& id, const std::vector<MeetingId>& first, std::size_t total);

// The store's meetings as the checks and the slot search see them: every series
// replaced by its occurrences.
[[nodiscard]] Directory expanded(Directory directory);

// Throws NotFound, naming what the store has, unless `id` names a meeting of the
// expanded store: a single meeting, an occurrence ("sprecherrat-2013@2013-03-12") or
// a series. Only then is the store read again, for the message (it names series, not
// their occurrences).
void require_meeting(const Directory& schedule, const db::Store& store, const std::string& id);

}  // namespace planner::services
