#pragma once

#include <planner/busy_period.hpp>
#include <planner/conflict.hpp>
#include <planner/directory.hpp>
#include <planner/holidays.hpp>
#include <planner/travel.hpp>

#include <optional>
#include <span>
#include <vector>

namespace planner {

// What a check looks at besides the directory's meetings.
struct CheckInput {
    // Busy time from people's own calendars; treated like meetings of theirs.
    std::span<const BusyPeriod> busy_periods;
    // Imported days off (school holidays, neighbours' holidays): like public holidays.
    std::span<const ListedHoliday> listed_holidays;
    TravelModel travel;
    // Only the conflicts that involve this meeting (or, for a series, any of its
    // occurrences), checked against all the others.
    std::optional<MeetingId> meeting;
};

// Every reason the directory's meetings cannot happen as planned (see ConflictKind).
// Cancelled meetings take part in none; conflicts that involve a tentative meeting
// are warnings. The result is ordered by the start of the first meeting involved (the
// earlier one of a pair), then errors before warnings, then by the conflict's time.
[[nodiscard]] std::vector<Conflict> find_conflicts(const Directory& directory, const CheckInput& input = {});

// The conflicts that involve one meeting, checked against all the others.
[[nodiscard]] std::vector<Conflict> find_conflicts(const Directory& directory, const MeetingId& meeting);

}  // namespace planner
