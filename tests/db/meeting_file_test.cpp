#include <planner/db/meeting_file.hpp>

#include <planner/error.hpp>
#include <planner/ical/recurrence.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include "error_message.hpp"

namespace planner::db {
namespace {

using planner::testing::error_message;

namespace pt = boost::posix_time;

const std::string records = R"toml(
[[county]]
id = "bodenseekreis"
name = "Bodenseekreis"
seat = "Friedrichshafen"
state = "DE-BW"
geo = [47.6542, 9.4797]

[[organisation]]
id = "lra"
name = "Landratsamt Bodenseekreis"
county = "bodenseekreis"
kind = "district-office"

[[person]]
id = "koester"
name = "Andreas Köster"
email = "andreas.koester@example.org"
organisation = "lra"
function = "Sozialdezernent"
step_free = true

[[person]]
id = "ludwig"
name = "Christine Ludwig"
email = "christine.ludwig@example.org"
organisation = "lra"

[[venue]]
id = "rathaus"
name = "Rathaus Immenstaad"
address = "Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee"
county = "bodenseekreis"
capacity = 60
geo = [47.6665, 9]
accessible = false
)toml";

const std::string meeting = R"toml(
[[meeting]]
id = "treffen"
title = "Treffen"
description = """
Zwei Zeilen
Beschreibung"""
start = 2012-10-11T14:00:00
end = 2012-10-11T17:00:00
venue = "rathaus"
organisers = ["ludwig"]
participants = ["koester", { person = "ludwig", role = "chair" }]
status = "tentative"
counties = ["bodenseekreis"]

[[meeting.agenda]]
start = 14:00:00
end = 14:30:00
title = "Begrüßung"
presenter = "koester"
)toml";

pt::ptime utc(const char* text)
{
    return pt::time_from_string(text);
}

TEST(MeetingFileTest, ReadsEveryRecordAndConvertsTimesToUtc)
{
    const auto file = parse_meeting_file(records + meeting, "m.toml", Directory{});
    ASSERT_EQ(file.counties.size(), 1U);
    EXPECT_EQ(file.counties[0].geo, GeoPoint(47.6542, 9.4797));
    ASSERT_EQ(file.people.size(), 2U);
    EXPECT_EQ(file.people[0].access, Access::step_free);
    EXPECT_EQ(file.people[0].function, "Sozialdezernent");
    EXPECT_EQ(file.people[1].access, Access::any);
    ASSERT_EQ(file.venues.size(), 1U);
    EXPECT_EQ(file.venues[0].accessibility, Accessibility::not_step_free);
    EXPECT_EQ(file.venues[0].geo, GeoPoint(47.6665, 9.0));  // an integer is a coordinate too

    ASSERT_EQ(file.meetings.size(), 1U);
    const auto& m = file.meetings[0];
    EXPECT_EQ(m.time, TimeRange(utc("2012-10-11 12:00:00"), utc("2012-10-11 15:00:00")));
    EXPECT_EQ(m.time_zone, "Europe/Berlin");
    EXPECT_EQ(m.description, "Zwei Zeilen\nBeschreibung");
    EXPECT_EQ(m.status, MeetingStatus::tentative);
    EXPECT_EQ(m.participants, (std::vector<Participant>{{PersonId("koester"), Role::required},
                                                        {PersonId("ludwig"), Role::chair}}));
    EXPECT_EQ(m.counties, std::vector<CountyId>{CountyId("bodenseekreis")});
    ASSERT_EQ(m.agenda.size(), 1U);
    EXPECT_EQ(m.agenda[0].time, TimeRange(utc("2012-10-11 12:00:00"), utc("2012-10-11 12:30:00")));
    EXPECT_EQ(m.agenda[0].presenter, PersonId("koester"));
    EXPECT_TRUE(m.uid.empty());  // the store assigns one
    EXPECT_EQ(m.sequence, 0);
}

TEST(MeetingFileTest, OfficeHoursDefaultByKindAndCanBeChangedOrSwitchedOff)
{
    const auto hours = [](const std::string& line) {
        auto text = records;
        text.replace(text.find("kind = \"district-office\""), 24, "kind = \"district-office\"\n" + line);
        return parse_meeting_file(text, "m.toml", Directory{}).organisations[0].office_hours;
    };
    EXPECT_EQ(hours(""), (OfficeHours{pt::hours(8), pt::hours(17)}));
    EXPECT_EQ(hours("office_hours = \"07:30-16:00\""), (OfficeHours{pt::hours(7) + pt::minutes(30), pt::hours(16)}));
    EXPECT_EQ(hours("office_hours = false"), std::nullopt);
    EXPECT_EQ(error_message([&] { static_cast<void>(hours("office_hours = \"17:00-08:00\"")); }),
              "m.toml:14:16: 'office_hours' must be like \"08:00-17:00\" (Monday to Friday) or false, not "
              "'17:00-08:00'");
    EXPECT_EQ(error_message([&] { static_cast<void>(hours("office_hours = 8")); }),
              "m.toml:14:16: 'office_hours' must be like \"08:00-17:00\" (Monday to Friday) or false, not an "
              "integer");

    auto group = records;
    group.replace(group.find("kind = \"district-office\""), 24, "kind = \"self-help-group\"");
    EXPECT_EQ(parse_meeting_file(group, "m.toml", Directory{}).organisations[0].office_hours, std::nullopt);
}

TEST(MeetingFileTest, AnOffsetResolvesTheDoubledAutumnHour)
{
    auto text = records + meeting;
    text.replace(text.find("start = 2012-10-11T14:00:00"), 27, "start = 2012-10-28T02:30:00+01:00");
    text.replace(text.find("end = 2012-10-11T17:00:00"), 25, "end = 2012-10-28T04:00:00");
    text.erase(text.find("[[meeting.agenda]]"));
    const auto file = parse_meeting_file(text, "m.toml", Directory{});
    EXPECT_EQ(file.meetings[0].time.start(), utc("2012-10-28 01:30:00"));
    EXPECT_EQ(file.meetings[0].time.end(), utc("2012-10-28 03:00:00"));
}

TEST(MeetingFileTest, AnotherZoneIsHonoured)
{
    auto text = records + meeting;
    text.replace(text.find("title = \"Treffen\""), 17, "title = \"Treffen\"\ntimezone = \"America/New_York\"");
    const auto file = parse_meeting_file(text, "m.toml", Directory{});
    EXPECT_EQ(file.meetings[0].time.start(), utc("2012-10-11 18:00:00"));
    EXPECT_EQ(file.meetings[0].agenda[0].time.start(), utc("2012-10-11 18:00:00"));
}

TEST(MeetingFileTest, ReferencesMayNameRecordsOfTheStore)
{
    const auto known_records = parse_meeting_file(records, "r.toml", Directory{});
    Directory known;
    for (const auto& c : known_records.counties) known.add(c);
    for (const auto& o : known_records.organisations) known.add(o);
    for (const auto& p : known_records.people) known.add(p);
    for (const auto& v : known_records.venues) known.add(v);
    const auto file = parse_meeting_file(meeting, "m.toml", known);
    EXPECT_EQ(file.meetings.size(), 1U);
    EXPECT_THROW(static_cast<void>(parse_meeting_file(meeting, "m.toml", Directory{})), Error);
}

TEST(MeetingFileTest, AKnownMeetingKeepsItsUidAndSequence)
{
    auto first = parse_meeting_file(records + meeting, "m.toml", Directory{});
    Directory known;
    auto stored = first.meetings[0];
    stored.uid = "uid-1";
    stored.sequence = 4;
    known.add(stored);
    const auto again = parse_meeting_file(records + meeting, "m.toml", known);
    EXPECT_EQ(again.meetings[0].uid, "uid-1");
    EXPECT_EQ(again.meetings[0].sequence, 4);
}

// The store as the file is read against it: the file's meeting, with "uid-1".
Directory known_with_uid_1()
{
    Directory known;
    auto stored = parse_meeting_file(records + meeting, "m.toml", Directory{}).meetings[0];
    stored.uid = "uid-1";
    known.add(stored);
    return known;
}

TEST(MeetingFileTest, TheUidOfAKnownMeetingCannotChange)
{
    const auto known = known_with_uid_1();
    auto text = records + meeting;
    text.replace(text.find("title = \"Treffen\""), 17, "title = \"Treffen\"\nuid = \"uid-2\"");
    EXPECT_EQ(error_message([&] { static_cast<void>(parse_meeting_file(text, "m.toml", known)); }),
              "m.toml:41:7: uid 'uid-2' is not the uid meeting 'treffen' already has; a meeting's uid never "
              "changes (leave 'uid' out to keep it)");
}

TEST(MeetingFileTest, ANewMeetingCannotTakeTheUidOfAnother)
{
    const auto known = known_with_uid_1();
    auto text = records + meeting;
    text.replace(text.find("id = \"treffen\""), 14, "id = \"treffen-2\"");
    text.replace(text.find("title = \"Treffen\""), 17, "title = \"Treffen\"\nuid = \"uid-1\"");
    EXPECT_EQ(error_message([&] { static_cast<void>(parse_meeting_file(text, "m.toml", known)); }),
              "m.toml:41:7: uid 'uid-1' is already another meeting's; leave 'uid' out and the new meeting gets one "
              "of its own");
}

TEST(MeetingFileTest, ANewMeetingMayBringItsUid)
{
    auto text = records + meeting;
    text.replace(text.find("title = \"Treffen\""), 17, "title = \"Treffen\"\nuid = \"sent-elsewhere@example.org\"");
    EXPECT_EQ(parse_meeting_file(text, "m.toml", Directory{}).meetings[0].uid, "sent-elsewhere@example.org");
}

TEST(MeetingFileTest, AnUnknownPresenterIsAnError)
{
    auto text = records + meeting;
    text.replace(text.find("presenter = \"koester\""), 21, "presenter = \"veser\"");
    EXPECT_EQ(error_message([&] { static_cast<void>(parse_meeting_file(text, "m.toml", Directory{})); }),
              "m.toml:56:13: unknown person 'veser', expected the id of a [[person]] in this "
                                   "file or the store");
}

TEST(MeetingFileTest, AnEmptyFileHasNoRecords)
{
    const auto file = parse_meeting_file("", "empty.toml", Directory{});
    EXPECT_TRUE(file.counties.empty());
    EXPECT_TRUE(file.meetings.empty());
}

TEST(MeetingFileTest, AMissingFileIsAnError)
{
    EXPECT_EQ(error_message([&] { static_cast<void>(read_meeting_file("/nonexistent/meetings.toml", Directory{})); }),
              "/nonexistent/meetings.toml: cannot read the meeting file");
}

TEST(MeetingFileTest, RecordsMustBeArraysOfTables)
{
    EXPECT_EQ(error_message([&] { static_cast<void>(parse_meeting_file("county = \"bodenseekreis\"\n", "m.toml", Directory{})); }),
              "m.toml:1:10: 'county' must be an array of tables, written [[county]]");
}

TEST(MeetingFileTest, AnAgendaTimeInTheSpringGapIsAnError)
{
    auto text = records + meeting;
    text.replace(text.find("start = 2012-10-11T14:00:00"), 27, "start = 2013-03-31T01:00:00");
    text.replace(text.find("end = 2012-10-11T17:00:00"), 25, "end = 2013-03-31T05:00:00");
    text.replace(text.find("start = 14:00:00"), 16, "start = 02:15:00");
    EXPECT_EQ(error_message([&] { static_cast<void>(parse_meeting_file(text, "m.toml", Directory{})); }),
              "m.toml:53:9: local time 2013-03-31 02:15 does not exist in Europe/Berlin (the clocks spring "
                     "forward over it)");
}

// The Thursday meeting of 11 October 2012 repeated on every second Thursday.
std::string series(const std::string& more)
{
    auto text = records + meeting;
    text.replace(text.find("status = \"tentative\""), 20,
                 "status = \"tentative\"\nrecurrence = \"freq=monthly;byday=2th;count=6\"\n" + more);
    return text;
}

TEST(MeetingFileTest, ASeriesKeepsItsRuleExceptionsAndChangedMeetings)
{
    const auto text = series("exceptions = [2012-12-13]") + R"toml(
[[meeting.occurrence]]
date = 2013-01-10
start = 2013-01-11T09:00:00
end = 2013-01-11T12:00:00

[[meeting.occurrence]]
date = 2012-11-08
status = "cancelled"
venue = "rathaus"
)toml";
    const auto file = parse_meeting_file(text, "m.toml", Directory{}, ical::expand_rule);
    ASSERT_EQ(file.meetings.size(), 1U);
    const auto& recurrence = file.meetings[0].recurrence;
    ASSERT_TRUE(recurrence.has_value());
    EXPECT_EQ(recurrence->rule, "FREQ=MONTHLY;BYDAY=2TH;COUNT=6");  // as RFC 5545 writes it
    EXPECT_EQ(recurrence->exceptions, std::vector<boost::gregorian::date>{boost::gregorian::date(2012, 12, 13)});
    ASSERT_EQ(recurrence->changes.size(), 2U);
    // In the order of their dates, whatever the file's order.
    EXPECT_EQ(recurrence->changes[0],
              (OccurrenceChange{boost::gregorian::date(2012, 11, 8), std::nullopt, VenueId{"rathaus"},
                                MeetingStatus::cancelled}));
    EXPECT_EQ(recurrence->changes[1].time, TimeRange(utc("2013-01-11 08:00:00"), utc("2013-01-11 11:00:00")));
}

TEST(MeetingFileTest, ASeriesIsCheckedAgainstTheDatesOfItsRule)
{
    const auto problem = [](const std::string& text) {
        return error_message([&] { static_cast<void>(parse_meeting_file(text, "m.toml", Directory{}, ical::expand_rule)); });
    };
    EXPECT_EQ(problem(series("exceptions = [2012-12-13, 2012-12-13]")), "m.toml:51:27: exception 2012-12-13 is listed twice");
    EXPECT_EQ(problem(series("exceptions = [\"2012-12-13\"]")),
              "m.toml:51:15: 'exceptions' must be a date like 2013-08-13, not a string");
    EXPECT_EQ(problem(series("") + "\n[[meeting.occurrence]]\ndate = 2012-12-13\n"),
              "m.toml:60:1: an occurrence changes nothing; give 'start' and 'end', 'venue' or 'status'");
    EXPECT_EQ(problem(series("") + "\n[[meeting.occurrence]]\ndate = 2012-12-13\nstart = 2012-12-14T09:00:00\n"),
              "m.toml:60:1: a moved occurrence needs both 'start' and 'end'");
    EXPECT_EQ(problem(series("exceptions = [2012-12-13]") + "\n[[meeting.occurrence]]\ndate = 2012-12-13\nstatus = \"cancelled\"\n"),
              "m.toml:61:8: the occurrence of 2012-12-13 is also an exception, so it does not happen at all");
    // Seven months on from October, COUNT=6 has ended.
    EXPECT_EQ(problem(series("exceptions = [2013-05-09]")),
              "m.toml:51:15: 2013-05-09 is not a date of the recurrence 'FREQ=MONTHLY;BYDAY=2TH;COUNT=6' of meeting 'treffen'");
}

// The Thursday meeting of 11 October 2012 repeated by `rule`.
std::string series_by(const std::string& rule, const std::string& more)
{
    auto text = records + meeting;
    text.replace(text.find("status = \"tentative\""), 20,
                 "status = \"tentative\"\nrecurrence = \"" + rule + "\"\n" + more);
    return text;
}

TEST(MeetingFileTest, ExceptionsAndChangesLateInALongSeriesAreDatesOfIt)
{
    // Every Thursday from the 1,001st meeting on is an exception, but the last, which moves.
    const boost::gregorian::date first(2012, 10, 11);
    std::string exceptions = "exceptions = [";
    for (int week = 1000; week < 1099; ++week) {
        exceptions += boost::gregorian::to_iso_extended_string(first + boost::gregorian::weeks(week)) + ", ";
    }
    exceptions += "]";
    const auto text = series_by("FREQ=WEEKLY;COUNT=1100", exceptions) + R"toml(
[[meeting.occurrence]]
date = 2033-11-03
start = 2033-11-04T09:00:00
end = 2033-11-04T12:00:00
)toml";
    const auto file = parse_meeting_file(text, "m.toml", Directory{}, ical::expand_rule);
    ASSERT_EQ(file.meetings.size(), 1U);
    EXPECT_EQ(file.meetings[0].recurrence->exceptions.size(), 99U);
    const auto all = occurrences(file.meetings[0], ical::expand_rule);
    ASSERT_EQ(all.size(), 1001U);
    EXPECT_EQ(all.back().time, TimeRange(utc("2033-11-04 08:00:00"), utc("2033-11-04 11:00:00")));
}

TEST(MeetingFileTest, ASeriesTooLongToCheckIsRefusedAtItsRule)
{
    EXPECT_EQ(error_message([&] {
                  static_cast<void>(parse_meeting_file(series_by("FREQ=DAILY;COUNT=20000", ""), "m.toml", Directory{},
                                                       ical::expand_rule));
              }),
              "m.toml:50:14: meeting 'treffen': the recurrence 'FREQ=DAILY;COUNT=20000' gives more than 10000 "
              "meetings; the planner checks every meeting of a series and takes at most 10000, so end it earlier "
              "with COUNT or UNTIL");
}

TEST(MeetingFileTest, ASeriesWhoseMeetingsOverlapIsRefused)
{
    const auto problem = [](const std::string& text) {
        return error_message([&] { static_cast<void>(parse_meeting_file(text, "m.toml", Directory{}, ical::expand_rule)); });
    };
    // Daily, but each meeting runs into the next afternoon.
    auto long_days = series_by("FREQ=DAILY;COUNT=3", "");
    long_days.replace(long_days.find("end = 2012-10-11T17:00:00"), 25, "end = 2012-10-12T15:00:00");
    long_days.erase(long_days.find("[[meeting.agenda]]"));
    EXPECT_EQ(problem(long_days),
              "m.toml:50:14: meetings 'treffen@2012-10-11' and 'treffen@2012-10-12' of the series overlap, from "
              "2012-10-12 14:00 to 2012-10-12 15:00; a series' meetings must not overlap each other");
    // November's meeting moved onto December's.
    EXPECT_EQ(problem(series("") + "\n[[meeting.occurrence]]\ndate = 2012-11-08\nstart = 2012-12-13T16:00:00\n"
                                   "end = 2012-12-13T18:00:00\n"),
              "m.toml:62:9: meetings 'treffen@2012-12-13' and 'treffen@2012-11-08' of the series overlap, from "
              "2012-12-13 16:00 to 2012-12-13 17:00; a series' meetings must not overlap each other");
    // Once it is cancelled, it no longer does.
    EXPECT_NO_THROW(static_cast<void>(parse_meeting_file(
        series("") + "\n[[meeting.occurrence]]\ndate = 2012-11-08\nstart = 2012-12-13T16:00:00\n"
                     "end = 2012-12-13T18:00:00\nstatus = \"cancelled\"\n",
        "m.toml", Directory{}, ical::expand_rule)));
}

TEST(MeetingFileTest, ARulePartLibicalWouldWrapIsRefusedAtTheRule)
{
    EXPECT_EQ(error_message([&] {
                  static_cast<void>(parse_meeting_file(series_by("FREQ=DAILY;INTERVAL=65537", ""), "m.toml",
                                                       Directory{}, ical::expand_rule));
              }),
              "m.toml:50:14: meeting 'treffen': in the recurrence rule 'FREQ=DAILY;INTERVAL=65537', INTERVAL=65537 "
              "is more than libical can hold, at most 32767");
}

TEST(MeetingFileTest, YearsOutsideTheAcceptedRangeAreRefusedWhereTheyStand)
{
    const auto problem = [](const std::string& text) {
        return error_message([&] { static_cast<void>(parse_meeting_file(text, "m.toml", Directory{}, ical::expand_rule)); });
    };
    const auto moved = [](std::string text, const std::string& from, const std::string& to) {
        return text.replace(text.find(from), from.size(), to);
    };
    const auto text = records + meeting;
    EXPECT_EQ(problem(moved(text, "start = 2012-10-11T14:00:00", "start = 3012-10-11T14:00:00")),
              "m.toml:44:9: 'start' 3012-10-11 is outside the dates the planner accepts, 1970-01-01 to 2199-12-31");
    EXPECT_EQ(problem(moved(text, "start = 2012-10-11T14:00:00", "start = 0000-10-11T14:00:00")),
              "m.toml:44:9: 'start' 0000-10-11 is outside the dates the planner accepts, 1970-01-01 to 2199-12-31");
    EXPECT_EQ(problem(moved(text, "end = 2012-10-11T17:00:00", "end = 9999-10-11T17:00:00")),
              "m.toml:45:7: 'end' 9999-10-11 is outside the dates the planner accepts, 1970-01-01 to 2199-12-31");
    EXPECT_EQ(problem(moved(text, "end = 14:30:00", "end = 2200-01-01T14:30:00")),
              "m.toml:54:7: 'end' 2200-01-01 is outside the dates the planner accepts, 1970-01-01 to 2199-12-31");
    EXPECT_EQ(problem(series("exceptions = [2012-12-13, 0001-01-01]")),
              "m.toml:51:27: 'exceptions' 0001-01-01 is outside the dates the planner accepts, 1970-01-01 to "
              "2199-12-31");
    EXPECT_EQ(problem(series("") + "\n[[meeting.occurrence]]\ndate = 1969-12-31\nstatus = \"cancelled\"\n"),
              "m.toml:61:8: 'date' 1969-12-31 is outside the dates the planner accepts, 1970-01-01 to 2199-12-31");
    EXPECT_EQ(problem(series_by("FREQ=DAILY;UNTIL=99991231", "")),
              "m.toml:50:14: UNTIL=99991231 in the recurrence is not valid, expected a date from 1970-01-01 to "
              "2199-12-31");
    // A time zone without recorded rules (UTC) is bounded by the same range.
    EXPECT_EQ(problem(moved(moved(text, "start = 2012-10-11T14:00:00", "timezone = \"UTC\"\nstart = 1969-10-11T14:00:00"),
                            "end = 2012-10-11T17:00:00", "end = 1969-10-11T17:00:00")),
              "m.toml:45:9: 'start' 1969-10-11 is outside the dates the planner accepts, 1970-01-01 to 2199-12-31");
}

TEST(MeetingFileTest, TheLastAcceptedDayIsAccepted)
{
    auto text = series_by("FREQ=YEARLY;UNTIL=21991231", "");
    text.replace(text.find("start = 2012-10-11T14:00:00"), 27, "start = 2199-10-11T14:00:00");
    text.replace(text.find("end = 2012-10-11T17:00:00"), 25, "end = 2199-12-31T23:59:59");
    const auto file = parse_meeting_file(text, "m.toml", Directory{}, ical::expand_rule);
    ASSERT_EQ(file.meetings.size(), 1U);
    EXPECT_EQ(file.meetings[0].time.end(), utc("2199-12-31 22:59:59"));
}

TEST(MeetingFileTest, ASeriesNeedsARuleExpansionToBeRead)
{
    EXPECT_EQ(error_message([&] { static_cast<void>(parse_meeting_file(series(""), "m.toml", Directory{})); }),
              "m.toml:50:14: recurring meetings cannot be read here: this reader was given no rule expansion");
}

std::string problem_of(const std::string& text)
{
    return error_message([&] { static_cast<void>(parse_meeting_file(text, "m.toml", Directory{})); });
}

std::string repeated(std::string_view part, std::size_t times)
{
    std::string text;
    for (std::size_t i = 0; i < times; ++i) {
        text += part;
    }
    return text;
}

TEST(MeetingFileTest, AKeyOfTensOfThousandsOfDottedPartsIsRefusedAtItsLine)
{
    // 80 KB that overflow the stack inside toml++.
    EXPECT_EQ(problem_of("# a comment.with.dots\ntitle = \"a.b.c\"\n" + repeated("a.", 40'000) + "a = 1\n"),
              "m.toml:3: a key of more than 16 dotted parts; a meeting file nests three levels deep");
    EXPECT_EQ(problem_of("[" + repeated("a.", 40'000) + "a]\n"),
              "m.toml:1: a key of more than 16 dotted parts; a meeting file nests three levels deep");
}

TEST(MeetingFileTest, DeeplyNestedArraysAndInlineTablesAreRefusedAtTheirLine)
{
    EXPECT_EQ(problem_of("\n\nx = " + repeated("[", 40'000) + repeated("]", 40'000) + "\n"),
              "m.toml:3: arrays and inline tables nested more than 16 deep; a meeting file nests three levels deep");
    EXPECT_EQ(problem_of("x = " + repeated("{ a = ", 17) + "1" + repeated(" }", 17) + "\n"),
              "m.toml:1: arrays and inline tables nested more than 16 deep; a meeting file nests three levels deep");
    EXPECT_EQ(problem_of("x = [\n" + repeated("[", 14) + "\n[{a = [\n"),
              "m.toml:3: arrays and inline tables nested more than 16 deep; a meeting file nests three levels deep");
}

TEST(MeetingFileTest, WhatLooksNestedInsideStringsAndCommentsAndValuesIsNot)
{
    // Each of these is within the bound, so toml++ reads it and the reader names the key.
    const auto brackets = repeated("[{", 20);
    const auto dots = repeated("a.", 20);
    for (const auto& text : std::vector<std::string>{
             "x = \"" + brackets + dots + "\"\n",
             "x = '" + brackets + "'\n",
             "x = \"\"\"\n" + brackets + "\\\"\"\"\n" + dots + "\"\"\"\n",
             "x = '''" + brackets + "\n" + dots + "''''\n",
             "x = \"\"\"" + brackets + "\"\"\"\"\"\ny = 1\n",
             "# " + brackets + dots + "\nx = 1\n",
             "\"" + dots + "\".b = 1.5\nx = 1\n",
             "x = [1.5, 2.5, 1979-05-27T07:32:00.999, { a.b = 1.5 }]\n",
             repeated("a.", 15) + "a = 1\nx = 1\n",
             "x = " + repeated("[", 16) + repeated("]", 16) + "\n",
         }) {
        SCOPED_TRACE(text);
        const auto problem = problem_of(text);
        EXPECT_NE(problem.find("unknown key"), std::string::npos) << problem;
    }
}

TEST(MeetingFileTest, AnOversizedFileIsRefusedBeforeItIsRead)
{
    const std::string huge(32U * 1024U * 1024U + 1U, '#');
    EXPECT_EQ(problem_of(huge), "m.toml: the meeting file has 33554433 bytes, more than the 33554432 (32 MiB) the "
                                "planner reads; split it into several files");
}

TEST(MeetingFileTest, TextFieldsHaveALimitInCharacters)
{
    const auto text = records + meeting;
    const auto title = text.find("title = \"Treffen\"");
    EXPECT_EQ(problem_of(std::string(text).replace(title, 17, "title = \"" + std::string(501, 'x') + "\"")),
              "m.toml:40:9: 'title' is 501 characters long, more than the limit of 500");
    // 500 characters of two bytes each are within it.
    EXPECT_NO_THROW(static_cast<void>(parse_meeting_file(
        std::string(text).replace(title, 17, "title = \"" + repeated("ä", 500) + "\""), "m.toml", Directory{})));
    const std::string name = "name = \"Andreas Köster\"";
    EXPECT_EQ(problem_of(std::string(text).replace(text.find(name), name.size(),
                                                   "name = \"" + std::string(1'000'000, 'x') + "\"")),
              "m.toml:17:8: 'name' is 1000000 characters long, more than the limit of 500");
    const std::string agenda_title = "title = \"Begrüßung\"";
    EXPECT_EQ(problem_of(std::string(text).replace(text.find(agenda_title), agenda_title.size(),
                                                   "title = \"" + std::string(600, 'x') + "\"")),
              "m.toml:55:9: 'title' is 600 characters long, more than the limit of 500");
    const std::string two_lines = "description = \"\"\"\nZwei Zeilen\nBeschreibung\"\"\"";
    EXPECT_EQ(problem_of(std::string(text).replace(text.find(two_lines), two_lines.size(),
                                                   "description = \"" + std::string(10'001, 'x') + "\"")),
              "m.toml:41:15: 'description' is 10001 characters long, more than the limit of 10000");
}

TEST(MeetingFileTest, AStateMustBeARegionThePlannerKnowsWrittenAsIsoWritesIt)
{
    const auto& text = records;
    const auto state = text.find("state = \"DE-BW\"");
    EXPECT_EQ(problem_of(std::string(text).replace(state, 15, "state = \"de-bw\"")),
              "m.toml:6:9: state 'de-bw' must be written 'DE-BW'");
    const auto unknown = problem_of(std::string(text).replace(state, 15, "state = \"XX-ZZ\""));
    EXPECT_TRUE(unknown.starts_with("m.toml:6:9: unknown state 'XX-ZZ', expected an ISO 3166-2 code: a German state "
                                    "(DE-"))
        << unknown;
    EXPECT_TRUE(unknown.ends_with(") or a region of a neighbouring country that 'planner holidays import' knows, "
                                  "e.g. CH-TG or AT-8"))
        << unknown;
    EXPECT_NE(unknown.find("DE-BW, "), std::string::npos) << unknown;
    EXPECT_EQ(parse_meeting_file(std::string(text).replace(state, 15, "state = \"CH-TG\""), "m.toml", Directory{})
                  .counties[0]
                  .state,
              "CH-TG");
}

TEST(MeetingFileTest, AnIdThatWouldBeAHiddenFileAnOptionOrTooLongIsRefused)
{
    const auto text = records + meeting;
    const auto id = text.find("id = \"koester\"");
    const auto with_id = [&](const std::string& value) {
        return problem_of(std::string(text).replace(id, 14, "id = \"" + value + "\""));
    };
    EXPECT_EQ(with_id("."), "m.toml:16:6: person id '.' is not valid, expected it to start with a letter or digit");
    EXPECT_EQ(with_id("-h"), "m.toml:16:6: person id '-h' is not valid, expected it to start with a letter or digit");
    EXPECT_EQ(with_id(std::string(65, 'k')), "m.toml:16:6: person id '" + std::string(65, 'k') +
                                                 "' is not valid, expected at most 64 characters, not 65");
}

}  // namespace
}  // namespace planner::db
