#include <planner/services/attendance.hpp>

#include <planner/services/meetings.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

namespace planner::services {

namespace greg = boost::gregorian;

AttendanceStats attendance_figures(const db::Store& store, const StatsRequest& request)
{
    const auto schedule = expanded(store.load());
    return attendance_stats(schedule, store.all_answers(), store.attendance(),
                            request.first.value_or(greg::date(greg::min_date_time)),
                            request.last.value_or(greg::date(greg::max_date_time)));
}

}  // namespace planner::services
