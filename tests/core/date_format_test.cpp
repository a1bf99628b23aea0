#include <planner/date_format.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace pt = boost::posix_time;

using planner::TimeRange;

const planner::TimeZone& berlin() { return planner::time_zone("Europe/Berlin"); }

pt::ptime local(const std::string& text) { return berlin().to_utc(pt::time_from_string(text + ":00")); }

std::string german(const std::string& start, const std::string& end)
{
    return planner::format_german(TimeRange(local(start), local(end)), berlin());
}

TEST(FormatGerman, TheImmenstaadMeeting)
{
    EXPECT_EQ(german("2012-10-11 14:00", "2012-10-11 17:00"), "Donnerstag, 11. Oktober 2012, 14:00\u201317:00 Uhr");
}

TEST(FormatGerman, TheDashIsAnEnDash)
{
    const auto text = german("2012-10-11 14:00", "2012-10-11 17:00");
    EXPECT_NE(text.find("14:00\xE2\x80\x93" "17:00"), std::string::npos) << text;
    EXPECT_EQ(text.find("14:00-17:00"), std::string::npos) << text;
}

TEST(FormatGerman, ShowsTheTimesOfTheZoneNotOfUtc)
{
    // 12:00Z-15:00Z is 14:00-17:00 in Berlin in summer and 13:00-16:00 in winter.
    const TimeRange summer(pt::time_from_string("2012-10-11 12:00:00"), pt::time_from_string("2012-10-11 15:00:00"));
    EXPECT_EQ(planner::format_german(summer, berlin()), "Donnerstag, 11. Oktober 2012, 14:00\u201317:00 Uhr");
    const TimeRange winter(pt::time_from_string("2013-01-15 12:00:00"), pt::time_from_string("2013-01-15 15:00:00"));
    EXPECT_EQ(planner::format_german(winter, berlin()), "Dienstag, 15. Januar 2013, 13:00\u201316:00 Uhr");
}

TEST(FormatGerman, MarchHasAnUmlaut)
{
    EXPECT_EQ(german("2013-03-05 09:00", "2013-03-05 10:30"), "Dienstag, 5. M\xC3\xA4rz 2013, 09:00\u201310:30 Uhr");
}

TEST(FormatGerman, AcrossMidnightNamesBothDays)
{
    EXPECT_EQ(german("2012-10-11 22:00", "2012-10-12 01:30"),
              "Donnerstag, 11. Oktober 2012, 22:00 Uhr \u2013 Freitag, 12. Oktober 2012, 01:30 Uhr");
}

TEST(FormatGerman, AcrossTheTurnOfTheYear)
{
    EXPECT_EQ(german("2012-12-31 20:00", "2013-01-01 02:00"),
              "Montag, 31. Dezember 2012, 20:00 Uhr \u2013 Dienstag, 1. Januar 2013, 02:00 Uhr");
}

TEST(FormatGerman, EveryWeekday)
{
    // Sunday 2012-10-07 to Saturday 2012-10-13.
    const std::vector<std::string> expected{"Sonntag", "Montag", "Dienstag", "Mittwoch",
                                            "Donnerstag", "Freitag", "Samstag"};
    for (int day = 7; day <= 13; ++day) {
        const auto date = "2012-10-" + std::to_string(day);
        const auto text = german(date + " 10:00", date + " 11:00");
        EXPECT_EQ(text, expected[static_cast<std::size_t>(day - 7)] + ", " + std::to_string(day) +
                            ". Oktober 2012, 10:00\u201311:00 Uhr");
    }
}

TEST(FormatGerman, EveryMonth)
{
    const std::vector<std::string> months{"Januar", "Februar", "M\xC3\xA4rz", "April", "Mai", "Juni",
                                          "Juli", "August", "September", "Oktober", "November", "Dezember"};
    for (int month = 1; month <= 12; ++month) {
        const auto date = std::string("2013-") + (month < 10 ? "0" : "") + std::to_string(month) + "-15";
        const auto text = german(date + " 10:00", date + " 11:00");
        EXPECT_NE(text.find(", 15. " + months[static_cast<std::size_t>(month - 1)] + " 2013, 10:00"),
                  std::string::npos)
            << text;
    }
}

TEST(FormatGerman, OnTheSpringForwardDay)
{
    // 01:30 CET to 03:30 CEST: one hour, shown with the wall-clock times.
    EXPECT_EQ(german("2013-03-31 01:30", "2013-03-31 03:30"), "Sonntag, 31. M\xC3\xA4rz 2013, 01:30\u201303:30 Uhr");
}

TEST(FormatEnglish, NamesBothDaysOfAMeetingOverMidnight)
{
    const auto& zone = planner::time_zone("Europe/Berlin");
    const planner::TimeRange range(
        boost::posix_time::ptime(boost::gregorian::date(2012, 10, 11), boost::posix_time::hours(18)),
        boost::posix_time::ptime(boost::gregorian::date(2012, 10, 12), boost::posix_time::hours(7)));
    EXPECT_EQ(planner::format_english(range, zone), "Thursday, 11 October 2012, 20:00 – Friday, 12 October 2012, 09:00");
}

TEST(FormatEnglish, OneDay)
{
    const auto& zone = planner::time_zone("Europe/Berlin");
    const planner::TimeRange range(
        boost::posix_time::ptime(boost::gregorian::date(2012, 10, 11), boost::posix_time::hours(12)),
        boost::posix_time::ptime(boost::gregorian::date(2012, 10, 11), boost::posix_time::hours(15)));
    EXPECT_EQ(planner::format_english(range, zone), "Thursday, 11 October 2012, 14:00–17:00");
}

}  // namespace
