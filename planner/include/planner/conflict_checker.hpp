#pragma once

#include <planner/conflict.hpp>
#include <planner/directory.hpp>

#include <vector>

namespace planner {

// Every conflict among the directory's meetings. Cancelled meetings take part in
// none. The result is ordered by the start of the first meeting involved (the
// earlier one of a pair), then errors before warnings, then by the conflict's time.
[[nodiscard]] std::vector<Conflict> find_conflicts(const Directory& directory);

// The conflicts that involve one meeting, checked against all the others.
[[nodiscard]] std::vector<Conflict> find_conflicts(const Directory& directory, const MeetingId& meeting);

}  // namespace planner
