#include <planner/holidays.hpp>

#include <planner/error.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include "error_message.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

// The expected lists are written out from published per-state tables (arbeitstage.org
// "Feiertage 2013/2019 in Bayern", de-kalender.de "Feiertage 2013", ka-news.de "Feiertage
// Sachsen 2023/2024", the per-state Wikipedia table) and the state laws cited in
// holidays.cpp, not computed with the code under test.

namespace {

namespace greg = boost::gregorian;

using planner::easter_sunday;
using planner::Holiday;
using planner::HolidayLookup;
using planner::public_holiday_on;
using planner::public_holidays;
using planner::testing::error_message;

greg::date day(const char* iso) { return greg::from_simple_string(iso); }

// "2012-01-01 Neujahr" lines read like the published tables and print readably on failure.
std::vector<std::string> listed(std::string_view state, int year)
{
    std::vector<std::string> lines;
    for (const auto& holiday : public_holidays(state, year)) {
        lines.push_back(greg::to_iso_extended_string(holiday.date) + " " + holiday.name);
    }
    return lines;
}

std::optional<std::string> name_on(std::string_view state, const char* iso)
{
    const auto holiday = public_holiday_on(state, day(iso));
    if (!holiday) {
        return std::nullopt;
    }
    return holiday->name;
}

TEST(Easter, KnownSundays)
{
    EXPECT_EQ(easter_sunday(2012), day("2012-04-08"));
    EXPECT_EQ(easter_sunday(2013), day("2013-03-31"));
    EXPECT_EQ(easter_sunday(2017), day("2017-04-16"));
    EXPECT_EQ(easter_sunday(2019), day("2019-04-21"));
    EXPECT_EQ(easter_sunday(2024), day("2024-03-31"));
    EXPECT_EQ(easter_sunday(2025), day("2025-04-20"));
    EXPECT_EQ(easter_sunday(2000), day("2000-04-23"));
}

TEST(Easter, EarliestAndLatestPossibleDates)
{
    EXPECT_EQ(easter_sunday(1818), day("1818-03-22"));
    EXPECT_EQ(easter_sunday(2285), day("2285-03-22"));
    EXPECT_EQ(easter_sunday(1943), day("1943-04-25"));
    EXPECT_EQ(easter_sunday(2038), day("2038-04-25"));
}

TEST(Easter, OnlyForGregorianYears)
{
    EXPECT_EQ(error_message([] { (void)easter_sunday(1582); }),
              "no Easter date for 1582: the Gregorian computation covers 1583 to 9999");
    EXPECT_EQ(error_message([] { (void)easter_sunday(10000); }),
              "no Easter date for 10000: the Gregorian computation covers 1583 to 9999");
}

TEST(PublicHolidays, BadenWuerttemberg2012)
{
    EXPECT_EQ(listed("DE-BW", 2012), (std::vector<std::string>{
                                         "2012-01-01 Neujahr",
                                         "2012-01-06 Heilige Drei Könige",
                                         "2012-04-06 Karfreitag",
                                         "2012-04-09 Ostermontag",
                                         "2012-05-01 Tag der Arbeit",
                                         "2012-05-17 Christi Himmelfahrt",
                                         "2012-05-28 Pfingstmontag",
                                         "2012-06-07 Fronleichnam",
                                         "2012-10-03 Tag der Deutschen Einheit",
                                         "2012-11-01 Allerheiligen",
                                         "2012-12-25 1. Weihnachtstag",
                                         "2012-12-26 2. Weihnachtstag",
                                     }));
}

// Dates only, for three states over five years, as the published per-state
// calendars list them (Baden-Württemberg and Bayern share their statewide days).
TEST(PublicHolidays, ThreeStatesOverFiveYears)
{
    const auto dates = [](std::string_view state, int year) {
        std::vector<std::string> result;
        for (const auto& holiday : public_holidays(state, year)) {
            result.push_back(greg::to_iso_extended_string(holiday.date).substr(5));
        }
        return result;
    };
    using Dates = std::vector<std::string>;
    const std::vector<std::pair<int, Dates>> south{
        {2012, {"01-01", "01-06", "04-06", "04-09", "05-01", "05-17", "05-28", "06-07", "10-03", "11-01", "12-25", "12-26"}},
        {2013, {"01-01", "01-06", "03-29", "04-01", "05-01", "05-09", "05-20", "05-30", "10-03", "11-01", "12-25", "12-26"}},
        {2017, {"01-01", "01-06", "04-14", "04-17", "05-01", "05-25", "06-05", "06-15", "10-03", "10-31", "11-01", "12-25",
                "12-26"}},
        {2019, {"01-01", "01-06", "04-19", "04-22", "05-01", "05-30", "06-10", "06-20", "10-03", "11-01", "12-25", "12-26"}},
        {2024, {"01-01", "01-06", "03-29", "04-01", "05-01", "05-09", "05-20", "05-30", "10-03", "11-01", "12-25", "12-26"}},
    };
    for (const auto& [year, expected] : south) {
        EXPECT_EQ(dates("DE-BW", year), expected) << year;
        EXPECT_EQ(dates("DE-BY", year), expected) << year;
    }
    const std::vector<std::pair<int, Dates>> berlin{
        {2012, {"01-01", "04-06", "04-09", "05-01", "05-17", "05-28", "10-03", "12-25", "12-26"}},
        {2013, {"01-01", "03-29", "04-01", "05-01", "05-09", "05-20", "10-03", "12-25", "12-26"}},
        {2017, {"01-01", "04-14", "04-17", "05-01", "05-25", "06-05", "10-03", "10-31", "12-25", "12-26"}},
        {2019, {"01-01", "03-08", "04-19", "04-22", "05-01", "05-30", "06-10", "10-03", "12-25", "12-26"}},
        {2024, {"01-01", "03-08", "03-29", "04-01", "05-01", "05-09", "05-20", "10-03", "12-25", "12-26"}},
    };
    for (const auto& [year, expected] : berlin) {
        EXPECT_EQ(dates("DE-BE", year), expected) << year;
    }
}

TEST(PublicHolidays, BadenWuerttemberg2017HasTheReformationJubilee)
{
    EXPECT_EQ(listed("DE-BW", 2017), (std::vector<std::string>{
                                         "2017-01-01 Neujahr",
                                         "2017-01-06 Heilige Drei Könige",
                                         "2017-04-14 Karfreitag",
                                         "2017-04-17 Ostermontag",
                                         "2017-05-01 Tag der Arbeit",
                                         "2017-05-25 Christi Himmelfahrt",
                                         "2017-06-05 Pfingstmontag",
                                         "2017-06-15 Fronleichnam",
                                         "2017-10-03 Tag der Deutschen Einheit",
                                         "2017-10-31 Reformationstag",
                                         "2017-11-01 Allerheiligen",
                                         "2017-12-25 1. Weihnachtstag",
                                         "2017-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, Bayern2013)
{
    EXPECT_EQ(listed("DE-BY", 2013), (std::vector<std::string>{
                                         "2013-01-01 Neujahr",
                                         "2013-01-06 Heilige Drei Könige",
                                         "2013-03-29 Karfreitag",
                                         "2013-04-01 Ostermontag",
                                         "2013-05-01 Tag der Arbeit",
                                         "2013-05-09 Christi Himmelfahrt",
                                         "2013-05-20 Pfingstmontag",
                                         "2013-05-30 Fronleichnam",
                                         "2013-10-03 Tag der Deutschen Einheit",
                                         "2013-11-01 Allerheiligen",
                                         "2013-12-25 1. Weihnachtstag",
                                         "2013-12-26 2. Weihnachtstag",
                                     }));
}

// Published Bavarian tables list 15 August too; it holds only in municipalities with a
// Catholic majority, so not in the whole state.
TEST(PublicHolidays, Bayern2019LeavesOutMariaeHimmelfahrt)
{
    EXPECT_EQ(listed("DE-BY", 2019), (std::vector<std::string>{
                                         "2019-01-01 Neujahr",
                                         "2019-01-06 Heilige Drei Könige",
                                         "2019-04-19 Karfreitag",
                                         "2019-04-22 Ostermontag",
                                         "2019-05-01 Tag der Arbeit",
                                         "2019-05-30 Christi Himmelfahrt",
                                         "2019-06-10 Pfingstmontag",
                                         "2019-06-20 Fronleichnam",
                                         "2019-10-03 Tag der Deutschen Einheit",
                                         "2019-11-01 Allerheiligen",
                                         "2019-12-25 1. Weihnachtstag",
                                         "2019-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, Berlin2012)
{
    EXPECT_EQ(listed("DE-BE", 2012), (std::vector<std::string>{
                                         "2012-01-01 Neujahr",
                                         "2012-04-06 Karfreitag",
                                         "2012-04-09 Ostermontag",
                                         "2012-05-01 Tag der Arbeit",
                                         "2012-05-17 Christi Himmelfahrt",
                                         "2012-05-28 Pfingstmontag",
                                         "2012-10-03 Tag der Deutschen Einheit",
                                         "2012-12-25 1. Weihnachtstag",
                                         "2012-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, Berlin2019)
{
    EXPECT_EQ(listed("DE-BE", 2019), (std::vector<std::string>{
                                         "2019-01-01 Neujahr",
                                         "2019-03-08 Internationaler Frauentag",
                                         "2019-04-19 Karfreitag",
                                         "2019-04-22 Ostermontag",
                                         "2019-05-01 Tag der Arbeit",
                                         "2019-05-30 Christi Himmelfahrt",
                                         "2019-06-10 Pfingstmontag",
                                         "2019-10-03 Tag der Deutschen Einheit",
                                         "2019-12-25 1. Weihnachtstag",
                                         "2019-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, Berlin2024)
{
    EXPECT_EQ(listed("DE-BE", 2024), (std::vector<std::string>{
                                         "2024-01-01 Neujahr",
                                         "2024-03-08 Internationaler Frauentag",
                                         "2024-03-29 Karfreitag",
                                         "2024-04-01 Ostermontag",
                                         "2024-05-01 Tag der Arbeit",
                                         "2024-05-09 Christi Himmelfahrt",
                                         "2024-05-20 Pfingstmontag",
                                         "2024-10-03 Tag der Deutschen Einheit",
                                         "2024-12-25 1. Weihnachtstag",
                                         "2024-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, Berlin2025HasTheDayOfLiberation)
{
    EXPECT_EQ(listed("DE-BE", 2025), (std::vector<std::string>{
                                         "2025-01-01 Neujahr",
                                         "2025-03-08 Internationaler Frauentag",
                                         "2025-04-18 Karfreitag",
                                         "2025-04-21 Ostermontag",
                                         "2025-05-01 Tag der Arbeit",
                                         "2025-05-08 Tag der Befreiung",
                                         "2025-05-29 Christi Himmelfahrt",
                                         "2025-06-09 Pfingstmontag",
                                         "2025-10-03 Tag der Deutschen Einheit",
                                         "2025-12-25 1. Weihnachtstag",
                                         "2025-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, Sachsen2013)
{
    EXPECT_EQ(listed("DE-SN", 2013), (std::vector<std::string>{
                                         "2013-01-01 Neujahr",
                                         "2013-03-29 Karfreitag",
                                         "2013-04-01 Ostermontag",
                                         "2013-05-01 Tag der Arbeit",
                                         "2013-05-09 Christi Himmelfahrt",
                                         "2013-05-20 Pfingstmontag",
                                         "2013-10-03 Tag der Deutschen Einheit",
                                         "2013-10-31 Reformationstag",
                                         "2013-11-20 Buß- und Bettag",
                                         "2013-12-25 1. Weihnachtstag",
                                         "2013-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, Sachsen2024)
{
    EXPECT_EQ(listed("DE-SN", 2024), (std::vector<std::string>{
                                         "2024-01-01 Neujahr",
                                         "2024-03-29 Karfreitag",
                                         "2024-04-01 Ostermontag",
                                         "2024-05-01 Tag der Arbeit",
                                         "2024-05-09 Christi Himmelfahrt",
                                         "2024-05-20 Pfingstmontag",
                                         "2024-10-03 Tag der Deutschen Einheit",
                                         "2024-10-31 Reformationstag",
                                         "2024-11-20 Buß- und Bettag",
                                         "2024-12-25 1. Weihnachtstag",
                                         "2024-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, NordrheinWestfalen2017)
{
    EXPECT_EQ(listed("DE-NW", 2017), (std::vector<std::string>{
                                         "2017-01-01 Neujahr",
                                         "2017-04-14 Karfreitag",
                                         "2017-04-17 Ostermontag",
                                         "2017-05-01 Tag der Arbeit",
                                         "2017-05-25 Christi Himmelfahrt",
                                         "2017-06-05 Pfingstmontag",
                                         "2017-06-15 Fronleichnam",
                                         "2017-10-03 Tag der Deutschen Einheit",
                                         "2017-10-31 Reformationstag",
                                         "2017-11-01 Allerheiligen",
                                         "2017-12-25 1. Weihnachtstag",
                                         "2017-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, NordrheinWestfalen2024)
{
    EXPECT_EQ(listed("DE-NW", 2024), (std::vector<std::string>{
                                         "2024-01-01 Neujahr",
                                         "2024-03-29 Karfreitag",
                                         "2024-04-01 Ostermontag",
                                         "2024-05-01 Tag der Arbeit",
                                         "2024-05-09 Christi Himmelfahrt",
                                         "2024-05-20 Pfingstmontag",
                                         "2024-05-30 Fronleichnam",
                                         "2024-10-03 Tag der Deutschen Einheit",
                                         "2024-11-01 Allerheiligen",
                                         "2024-12-25 1. Weihnachtstag",
                                         "2024-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, Thueringen2012)
{
    EXPECT_EQ(listed("DE-TH", 2012), (std::vector<std::string>{
                                         "2012-01-01 Neujahr",
                                         "2012-04-06 Karfreitag",
                                         "2012-04-09 Ostermontag",
                                         "2012-05-01 Tag der Arbeit",
                                         "2012-05-17 Christi Himmelfahrt",
                                         "2012-05-28 Pfingstmontag",
                                         "2012-10-03 Tag der Deutschen Einheit",
                                         "2012-10-31 Reformationstag",
                                         "2012-12-25 1. Weihnachtstag",
                                         "2012-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, Thueringen2019HasWeltkindertag)
{
    EXPECT_EQ(listed("DE-TH", 2019), (std::vector<std::string>{
                                         "2019-01-01 Neujahr",
                                         "2019-04-19 Karfreitag",
                                         "2019-04-22 Ostermontag",
                                         "2019-05-01 Tag der Arbeit",
                                         "2019-05-30 Christi Himmelfahrt",
                                         "2019-06-10 Pfingstmontag",
                                         "2019-09-20 Weltkindertag",
                                         "2019-10-03 Tag der Deutschen Einheit",
                                         "2019-10-31 Reformationstag",
                                         "2019-12-25 1. Weihnachtstag",
                                         "2019-12-26 2. Weihnachtstag",
                                     }));
}

// Brandenburg's law names Easter and Whit Sunday, although they are Sundays anyway.
TEST(PublicHolidays, Brandenburg2024HasEasterAndWhitSunday)
{
    EXPECT_EQ(listed("DE-BB", 2024), (std::vector<std::string>{
                                         "2024-01-01 Neujahr",
                                         "2024-03-29 Karfreitag",
                                         "2024-03-31 Ostersonntag",
                                         "2024-04-01 Ostermontag",
                                         "2024-05-01 Tag der Arbeit",
                                         "2024-05-09 Christi Himmelfahrt",
                                         "2024-05-19 Pfingstsonntag",
                                         "2024-05-20 Pfingstmontag",
                                         "2024-10-03 Tag der Deutschen Einheit",
                                         "2024-10-31 Reformationstag",
                                         "2024-12-25 1. Weihnachtstag",
                                         "2024-12-26 2. Weihnachtstag",
                                     }));
}

TEST(PublicHolidays, NationwideOnesForDE)
{
    EXPECT_EQ(listed("DE", 2024), (std::vector<std::string>{
                                      "2024-01-01 Neujahr",
                                      "2024-03-29 Karfreitag",
                                      "2024-04-01 Ostermontag",
                                      "2024-05-01 Tag der Arbeit",
                                      "2024-05-09 Christi Himmelfahrt",
                                      "2024-05-20 Pfingstmontag",
                                      "2024-10-03 Tag der Deutschen Einheit",
                                      "2024-12-25 1. Weihnachtstag",
                                      "2024-12-26 2. Weihnachtstag",
                                  }));
    EXPECT_EQ(name_on("DE", "2017-10-31"), "Reformationstag");
    EXPECT_EQ(name_on("DE", "2018-10-31"), std::nullopt);
    EXPECT_EQ(name_on("DE", "1994-11-16"), "Buß- und Bettag");
    EXPECT_EQ(name_on("DE", "1995-11-22"), std::nullopt);
    EXPECT_EQ(name_on("DE", "2024-11-01"), std::nullopt);
}

// Published counts of statutory holidays per state in 2024, Sundays included for
// Brandenburg and the Catholic-municipality day left out for Bayern.
TEST(PublicHolidays, EveryStateIsKnown)
{
    const std::array<std::pair<std::string_view, std::size_t>, 16> counts{{
        {"DE-BW", 12}, {"DE-BY", 12}, {"DE-BE", 10}, {"DE-BB", 12}, {"DE-HB", 10}, {"DE-HH", 10},
        {"DE-HE", 10}, {"DE-MV", 11}, {"DE-NI", 10}, {"DE-NW", 11}, {"DE-RP", 11}, {"DE-SL", 12},
        {"DE-SN", 11}, {"DE-ST", 11}, {"DE-SH", 10}, {"DE-TH", 11},
    }};
    for (const auto& [state, count] : counts) {
        EXPECT_EQ(public_holidays(state, 2024).size(), count) << state;
    }
}

TEST(PublicHolidays, HessenHasNoEasterSundayOfItsOwn)
{
    EXPECT_EQ(name_on("DE-HE", "2024-03-31"), std::nullopt);
    EXPECT_EQ(name_on("DE-HE", "2024-05-30"), "Fronleichnam");
}

TEST(PublicHolidays, OnlyForGermanStates)
{
    EXPECT_TRUE(public_holidays("AT-9", 2024).empty());
    EXPECT_TRUE(public_holidays("", 2024).empty());
    EXPECT_TRUE(public_holidays("DE-XX", 2024).empty());
    EXPECT_TRUE(public_holidays("de-bw", 2024).empty());
    EXPECT_EQ(public_holiday_on("AT-9", day("2024-12-25")), std::nullopt);
}

TEST(PublicHolidays, TableStartsIn1990)
{
    EXPECT_EQ(error_message([] { (void)public_holidays("DE-BW", 1989); }),
              "no public holidays for 1989: the table starts in 1990");
    EXPECT_EQ(error_message([] { (void)public_holiday_on("DE-BW", day("1989-12-25")); }),
              "no public holidays for 1989: the table starts in 1990");
    EXPECT_EQ(error_message([] { (void)public_holidays("DE-BW", 10000); }),
              "no public holidays for 10000: the calendar ends in 9999");
    EXPECT_EQ(listed("DE-BW", 1990).front(), "1990-01-01 Neujahr");
}

TEST(PublicHolidays, TwoOnOneDayAreBothListed)
{
    const auto holidays = public_holidays("DE", 2008);
    const Holiday labour_day{day("2008-05-01"), "Tag der Arbeit"};
    const Holiday ascension{day("2008-05-01"), "Christi Himmelfahrt"};
    EXPECT_EQ(std::count(holidays.begin(), holidays.end(), labour_day), 1);
    EXPECT_EQ(std::count(holidays.begin(), holidays.end(), ascension), 1);
    EXPECT_EQ(public_holiday_on("DE", day("2008-05-01")), labour_day);
}

TEST(PublicHolidayOn, FindsTheHoliday)
{
    EXPECT_EQ(public_holiday_on("DE-BW", day("2012-10-03")), (Holiday{day("2012-10-03"), "Tag der Deutschen Einheit"}));
    EXPECT_EQ(public_holiday_on("DE-BY", day("2024-05-30")), (Holiday{day("2024-05-30"), "Fronleichnam"}));
}

TEST(PublicHolidayOn, NormalDayHasNone)
{
    // The Immenstaad meeting of the seed press release.
    EXPECT_EQ(public_holiday_on("DE-BW", day("2012-10-11")), std::nullopt);
    EXPECT_EQ(public_holiday_on("DE-BW", day("2024-10-31")), std::nullopt);
    EXPECT_EQ(public_holiday_on("DE-BW", greg::date(boost::date_time::not_a_date_time)), std::nullopt);
}

TEST(PublicHolidayOn, FrauentagFromIntroduction)
{
    EXPECT_EQ(name_on("DE-BE", "2018-03-08"), std::nullopt);
    EXPECT_EQ(name_on("DE-BE", "2019-03-08"), "Internationaler Frauentag");
    EXPECT_EQ(name_on("DE-MV", "2022-03-08"), std::nullopt);
    EXPECT_EQ(name_on("DE-MV", "2023-03-08"), "Internationaler Frauentag");
    EXPECT_EQ(name_on("DE-BB", "2024-03-08"), std::nullopt);
}

TEST(PublicHolidayOn, WeltkindertagFrom2019)
{
    EXPECT_EQ(name_on("DE-TH", "2018-09-20"), std::nullopt);
    EXPECT_EQ(name_on("DE-TH", "2019-09-20"), "Weltkindertag");
    EXPECT_EQ(name_on("DE-SN", "2019-09-20"), std::nullopt);
}

TEST(PublicHolidayOn, ReformationstagInTheNorthFrom2018)
{
    EXPECT_EQ(name_on("DE-NI", "2016-10-31"), std::nullopt);
    EXPECT_EQ(name_on("DE-NI", "2017-10-31"), "Reformationstag");  // nationwide that year
    EXPECT_EQ(name_on("DE-NI", "2018-10-31"), "Reformationstag");
    EXPECT_EQ(name_on("DE-HH", "2018-10-31"), "Reformationstag");
    EXPECT_EQ(name_on("DE-BY", "2018-10-31"), std::nullopt);
    EXPECT_EQ(name_on("DE-ST", "1991-10-31"), "Reformationstag");
    // Listed once where it already was a holiday before the jubilee.
    const auto saxony = public_holidays("DE-SN", 2017);
    EXPECT_EQ(std::count(saxony.begin(), saxony.end(), Holiday{day("2017-10-31"), "Reformationstag"}), 1);
}

TEST(PublicHolidayOn, BussUndBettagOnlyInSachsenFrom1995)
{
    EXPECT_EQ(name_on("DE-BW", "1994-11-16"), "Buß- und Bettag");
    EXPECT_EQ(name_on("DE-BW", "1995-11-22"), std::nullopt);
    EXPECT_EQ(name_on("DE-SN", "1995-11-22"), "Buß- und Bettag");
    EXPECT_EQ(name_on("DE-SN", "2012-11-21"), "Buß- und Bettag");
    EXPECT_EQ(name_on("DE-SN", "2017-11-22"), "Buß- und Bettag");
}

TEST(PublicHolidayOn, DreikoenigInSachsenAnhaltFrom1993)
{
    EXPECT_EQ(name_on("DE-ST", "1992-01-06"), std::nullopt);
    EXPECT_EQ(name_on("DE-ST", "1993-01-06"), "Heilige Drei Könige");
    EXPECT_EQ(name_on("DE-BY", "1990-01-06"), "Heilige Drei Könige");
}

TEST(PublicHolidayOn, BrandenburgSundaysFromItsLawOf1991)
{
    EXPECT_EQ(name_on("DE-BB", "1990-04-15"), std::nullopt);
    EXPECT_EQ(name_on("DE-BB", "1991-03-31"), "Ostersonntag");
    EXPECT_EQ(name_on("DE-BB", "1991-05-19"), "Pfingstsonntag");
}

TEST(PublicHolidayOn, BerlinOneOffDays)
{
    EXPECT_EQ(name_on("DE-BE", "2020-05-08"), "Tag der Befreiung");
    EXPECT_EQ(name_on("DE-BE", "2025-05-08"), "Tag der Befreiung");
    EXPECT_EQ(name_on("DE-BE", "2024-05-08"), std::nullopt);
    EXPECT_EQ(name_on("DE-BE", "2030-05-08"), std::nullopt);
    EXPECT_EQ(name_on("DE-BB", "2025-05-08"), std::nullopt);
    EXPECT_EQ(name_on("DE-BE", "2028-06-17"), "75. Jahrestag des Aufstandes vom 17. Juni 1953");
    EXPECT_EQ(name_on("DE-BE", "2029-06-17"), std::nullopt);
}

TEST(PublicHolidayOn, MunicipalDaysAreNotStatewide)
{
    EXPECT_EQ(name_on("DE-SL", "2024-08-15"), "Mariä Himmelfahrt");
    EXPECT_EQ(name_on("DE-BY", "2024-08-15"), std::nullopt);
    EXPECT_EQ(name_on("DE-SN", "2024-05-30"), std::nullopt);
    EXPECT_EQ(name_on("DE-TH", "2024-05-30"), std::nullopt);
    EXPECT_EQ(name_on("DE-BY", "2024-08-08"), std::nullopt);  // Augsburg only
}

// Both threads start on years no other test touched, so they race to fill the cache.
TEST(PublicHolidayOn, SameAnswersFromTwoThreads)
{
    const std::array<std::string_view, 5> states{"DE-BW", "DE-BE", "DE-SN", "DE-TH", "DE"};
    const greg::date first(2100, 1, 1);
    const greg::date last(2139, 12, 31);

    auto look_up_all = [&](bool backwards) {
        std::vector<std::optional<Holiday>> answers;
        const auto days = static_cast<std::size_t>((last - first).days() + 1);
        answers.reserve(days * states.size());
        for (std::size_t offset = 0; offset < days; ++offset) {
            const auto step = static_cast<long>(backwards ? days - 1 - offset : offset);
            for (const auto state : states) {
                answers.push_back(public_holiday_on(state, first + greg::days(step)));
            }
        }
        return answers;
    };
    std::vector<std::optional<Holiday>> forwards;
    std::vector<std::optional<Holiday>> backwards;
    std::thread one([&] { forwards = look_up_all(false); });
    std::thread other([&] { backwards = look_up_all(true); });
    one.join();
    other.join();

    const auto days = static_cast<std::size_t>((last - first).days() + 1);
    std::size_t holidays_seen = 0;
    std::size_t mismatches = 0;
    for (std::size_t offset = 0; offset < days; ++offset) {
        const auto date = first + greg::days(static_cast<long>(offset));
        for (std::size_t index = 0; index < states.size(); ++index) {
            const auto listed_holidays = public_holidays(states[index], date.year());
            std::optional<Holiday> expected;
            for (const auto& holiday : listed_holidays) {
                if (holiday.date == date) {
                    expected = holiday;
                    break;
                }
            }
            holidays_seen += expected ? 1U : 0U;
            const auto& forward = forwards[offset * states.size() + index];
            const auto& backward = backwards[(days - 1 - offset) * states.size() + index];
            mismatches += (forward != expected ? 1U : 0U) + (backward != expected ? 1U : 0U);
        }
    }
    EXPECT_EQ(mismatches, 0U);
    EXPECT_GT(holidays_seen, 40U * 8U * states.size());
}

TEST(HolidayLookup, AgreesWithTheTableDayByDayAcrossYearsAskedInAnyOrder)
{
    HolidayLookup lookup;
    // Later years first, then earlier ones: the lookup widens its range both ways.
    for (const auto year : {greg::date(2013, 1, 1).year(), greg::date(1995, 1, 1).year(),
                            greg::date(2030, 1, 1).year(), greg::date(2012, 1, 1).year()}) {
        for (auto day = greg::date(year, 1, 1); day.year() == year; day += greg::days(1)) {
            const auto* found = lookup.on("DE-BY", HolidayLookup::day_number(day));
            const auto expected = public_holiday_on("DE-BY", day);
            ASSERT_EQ(found != nullptr, expected.has_value()) << greg::to_iso_extended_string(day);
            if (found != nullptr) {
                EXPECT_EQ(*found, *expected);
            }
        }
    }
    EXPECT_EQ(HolidayLookup::day_number(greg::date(1970, 1, 1)), 0);
}

TEST(HolidayLookup, KnowsNoHolidaysBeforeTheTableAndNoneOutsideGermany)
{
    HolidayLookup lookup;
    EXPECT_EQ(lookup.on("DE-BW", HolidayLookup::day_number(greg::date(1989, 12, 25))), nullptr);
    EXPECT_NE(lookup.on("DE-BW", HolidayLookup::day_number(greg::date(1990, 12, 25))), nullptr);
    EXPECT_EQ(lookup.on("AT-9", HolidayLookup::day_number(greg::date(2013, 12, 25))), nullptr);
}

TEST(HolidayLookup, ListedDaysOffAreFoundApartFromTheStatutoryOnes)
{
    const std::vector<planner::ListedHoliday> listed{
        {"DE-BW", {greg::date(2013, 7, 26), "Sommerferien"}},
        {"DE-BW", {greg::date(2013, 7, 25), "Sommerferien"}},
        {"CH-TG", {greg::date(2013, 8, 1), "Bundesfeier"}},
        {"DE-BW", {greg::date(2013, 10, 3), "Herbstferien"}},
    };
    HolidayLookup lookup(listed);
    const auto day = [](int month, int day_of_month) {
        return HolidayLookup::day_number(
            greg::date(2013, static_cast<unsigned short>(month), static_cast<unsigned short>(day_of_month)));
    };
    ASSERT_NE(lookup.listed_on("DE-BW", day(7, 25)), nullptr);
    EXPECT_EQ(lookup.listed_on("DE-BW", day(7, 26))->name, "Sommerferien");
    EXPECT_EQ(lookup.listed_on("DE-BW", day(7, 27)), nullptr);
    EXPECT_EQ(lookup.listed_on("DE-BY", day(7, 25)), nullptr);
    EXPECT_EQ(lookup.listed_on("CH-TG", day(8, 1))->name, "Bundesfeier");
    // A statutory holiday stays one; the listed day is found beside it.
    EXPECT_EQ(lookup.on("DE-BW", day(10, 3))->name, "Tag der Deutschen Einheit");
    EXPECT_EQ(lookup.listed_on("DE-BW", day(10, 3))->name, "Herbstferien");
    EXPECT_EQ(lookup.on("CH-TG", day(8, 1)), nullptr);
}

}  // namespace
