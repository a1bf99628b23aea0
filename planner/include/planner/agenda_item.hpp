#pragma once

#include <planner/id.hpp>
#include <planner/time_range.hpp>

#include <optional>
#include <string>

namespace planner {

// One point of a meeting's agenda. Its times are written as local times of the
// meeting's zone and kept, like the meeting's, as UTC instants.
struct AgendaItem {
    TimeRange time;
    std::string title;
    std::optional<PersonId> presenter;

    friend bool operator==(const AgendaItem&, const AgendaItem&) = default;
};

}  // namespace planner
