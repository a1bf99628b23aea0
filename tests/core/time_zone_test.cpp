#include <planner/time_zone.hpp>

#include <planner/error.hpp>
#include <planner/time_range.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include "error_message.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

using planner::TimeZone;
using planner::TransitionRule;

// "2012-10-11 14:00" or "2012-10-11 14:00:30"
pt::ptime at(const std::string& text)
{
    return pt::time_from_string(text.size() == 16 ? text + ":00" : text);
}

pt::time_duration hm(int hours, int minutes = 0)
{
    return pt::hours(hours) + pt::minutes(minutes);
}

// The what() of the planner::Error that `action` throws, or a test failure.
using planner::testing::error_message;

const TimeZone& berlin() { return planner::time_zone("Europe/Berlin"); }

// ------------------------------------------------------------ the system zone file

TEST(TimeZone, BerlinIsReadFromTheSystemZoneFile)
{
    const auto& zone = berlin();
    EXPECT_EQ(zone.name(), "Europe/Berlin");
    EXPECT_EQ(zone.standard_abbreviation(), "CET");
    EXPECT_EQ(zone.standard_offset(), pt::hours(1));
    ASSERT_TRUE(zone.daylight_saving().has_value());
    const auto& dst = *zone.daylight_saving();
    EXPECT_EQ(dst.abbreviation, "CEST");
    EXPECT_EQ(dst.utc_offset, pt::hours(2));
    EXPECT_EQ(dst.starts, (TransitionRule{3, 5, 0, pt::hours(2)}));
    EXPECT_EQ(dst.ends, (TransitionRule{10, 5, 0, pt::hours(3)}));
}

// A TZID from someone's calendar must not open anything outside the zone folder: a
// pipe there would block the import, /dev/zero would be read forever.
TEST(TimeZone, ANameLeavingTheZoneFolderIsRefusedBeforeAnythingIsOpened)
{
    char folder_template[] = "/tmp/planner-zone-XXXXXX";
    ASSERT_NE(::mkdtemp(folder_template), nullptr);
    const std::filesystem::path folder(folder_template);
    const auto pipe = folder / "pipe";
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    const std::string name = "../../.." + pipe.string();
    std::string refused;
    std::thread reading([&] {
        try {
            static_cast<void>(planner::time_zone(name));
        } catch (const planner::Error& error) {
            refused = error.what();
        }
    });
    // A writer can open the pipe without waiting only while someone has it open to read.
    bool opened_by_the_reader = false;
    for (int attempt = 0; attempt < 20 && !opened_by_the_reader; ++attempt) {
        if (const int writer = ::open(pipe.c_str(), O_WRONLY | O_NONBLOCK); writer >= 0) {
            opened_by_the_reader = true;
            ::close(writer);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    reading.join();
    std::filesystem::remove_all(folder);
    EXPECT_FALSE(opened_by_the_reader);
    EXPECT_EQ(refused, "unknown time zone '" + name + "', expected an IANA name like 'Europe/Berlin'");
}

TEST(TimeZone, TheSameNameGivesTheSameCachedZone)
{
    EXPECT_EQ(&planner::time_zone("Europe/Berlin"), &planner::time_zone("Europe/Berlin"));
    EXPECT_NE(&planner::time_zone("Europe/Berlin"), &planner::time_zone("Asia/Tokyo"));
}

TEST(TimeZone, DefaultZoneIsBerlin)
{
    EXPECT_EQ(planner::default_time_zone, "Europe/Berlin");
}

// ------------------------------------------------------------ Europe/Berlin: to_utc

TEST(TimeZone, SummerLocalTimeIsTwoHoursAheadOfUtc)
{
    EXPECT_EQ(berlin().to_utc(at("2012-10-11 14:00")), at("2012-10-11 12:00"));
}

TEST(TimeZone, WinterLocalTimeIsOneHourAheadOfUtc)
{
    EXPECT_EQ(berlin().to_utc(at("2013-01-15 10:00")), at("2013-01-15 09:00"));
}

TEST(TimeZone, SpringForwardGapDoesNotExist)
{
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("2013-03-31 02:30"))); }),
              "local time 2013-03-31 02:30 does not exist in Europe/Berlin (the clocks spring forward over it)");
}

TEST(TimeZone, SpringForwardGapIncludesItsFirstAndLastMinute)
{
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("2013-03-31 02:00"))); }),
              "local time 2013-03-31 02:00 does not exist in Europe/Berlin (the clocks spring forward over it)");
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("2013-03-31 02:59:59"))); }),
              "local time 2013-03-31 02:59 does not exist in Europe/Berlin (the clocks spring forward over it)");
}

TEST(TimeZone, TimesRightBeforeAndAfterTheSpringGapExist)
{
    EXPECT_EQ(berlin().to_utc(at("2013-03-31 01:59")), at("2013-03-31 00:59"));
    EXPECT_EQ(berlin().to_utc(at("2013-03-31 01:59:59")), at("2013-03-31 00:59:59"));
    EXPECT_EQ(berlin().to_utc(at("2013-03-31 03:00")), at("2013-03-31 01:00"));
}

TEST(TimeZone, AutumnHourHappensTwice)
{
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("2012-10-28 02:30"))); }),
              "local time 2012-10-28 02:30 happens twice in Europe/Berlin (the clocks go back, so it is both "
              "+02:00 and +01:00); give the offset explicitly, e.g. 2012-10-28T02:30:00+01:00");
}

TEST(TimeZone, DoubledHourStartsAtTwoAndEndsBeforeThree)
{
    EXPECT_THROW(static_cast<void>(berlin().to_utc(at("2012-10-28 02:00"))), planner::Error);
    EXPECT_THROW(static_cast<void>(berlin().to_utc(at("2012-10-28 02:59:59"))), planner::Error);
    EXPECT_EQ(berlin().to_utc(at("2012-10-28 01:59")), at("2012-10-27 23:59"));
    EXPECT_EQ(berlin().to_utc(at("2012-10-28 03:00")), at("2012-10-28 02:00"));
}

TEST(TimeZone, ExplicitOffsetResolvesTheDoubledHour)
{
    EXPECT_EQ(berlin().to_utc(at("2012-10-28 02:30"), pt::hours(2)), at("2012-10-28 00:30"));
    EXPECT_EQ(berlin().to_utc(at("2012-10-28 02:30"), pt::hours(1)), at("2012-10-28 01:30"));
}

TEST(TimeZone, ExplicitOffsetThatTheZoneUsesIsAccepted)
{
    EXPECT_EQ(berlin().to_utc(at("2012-10-11 14:00"), pt::hours(2)), at("2012-10-11 12:00"));
    EXPECT_EQ(berlin().to_utc(at("2013-01-15 10:00"), pt::hours(1)), at("2013-01-15 09:00"));
}

TEST(TimeZone, WrongExplicitOffsetIsRejected)
{
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("2012-10-11 14:00"), pt::hours(1))); }),
              "local time 2012-10-11 14:00 with offset +01:00 is not a time of Europe/Berlin, which is at +02:00 "
              "then");
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("2013-01-15 10:00"), pt::hours(0))); }),
              "local time 2013-01-15 10:00 with offset +00:00 is not a time of Europe/Berlin, which is at +01:00 "
              "then");
}

TEST(TimeZone, ExplicitOffsetCannotSmuggleInATimeOfTheSpringGap)
{
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("2013-03-31 02:30"), pt::hours(1))); }),
              "local time 2013-03-31 02:30 with offset +01:00 is not a time of Europe/Berlin, which is at +02:00 "
              "then");
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("2013-03-31 02:30"), pt::hours(2))); }),
              "local time 2013-03-31 02:30 with offset +02:00 is not a time of Europe/Berlin, which is at +01:00 "
              "then");
}

// ------------------------------------------------------------ Europe/Berlin: offsets

TEST(TimeZone, OffsetChangesExactlyAtTheSpringTransition)
{
    EXPECT_EQ(berlin().utc_offset_at(at("2013-03-31 00:59:59")), pt::hours(1));
    EXPECT_EQ(berlin().utc_offset_at(at("2013-03-31 01:00:00")), pt::hours(2));
}

TEST(TimeZone, OffsetChangesExactlyAtTheAutumnTransition)
{
    EXPECT_EQ(berlin().utc_offset_at(at("2012-10-28 00:59:59")), pt::hours(2));
    EXPECT_EQ(berlin().utc_offset_at(at("2012-10-28 01:00:00")), pt::hours(1));
}

TEST(TimeZone, ToLocalAroundTheTransitions)
{
    EXPECT_EQ(berlin().to_local(at("2013-03-31 00:59:59")), at("2013-03-31 01:59:59"));
    EXPECT_EQ(berlin().to_local(at("2013-03-31 01:00")), at("2013-03-31 03:00"));
    // The doubled hour: two instants an hour apart show the same wall clock.
    EXPECT_EQ(berlin().to_local(at("2012-10-28 00:30")), at("2012-10-28 02:30"));
    EXPECT_EQ(berlin().to_local(at("2012-10-28 01:30")), at("2012-10-28 02:30"));
}

TEST(TimeZone, ToLocalAndToUtcRoundTripOnANormalDay)
{
    const auto utc = at("2012-10-11 12:00");
    EXPECT_EQ(berlin().to_local(utc), at("2012-10-11 14:00"));
    EXPECT_EQ(berlin().to_utc(berlin().to_local(utc)), utc);
}

// ------------------------------------------------------------ other zones

TEST(TimeZone, TokyoHasNoDaylightSaving)
{
    const auto& tokyo = planner::time_zone("Asia/Tokyo");
    EXPECT_EQ(tokyo.name(), "Asia/Tokyo");
    EXPECT_EQ(tokyo.standard_abbreviation(), "JST");
    EXPECT_EQ(tokyo.standard_offset(), pt::hours(9));
    EXPECT_FALSE(tokyo.daylight_saving().has_value());
    EXPECT_EQ(tokyo.utc_offset_at(at("2013-01-15 00:00")), pt::hours(9));
    EXPECT_EQ(tokyo.utc_offset_at(at("2013-07-15 00:00")), pt::hours(9));
    // Berlin's gap and doubled hour mean nothing in Tokyo.
    EXPECT_EQ(tokyo.to_utc(at("2013-03-31 02:30")), at("2013-03-30 17:30"));
    EXPECT_EQ(tokyo.to_utc(at("2012-10-28 02:30")), at("2012-10-27 17:30"));
}

TEST(TimeZone, UtcIsTheIdentity)
{
    const auto& utc = planner::time_zone("UTC");
    EXPECT_EQ(utc.standard_abbreviation(), "UTC");
    EXPECT_EQ(utc.standard_offset(), pt::hours(0));
    EXPECT_FALSE(utc.daylight_saving().has_value());
    EXPECT_EQ(utc.to_utc(at("2013-03-31 02:30")), at("2013-03-31 02:30"));
    EXPECT_EQ(utc.to_local(at("2012-10-28 02:30")), at("2012-10-28 02:30"));
    EXPECT_EQ(utc.to_utc(at("2012-10-28 02:30"), pt::hours(0)), at("2012-10-28 02:30"));
    EXPECT_THROW(static_cast<void>(utc.to_utc(at("2012-10-28 02:30"), pt::hours(1))), planner::Error);
}

TEST(TimeZone, SydneyHasDaylightSavingInTheSouthernSummer)
{
    const auto& sydney = planner::time_zone("Australia/Sydney");
    EXPECT_EQ(sydney.standard_abbreviation(), "AEST");
    EXPECT_EQ(sydney.standard_offset(), pt::hours(10));
    ASSERT_TRUE(sydney.daylight_saving().has_value());
    EXPECT_EQ(sydney.daylight_saving()->abbreviation, "AEDT");
    EXPECT_EQ(sydney.daylight_saving()->starts, (TransitionRule{10, 1, 0, pt::hours(2)}));
    EXPECT_EQ(sydney.daylight_saving()->ends, (TransitionRule{4, 1, 0, pt::hours(3)}));
    EXPECT_EQ(sydney.utc_offset_at(at("2013-01-15 00:00")), pt::hours(11));
    EXPECT_EQ(sydney.utc_offset_at(at("2013-07-15 00:00")), pt::hours(10));
    EXPECT_EQ(sydney.to_utc(at("2013-01-15 10:00")), at("2013-01-14 23:00"));
    EXPECT_EQ(sydney.to_utc(at("2013-07-15 10:00")), at("2013-07-15 00:00"));
}

TEST(TimeZone, SydneyTransitionsAndTheTurnOfTheYear)
{
    const auto& sydney = planner::time_zone("Australia/Sydney");
    // Daylight time ends 2013-04-07 03:00 AEDT = 2013-04-06 16:00Z.
    EXPECT_EQ(sydney.utc_offset_at(at("2013-04-06 15:59:59")), pt::hours(11));
    EXPECT_EQ(sydney.utc_offset_at(at("2013-04-06 16:00:00")), pt::hours(10));
    // It starts 2013-10-06 02:00 AEST = 2013-10-05 16:00Z.
    EXPECT_EQ(sydney.utc_offset_at(at("2013-10-05 15:59:59")), pt::hours(10));
    EXPECT_EQ(sydney.utc_offset_at(at("2013-10-05 16:00:00")), pt::hours(11));
    // New Year's Eve in UTC is already New Year's Day in Sydney: still summer.
    EXPECT_EQ(sydney.utc_offset_at(at("2012-12-31 13:30")), pt::hours(11));
    EXPECT_EQ(sydney.to_local(at("2012-12-31 13:30")), at("2013-01-01 00:30"));
}

TEST(TimeZone, SydneyGapAndDoubledHour)
{
    const auto& sydney = planner::time_zone("Australia/Sydney");
    EXPECT_EQ(error_message([&] { static_cast<void>(sydney.to_utc(at("2013-10-06 02:30"))); }),
              "local time 2013-10-06 02:30 does not exist in Australia/Sydney (the clocks spring forward over it)");
    EXPECT_EQ(error_message([&] { static_cast<void>(sydney.to_utc(at("2013-04-07 02:30"))); }),
              "local time 2013-04-07 02:30 happens twice in Australia/Sydney (the clocks go back, so it is both "
              "+11:00 and +10:00); give the offset explicitly, e.g. 2013-04-07T02:30:00+10:00");
    EXPECT_EQ(sydney.to_utc(at("2013-04-07 02:30"), pt::hours(11)), at("2013-04-06 15:30"));
    EXPECT_EQ(sydney.to_utc(at("2013-04-07 02:30"), pt::hours(10)), at("2013-04-06 16:30"));
}

TEST(TimeZone, NewYorkIsBehindUtc)
{
    const auto& new_york = planner::time_zone("America/New_York");
    EXPECT_EQ(new_york.standard_abbreviation(), "EST");
    EXPECT_EQ(new_york.standard_offset(), -pt::hours(5));
    ASSERT_TRUE(new_york.daylight_saving().has_value());
    EXPECT_EQ(new_york.daylight_saving()->abbreviation, "EDT");
    EXPECT_EQ(new_york.daylight_saving()->utc_offset, -pt::hours(4));
    EXPECT_EQ(new_york.to_utc(at("2013-01-15 10:00")), at("2013-01-15 15:00"));
    EXPECT_EQ(new_york.to_utc(at("2013-07-15 10:00")), at("2013-07-15 14:00"));
    // Second Sunday of March, 02:00 EST = 07:00Z; first Sunday of November, 02:00 EDT = 06:00Z.
    EXPECT_EQ(new_york.utc_offset_at(at("2013-03-10 06:59:59")), -pt::hours(5));
    EXPECT_EQ(new_york.utc_offset_at(at("2013-03-10 07:00:00")), -pt::hours(4));
    EXPECT_EQ(new_york.utc_offset_at(at("2013-11-03 05:59:59")), -pt::hours(4));
    EXPECT_EQ(new_york.utc_offset_at(at("2013-11-03 06:00:00")), -pt::hours(5));
}

TEST(TimeZone, NewYorkGapAndDoubledHour)
{
    const auto& new_york = planner::time_zone("America/New_York");
    EXPECT_EQ(error_message([&] { static_cast<void>(new_york.to_utc(at("2013-03-10 02:30"))); }),
              "local time 2013-03-10 02:30 does not exist in America/New_York (the clocks spring forward over it)");
    EXPECT_EQ(error_message([&] { static_cast<void>(new_york.to_utc(at("2013-11-03 01:30"))); }),
              "local time 2013-11-03 01:30 happens twice in America/New_York (the clocks go back, so it is both "
              "-04:00 and -05:00); give the offset explicitly, e.g. 2013-11-03T01:30:00-05:00");
    EXPECT_EQ(new_york.to_utc(at("2013-11-03 01:30"), -pt::hours(4)), at("2013-11-03 05:30"));
    EXPECT_EQ(new_york.to_utc(at("2013-11-03 01:30"), -pt::hours(5)), at("2013-11-03 06:30"));
}

TEST(TimeZone, DublinWithItsNegativeDaylightSavingRuleConvertsCorrectly)
{
    // Depending on how tzdata was built, the footer is "IST-1GMT0,M10.5.0,M3.5.0/1" (winter
    // as negative daylight saving) or "GMT0IST,M3.5.0/1,M10.5.0": the offsets are the same.
    const auto& dublin = planner::time_zone("Europe/Dublin");
    EXPECT_EQ(dublin.utc_offset_at(at("2013-01-15 12:00")), pt::hours(0));
    EXPECT_EQ(dublin.utc_offset_at(at("2013-07-15 12:00")), pt::hours(1));
    EXPECT_EQ(dublin.utc_offset_at(at("2013-03-31 00:59:59")), pt::hours(0));
    EXPECT_EQ(dublin.utc_offset_at(at("2013-03-31 01:00:00")), pt::hours(1));
    EXPECT_EQ(dublin.utc_offset_at(at("2012-10-28 00:59:59")), pt::hours(1));
    EXPECT_EQ(dublin.utc_offset_at(at("2012-10-28 01:00:00")), pt::hours(0));
    EXPECT_EQ(dublin.to_utc(at("2013-07-15 10:00")), at("2013-07-15 09:00"));
    EXPECT_THROW(static_cast<void>(dublin.to_utc(at("2013-03-31 01:30"))), planner::Error);
    EXPECT_THROW(static_cast<void>(dublin.to_utc(at("2012-10-28 01:30"))), planner::Error);
}

TEST(TimeZone, ZoneWithHalfHourOffset)
{
    const auto& kolkata = planner::time_zone("Asia/Kolkata");
    EXPECT_EQ(kolkata.standard_offset(), hm(5, 30));
    EXPECT_FALSE(kolkata.daylight_saving().has_value());
    EXPECT_EQ(planner::format_iso8601(at("2013-01-15 10:00"), kolkata), "2013-01-15T15:30:00+05:30");
}

// ------------------------------------------------------------ since when the rule holds

TEST(TimeZone, BerlinRuleHoldsSince1996)
{
    // The EU rule (last Sunday of October) took effect with the spring change of 1996.
    EXPECT_EQ(berlin().rule_since(), at("1996-03-31 01:00"));
    EXPECT_EQ(berlin().to_utc(at("1996-03-31 03:00")), at("1996-03-31 01:00"));
    EXPECT_EQ(berlin().to_utc(at("1996-10-27 03:00")), at("1996-10-27 02:00"));
}

TEST(TimeZone, LocalTimesBeforeTheRuleAreRefused)
{
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("1990-06-15 10:00"))); }),
              "local time 1990-06-15 10:00 is before 1996-03-31, since when Europe/Berlin has its current rules; "
              "the planner converts local times only under a zone's current rules");
    EXPECT_EQ(error_message([] { static_cast<void>(berlin().to_utc(at("1996-03-31 01:59"))); }),
              "local time 1996-03-31 01:59 is before 1996-03-31, since when Europe/Berlin has its current rules; "
              "the planner converts local times only under a zone's current rules");
    EXPECT_THROW(static_cast<void>(berlin().to_utc(at("1990-06-15 10:00"), pt::hours(2))), planner::Error);
}

TEST(TimeZone, RuleSinceOfOtherZones)
{
    EXPECT_EQ(planner::time_zone("America/New_York").rule_since(), at("2007-03-11 07:00"));
    EXPECT_TRUE(planner::time_zone("UTC").rule_since().is_neg_infinity());
    EXPECT_LT(planner::time_zone("Australia/Sydney").rule_since(), at("2012-01-01 00:00"));
    EXPECT_LT(planner::time_zone("Asia/Tokyo").rule_since(), at("2012-01-01 00:00"));
}

TEST(TimeZone, ZoneMadeFromARuleAloneConvertsEveryDate)
{
    const TimeZone zone("Test/Central", "CET-1CEST,M3.5.0,M10.5.0/3");
    EXPECT_TRUE(zone.rule_since().is_neg_infinity());
    EXPECT_EQ(zone.to_utc(at("1990-06-15 10:00")), at("1990-06-15 08:00"));
    const TimeZone since_2000("Test/Central", "CET-1CEST,M3.5.0,M10.5.0/3", at("2000-01-01 00:00"));
    EXPECT_EQ(since_2000.rule_since(), at("2000-01-01 00:00"));
    EXPECT_THROW(static_cast<void>(since_2000.to_utc(at("1999-12-31 23:00"))), planner::Error);
    EXPECT_EQ(since_2000.to_utc(at("2000-01-01 01:00")), at("2000-01-01 00:00"));
}

// ------------------------------------------------------------ unknown zones

TEST(TimeZone, UnknownZoneNameIsRejected)
{
    EXPECT_EQ(error_message([] { static_cast<void>(planner::time_zone("Europe/Berln")); }),
              "unknown time zone 'Europe/Berln', expected an IANA name like 'Europe/Berlin'");
}

TEST(TimeZone, PathTraversalIsRejectedAsAnUnknownZone)
{
    EXPECT_EQ(error_message([] { static_cast<void>(planner::time_zone("../etc/passwd")); }),
              "unknown time zone '../etc/passwd', expected an IANA name like 'Europe/Berlin'");
    // A real zone file reached through "..": still not a zone name.
    EXPECT_EQ(error_message([] { static_cast<void>(planner::time_zone("Europe/../Europe/Berlin")); }),
              "unknown time zone 'Europe/../Europe/Berlin', expected an IANA name like 'Europe/Berlin'");
    EXPECT_EQ(error_message([] { static_cast<void>(planner::time_zone("/usr/share/zoneinfo/Europe/Berlin")); }),
              "unknown time zone '/usr/share/zoneinfo/Europe/Berlin', expected an IANA name like 'Europe/Berlin'");
}

TEST(TimeZone, EmptyAndOddlySpelledNamesAreRejected)
{
    EXPECT_EQ(error_message([] { static_cast<void>(planner::time_zone("")); }),
              "unknown time zone '', expected an IANA name like 'Europe/Berlin'");
    EXPECT_EQ(error_message([] { static_cast<void>(planner::time_zone("Europe/Berlin ")); }),
              "unknown time zone 'Europe/Berlin ', expected an IANA name like 'Europe/Berlin'");
    EXPECT_EQ(error_message([] { static_cast<void>(planner::time_zone("zone.tab")); }),
              "unknown time zone 'zone.tab', expected an IANA name like 'Europe/Berlin'");
}

TEST(TimeZone, FileThatIsNotAZoneIsRejected)
{
    EXPECT_THROW(static_cast<void>(planner::time_zone("Europe")), planner::Error);
    EXPECT_THROW(static_cast<void>(planner::time_zone("leapseconds")), planner::Error);
}

// ------------------------------------------------------------ POSIX rules

TEST(TimeZone, ConstructedFromAPosixRule)
{
    const TimeZone zone("Test/Central", "CET-1CEST,M3.5.0,M10.5.0/3");
    EXPECT_EQ(zone.name(), "Test/Central");
    EXPECT_EQ(zone.standard_offset(), pt::hours(1));
    ASSERT_TRUE(zone.daylight_saving().has_value());
    EXPECT_EQ(zone.daylight_saving()->utc_offset, pt::hours(2));
    EXPECT_EQ(zone.to_utc(at("2012-10-11 14:00")), at("2012-10-11 12:00"));
}

TEST(TimeZone, RuleWithoutDaylightSaving)
{
    const TimeZone zone("Test/Tokyo", "JST-9");
    EXPECT_EQ(zone.standard_abbreviation(), "JST");
    EXPECT_EQ(zone.standard_offset(), pt::hours(9));
    EXPECT_FALSE(zone.daylight_saving().has_value());
}

TEST(TimeZone, RuleWithExplicitDaylightOffsetAndMinutes)
{
    const TimeZone st_johns("Test/StJohns", "NST3:30NDT,M3.2.0,M11.1.0");
    EXPECT_EQ(st_johns.standard_offset(), -hm(3, 30));
    EXPECT_EQ(st_johns.daylight_saving()->utc_offset, -hm(2, 30));

    const TimeZone explicit_dst("Test/Eastern", "EST5EDT4,M3.2.0,M11.1.0");
    EXPECT_EQ(explicit_dst.daylight_saving()->utc_offset, -pt::hours(4));

    const TimeZone chatham("Test/Chatham", "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45");
    EXPECT_EQ(chatham.standard_abbreviation(), "+1245");
    EXPECT_EQ(chatham.standard_offset(), hm(12, 45));
    EXPECT_EQ(chatham.daylight_saving()->abbreviation, "+1345");
    EXPECT_EQ(chatham.daylight_saving()->utc_offset, hm(13, 45));
    EXPECT_EQ(chatham.daylight_saving()->starts, (TransitionRule{9, 5, 0, hm(2, 45)}));
    EXPECT_EQ(chatham.daylight_saving()->ends, (TransitionRule{4, 1, 0, hm(3, 45)}));
    EXPECT_EQ(chatham.utc_offset_at(at("2013-01-15 00:00")), hm(13, 45));
    EXPECT_EQ(chatham.utc_offset_at(at("2013-07-15 00:00")), hm(12, 45));
}

TEST(TimeZone, TransitionTimeOfMoreThanADay)
{
    // Israel: the Friday before the last Sunday of March at 02:00, written as the
    // fourth Thursday at 26:00. In 2013: Friday 2013-03-29 02:00 IST = 00:00Z.
    const TimeZone zone("Test/Jerusalem", "IST-2IDT,M3.4.4/26,M10.5.0");
    EXPECT_EQ(zone.daylight_saving()->starts, (TransitionRule{3, 4, 4, pt::hours(26)}));
    EXPECT_EQ(zone.utc_offset_at(at("2013-03-28 23:59:59")), pt::hours(2));
    EXPECT_EQ(zone.utc_offset_at(at("2013-03-29 00:00:00")), pt::hours(3));
    EXPECT_THROW(static_cast<void>(zone.to_utc(at("2013-03-29 02:30"))), planner::Error);
    EXPECT_EQ(zone.to_utc(at("2013-03-29 01:59")), at("2013-03-28 23:59"));
}

TEST(TimeZone, NegativeTransitionTime)
{
    // Greenland: daylight time starts on the last Sunday of March at -01:00, that is
    // Saturday 23:00 local (-02) = Sunday 01:00Z, and ends at 00:00 local (-01) = 01:00Z.
    const TimeZone zone("Test/Nuuk", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
    EXPECT_EQ(zone.standard_offset(), -pt::hours(2));
    EXPECT_EQ(zone.daylight_saving()->starts.local_time, -pt::hours(1));
    EXPECT_EQ(zone.utc_offset_at(at("2024-03-31 00:59:59")), -pt::hours(2));
    EXPECT_EQ(zone.utc_offset_at(at("2024-03-31 01:00:00")), -pt::hours(1));
    EXPECT_EQ(zone.utc_offset_at(at("2024-10-27 00:59:59")), -pt::hours(1));
    EXPECT_EQ(zone.utc_offset_at(at("2024-10-27 01:00:00")), -pt::hours(2));
}

TEST(TimeZone, MalformedRulesAreRejectedWithThePosition)
{
    const auto rule_error = [](const char* rule) {
        return error_message([&] { const TimeZone zone("Test/Zone", rule); });
    };
    EXPECT_EQ(rule_error("CET-1CEST,M3.5.0"),
              "time zone 'Test/Zone' has a rule 'CET-1CEST,M3.5.0' that the planner cannot read: expected ',' at "
              "position 17");
    EXPECT_EQ(rule_error("CE-1"),
              "time zone 'Test/Zone' has a rule 'CE-1' that the planner cannot read: expected a zone abbreviation "
              "of at least three letters at position 3");
    EXPECT_EQ(rule_error(""),
              "time zone 'Test/Zone' has a rule '' that the planner cannot read: expected a zone abbreviation of at "
              "least three letters at position 1");
    EXPECT_EQ(rule_error("CET"),
              "time zone 'Test/Zone' has a rule 'CET' that the planner cannot read: expected a number at position 4");
    EXPECT_EQ(rule_error("CET-1CEST,J60,J300"),
              "time zone 'Test/Zone' has a rule 'CET-1CEST,J60,J300' that the planner cannot read: only Mm.w.d "
              "transition rules are supported at position 11");
    EXPECT_EQ(rule_error("<CET-1"),
              "time zone 'Test/Zone' has a rule '<CET-1' that the planner cannot read: unterminated <abbreviation> "
              "at position 1");
    EXPECT_EQ(rule_error("CET-1CEST,M3.5.0,M10.5.0/3x"),
              "time zone 'Test/Zone' has a rule 'CET-1CEST,M3.5.0,M10.5.0/3x' that the planner cannot read: "
              "unexpected text after the rule at position 27");
}

TEST(TimeZone, TransitionRulesOutOfRangeAreRejected)
{
    const auto rule_error = [](const char* rule) {
        return error_message([&] { const TimeZone zone("Test/Zone", rule); });
    };
    EXPECT_EQ(rule_error("CET-1CEST,M13.5.0,M10.5.0/3"),
              "time zone 'Test/Zone' has a rule 'CET-1CEST,M13.5.0,M10.5.0/3' that the planner cannot read: "
              "transition rule out of range at position 18");
    EXPECT_EQ(rule_error("CET-1CEST,M0.5.0,M10.5.0/3"),
              "time zone 'Test/Zone' has a rule 'CET-1CEST,M0.5.0,M10.5.0/3' that the planner cannot read: "
              "transition rule out of range at position 17");
    EXPECT_EQ(rule_error("CET-1CEST,M3.0.0,M10.5.0/3"),
              "time zone 'Test/Zone' has a rule 'CET-1CEST,M3.0.0,M10.5.0/3' that the planner cannot read: "
              "transition rule out of range at position 17");
    EXPECT_EQ(rule_error("CET-1CEST,M3.6.0,M10.5.0/3"),
              "time zone 'Test/Zone' has a rule 'CET-1CEST,M3.6.0,M10.5.0/3' that the planner cannot read: "
              "transition rule out of range at position 17");
    EXPECT_EQ(rule_error("CET-1CEST,M3.5.7,M10.5.0/3"),
              "time zone 'Test/Zone' has a rule 'CET-1CEST,M3.5.7,M10.5.0/3' that the planner cannot read: "
              "transition rule out of range at position 17");
    // The limits themselves are fine.
    EXPECT_NO_THROW(TimeZone("Test/Zone", "CET-1CEST,M1.1.6,M12.5.0/3"));
}

// ------------------------------------------------------------ transition_date

TEST(TransitionDate, LastSundayOfTheMonth)
{
    EXPECT_EQ(planner::transition_date(2013, {3, 5, 0, pt::hours(2)}), greg::date(2013, 3, 31));
    EXPECT_EQ(planner::transition_date(2012, {10, 5, 0, pt::hours(3)}), greg::date(2012, 10, 28));
    EXPECT_EQ(planner::transition_date(2012, {3, 5, 0, pt::hours(2)}), greg::date(2012, 3, 25));
}

TEST(TransitionDate, WeekFiveMeansTheLastEvenInAMonthWithOnlyFour)
{
    // February 2013 has four Sundays: 3, 10, 17, 24.
    EXPECT_EQ(planner::transition_date(2013, {2, 5, 0, {}}), greg::date(2013, 2, 24));
    EXPECT_EQ(planner::transition_date(2013, {2, 4, 0, {}}), greg::date(2013, 2, 24));
    // March 2013 has five: the fourth is not the last.
    EXPECT_EQ(planner::transition_date(2013, {3, 4, 0, {}}), greg::date(2013, 3, 24));
}

TEST(TransitionDate, NthWeekdayOfTheMonth)
{
    EXPECT_EQ(planner::transition_date(2013, {3, 2, 0, {}}), greg::date(2013, 3, 10));
    EXPECT_EQ(planner::transition_date(2013, {11, 1, 0, {}}), greg::date(2013, 11, 3));
    EXPECT_EQ(planner::transition_date(2013, {10, 1, 0, {}}), greg::date(2013, 10, 6));
    EXPECT_EQ(planner::transition_date(2013, {4, 1, 0, {}}), greg::date(2013, 4, 7));
    // The fourth Thursday of March 2013, and a Saturday.
    EXPECT_EQ(planner::transition_date(2013, {3, 4, 4, {}}), greg::date(2013, 3, 28));
    EXPECT_EQ(planner::transition_date(2013, {6, 1, 6, {}}), greg::date(2013, 6, 1));
}

// ------------------------------------------------------------ formatting

TEST(FormatUtcOffset, PositiveNegativeAndZero)
{
    EXPECT_EQ(planner::format_utc_offset(pt::hours(2)), "+02:00");
    EXPECT_EQ(planner::format_utc_offset(pt::hours(0)), "+00:00");
    EXPECT_EQ(planner::format_utc_offset(-pt::hours(5)), "-05:00");
    EXPECT_EQ(planner::format_utc_offset(hm(5, 30)), "+05:30");
    EXPECT_EQ(planner::format_utc_offset(-hm(3, 30)), "-03:30");
    EXPECT_EQ(planner::format_utc_offset(-pt::minutes(30)), "-00:30");
    EXPECT_EQ(planner::format_utc_offset(hm(12, 45)), "+12:45");
}

TEST(FormatIso8601, LocalTimeWithItsOffset)
{
    EXPECT_EQ(planner::format_iso8601(at("2012-10-11 12:00"), berlin()), "2012-10-11T14:00:00+02:00");
    EXPECT_EQ(planner::format_iso8601(at("2013-01-15 09:00"), berlin()), "2013-01-15T10:00:00+01:00");
    EXPECT_EQ(planner::format_iso8601(at("2013-01-15 15:00"), planner::time_zone("America/New_York")),
              "2013-01-15T10:00:00-05:00");
    EXPECT_EQ(planner::format_iso8601(at("2013-07-15 14:00"), planner::time_zone("America/New_York")),
              "2013-07-15T10:00:00-04:00");
    EXPECT_EQ(planner::format_iso8601(at("2013-01-15 00:00"), planner::time_zone("Australia/Sydney")),
              "2013-01-15T11:00:00+11:00");
    EXPECT_EQ(planner::format_iso8601(at("2013-01-15 10:00"), planner::time_zone("UTC")),
              "2013-01-15T10:00:00+00:00");
}

TEST(FormatIso8601, TellsTheTwoAutumnInstantsApart)
{
    EXPECT_EQ(planner::format_iso8601(at("2012-10-28 00:30"), berlin()), "2012-10-28T02:30:00+02:00");
    EXPECT_EQ(planner::format_iso8601(at("2012-10-28 01:30"), berlin()), "2012-10-28T02:30:00+01:00");
    EXPECT_EQ(planner::format_iso8601(at("2013-03-31 00:59:59"), berlin()), "2013-03-31T01:59:59+01:00");
    EXPECT_EQ(planner::format_iso8601(at("2013-03-31 01:00"), berlin()), "2013-03-31T03:00:00+02:00");
}

TEST(FormatIso8601, NegativeWholeHourZoneFromTheSystem)
{
    // POSIX counts west of Greenwich: Etc/GMT+5 is five hours behind UTC.
    EXPECT_EQ(planner::format_iso8601(at("2013-01-15 15:00"), planner::time_zone("Etc/GMT+5")),
              "2013-01-15T10:00:00-05:00");
}

TEST(FormatLocalRange, SameDay)
{
    const planner::TimeRange range(at("2013-04-16 08:30"), at("2013-04-16 09:00"));
    EXPECT_EQ(planner::format_local_range(range, berlin()), "2013-04-16 10:30\u201311:00");
}

TEST(FormatLocalTimes, OnlyTheTimesOfDay)
{
    const planner::TimeRange range(at("2013-04-16 08:30"), at("2013-04-16 09:05"));
    EXPECT_EQ(planner::format_local_times(range, berlin()), "10:30\u201311:05");
    EXPECT_EQ(planner::format_clock(boost::posix_time::hours(9) + boost::posix_time::minutes(5)), "09:05");
    EXPECT_EQ(planner::format_clock(boost::posix_time::hours(24)), "24:00");
}

TEST(FormatLocalRange, AcrossMidnightShowsBothDates)
{
    const planner::TimeRange range(at("2012-10-11 20:00"), at("2012-10-11 23:30"));
    EXPECT_EQ(planner::format_local_range(range, berlin()), "2012-10-11 22:00 \u2013 2012-10-12 01:30");
}

TEST(FormatLocalRange, MidnightInUtcIsNotMidnightLocally)
{
    // 21:30Z-23:30Z is the same day in UTC but crosses midnight in Berlin; in New York
    // it is one evening.
    const planner::TimeRange range(at("2013-01-15 21:30"), at("2013-01-15 23:30"));
    EXPECT_EQ(planner::format_local_range(range, berlin()), "2013-01-15 22:30 \u2013 2013-01-16 00:30");
    EXPECT_EQ(planner::format_local_range(range, planner::time_zone("America/New_York")),
              "2013-01-15 16:30\u201318:30");
}

TEST(FormatLocalRange, AcrossTheSpringTransition)
{
    const planner::TimeRange range(at("2013-03-31 00:30"), at("2013-03-31 01:30"));
    EXPECT_EQ(planner::format_local_range(range, berlin()), "2013-03-31 01:30\u201303:30");
}

}  // namespace
