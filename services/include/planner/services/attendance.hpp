#pragma once

#include <planner/attendance_stats.hpp>
#include <planner/db/store.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>

namespace planner::services {

// Attendance: the record of who came after a meeting, and the figures for the annual
// report.

// The days whose meetings are counted, both included; an open end counts everything
// before or after. A period that ends before it begins counts nothing (the front end
// says which of its fields is wrong).
struct StatsRequest {
    std::optional<boost::gregorian::date> first;
    std::optional<boost::gregorian::date> last;
};

// Meetings, invited, accepted, attended and the attendance rate per county and per
// kind of organisation, over the expanded schedule (a series counts each occurrence).
[[nodiscard]] AttendanceStats attendance_figures(const db::Store& store, const StatsRequest& request);

}  // namespace planner::services
