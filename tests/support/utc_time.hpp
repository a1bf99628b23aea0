#pragma once
// A UTC instant written as the tests think of it: utc(2031, 5, 6, 8) is 6 May 2031, 08:00 UTC.

#include <boost/date_time/posix_time/posix_time_types.hpp>

namespace planner::testing {

[[nodiscard]] inline boost::posix_time::ptime utc(int year, int month, int day, int hour, int minute = 0)
{
    return {boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                                   static_cast<unsigned short>(day)),
            boost::posix_time::hours(hour) + boost::posix_time::minutes(minute)};
}

}  // namespace planner::testing
