#include <planner/recurrence.hpp>

#include <planner/conflict_checker.hpp>
#include <planner/directory.hpp>
#include <planner/error.hpp>
#include <planner/meeting.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

using namespace planner;

pt::ptime wall(const std::string& text) { return pt::time_from_string(text + ":00"); }
pt::ptime local(const std::string& text) { return time_zone("Europe/Berlin").to_utc(wall(text)); }

// The rule's dates are libical's to find (planner::ical::expand_rule); these tests
// give them directly and check what the core makes of them.
RuleExpansion gives(std::vector<std::string> starts)
{
    return [starts](const Meeting&) {
        std::vector<pt::ptime> result;
        for (const auto& start : starts) {
            result.push_back(wall(start));
        }
        return result;
    };
}

// Second Tuesdays of 2013 from January to April: the last one is after the change
// to summer time on 31 March.
const auto second_tuesdays = gives({"2013-01-08 14:00", "2013-02-12 14:00", "2013-03-12 14:00", "2013-04-09 14:00"});

Meeting series()
{
    Meeting meeting{MeetingId{"rat"}, "uid-rat", "Sprecherrat", "", TimeRange(local("2013-01-08 14:00"),
                                                                              local("2013-01-08 16:00")),
                    "Europe/Berlin", VenueId{"saal"}, {PersonId{"karin"}}, {}, {}, MeetingStatus::confirmed, 0, {},
                    Recurrence{"FREQ=MONTHLY;BYDAY=2TU", {}, {}}, std::nullopt, std::nullopt};
    meeting.agenda.push_back({TimeRange(local("2013-01-08 14:00"), local("2013-01-08 14:30")), "Berichte", std::nullopt});
    return meeting;
}

std::string message_of(const std::function<void()>& action)
{
    try {
        action();
    } catch (const Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(RecurrenceRule, AcceptsTheRulesMeetingsUse)
{
    for (const auto* rule : {"FREQ=MONTHLY;BYDAY=2TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "FREQ=MONTHLY;BYDAY=-1FR",
                             "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11;COUNT=5", "FREQ=DAILY;UNTIL=20131231",
                             "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2;UNTIL=20131231T230000Z;WKST=MO"}) {
        EXPECT_NO_THROW(check_recurrence_rule(rule)) << rule;
    }
}

TEST(RecurrenceRule, SaysWhatIsWrong)
{
    const auto problem = [](const char* rule) { return message_of([&] { check_recurrence_rule(rule); }); };
    EXPECT_EQ(problem("FREQ=MONTHY"), "FREQ=MONTHY in the recurrence is not valid, expected DAILY, WEEKLY, MONTHLY or YEARLY");
    EXPECT_EQ(problem("FREQ=DAILY;UNTIL=99991231"),
              "UNTIL=99991231 in the recurrence is not valid, expected a date from 1970-01-01 to 2199-12-31");
    EXPECT_EQ(problem("FREQ=DAILY;UNTIL=00000101T000000Z"),
              "UNTIL=00000101T000000Z in the recurrence is not valid, expected a date from 1970-01-01 to 2199-12-31");
    EXPECT_EQ(problem("FREQ=DAILY;UNTIL=21991231T230000Z"), "no error");
    EXPECT_EQ(problem("FREQ=HOURLY"), "FREQ=HOURLY would repeat the meeting within a day; a meeting recurs at most "
                                      "daily (DAILY, WEEKLY, MONTHLY or YEARLY)");
    EXPECT_EQ(problem("FREQ=DAILY;BYHOUR=9,14"), "BYHOUR would repeat the meeting within a day; a meeting recurs at most daily");
    EXPECT_EQ(problem("BYDAY=2TU"), "the recurrence has no FREQ, expected e.g. FREQ=MONTHLY;BYDAY=2TU");
    EXPECT_EQ(problem("FREQ=MONTHLY;BYDAY=2XY"),
              "BYDAY=2XY in the recurrence is not valid, expected weekdays with an optional ordinal from -53 to 53 but "
              "0, like 2TU or -1FR or MO,WE");
    EXPECT_EQ(problem("FREQ=MONTHLY;BYDAY=99TU"),
              "BYDAY=99TU in the recurrence is not valid, expected weekdays with an optional ordinal from -53 to 53 but "
              "0, like 2TU or -1FR or MO,WE");
    EXPECT_EQ(problem("FREQ=MONTHLY;BYMONTHDAY=0"),
              "BYMONTHDAY=0 in the recurrence is not valid, expected numbers from -31 to 31 but 0, separated by "
              "commas, like 1,2");
    EXPECT_EQ(problem("FREQ=YEARLY;BYMONTH=13"),
              "BYMONTH=13 in the recurrence is not valid, expected months from 1 to 12, separated by commas, like 3,9");
    EXPECT_EQ(problem("FREQ=MONTHLY;COUNT=0"), "COUNT=0 in the recurrence is not valid, expected a whole number from 1");
    EXPECT_EQ(problem("FREQ=MONTHLY;UNTIL=2013-12-31"),
              "UNTIL=2013-12-31 in the recurrence is not valid, expected a date like 20131231 or a UTC date-time like "
              "20131231T230000Z");
    EXPECT_EQ(problem("FREQ=MONTHLY;UNTIL=20130231"),
              "UNTIL=20130231 in the recurrence is not valid, expected a date that exists, like 20131231");
    EXPECT_EQ(problem("FREQ=MONTHLY;COUNT=3;UNTIL=20131231"),
              "the recurrence has both COUNT and UNTIL; RFC 5545 allows one of them");
    EXPECT_EQ(problem("FREQ=MONTHLY;FREQ=WEEKLY"), "FREQ is given twice in the recurrence");
    EXPECT_EQ(problem("FREQ=MONTHLY;COLOUR=RED"),
              "unknown part 'COLOUR' in the recurrence, expected FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, "
              "BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS or WKST");
    EXPECT_EQ(problem("FREQ"), "'FREQ' in the recurrence is not NAME=VALUE, expected an RRULE like FREQ=MONTHLY;BYDAY=2TU");
    EXPECT_EQ(problem(""), "the recurrence is empty, expected an RRULE like FREQ=MONTHLY;BYDAY=2TU");
}

TEST(Occurrences, KeepTheirLocalTimeAcrossTheChangeToSummerTime)
{
    const auto all = occurrences(series(), second_tuesdays);
    ASSERT_EQ(all.size(), 4U);
    EXPECT_EQ(all[0].id, MeetingId{"rat@2013-01-08"});
    EXPECT_EQ(all[3].id, MeetingId{"rat@2013-04-09"});
    // 14:00 in Berlin is 13:00 UTC in winter and 12:00 UTC in summer.
    EXPECT_EQ(all[2].time.start(), pt::time_from_string("2013-03-12 13:00:00"));
    EXPECT_EQ(all[3].time.start(), pt::time_from_string("2013-04-09 12:00:00"));
    EXPECT_EQ(all[3].time.length(), pt::hours(2));
    for (const auto& occurrence : all) {
        EXPECT_EQ(occurrence.uid, "uid-rat");
        EXPECT_FALSE(occurrence.recurrence.has_value());
        ASSERT_TRUE(occurrence.occurrence_of.has_value());
        EXPECT_EQ(occurrence.occurrence_of->series, MeetingId{"rat"});
        ASSERT_EQ(occurrence.agenda.size(), 1U);
        EXPECT_EQ(occurrence.agenda[0].time.start(), occurrence.time.start());  // the agenda comes along
    }
}

TEST(Occurrences, LeaveOutExceptionsAndApplyChanges)
{
    auto meeting = series();
    meeting.recurrence->exceptions = {greg::date(2013, 2, 12)};
    meeting.recurrence->changes = {
        {greg::date(2013, 3, 12), TimeRange(local("2013-03-13 10:00"), local("2013-03-13 12:00")), VenueId{"raum"},
         std::nullopt},
        {greg::date(2013, 4, 9), std::nullopt, std::nullopt, MeetingStatus::cancelled},
    };
    const auto all = occurrences(meeting, second_tuesdays);
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0].id, MeetingId{"rat@2013-01-08"});
    EXPECT_EQ(all[1].id, MeetingId{"rat@2013-03-12"});  // named by the rule's date, though moved
    EXPECT_EQ(all[1].time, TimeRange(local("2013-03-13 10:00"), local("2013-03-13 12:00")));
    EXPECT_EQ(all[1].venue, VenueId{"raum"});
    EXPECT_EQ(all[1].agenda[0].time.start(), local("2013-03-13 10:00"));
    EXPECT_EQ(all[2].status, MeetingStatus::cancelled);
    EXPECT_EQ(all[2].time.start(), local("2013-04-09 14:00"));
}

TEST(Occurrences, OneIsFoundByTheDateItsRuleGivesIt)
{
    auto meeting = series();
    meeting.recurrence->exceptions = {greg::date(2013, 2, 12)};
    meeting.recurrence->changes = {
        {greg::date(2013, 3, 12), TimeRange(local("2013-03-13 10:00"), local("2013-03-13 12:00")), std::nullopt,
         std::nullopt}};
    const auto moved = occurrence_on(meeting, greg::date(2013, 3, 12), second_tuesdays);
    ASSERT_TRUE(moved.has_value());
    EXPECT_EQ(moved->id, MeetingId{"rat@2013-03-12"});
    EXPECT_EQ(moved->time.start(), local("2013-03-13 10:00"));
    EXPECT_FALSE(occurrence_on(meeting, greg::date(2013, 3, 13), second_tuesdays).has_value());  // the day it moved to
    EXPECT_FALSE(occurrence_on(meeting, greg::date(2013, 2, 12), second_tuesdays).has_value());  // an exception
}

TEST(Occurrences, ThatOverlapAreFoundEvenWhenNotNeighbours)
{
    auto meeting = series();
    const auto all = occurrences(meeting, second_tuesdays);
    EXPECT_EQ(first_overlap(all), std::nullopt);

    // January's meeting lasts into April: it overlaps February's first.
    auto long_january = all;
    long_january[0].time = TimeRange(long_january[0].time.start(), local("2013-04-09 15:00"));
    EXPECT_EQ(first_overlap(long_january), (std::pair<std::size_t, std::size_t>{0, 1}));

    // February's moved onto April's, past March's: found though not next in the list.
    meeting.recurrence->changes = {
        OccurrenceChange{greg::date(2013, 2, 12), TimeRange(local("2013-04-09 15:00"), local("2013-04-09 17:00")),
                         std::nullopt, std::nullopt}};
    const auto moved = occurrences(meeting, second_tuesdays);
    EXPECT_EQ(first_overlap(moved), (std::pair<std::size_t, std::size_t>{3, 1}));

    // A cancelled meeting takes no time.
    meeting.recurrence->changes[0].status = MeetingStatus::cancelled;
    EXPECT_EQ(first_overlap(occurrences(meeting, second_tuesdays)), std::nullopt);

    // Meetings that touch do not overlap.
    auto touching = all;
    touching[0].time = TimeRange(touching[0].time.start(), touching[1].time.start());
    EXPECT_EQ(first_overlap(touching), std::nullopt);
}

TEST(OccurrenceIds, ReadBackWhatOccurrenceIdWrites)
{
    const auto id = occurrence_id(MeetingId{"sprecherrat-2013"}, greg::date(2013, 3, 12));
    EXPECT_EQ(id, MeetingId{"sprecherrat-2013@2013-03-12"});
    EXPECT_EQ(occurrence_named(id), (SeriesOccurrence{MeetingId{"sprecherrat-2013"}, greg::date(2013, 3, 12)}));
    for (const auto* other : {"sprecherrat-2013", "sprecherrat@2013-13-45", "sprecherrat@12.03.2013", "@2013-03-12",
                              "sprecherrat@2013-3-12"}) {
        EXPECT_EQ(occurrence_named(MeetingId{other}), std::nullopt) << other;
    }
}

TEST(Occurrences, RefuseDatesTheRuleDoesNotGive)
{
    auto meeting = series();
    meeting.recurrence->exceptions = {greg::date(2013, 2, 13)};
    EXPECT_EQ(message_of([&] { static_cast<void>(occurrences(meeting, second_tuesdays)); }),
              "exception 2013-02-13 of meeting 'rat' is not a date of its recurrence 'FREQ=MONTHLY;BYDAY=2TU'");
    meeting = series();
    meeting.time = TimeRange(local("2013-01-07 14:00"), local("2013-01-07 16:00"));
    EXPECT_EQ(message_of([&] { static_cast<void>(occurrences(meeting, second_tuesdays)); }),
              "meeting 'rat' starts on 2013-01-07, which is not a date of its recurrence 'FREQ=MONTHLY;BYDAY=2TU' "
              "(its first is 2013-01-08); a series starts with its first meeting");
    EXPECT_EQ(message_of([&] {
                  static_cast<void>(occurrences(series(), gives({"2013-01-08 14:00", "2013-01-08 18:00"})));
              }),
              "the recurrence of meeting 'rat' gives two meetings on 2013-01-08; a meeting recurs at most daily");
}

TEST(Occurrences, ThatDoNotExistInTheZoneAreRefused)
{
    auto meeting = series();
    meeting.time = TimeRange(local("2013-03-03 02:30"), local("2013-03-03 03:30"));
    // Sunday 31 March 2013, 02:30 was skipped in Berlin.
    const auto weekly = gives({"2013-03-03 02:30", "2013-03-10 02:30", "2013-03-17 02:30", "2013-03-24 02:30",
                               "2013-03-31 02:30"});
    EXPECT_NE(message_of([&] { static_cast<void>(occurrences(meeting, weekly)); }).find("meeting 'rat' on 2013-03-31: "),
              std::string::npos);
}

TEST(ExpandSeries, ReplacesASeriesByItsMeetingsAndTheCheckSeesThem)
{
    Directory directory;
    directory.add(series());
    Meeting other = series();
    other.id = MeetingId{"vorstand"};
    other.recurrence.reset();
    other.agenda.clear();
    other.time = TimeRange(local("2013-04-09 15:00"), local("2013-04-09 17:00"));
    directory.add(other);
    EXPECT_THROW(static_cast<void>(find_conflicts(directory)), Error);  // not expanded yet

    expand_series(directory, second_tuesdays);
    EXPECT_EQ(directory.find(MeetingId{"rat"}), nullptr);
    EXPECT_EQ(directory.meetings().size(), 5U);
    const auto conflicts = find_conflicts(directory);
    ASSERT_FALSE(conflicts.empty());
    EXPECT_EQ(conflicts[0].meetings, (std::vector<MeetingId>{MeetingId{"rat@2013-04-09"}, MeetingId{"vorstand"}}));
    // Asked about the series, the check looks at every meeting of it.
    CheckInput input;
    input.meeting = MeetingId{"rat"};
    EXPECT_EQ(find_conflicts(directory, input), conflicts);
}

}  // namespace

namespace planner {
namespace {

TEST(PickedRule, WritesTheRuleAndReadsItBackForTheFirstDay)
{
    namespace greg = boost::gregorian;
    const greg::date until(2013, 12, 31);
    const PickedRule monthly{PickedRule::Repeat::monthly_on_weekday, 1, until};
    EXPECT_EQ(rule_text(monthly, greg::date(2013, 1, 8)), "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231");
    // A fifth weekday is the month's last; a fourth stays the fourth.
    EXPECT_EQ(rule_text(monthly, greg::date(2013, 1, 29)), "FREQ=MONTHLY;BYDAY=-1TU;UNTIL=20131231");
    EXPECT_EQ(rule_text(monthly, greg::date(2013, 2, 26)), "FREQ=MONTHLY;BYDAY=4TU;UNTIL=20131231");
    const PickedRule fortnightly{PickedRule::Repeat::weekly, 2, until};
    EXPECT_EQ(rule_text(fortnightly, greg::date(2013, 3, 5)), "FREQ=WEEKLY;INTERVAL=2;UNTIL=20131231");
    EXPECT_EQ(rule_text(PickedRule{PickedRule::Repeat::weekly, 1, until}, greg::date(2013, 3, 5)),
              "FREQ=WEEKLY;UNTIL=20131231");

    EXPECT_EQ(picked_rule("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231", greg::date(2013, 1, 8)), monthly);
    EXPECT_EQ(picked_rule("FREQ=WEEKLY;INTERVAL=2;UNTIL=20131231", greg::date(2013, 3, 5)), fortnightly);
    // Rules no pick gives: another weekday than the first day's, INTERVAL=1 written
    // out, no UNTIL, a count.
    EXPECT_FALSE(picked_rule("FREQ=MONTHLY;BYDAY=2WE;UNTIL=20131231", greg::date(2013, 1, 8)));
    EXPECT_FALSE(picked_rule("FREQ=WEEKLY;INTERVAL=1;UNTIL=20131231", greg::date(2013, 3, 5)));
    EXPECT_FALSE(picked_rule("FREQ=WEEKLY", greg::date(2013, 3, 5)));
    EXPECT_FALSE(picked_rule("FREQ=WEEKLY;COUNT=10", greg::date(2013, 3, 5)));
    EXPECT_FALSE(picked_rule("FREQ=WEEKLY;UNTIL=2013123x", greg::date(2013, 3, 5)));
    EXPECT_EQ(rrule_weekday(greg::date(2013, 1, 6).day_of_week()), "SU");
}

}  // namespace
}  // namespace planner
