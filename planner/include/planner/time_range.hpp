#pragma once

#include <boost/date_time/posix_time/posix_time_types.hpp>

namespace planner {

// A half-open interval [start, end) of UTC instants: 10:00-11:00 and 11:00-12:00 do
// not overlap. The constructor is the one place that rejects end <= start.
class TimeRange {
public:
    TimeRange(boost::posix_time::ptime start, boost::posix_time::ptime end);

    [[nodiscard]] boost::posix_time::ptime start() const noexcept { return start_; }
    [[nodiscard]] boost::posix_time::ptime end() const noexcept { return end_; }
    [[nodiscard]] boost::posix_time::time_duration length() const { return end_ - start_; }

    [[nodiscard]] bool overlaps(const TimeRange& other) const noexcept
    {
        return start_ < other.end_ && other.start_ < end_;
    }
    [[nodiscard]] bool contains(const TimeRange& other) const noexcept
    {
        return start_ <= other.start_ && other.end_ <= end_;
    }
    // The common part of two overlapping ranges.
    [[nodiscard]] TimeRange intersection(const TimeRange& other) const;

    friend bool operator==(const TimeRange&, const TimeRange&) = default;

private:
    boost::posix_time::ptime start_;
    boost::posix_time::ptime end_;
};

}  // namespace planner
