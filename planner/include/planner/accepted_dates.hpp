#pragma once

#include <string>

namespace planner {

// The years the planner accepts for meeting times, the end of a series and its
// exception dates. Not before 1970: the VTIMEZONE of every invitation gives the zone's
// rules from 1970 on, so an earlier time would fall outside every observance a
// calendar reads (a zone's own recorded rules may begin later still, see
// TimeZone::to_utc). Not after 2199: the time zones work out their changes up to
// 2200, a series without end is followed that far, and a later year is a typo (3012
// for 2012) rather than a plan.
inline constexpr int first_accepted_year = 1970;
inline constexpr int last_accepted_year = 2199;

[[nodiscard]] constexpr bool is_accepted_year(long long year)
{
    return year >= first_accepted_year && year <= last_accepted_year;
}

// "1970-01-01 to 2199-12-31", for messages.
[[nodiscard]] inline std::string accepted_dates_text()
{
    return std::to_string(first_accepted_year) + "-01-01 to " + std::to_string(last_accepted_year) + "-12-31";
}

}  // namespace planner
