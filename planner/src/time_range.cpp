#include <planner/time_range.hpp>

#include <planner/error.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace planner {

TimeRange::TimeRange(boost::posix_time::ptime start, boost::posix_time::ptime end)
    : start_(start), end_(end)
{
    if (start.is_special() || end.is_special()) {
        throw Error("a time range needs a real start and end");
    }
    if (end <= start) {
        throw Error(fmt::format("end {} is not after start {}",
                                boost::posix_time::to_iso_extended_string(end),
                                boost::posix_time::to_iso_extended_string(start)));
    }
}

TimeRange TimeRange::intersection(const TimeRange& other) const
{
    return {std::max(start_, other.start_), std::min(end_, other.end_)};
}

}  // namespace planner
