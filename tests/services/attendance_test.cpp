#include <planner/services/attendance.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include <string>

namespace planner::services {
namespace {

namespace greg = boost::gregorian;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

class AttendanceServiceTest : public ::testing::Test {
protected:
    void SetUp() override { static_cast<void>(import_meeting_file(store, immenstaad)); }

    db::Store store = db::Store::in_memory();
};

TEST_F(AttendanceServiceTest, FiguresCountTheMeetingsOfThePeriodOnly)
{
    const auto year_2012 = attendance_figures(store, {greg::date(2012, 1, 1), greg::date(2012, 12, 31)});
    EXPECT_EQ(year_2012.total.meetings, 1);
    EXPECT_EQ(year_2012.total.invited, 25);
    EXPECT_EQ(year_2012.total.attended, 0);
    const auto everything = attendance_figures(store, {});
    EXPECT_GT(everything.total.meetings, year_2012.total.meetings);
    const auto backwards = attendance_figures(store, {greg::date(2012, 12, 31), greg::date(2012, 1, 1)});
    EXPECT_EQ(backwards.total.meetings, 0);
}

}  // namespace
}  // namespace planner::services
