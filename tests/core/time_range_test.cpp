#include <planner/time_range.hpp>

#include <planner/error.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include "error_message.hpp"

#include <string>

namespace {

namespace pt = boost::posix_time;

using planner::TimeRange;

pt::ptime at(const std::string& text)
{
    return pt::time_from_string(text.size() == 16 ? text + ":00" : text);
}

TimeRange range(const std::string& start, const std::string& end) { return {at(start), at(end)}; }

using planner::testing::error_message;

TEST(TimeRange, KeepsStartAndEnd)
{
    const auto meeting = range("2012-10-11 12:00", "2012-10-11 15:00");
    EXPECT_EQ(meeting.start(), at("2012-10-11 12:00"));
    EXPECT_EQ(meeting.end(), at("2012-10-11 15:00"));
    EXPECT_EQ(meeting.length(), pt::hours(3));
}

TEST(TimeRange, OneSecondIsLongEnough)
{
    const auto tiny = range("2012-10-11 12:00:00", "2012-10-11 12:00:01");
    EXPECT_EQ(tiny.length(), pt::seconds(1));
}

TEST(TimeRange, EmptyRangeIsRejected)
{
    EXPECT_EQ(error_message([] { static_cast<void>(range("2012-10-11 12:00", "2012-10-11 12:00")); }),
              "end 2012-10-11T12:00:00 is not after start 2012-10-11T12:00:00");
}

TEST(TimeRange, EndBeforeStartIsRejected)
{
    EXPECT_EQ(error_message([] { static_cast<void>(range("2012-10-11 12:00", "2012-10-11 11:59")); }),
              "end 2012-10-11T11:59:00 is not after start 2012-10-11T12:00:00");
}

TEST(TimeRange, SpecialTimesAreRejected)
{
    EXPECT_EQ(error_message([] { static_cast<void>(TimeRange(pt::ptime(), at("2012-10-11 12:00"))); }),
              "a time range needs a real start and end");
    EXPECT_EQ(error_message([] {
                  static_cast<void>(TimeRange(at("2012-10-11 12:00"), pt::ptime(boost::date_time::pos_infin)));
              }),
              "a time range needs a real start and end");
}

TEST(TimeRange, TouchingRangesDoNotOverlap)
{
    const auto first = range("2012-10-11 10:00", "2012-10-11 11:00");
    const auto second = range("2012-10-11 11:00", "2012-10-11 12:00");
    EXPECT_FALSE(first.overlaps(second));
    EXPECT_FALSE(second.overlaps(first));
}

TEST(TimeRange, OneMinuteInCommonIsAnOverlap)
{
    const auto first = range("2012-10-11 10:00", "2012-10-11 11:01");
    const auto second = range("2012-10-11 11:00", "2012-10-11 12:00");
    EXPECT_TRUE(first.overlaps(second));
    EXPECT_TRUE(second.overlaps(first));
}

TEST(TimeRange, NestedAndEqualRangesOverlap)
{
    const auto outer = range("2012-10-11 10:00", "2012-10-11 12:00");
    const auto inner = range("2012-10-11 10:30", "2012-10-11 11:00");
    EXPECT_TRUE(outer.overlaps(inner));
    EXPECT_TRUE(inner.overlaps(outer));
    EXPECT_TRUE(outer.overlaps(outer));
}

TEST(TimeRange, DisjointRangesDoNotOverlap)
{
    const auto morning = range("2012-10-11 09:00", "2012-10-11 10:00");
    const auto afternoon = range("2012-10-11 14:00", "2012-10-11 15:00");
    EXPECT_FALSE(morning.overlaps(afternoon));
    EXPECT_FALSE(afternoon.overlaps(morning));
}

TEST(TimeRange, ContainsItselfAndRangesSharingABoundary)
{
    const auto meeting = range("2012-10-11 14:00", "2012-10-11 17:00");
    EXPECT_TRUE(meeting.contains(meeting));
    EXPECT_TRUE(meeting.contains(range("2012-10-11 14:00", "2012-10-11 14:30")));
    EXPECT_TRUE(meeting.contains(range("2012-10-11 16:30", "2012-10-11 17:00")));
    EXPECT_TRUE(meeting.contains(range("2012-10-11 15:00", "2012-10-11 16:00")));
}

TEST(TimeRange, DoesNotContainWhatStartsEarlierOrEndsLater)
{
    const auto meeting = range("2012-10-11 14:00", "2012-10-11 17:00");
    EXPECT_FALSE(meeting.contains(range("2012-10-11 13:59", "2012-10-11 14:30")));
    EXPECT_FALSE(meeting.contains(range("2012-10-11 16:30", "2012-10-11 17:01")));
    EXPECT_FALSE(meeting.contains(range("2012-10-11 13:00", "2012-10-11 18:00")));
    EXPECT_FALSE(meeting.contains(range("2012-10-11 17:00", "2012-10-11 18:00")));
    EXPECT_FALSE(range("2012-10-11 15:00", "2012-10-11 16:00").contains(meeting));
}

TEST(TimeRange, IntersectionOfOverlappingRanges)
{
    const auto first = range("2012-10-11 10:00", "2012-10-11 11:00");
    const auto second = range("2012-10-11 10:30", "2012-10-11 12:00");
    EXPECT_EQ(first.intersection(second), range("2012-10-11 10:30", "2012-10-11 11:00"));
    EXPECT_EQ(second.intersection(first), range("2012-10-11 10:30", "2012-10-11 11:00"));
}

TEST(TimeRange, IntersectionWithANestedRangeIsTheNestedRange)
{
    const auto outer = range("2012-10-11 10:00", "2012-10-11 12:00");
    const auto inner = range("2012-10-11 10:30", "2012-10-11 11:00");
    EXPECT_EQ(outer.intersection(inner), inner);
    EXPECT_EQ(inner.intersection(outer), inner);
    EXPECT_EQ(outer.intersection(outer), outer);
}

TEST(TimeRange, IntersectionOfRangesThatDoNotOverlapThrows)
{
    const auto first = range("2012-10-11 10:00", "2012-10-11 11:00");
    EXPECT_THROW(static_cast<void>(first.intersection(range("2012-10-11 11:00", "2012-10-11 12:00"))),
                 planner::Error);
    EXPECT_THROW(static_cast<void>(first.intersection(range("2012-10-11 14:00", "2012-10-11 15:00"))),
                 planner::Error);
}

TEST(TimeRange, Equality)
{
    EXPECT_EQ(range("2012-10-11 10:00", "2012-10-11 11:00"), range("2012-10-11 10:00", "2012-10-11 11:00"));
    EXPECT_NE(range("2012-10-11 10:00", "2012-10-11 11:00"), range("2012-10-11 10:00", "2012-10-11 11:01"));
    EXPECT_NE(range("2012-10-11 10:00", "2012-10-11 11:00"), range("2012-10-11 09:59", "2012-10-11 11:00"));
}

}  // namespace
