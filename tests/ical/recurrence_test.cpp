#include <planner/ical/recurrence.hpp>

#include <planner/accepted_dates.hpp>
#include <planner/error.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include "rule_walk.hpp"

#include <string>
#include <vector>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;
using greg::date;

pt::ptime at(date day, int hour, int minute = 0)
{
    return pt::ptime(day, pt::hours(hour) + pt::minutes(minute));
}

// A two-hour series starting at `local_start` in `zone`, repeated by `rule`.
Meeting series(pt::ptime local_start, const std::string& rule, const std::string& zone = "Europe/Berlin")
{
    const auto start = time_zone(zone).to_utc(local_start);
    Meeting meeting{MeetingId("sprecherrat"),
                    "uid-sprecherrat",
                    "Sprecherrat",
                    "",
                    TimeRange(start, start + pt::hours(2)),
                    zone,
                    VenueId("rathaus"),
                    {PersonId("ludwig")},
                    {},
                    {},
                    MeetingStatus::confirmed,
                    0,
                    {},
                    Recurrence{rule, {}, {}},
                    std::nullopt,
                    std::nullopt};
    return meeting;
}

std::vector<date> dates_of(const std::vector<pt::ptime>& starts)
{
    std::vector<date> dates;
    for (const auto& start : starts) {
        dates.push_back(start.date());
    }
    return dates;
}

const std::vector<date> second_tuesdays_2013{
    date(2013, 1, 8),  date(2013, 2, 12), date(2013, 3, 12), date(2013, 4, 9),  date(2013, 5, 14), date(2013, 6, 11),
    date(2013, 7, 9),  date(2013, 8, 13), date(2013, 9, 10), date(2013, 10, 8), date(2013, 11, 12), date(2013, 12, 10)};

std::string error_of(const Meeting& meeting)
{
    try {
        static_cast<void>(expand_rule(meeting));
    } catch (const Error& error) {
        return error.what();
    }
    return "(no error)";
}

TEST(ExpandRuleTest, MonthlySecondTuesdayKeepsItsLocalTimeAcrossBothDaylightSavingChanges)
{
    const auto starts = expand_rule(series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231"));
    EXPECT_EQ(dates_of(starts), second_tuesdays_2013);
    const auto& berlin = time_zone("Europe/Berlin");
    for (const auto& start : starts) {
        EXPECT_EQ(start.time_of_day(), pt::hours(14)) << start;
        // The wall clock stays, so the UTC time moves with daylight saving time.
        const bool summer = start.date() > date(2013, 3, 31) && start.date() < date(2013, 10, 27);
        EXPECT_EQ(berlin.to_utc(start).time_of_day(), pt::hours(summer ? 12 : 13)) << start;
    }
}

TEST(ExpandRuleTest, CountLimitsTheOccurrences)
{
    const auto starts = expand_rule(series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"));
    EXPECT_EQ(starts, (std::vector<pt::ptime>{at(date(2013, 1, 8), 14), at(date(2013, 2, 12), 14),
                                              at(date(2013, 3, 12), 14)}));
}

TEST(ExpandRuleTest, ThroughALocalTimeGivesTheStartsUpToItAndWalksNoFurther)
{
    const auto without_end = series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYDAY=2TU");
    const auto every = expand_rule(without_end);
    ASSERT_GT(every.size(), 2000U);  // to the end of 2199
    const auto year = expand_rule_through(without_end, at(date(2013, 12, 10), 14));
    EXPECT_EQ(dates_of(year), second_tuesdays_2013);
    EXPECT_EQ(year, std::vector<pt::ptime>(every.begin(), every.begin() + 12));
    EXPECT_EQ(expand_rule_through(without_end, at(date(2013, 12, 10), 13, 59)).size(), 11U);
    // The rule's own end comes first when it is earlier.
    EXPECT_EQ(expand_rule_through(series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"),
                                  at(date(2020, 1, 1), 0))
                  .size(),
              3U);
}

TEST(ExpandRuleTest, AnUntilDateIncludesThatLocalDay)
{
    const auto late = at(date(2013, 1, 8), 23, 30);
    const auto through_tenth = expand_rule(series(late, "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131210"));
    EXPECT_EQ(dates_of(through_tenth), second_tuesdays_2013);
    EXPECT_EQ(through_tenth.back(), at(date(2013, 12, 10), 23, 30));

    const auto through_ninth = expand_rule(series(late, "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131209"));
    EXPECT_EQ(through_ninth.size(), 11U);
    EXPECT_EQ(through_ninth.back().date(), date(2013, 11, 12));
}

// libical alone compares a UTC UNTIL with floating occurrences as if they were UTC
// too, which would drop 14:00 CET (13:00 UTC) on 10 December from UNTIL=...T130000Z.
TEST(ExpandRuleTest, AUtcUntilIsComparedAtTheOccurrencesLocalTime)
{
    const auto start = at(date(2013, 1, 8), 14);
    EXPECT_EQ(expand_rule(series(start, "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131210T130000Z")).back(),
              at(date(2013, 12, 10), 14));
    EXPECT_EQ(expand_rule(series(start, "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131210T125959Z")).back(),
              at(date(2013, 11, 12), 14));
    // In summer time 14:00 is 12:00 UTC.
    EXPECT_EQ(expand_rule(series(start, "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20130611T120000Z")).back(),
              at(date(2013, 6, 11), 14));
    EXPECT_EQ(expand_rule(series(start, "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20130611T115959Z")).back(),
              at(date(2013, 5, 14), 14));
}

TEST(ExpandRuleTest, IntervalSkipsPeriods)
{
    const auto starts = expand_rule(series(at(date(2013, 1, 8), 9), "FREQ=WEEKLY;INTERVAL=2;COUNT=4"));
    EXPECT_EQ(dates_of(starts),
              (std::vector<date>{date(2013, 1, 8), date(2013, 1, 22), date(2013, 2, 5), date(2013, 2, 19)}));
    const auto quarterly = expand_rule(series(at(date(2013, 1, 8), 9), "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=3"));
    EXPECT_EQ(dates_of(quarterly), (std::vector<date>{date(2013, 1, 8), date(2013, 4, 9), date(2013, 7, 9)}));
}

TEST(ExpandRuleTest, WeeklyOnSeveralDays)
{
    const auto starts = expand_rule(series(at(date(2013, 1, 8), 18), "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5"));
    EXPECT_EQ(starts, (std::vector<pt::ptime>{at(date(2013, 1, 8), 18), at(date(2013, 1, 10), 18),
                                              at(date(2013, 1, 15), 18), at(date(2013, 1, 17), 18),
                                              at(date(2013, 1, 22), 18)}));
}

TEST(ExpandRuleTest, ALongSeriesGivesEveryOccurrence)
{
    const auto starts = expand_rule(series(at(date(2013, 1, 8), 14), "FREQ=WEEKLY;COUNT=1100"));
    ASSERT_EQ(starts.size(), 1100U);
    EXPECT_EQ(starts[1095], at(date(2013, 1, 8) + greg::weeks(1095), 14));
    EXPECT_EQ(starts.back(), at(date(2013, 1, 8) + greg::weeks(1099), 14));
}

TEST(ExpandRuleTest, AnUnboundedRuleIsFollowedToTheLastAcceptedYear)
{
    const auto starts = expand_rule(series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYDAY=2TU"));
    ASSERT_EQ(starts.size(), static_cast<std::size_t>((last_accepted_year - 2013 + 1) * 12));
    EXPECT_EQ(starts.back(), at(date(2199, 12, 10), 14));
}

TEST(ExpandRuleTest, NoOccurrenceAfter2199ForAnUnboundedRule)
{
    const auto starts = expand_rule(series(at(date(2013, 1, 8), 14), "FREQ=YEARLY;INTERVAL=50"));
    EXPECT_EQ(dates_of(starts),
              (std::vector<date>{date(2013, 1, 8), date(2063, 1, 8), date(2113, 1, 8), date(2163, 1, 8)}));
}

TEST(ExpandRuleTest, ASeriesLongerThanThePlannerChecksIsRefusedNotCut)
{
    EXPECT_EQ(error_of(series(at(date(2013, 1, 8), 14), "FREQ=DAILY;COUNT=10001")),
              "meeting 'sprecherrat': the recurrence 'FREQ=DAILY;COUNT=10001' gives more than 10000 meetings; the "
              "planner checks every meeting of a series and takes at most 10000, so end it earlier with COUNT or "
              "UNTIL");
    EXPECT_EQ(error_of(series(at(date(2013, 1, 8), 14), "FREQ=DAILY")),
              "meeting 'sprecherrat': the recurrence 'FREQ=DAILY' gives more than 10000 meetings by the end of 2199, "
              "the last year the planner accepts; the planner checks every meeting of a series and takes at most "
              "10000, so end it earlier with COUNT or UNTIL");
    EXPECT_EQ(expand_rule(series(at(date(2013, 1, 8), 14), "FREQ=DAILY;COUNT=10000")).size(), max_series_occurrences);
}

TEST(RuleWrapTest, NamesEachPartLibicalWouldWrap)
{
    EXPECT_EQ(rule_part_libical_would_misread("FREQ=DAILY;INTERVAL=65537"),
              "INTERVAL=65537 is more than libical can hold, at most 32767");
    EXPECT_EQ(rule_part_libical_would_misread("freq=daily;interval=99999999999999999999999"),
              "interval=99999999999999999999999 is more than libical can hold, at most 32767");
    EXPECT_EQ(rule_part_libical_would_misread("FREQ=DAILY;COUNT=4294967297"),
              "COUNT=4294967297 is more than libical can hold, at most 2147483647");
    EXPECT_EQ(rule_part_libical_would_misread("FREQ=MONTHLY;BYDAY=1MO,65538MO"),
              "BYDAY=1MO,65538MO: the ordinal 65538 is out of range, from -53 to 53; libical wraps larger ones");
    EXPECT_EQ(rule_part_libical_would_misread("FREQ=MONTHLY;BYMONTHDAY=1,-4294967297"),
              "BYMONTHDAY=1,-4294967297: -4294967297 is more than libical can hold, at most 32767");
    EXPECT_EQ(rule_part_libical_would_misread("FREQ=DAILY;BYHOUR=65545"),
              "BYHOUR=65545: 65545 is more than libical can hold, at most 32767");
}

TEST(RuleWrapTest, LeavesWhatLibicalHoldsToLibical)
{
    for (const auto* rule : {"FREQ=DAILY;INTERVAL=32767", "FREQ=DAILY;COUNT=2147483647", "FREQ=MONTHLY;BYDAY=-53MO,+2TU,FR",
                             "FREQ=YEARLY;BYYEARDAY=-366;BYSETPOS=1", "FREQ=DAILY;INTERVAL=00000000000000000000001",
                             "FREQ=DAILY;INTERVAL=x", "FREQ=MONTHLY;BYDAY=", ""}) {
        EXPECT_EQ(rule_part_libical_would_misread(rule), std::nullopt) << rule;
    }
}

TEST(ExpandRuleTest, AnIntervalLibicalWouldWrapIsRefused)
{
    EXPECT_EQ(error_of(series(at(date(2013, 1, 8), 14), "FREQ=DAILY;INTERVAL=65537")),
              "meeting 'sprecherrat': in the recurrence rule 'FREQ=DAILY;INTERVAL=65537', INTERVAL=65537 is more than "
              "libical can hold, at most 32767");
    EXPECT_EQ(error_of(series(at(date(2013, 1, 8), 14), "FREQ=DAILY;INTERVAL=65537")),
              [] {
                  try {
                      static_cast<void>(invitation_rule(series(at(date(2013, 1, 8), 14), "FREQ=DAILY;INTERVAL=65537")));
                  } catch (const Error& error) {
                      return std::string(error.what());
                  }
                  return std::string("no error");
              }());
}

TEST(ExpandRuleTest, ASeriesWithAnEndBeyondTheAcceptedYearsIsRefused)
{
    EXPECT_EQ(error_of(series(at(date(2013, 1, 8), 14), "FREQ=YEARLY;INTERVAL=50;COUNT=5")),
              "meeting 'sprecherrat': meeting 5 of the recurrence 'FREQ=YEARLY;INTERVAL=50;COUNT=5' would be on "
              "2213-01-08, but the planner accepts dates from 1970-01-01 to 2199-12-31; end the series earlier with "
              "COUNT or UNTIL");
}

// The core refuses a series whose own start is not the first date of its rule; it
// can tell because libical does not make DTSTART an occurrence when it does not fit.
TEST(ExpandRuleTest, AStartThatDoesNotFitTheRuleIsNotAnOccurrence)
{
    const auto starts = expand_rule(series(at(date(2013, 1, 9), 14), "FREQ=MONTHLY;BYDAY=2TU;COUNT=2"));
    EXPECT_EQ(dates_of(starts), (std::vector<date>{date(2013, 2, 12), date(2013, 3, 12)}));
}

TEST(ExpandRuleTest, AMeetingWithoutRuleHappensOnce)
{
    auto meeting = series(at(date(2013, 1, 8), 14), "FREQ=DAILY");
    meeting.recurrence.reset();
    EXPECT_EQ(expand_rule(meeting), std::vector<pt::ptime>{at(date(2013, 1, 8), 14)});
}

TEST(ExpandRuleTest, ARuleLibicalCannotReadIsRefusedWithItsText)
{
    const auto start = at(date(2013, 1, 8), 14);
    EXPECT_EQ(error_of(series(start, "FREQ=FORTNIGHTLY")),
              "meeting 'sprecherrat': libical cannot read the recurrence rule 'FREQ=FORTNIGHTLY'; expected an RFC "
              "5545 RRULE value such as 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231'");
    EXPECT_EQ(error_of(series(start, "")),
              "meeting 'sprecherrat': libical cannot read the recurrence rule ''; expected an RFC 5545 RRULE value "
              "such as 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231'");
    EXPECT_EQ(error_of(series(start, "FREQ=DAILY;INTERVAL=0")),
              "meeting 'sprecherrat': libical cannot read the recurrence rule 'FREQ=DAILY;INTERVAL=0'; expected an "
              "RFC 5545 RRULE value such as 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231'");
}

TEST(ExpandRuleTest, ARuleLibicalCannotExpandIsRefusedWithItsText)
{
    EXPECT_EQ(error_of(series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYYEARDAY=3")),
              "meeting 'sprecherrat': libical cannot expand the recurrence rule 'FREQ=MONTHLY;BYYEARDAY=3' from "
              "2013-01-08T14:00:00: a part is out of range or does not go with its FREQ");
    EXPECT_EQ(error_of(series(at(date(2013, 1, 8), 14), "FREQ=DAILY;BYWEEKNO=3")),
              "meeting 'sprecherrat': libical cannot expand the recurrence rule 'FREQ=DAILY;BYWEEKNO=3' from "
              "2013-01-08T14:00:00: a part is out of range or does not go with its FREQ");
}

TEST(ExpandRuleTest, AFloatingUntilIsRefused)
{
    EXPECT_EQ(error_of(series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231T140000")),
              "meeting 'sprecherrat': the recurrence rule 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231T140000' ends "
              "(UNTIL) at a local date-time without zone; give a date (UNTIL=20131231) or a UTC date-time "
              "(UNTIL=20131231T230000Z)");
}

TEST(InvitationRuleTest, AnUntilDateBecomesTheLastSecondOfThatLocalDayInUtc)
{
    EXPECT_EQ(invitation_rule(series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231")),
              "FREQ=MONTHLY;UNTIL=20131231T225959Z;BYDAY=2TU");
    EXPECT_EQ(invitation_rule(series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20130630")),
              "FREQ=MONTHLY;UNTIL=20130630T215959Z;BYDAY=2TU");
    EXPECT_EQ(invitation_rule(series(at(date(2013, 1, 8), 14), "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20130630", "Asia/Tokyo")),
              "FREQ=MONTHLY;UNTIL=20130630T145959Z;BYDAY=2TU");
}

// America/Santiago changes its clocks at midnight: on 6 April 2024 the hour before
// midnight happens twice, and on 8 September 2024 midnight does not happen at all.
TEST(InvitationRuleTest, AnUntilDateEndsAtTheLastInstantOfThatDayWhereClocksChangeAtMidnight)
{
    const auto start = at(date(2024, 3, 2), 10);
    EXPECT_EQ(invitation_rule(series(start, "FREQ=WEEKLY;UNTIL=20240406", "America/Santiago")),
              "FREQ=WEEKLY;UNTIL=20240407T035959Z");
    EXPECT_EQ(invitation_rule(series(start, "FREQ=WEEKLY;UNTIL=20240907", "America/Santiago")),
              "FREQ=WEEKLY;UNTIL=20240908T035959Z");
    EXPECT_EQ(invitation_rule(series(start, "FREQ=WEEKLY;UNTIL=20240601", "America/Santiago")),
              "FREQ=WEEKLY;UNTIL=20240602T035959Z");
    EXPECT_EQ(invitation_rule(series(start, "FREQ=WEEKLY;UNTIL=20240302", "America/Santiago")),
              "FREQ=WEEKLY;UNTIL=20240303T025959Z");
}

TEST(InvitationRuleTest, CountAndUtcUntilAreKept)
{
    const auto start = at(date(2013, 1, 8), 14);
    EXPECT_EQ(invitation_rule(series(start, "FREQ=MONTHLY;BYDAY=2TU;COUNT=3")), "FREQ=MONTHLY;COUNT=3;BYDAY=2TU");
    EXPECT_EQ(invitation_rule(series(start, "FREQ=MONTHLY;UNTIL=20131210T130000Z;BYDAY=2TU")),
              "FREQ=MONTHLY;UNTIL=20131210T130000Z;BYDAY=2TU");
    EXPECT_EQ(invitation_rule(series(start, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH")),
              "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH");
}

TEST(InvitationRuleTest, RefusesWhatExpansionRefuses)
{
    const auto start = at(date(2013, 1, 8), 14);
    EXPECT_THROW(static_cast<void>(invitation_rule(series(start, "FREQ=FORTNIGHTLY"))), Error);
    EXPECT_THROW(static_cast<void>(invitation_rule(series(start, "FREQ=DAILY;UNTIL=20131231T140000"))), Error);
    auto single = series(start, "FREQ=DAILY");
    single.recurrence.reset();
    EXPECT_THROW(static_cast<void>(invitation_rule(single)), Error);
}

}  // namespace
}  // namespace planner::ical
