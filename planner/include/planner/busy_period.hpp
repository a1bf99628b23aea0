#pragma once

#include <planner/id.hpp>
#include <planner/time_range.hpp>

#include <string>

namespace planner {

// Time a person is not free for reasons outside the planner's meetings: an
// appointment from their own calendar, leave, another body's meeting. The checks
// treat it like a meeting of that person's.
struct BusyPeriod {
    PersonId person;
    TimeRange time;
    std::string source;  // where it came from, for the message: "Kalender von Frank Veser"

    friend bool operator==(const BusyPeriod&, const BusyPeriod&) = default;
};

}  // namespace planner
