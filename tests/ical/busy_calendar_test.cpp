#include <planner/ical/busy_calendar.hpp>

#include "error_message.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace planner::ical {

void PrintTo(const OutsideWindow& outside, std::ostream* out)
{
    const auto day = [](const std::optional<boost::gregorian::date>& date) {
        return date ? boost::gregorian::to_iso_extended_string(*date) : std::string("none");
    };
    *out << "{occurrences=" << outside.occurrences << " first=" << day(outside.first) << " last=" << day(outside.last)
         << " endless=" << outside.endless << " more=" << outside.more << "}";
}

namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;
using planner::testing::error_message;

std::string fixture(const std::string& name)
{
    std::ifstream file(std::string(PLANNER_SOURCE_DIR) + "/tests/ical/fixtures/busy/" + name, std::ios::binary);
    EXPECT_TRUE(file) << name;
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// "2013-03-12 08:00", UTC: every expected value below is worked out by hand from the
// local time in the file and the offset of that day (Berlin: +01:00, and +02:00 from
// 31 March to 27 October 2013).
pt::ptime utc(const std::string& text)
{
    return pt::time_from_string(text + ":00");
}

BusyTime busy(const std::string& start, const std::string& end, const std::string& summary)
{
    return {TimeRange(utc(start), utc(end)), summary};
}

ExpansionWindow window(const std::string& first, const std::string& last)
{
    return {greg::from_simple_string(first), greg::from_simple_string(last)};
}

// A calendar of the given lines, CRLF-ended, inside BEGIN/END:VCALENDAR.
std::string calendar(const std::vector<std::string>& lines)
{
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n";
    for (const auto& line : lines) {
        text += line + "\r\n";
    }
    return text + "END:VCALENDAR\r\n";
}

std::vector<std::string> event(const std::string& summary, const std::vector<std::string>& times)
{
    std::vector<std::string> lines{"BEGIN:VEVENT", "UID:" + summary + "@test", "SUMMARY:" + summary};
    lines.insert(lines.end(), times.begin(), times.end());
    lines.emplace_back("END:VEVENT");
    return lines;
}

const ExpansionWindow march_to_april = window("2013-03-01", "2013-04-20");
const ExpansionWindow october = window("2013-10-01", "2013-10-31");

// The zone of floating times when neither the user nor the file names one.
FloatingZoneChoice fallback(const std::string& zone)
{
    return {std::nullopt, zone};
}

const FloatingZoneChoice berlin = fallback("Europe/Berlin");

// --- Outlook ---------------------------------------------------------------------

TEST(BusyCalendarOutlook, ReadsWindowsZonesSeriesExceptionsOverridesAndAllDayEvents)
{
    const auto read = read_busy_calendar(fixture("outlook-windows-zone.ics"), "outlook-windows-zone.ics",
                                         march_to_april, berlin);
    const std::vector<BusyTime> expected{
        busy("2013-03-05 09:00", "2013-03-05 10:00", "Jour fixe Sozialdezernat"),  // 10:00 CET
        busy("2013-03-12 08:00", "2013-03-12 09:30", "Sprechstunde"),              // 09:00-10:30 CET
        busy("2013-03-12 09:00", "2013-03-12 10:00", "Jour fixe Sozialdezernat"),
        busy("2013-03-14 06:00", "2013-03-14 17:00", "Dienstreise Stuttgart"),  // OOF is busy
        busy("2013-03-19 09:00", "2013-03-19 10:00", "Jour fixe Sozialdezernat"),
        busy("2013-03-20 23:00", "2013-03-21 23:00", "Betriebsausflug"),  // all day 21 March, Berlin midnights
        // 26 March: EXDATE
        busy("2013-04-02 08:00", "2013-04-02 09:00", "Jour fixe Sozialdezernat"),  // 10:00 CEST
        busy("2013-04-04 12:00", "2013-04-04 14:00", "Arbeitskreis Selbsthilfe"),  // TENTATIVE is busy
        // 9 April moved to 10 April, 14:00-15:00 CEST
        busy("2013-04-10 12:00", "2013-04-10 13:00", "Jour fixe Sozialdezernat (verschoben)"),
        busy("2013-04-16 08:00", "2013-04-16 09:00", "Jour fixe Sozialdezernat"),
        // custom TZID, read through its own VTIMEZONE: 13:00-15:00 CEST
        busy("2013-04-18 11:00", "2013-04-18 13:00", "Kreisübergreifendes Treffen"),
    };
    EXPECT_EQ(read.busy, expected);
    EXPECT_EQ(read.not_busy, std::vector<std::string>{"outlook-windows-zone.ics:110: 'Urlaub' on 2013-03-12 is "
                                                     "transparent (free time), not busy"});
}

TEST(BusyCalendarOutlook, SeriesEndsAtItsUtcUntilInclusive)
{
    const auto read = read_busy_calendar(fixture("outlook-windows-zone.ics"), "outlook-windows-zone.ics",
                                         window("2013-04-20", "2013-06-30"), berlin);
    std::vector<pt::ptime> series;
    for (const auto& time : read.busy) {
        if (time.summary == "Jour fixe Sozialdezernat") {
            series.push_back(time.time.start());
        }
    }
    // UNTIL=20130430T080000Z is 10:00 CEST on 30 April: that occurrence is the last.
    EXPECT_EQ(series, (std::vector<pt::ptime>{utc("2013-04-23 08:00"), utc("2013-04-30 08:00")}));
}

TEST(BusyCalendarOutlook, WindowLimitsSeriesAndSingleEventsAlike)
{
    const auto read = read_busy_calendar(fixture("outlook-windows-zone.ics"), "outlook-windows-zone.ics",
                                         window("2013-03-13", "2013-03-20"), berlin);
    std::vector<std::string> summaries;
    for (const auto& time : read.busy) {
        summaries.push_back(time.summary + " " + pt::to_iso_extended_string(time.time.start()));
    }
    EXPECT_EQ(summaries, (std::vector<std::string>{
                             "Dienstreise Stuttgart 2013-03-14T06:00:00",
                             "Jour fixe Sozialdezernat 2013-03-19T09:00:00",
                         }));
    // Before: the Sprechstunde of 12 March, the Jour fixe of 5 and 12 March. After: the
    // Betriebsausflug (all day on 21 March, Berlin time), the Jour fixe of 2, 16, 23
    // and 30 April (UNTIL) and its move to 10 April, the Arbeitskreis of 4 April and
    // the Treffen of 18 April. The transparent Urlaub is not counted.
    EXPECT_EQ(read.outside, (OutsideWindow{11, greg::date(2013, 3, 5), greg::date(2013, 4, 30), 0, false}));
}

// --- Google ----------------------------------------------------------------------

TEST(BusyCalendarGoogle, ReadsUtcTimesXWrTimezoneAndCancelledOccurrences)
{
    // The default zone is New York: floating times and dates must follow the
    // calendar's X-WR-TIMEZONE (Berlin) instead.
    const auto read = read_busy_calendar(fixture("google-x-wr-timezone.ics"), "google-x-wr-timezone.ics",
                                         march_to_april, fallback("America/New_York"));
    const std::vector<BusyTime> expected{
        busy("2013-03-05 08:30", "2013-03-05 09:30", "Teamsitzung"),  // 09:30 CET
        busy("2013-03-12 08:30", "2013-03-12 09:30", "Teamsitzung"),
        busy("2013-03-15 13:00", "2013-03-15 14:00", "Telefonkonferenz Landkreise"),  // Z
        // 19 March cancelled
        busy("2013-03-26 08:30", "2013-03-26 09:30", "Teamsitzung"),
        busy("2013-03-28 15:30", "2013-03-28 16:15", "Zahnarzt"),  // floating 16:30 in Berlin, CET
        busy("2013-04-02 07:30", "2013-04-02 08:30", "Teamsitzung"),  // 09:30 CEST
        busy("2013-04-09 07:30", "2013-04-09 08:30", "Teamsitzung"),
        busy("2013-04-16 07:30", "2013-04-16 08:30", "Teamsitzung"),
    };
    EXPECT_EQ(read.busy, expected);
    EXPECT_EQ(read.zones, (std::vector<FloatingZone>{{"Europe/Berlin", FloatingZone::Source::calendar, ""}}));
    // The Fortbildung of 22-26 July lies after the window, like the rest of the series.
    EXPECT_EQ(read.outside.last, greg::date(2013, 7, 26));
    EXPECT_EQ(read.not_busy,
              std::vector<std::string>{"google-x-wr-timezone.ics:69: 'Teamsitzung' on 2013-03-19 is cancelled"});
}

// --- Apple -----------------------------------------------------------------------

TEST(BusyCalendarApple, ReadsAllDayMultiDayAndDaylightSavingChanges)
{
    const auto read = read_busy_calendar(fixture("apple-allday-and-tz.ics"), "apple-allday-and-tz.ics",
                                         window("2013-10-01", "2013-10-31"), berlin);
    const std::vector<BusyTime> expected{
        busy("2013-10-13 22:00", "2013-10-15 22:00", "Klausurtagung"),           // 14-15 October
        busy("2013-10-23 12:00", "2013-10-25 11:00", "Fachtagung Selbsthilfe"),  // 14:00 - 13:00 CEST
        // 22:00 CEST to 06:30 CET: the night is an hour longer
        busy("2013-10-26 20:00", "2013-10-27 05:30", "Nachtzug Hamburg"),
        // 02:30 happens twice: RFC 5545 3.3.5 means the first (CEST); 04:00 is CET
        busy("2013-10-27 00:30", "2013-10-27 03:00", "Rufbereitschaft"),
    };
    EXPECT_EQ(read.busy, expected);
    EXPECT_EQ(read.not_busy, std::vector<std::string>{"apple-allday-and-tz.ics:26: 'Geburtstag Oma' on 2013-10-11 is "
                                                     "transparent (free time), not busy"});
}

// --- VFREEBUSY -------------------------------------------------------------------

TEST(BusyCalendarFreeBusy, ReadsEveryBusyTypeAndCommaSeparatedPeriods)
{
    const auto read = read_busy_calendar(fixture("vfreebusy.ics"), "vfreebusy.ics", march_to_april, berlin);
    const std::vector<BusyTime> expected{
        busy("2013-03-11 08:00", "2013-03-11 09:30", "busy"),  // BUSY
        busy("2013-03-12 13:00", "2013-03-12 15:00", "busy"),  // BUSY-TENTATIVE, PT2H
        busy("2013-03-13 07:00", "2013-03-13 17:00", "busy"),  // BUSY-UNAVAILABLE
        // 14 March: FBTYPE=FREE
        busy("2013-03-15 08:00", "2013-03-15 09:00", "busy"),  // both periods of one property
        busy("2013-03-15 14:00", "2013-03-15 15:30", "busy"),
    };
    EXPECT_EQ(read.busy, expected);
    EXPECT_TRUE(read.not_busy.empty());
}

// --- Local times that need a rule ------------------------------------------------

TEST(BusyCalendarLocalTime, AmbiguousAutumnHourIsTheFirstAlsoInAnOutlookZone)
{
    // libical alone would read 02:30 in this VTIMEZONE as the second 02:30 (01:30Z).
    const std::string zone = "(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien";
    std::vector<std::string> lines{"BEGIN:VTIMEZONE", "TZID:" + zone,
                                   "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200",
                                   "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                                   "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100",
                                   "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
                                   "END:VTIMEZONE"};
    const auto nacht = event("Nachtdienst", {"DTSTART;TZID=\"" + zone + "\":20131027T023000",
                                             "DTEND;TZID=\"" + zone + "\":20131027T033000"});
    lines.insert(lines.end(), nacht.begin(), nacht.end());
    const auto read = read_busy_calendar(calendar(lines), "nacht.ics", october, berlin);
    // 02:30 CEST = 00:30Z; 03:30 exists once, in CET = 02:30Z.
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-10-27 00:30", "2013-10-27 02:30", "Nachtdienst")});
}

TEST(BusyCalendarLocalTime, SpringGapIsReadWithTheOffsetBeforeIt)
{
    const auto text = calendar(event("Frühschicht", {"DTSTART;TZID=Europe/Berlin:20130331T023000",
                                                     "DTEND;TZID=Europe/Berlin:20130331T040000"}));
    const auto read = read_busy_calendar(text, "gap.ics", march_to_april, berlin);
    // 02:30 does not exist; read with +01:00 it is 01:30Z (03:30 CEST). 04:00 CEST = 02:00Z.
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-03-31 01:30", "2013-03-31 02:00", "Frühschicht")});
}

TEST(BusyCalendarLocalTime, TimesBeforeTheZonesRuleUseLibicalsHistory)
{
    // Berlin's current rule dates from 1996; in 1990 summer time ended in September.
    const auto text = calendar(event("Altes Treffen", {"DTSTART;TZID=Europe/Berlin:19900930T090000",
                                                       "DTEND;TZID=Europe/Berlin:19900930T100000"}));
    const auto read = read_busy_calendar(text, "old.ics", window("1990-09-01", "1990-10-31"), berlin);
    // 30 September 1990 was after the change (its last Sunday, 03:00), so CET: 08:00Z.
    // The current rule would say CEST (07:00Z).
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("1990-09-30 08:00", "1990-09-30 09:00", "Altes Treffen")});
}

// --- Events that take no time, or cannot be read ---------------------------------

TEST(BusyCalendarEvents, ZeroLengthIsSkippedAndAllDayWithoutEndIsOneDay)
{
    auto lines = event("Erinnerung", {"DTSTART;TZID=Europe/Berlin:20130312T090000"});
    const auto all_day = event("Umzug", {"DTSTART;VALUE=DATE:20130315"});
    lines.insert(lines.end(), all_day.begin(), all_day.end());
    const auto read = read_busy_calendar(calendar(lines), "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-03-14 23:00", "2013-03-15 23:00", "Umzug")});
    EXPECT_EQ(read.not_busy,
              std::vector<std::string>{"x.ics:4: 'Erinnerung' on 2013-03-12 ends when it starts, so it takes no time"});
}

TEST(BusyCalendarEvents, UnknownZoneIsSkippedWithItsName)
{
    const auto text = calendar(event("Treffen", {"DTSTART;TZID=Mitteleuropa:20130312T090000",
                                                 "DTEND;TZID=Mitteleuropa:20130312T100000"}));
    const auto read = read_busy_calendar(text, "x.ics", march_to_april, berlin);
    EXPECT_TRUE(read.busy.empty());
    EXPECT_EQ(read.left_out, std::vector<std::string>{"x.ics:4: 'Treffen' is left out: its time zone 'Mitteleuropa' "
                                                      "is neither an IANA nor a Windows zone name, and the file has "
                                                      "no VTIMEZONE for it"});
}

TEST(BusyCalendarEvents, UnreadableTimeLeavesOutItsEventWithThePlace)
{
    auto lines = event("Treffen", {"DTSTART:20130312T090000Z", "DTEND:2013bad"});
    const auto other = event("Sprechstunde", {"DTSTART:20130313T090000Z", "DTEND:20130313T100000Z"});
    lines.insert(lines.end(), other.begin(), other.end());
    const auto read = read_busy_calendar(calendar(lines), "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-03-13 09:00", "2013-03-13 10:00", "Sprechstunde")});
    EXPECT_EQ(read.left_out, std::vector<std::string>{"x.ics:8:7: 'Treffen' is left out: its DTEND '2013bad' is not "
                                                      "a date (20130312) or date-time (20130312T090000)"});
}

// libical holds INTERVAL in a short: 65537 was read as 1, every day busy.
TEST(BusyCalendarEvents, ARuleLibicalWouldWrapLeavesOutItsEventWithThePlace)
{
    auto lines = event("Selten", {"DTSTART:20130312T090000Z", "DTEND:20130312T100000Z", "RRULE:FREQ=DAILY;INTERVAL=65537"});
    const auto other = event("Sprechstunde", {"DTSTART:20130313T090000Z", "DTEND:20130313T100000Z"});
    lines.insert(lines.end(), other.begin(), other.end());
    const auto read = read_busy_calendar(calendar(lines), "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-03-13 09:00", "2013-03-13 10:00", "Sprechstunde")});
    EXPECT_EQ(read.left_out, std::vector<std::string>{"x.ics:9:7: 'Selten' is left out: its RRULE "
                                                      "'FREQ=DAILY;INTERVAL=65537' cannot be read: INTERVAL=65537 is "
                                                      "more than libical can hold, at most 32767"});
}

// libical keeps these values as written: hour 25 became the next day, and the year
// 0000 or 30 February an "internal error" from Boost without file or line.
TEST(BusyCalendarEvents, TimesThatDoNotExistLeaveOutTheirEventWithPlaceAndValue)
{
    std::vector<std::string> lines;
    for (const auto& part : {event("Stunde25", {"DTSTART:20130312T250000Z", "DTEND:20130312T260000Z"}),
                             event("Februar", {"DTSTART;VALUE=DATE:20130230"}),
                             event("Jahr0", {"DTSTART;VALUE=DATE:20130312", "RRULE:FREQ=YEARLY;UNTIL=00000101"}),
                             event("Jahr1399", {"DTSTART:13991231T100000Z", "DURATION:PT1H"}),
                             event("Ausnahme", {"DTSTART:20130312T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY",
                                                "EXDATE:20130313T090000Z,20130314T096000Z"}),
                             event("Ewig", {"DTSTART:20130312T090000Z", "DURATION:P99999999W"}),
                             event("Gut", {"DTSTART:20130312T090000Z", "DTEND:20130312T100000Z"})}) {
        lines.insert(lines.end(), part.begin(), part.end());
    }
    const auto read = read_busy_calendar(calendar(lines), "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-03-12 09:00", "2013-03-12 10:00", "Gut")});
    EXPECT_EQ(read.left_out,
              (std::vector<std::string>{
                  "x.ics:7:9: 'Stunde25' is left out: its DTSTART value '20130312T250000Z' is out of range: hour 25 "
                  "does not exist (00 to 23)",
                  "x.ics:13:20: 'Februar' is left out: its DTSTART value '20130230' is out of range: day 30 does not "
                  "exist in 2013-02 (01 to 28)",
                  "x.ics:19:25: 'Jahr0' is left out: its RRULE value '00000101' is out of range: the year 0000 is not "
                  "one of 1583 to 9999, the years the planner reads",
                  "x.ics:24:9: 'Jahr1399' is left out: its DTSTART value '13991231T100000Z' is out of range: the year "
                  "1399 is not one of 1583 to 9999, the years the planner reads",
                  "x.ics:33:25: 'Ausnahme' is left out: its EXDATE value '20130314T096000Z' is out of range: minute "
                  "60 does not exist (00 to 59)",
                  "x.ics:39:10: 'Ewig' is left out: its DURATION value 'P99999999W' is out of range: it is longer than "
                  "10000 years",
              }));
}

TEST(BusyCalendarEvents, ALeapSecondAndTheLastDayOfTheYear9999AreRead)
{
    auto lines = event("Schaltsekunde", {"DTSTART:20121231T235960Z", "DTEND:20130101T010000Z"});
    const auto last = event("Zuletzt", {"DTSTART:99991231T100000Z", "DTEND:99991231T110000Z"});
    lines.insert(lines.end(), last.begin(), last.end());
    const auto read = read_busy_calendar(calendar(lines), "x.ics", window("2012-12-31", "9999-12-31"), berlin);
    EXPECT_EQ(read.busy, (std::vector<BusyTime>{busy("2013-01-01 00:00", "2013-01-01 01:00", "Schaltsekunde"),
                                                busy("9999-12-31 10:00", "9999-12-31 11:00", "Zuletzt")}));
    EXPECT_TRUE(read.left_out.empty()) << read.left_out.front();
}

TEST(BusyCalendarEvents, TimesComputedBeyondTheYear9999LeaveOutTheirEvent)
{
    const auto text = calendar(event("Ende", {"DTSTART;VALUE=DATE:99991230", "DURATION:P5D"}));
    const auto read = read_busy_calendar(text, "x.ics", march_to_april, berlin);
    EXPECT_TRUE(read.busy.empty());
    EXPECT_EQ(read.left_out, std::vector<std::string>{"x.ics:4: 'Ende' is left out: its times run beyond the years "
                                                      "1400 to 9999, which the planner computes with"});
}

// libical's icaldurationtype_as_int wraps after 68 years: the period ended before it
// began and was dropped as taking no time.
TEST(BusyCalendarFreeBusy, APeriodOfAHundredYearsIsNotWrapped)
{
    const auto text = calendar({"BEGIN:VFREEBUSY", "UID:fb@test", "FREEBUSY:20130312T080000Z/P5218W",
                                "END:VFREEBUSY"});
    const auto read = read_busy_calendar(text, "x.ics", march_to_april, berlin);
    ASSERT_EQ(read.busy.size(), 1U);
    EXPECT_EQ(read.busy.front().time.end(), utc("2013-03-12 08:00") + pt::hours(24 * 7 * 5218));
    EXPECT_TRUE(read.not_busy.empty());
}

TEST(BusyCalendarFreeBusy, APeriodThatDoesNotExistLeavesOutItsVfreebusy)
{
    const auto text = calendar({"BEGIN:VFREEBUSY", "UID:fb@test",
                                "FREEBUSY:20130312T080000Z/PT1H,20130312T240000Z/PT1H", "END:VFREEBUSY"});
    const auto read = read_busy_calendar(text, "x.ics", march_to_april, berlin);
    EXPECT_TRUE(read.busy.empty());
    EXPECT_EQ(read.left_out, std::vector<std::string>{"x.ics:6:32: the VFREEBUSY is left out: its FREEBUSY value "
                                                      "'20130312T240000Z' is out of range: hour 24 does not exist "
                                                      "(00 to 23)"});
}

// A VTIMEZONE of the file with these parts, and an event at 09:00 in it.
std::string event_in_zone(const std::string& tzid, const std::vector<std::string>& zone_parts)
{
    std::vector<std::string> lines{"BEGIN:VTIMEZONE", "TZID:" + tzid};
    lines.insert(lines.end(), zone_parts.begin(), zone_parts.end());
    lines.emplace_back("END:VTIMEZONE");
    const auto meeting = event("Treffen", {"DTSTART;TZID=" + tzid + ":20130312T090000",
                                           "DTEND;TZID=" + tzid + ":20130312T100000"});
    lines.insert(lines.end(), meeting.begin(), meeting.end());
    return calendar(lines);
}

std::vector<std::string> observance(const std::string& kind, const std::string& to, const std::string& rule)
{
    std::vector<std::string> lines{"BEGIN:" + kind, "DTSTART:16010101T030000", "TZOFFSETFROM:+0100",
                                   "TZOFFSETTO:" + to};
    if (!rule.empty()) {
        lines.push_back("RRULE:" + rule);
    }
    lines.push_back("END:" + kind);
    return lines;
}

// libical read TZOFFSETTO:+99999999 as +23:40:39 (times moved by a day), a zone without
// observances as UTC, and walked FREQ=SECONDLY for ever.
TEST(BusyCalendarZones, AVtimezoneThatCannotBeUsedLeavesOutItsEventsWithTheReason)
{
    const std::vector<std::pair<std::string, std::string>> cases{
        {event_in_zone("Weit", observance("STANDARD", "+99999999", "")),
         "x.ics:12: 'Treffen' is left out: its time zone 'Weit' has a VTIMEZONE (line 4) that cannot be used: its "
         "TZOFFSETTO '+99999999' (line 9) is not a UTC offset under 24 hours (+0100, -0500, +053000)"},
        {event_in_zone("Tag", observance("STANDARD", "+2400", "")),
         "x.ics:12: 'Treffen' is left out: its time zone 'Tag' has a VTIMEZONE (line 4) that cannot be used: its "
         "TZOFFSETTO '+2400' (line 9) is not a UTC offset under 24 hours (+0100, -0500, +053000)"},
        {event_in_zone("Leer", {}),
         "x.ics:7: 'Treffen' is left out: its time zone 'Leer' has a VTIMEZONE (line 4) that cannot be used: it has "
         "no STANDARD or DAYLIGHT part, so it gives no offset"},
        {event_in_zone("Ohne", {"BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0100", "END:STANDARD"}),
         "x.ics:11: 'Treffen' is left out: its time zone 'Ohne' has a VTIMEZONE (line 4) that cannot be used: its "
         "STANDARD of line 6 has no TZOFFSETTO"},
        {event_in_zone("Sekunde", observance("DAYLIGHT", "+0200", "FREQ=SECONDLY")),
         "x.ics:13: 'Treffen' is left out: its time zone 'Sekunde' has a VTIMEZONE (line 4) that cannot be used: "
         "its RRULE 'FREQ=SECONDLY' (line 10) is not yearly (FREQ=YEARLY), as the rules of every zone are; libical "
         "would walk it change by change"},
        {event_in_zone("Stunde", observance("DAYLIGHT", "+0200", "FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11")),
         "x.ics:13: 'Treffen' is left out: its time zone 'Stunde' has a VTIMEZONE (line 4) that cannot be used: its "
         "RRULE 'FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11' (line 10) changes the offset several times a day "
         "(BYHOUR); libical would walk it change by change"},
        // The file's definition is refused also for a name the planner knows.
        {event_in_zone("Europe/Berlin", observance("STANDARD", "+99999999", "")),
         "x.ics:12: 'Treffen' is left out: its time zone 'Europe/Berlin' has a VTIMEZONE (line 4) that cannot be "
         "used: its TZOFFSETTO '+99999999' (line 9) is not a UTC offset under 24 hours (+0100, -0500, +053000)"},
    };
    for (const auto& [text, message] : cases) {
        const auto read = read_busy_calendar(text, "x.ics", march_to_april, berlin);
        EXPECT_TRUE(read.busy.empty()) << message;
        EXPECT_EQ(read.left_out, std::vector<std::string>{message});
    }
}

TEST(BusyCalendarZones, AVtimezoneWithSecondsInItsOffsetsIsRead)
{
    // Lotus Notes names the hour and minute of the change.
    auto parts = observance("STANDARD", "+013000", "FREQ=YEARLY;BYMINUTE=0;BYHOUR=3;BYDAY=-1SU;BYMONTH=10");
    const auto summer = observance("DAYLIGHT", "+023000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    parts.insert(parts.end(), summer.begin(), summer.end());
    const auto read = read_busy_calendar(event_in_zone("Halb", parts), "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-03-12 07:30", "2013-03-12 08:30", "Treffen")});
    EXPECT_TRUE(read.left_out.empty());
}

TEST(BusyCalendarEvents, UnknownXWrTimezoneFallsBackToTheDefaultZone)
{
    auto lines = std::vector<std::string>{"X-WR-TIMEZONE:Mars/Olympus_Mons"};
    const auto floating = event("Lesung", {"DTSTART:20130312T190000", "DTEND:20130312T200000"});
    lines.insert(lines.end(), floating.begin(), floating.end());
    const auto read = read_busy_calendar(calendar(lines), "x.ics", march_to_april, fallback("Europe/London"));
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-03-12 19:00", "2013-03-12 20:00", "Lesung")});  // GMT
}

// --- Recurrence ------------------------------------------------------------------

TEST(BusyCalendarRecurrence, RdateAndDateExdate)
{
    const auto text = calendar(event("Beirat", {"DTSTART;TZID=Europe/Berlin:20130305T100000",
                                                "DTEND;TZID=Europe/Berlin:20130305T110000",
                                                "RRULE:FREQ=WEEKLY;COUNT=3",
                                                "RDATE;TZID=Europe/Berlin:20130402T150000",
                                                "EXDATE;VALUE=DATE:20130312"}));
    const auto read = read_busy_calendar(text, "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, (std::vector<BusyTime>{
                             busy("2013-03-05 09:00", "2013-03-05 10:00", "Beirat"),
                             busy("2013-03-19 09:00", "2013-03-19 10:00", "Beirat"),
                             busy("2013-04-02 13:00", "2013-04-02 14:00", "Beirat"),  // 15:00 CEST
                         }));
}

TEST(BusyCalendarRecurrence, TransparentOverrideRemovesItsOccurrence)
{
    auto lines = event("Kreistag", {"DTSTART:20130305T140000Z", "DTEND:20130305T160000Z",
                                    "RRULE:FREQ=WEEKLY;COUNT=3"});
    const auto moved = std::vector<std::string>{
        "BEGIN:VEVENT", "UID:Kreistag@test", "SUMMARY:Kreistag (nur Info)", "RECURRENCE-ID:20130312T140000Z",
        "DTSTART:20130312T140000Z", "DTEND:20130312T160000Z", "TRANSP:TRANSPARENT", "END:VEVENT"};
    lines.insert(lines.end(), moved.begin(), moved.end());
    const auto read = read_busy_calendar(calendar(lines), "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, (std::vector<BusyTime>{busy("2013-03-05 14:00", "2013-03-05 16:00", "Kreistag"),
                                                busy("2013-03-19 14:00", "2013-03-19 16:00", "Kreistag")}));
    EXPECT_EQ(read.not_busy, std::vector<std::string>{"x.ics:11: 'Kreistag (nur Info)' on 2013-03-12 is transparent "
                                                     "(free time), not busy"});
}

TEST(BusyCalendarRecurrence, OldSeriesDoesNotUseUpTheCapBeforeTheWindow)
{
    // Daily since 2005: over 2900 occurrences before March 2013.
    const auto text = calendar(event("Morgenrunde", {"DTSTART;TZID=Europe/Berlin:20050103T083000",
                                                     "DTEND;TZID=Europe/Berlin:20050103T084500",
                                                     "RRULE:FREQ=DAILY"}));
    const auto read = read_busy_calendar(text, "x.ics", window("2013-03-01", "2013-03-31"), berlin);
    ASSERT_EQ(read.busy.size(), 31U);
    EXPECT_EQ(read.busy.front(), busy("2013-03-01 07:30", "2013-03-01 07:45", "Morgenrunde"));
    EXPECT_EQ(read.busy.back(), busy("2013-03-31 06:30", "2013-03-31 06:45", "Morgenrunde"));  // CEST
    EXPECT_TRUE(read.not_busy.empty());
    EXPECT_TRUE(read.left_out.empty());
    // 3 January 2005 to 28 February 2013: 2979 days before, and no end after.
    EXPECT_EQ(read.outside, (OutsideWindow{2979, greg::date(2005, 1, 3), std::nullopt, 1, false}));
}

TEST(BusyCalendarRecurrence, AtMostOneThousandOccurrences)
{
    const auto text = calendar(event("Täglich", {"DTSTART:20130101T080000", "DTEND:20130101T081500",
                                                 "RRULE:FREQ=DAILY"}));
    const auto read = read_busy_calendar(text, "x.ics", window("2013-01-01", "2015-12-31"), berlin);
    ASSERT_EQ(read.busy.size(), 1000U);
    // Day 999 after 1 January 2013 is 27 September 2015 (730 days to 1 January 2015,
    // then 269 more); 08:00 CEST.
    EXPECT_EQ(read.busy.back(), busy("2015-09-27 06:00", "2015-09-27 06:15", "Täglich"));
    EXPECT_EQ(read.left_out, std::vector<std::string>{"x.ics:4: 'Täglich' (repeating from 2013-01-01) repeats more "
                                                      "than 1000 times in the window; only the first 1000 are read"});
    EXPECT_EQ(read.outside.endless, 1U);
}

TEST(BusyCalendarRecurrence, AnHourlyRuleHeldForYearsIsCountedOnlySoFar)
{
    // 23 years by the hour: more starts before the window than a file may walk through.
    const auto text = calendar(event("Messung", {"DTSTART:19900101T000000Z", "DTEND:19900101T001000Z",
                                                 "RRULE:FREQ=HOURLY"}));
    const auto read = read_busy_calendar(text, "x.ics", window("2013-03-01", "2013-03-10"), berlin);
    EXPECT_EQ(read.busy.size(), 10U * 24U);  // from 23:00Z the day before, Berlin's midnight
    EXPECT_TRUE(read.outside.more);
    EXPECT_GE(read.outside.occurrences, 200'000U);
    EXPECT_EQ(read.outside.endless, 1U);
}

TEST(BusyCalendarRecurrence, AllDaySeriesNamesItsOccurrencesByDate)
{
    // Outlook deletes and moves occurrences of an all-day series with local date-times.
    auto lines = event("Außendienst", {"DTSTART;VALUE=DATE:20130304", "DTEND;VALUE=DATE:20130305",
                                       "RRULE:FREQ=WEEKLY;COUNT=4",
                                       "EXDATE;TZID=W. Europe Standard Time:20130311T000000"});
    const auto moved = std::vector<std::string>{
        "BEGIN:VEVENT", "UID:Außendienst@test", "SUMMARY:Außendienst", "RECURRENCE-ID:20130317T230000Z",
        "DTSTART;VALUE=DATE:20130320", "DTEND;VALUE=DATE:20130321", "END:VEVENT"};
    lines.insert(lines.end(), moved.begin(), moved.end());
    const auto read = read_busy_calendar(calendar(lines), "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, (std::vector<BusyTime>{
                             busy("2013-03-03 23:00", "2013-03-04 23:00", "Außendienst"),
                             // 11 March deleted; 18 March (23:00Z the day before) moved to the 20th
                             busy("2013-03-19 23:00", "2013-03-20 23:00", "Außendienst"),
                             busy("2013-03-24 23:00", "2013-03-25 23:00", "Außendienst"),
                         }));
}

TEST(BusyCalendarRecurrence, PeriodRdatesKeepTheirOwnEnd)
{
    const auto text = calendar(event("Klausur", {"DTSTART;TZID=Europe/Berlin:20130305T090000",
                                                 "DTEND;TZID=Europe/Berlin:20130305T100000",
                                                 "RDATE;VALUE=PERIOD;TZID=Europe/Berlin:20130306T090000/20130306T163000,"
                                                 "20130307T140000/PT30M"}));
    const auto read = read_busy_calendar(text, "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, (std::vector<BusyTime>{busy("2013-03-05 08:00", "2013-03-05 09:00", "Klausur"),
                                                busy("2013-03-06 08:00", "2013-03-06 15:30", "Klausur"),
                                                busy("2013-03-07 13:00", "2013-03-07 13:30", "Klausur")}));
}

TEST(BusyCalendarRecurrence, ThisAndFutureMovesTheLaterOccurrences)
{
    auto lines = event("Teamrunde", {"DTSTART;TZID=Europe/Berlin:20130304T090000",
                                     "DTEND;TZID=Europe/Berlin:20130304T100000", "RRULE:FREQ=WEEKLY;COUNT=5"});
    for (const auto& part :
         {std::vector<std::string>{"BEGIN:VEVENT", "UID:Teamrunde@test", "SUMMARY:Teamrunde (neu)",
                                   "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20130318T090000",
                                   "DTSTART;TZID=Europe/Berlin:20130319T140000",
                                   "DTEND;TZID=Europe/Berlin:20130319T153000", "END:VEVENT"},
          // One of the later ones moved again on its own.
          std::vector<std::string>{"BEGIN:VEVENT", "UID:Teamrunde@test", "SUMMARY:Teamrunde (Ausnahme)",
                                   "RECURRENCE-ID;TZID=Europe/Berlin:20130325T090000",
                                   "DTSTART;TZID=Europe/Berlin:20130327T080000",
                                   "DTEND;TZID=Europe/Berlin:20130327T090000", "END:VEVENT"}}) {
        lines.insert(lines.end(), part.begin(), part.end());
    }
    const auto read = read_busy_calendar(calendar(lines), "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, (std::vector<BusyTime>{
                             busy("2013-03-04 08:00", "2013-03-04 09:00", "Teamrunde"),
                             busy("2013-03-11 08:00", "2013-03-11 09:00", "Teamrunde"),
                             busy("2013-03-19 13:00", "2013-03-19 14:30", "Teamrunde (neu)"),
                             busy("2013-03-27 07:00", "2013-03-27 08:00", "Teamrunde (Ausnahme)"),
                             busy("2013-04-02 12:00", "2013-04-02 13:30", "Teamrunde (neu)"),  // CEST
                         }));
}

// --- The zone of floating times, and streams -------------------------------------

TEST(BusyCalendarZones, XWrTimezoneWithValueTextAndTheGivenZoneWins)
{
    auto lines = std::vector<std::string>{"X-WR-TIMEZONE;VALUE=TEXT:Europe/Lisbon"};
    const auto floating = event("Chor", {"DTSTART:20130312T190000", "DTEND:20130312T200000"});
    lines.insert(lines.end(), floating.begin(), floating.end());
    const auto file = calendar(lines);
    const auto read = read_busy_calendar(file, "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-03-12 19:00", "2013-03-12 20:00", "Chor")});  // WET
    EXPECT_EQ(read.zones, (std::vector<FloatingZone>{{"Europe/Lisbon", FloatingZone::Source::calendar, ""}}));
    const auto given = read_busy_calendar(file, "x.ics", march_to_april, {"Europe/Berlin", "Europe/Berlin"});
    EXPECT_EQ(given.busy, std::vector<BusyTime>{busy("2013-03-12 18:00", "2013-03-12 19:00", "Chor")});
    EXPECT_EQ(given.zones,
              (std::vector<FloatingZone>{{"Europe/Berlin", FloatingZone::Source::given, "Europe/Lisbon"}}));
}

TEST(BusyCalendarZones, AGloballyUniqueTzidWithoutVtimezone)
{
    const auto text = calendar(event("Fähre", {"DTSTART;TZID=/Europe/Stockholm:20130312T090000",
                                               "DTEND;TZID=/Europe/Stockholm:20130312T100000"}));
    const auto read = read_busy_calendar(text, "x.ics", march_to_april, berlin);
    EXPECT_EQ(read.busy, std::vector<BusyTime>{busy("2013-03-12 08:00", "2013-03-12 09:00", "Fähre")});
    EXPECT_TRUE(read.left_out.empty());
}

TEST(BusyCalendarZones, EachCalendarOfAStreamHasItsOwnZone)
{
    const auto floating = [](const std::string& zone) {
        auto lines = std::vector<std::string>{"X-WR-TIMEZONE:" + zone};
        const auto chor = event("Chor", {"DTSTART:20130312T190000", "DTEND:20130312T200000"});
        lines.insert(lines.end(), chor.begin(), chor.end());
        return calendar(lines);
    };
    const auto read =
        read_busy_calendar(floating("Europe/Lisbon") + "\r\n" + floating("Europe/Berlin"), "x.ics", march_to_april,
                           fallback("Europe/London"));
    EXPECT_EQ(read.busy, (std::vector<BusyTime>{busy("2013-03-12 18:00", "2013-03-12 19:00", "Chor"),
                                                busy("2013-03-12 19:00", "2013-03-12 20:00", "Chor")}));
    EXPECT_EQ(read.zones, (std::vector<FloatingZone>{{"Europe/Lisbon", FloatingZone::Source::calendar, ""},
                                                     {"Europe/Berlin", FloatingZone::Source::calendar, ""}}));
}

TEST(BusyCalendarEvents, ByteOrderMarkKeepsPlacesAndChecks)
{
    // Outlook writes a UTF-8 byte-order mark; the places and the check of unreadable
    // values must not depend on it.
    const auto cancelled = "\xEF\xBB\xBF" + calendar(event("Abgesagt", {"DTSTART:20130312T090000Z",
                                                                        "DTEND:20130312T100000Z",
                                                                        "STATUS:CANCELLED"}));
    EXPECT_EQ(read_busy_calendar(cancelled, "x.ics", march_to_april, berlin).not_busy,
              std::vector<std::string>{"x.ics:4: 'Abgesagt' on 2013-03-12 is cancelled"});
    const auto unreadable = "\xEF\xBB\xBF" + calendar(event("Treffen", {"DTSTART:20130312T090000Z", "DTEND:2013bad"}));
    EXPECT_EQ(read_busy_calendar(unreadable, "x.ics", march_to_april, berlin).left_out,
              std::vector<std::string>{"x.ics:8:7: 'Treffen' is left out: its DTEND '2013bad' is not a date "
                                       "(20130312) or date-time (20130312T090000)"});
}

// --- Not a calendar --------------------------------------------------------------

TEST(BusyCalendarErrors, TruncatedFile)
{
    const std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20130312T0900";
    EXPECT_EQ(error_message([&] { (void)read_busy_calendar(text, "cut.ics", march_to_april, berlin); }),
              "cut.ics:5:22: the file ends inside VEVENT (begun on line 3); is it cut off?");
}

TEST(BusyCalendarErrors, NoVcalendar)
{
    const std::string text = "BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20130312T090000Z\r\nEND:VEVENT\r\n";
    EXPECT_EQ(error_message([&] { (void)read_busy_calendar(text, "event.ics", march_to_april, berlin); }),
              "event.ics:1:1: found 'BEGIN:VEVENT'; expected BEGIN:VCALENDAR, as every iCalendar file begins");
}

TEST(BusyCalendarErrors, BinaryGarbage)
{
    const std::string text("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    EXPECT_EQ(error_message([&] { (void)read_busy_calendar(text, "logo.png", march_to_april, berlin); }),
              "logo.png:1:1: byte 0x89 is not UTF-8 text; expected an iCalendar file");
}

// --- Holiday calendars -----------------------------------------------------------

std::vector<ListedDay> days_named(const std::vector<ListedDay>& days, const std::string& name)
{
    std::vector<ListedDay> found;
    std::copy_if(days.begin(), days.end(), std::back_inserter(found),
                 [&](const ListedDay& day) { return day.name == name; });
    return found;
}

ListedDay listed(const std::string& date, const std::string& name)
{
    return {greg::from_simple_string(date), name};
}

TEST(HolidayCalendar, SchoolHolidaysGiveEveryDayWithExclusiveEnds)
{
    const auto read = read_holiday_calendar(fixture("schulferien-bw-2013.ics"), "schulferien-bw-2013.ics",
                                            window("2013-01-01", "2013-12-31"), berlin);
    const auto& days = read.days;
    // 12 + 12 + 45 + 4 + 9 days: 25.3.-5.4., 21.5.-1.6., 25.7.-7.9., 28.-31.10.,
    // 23.-31.12.; the Christmas holidays go on to 4.1.2014, outside the window.
    ASSERT_EQ(days.size(), 82U);
    EXPECT_EQ(days.front(), listed("2013-03-25", "Osterferien"));
    EXPECT_EQ(days.back(), listed("2013-12-31", "Weihnachtsferien"));
    EXPECT_EQ(read.days_outside, 4U);
    EXPECT_EQ(read.outside.last, greg::date(2014, 1, 4));
    const auto ostern = days_named(days, "Osterferien");
    ASSERT_EQ(ostern.size(), 12U);
    EXPECT_EQ(ostern.back(), listed("2013-04-05", "Osterferien"));
    const auto sommer = days_named(days, "Sommerferien");
    ASSERT_EQ(sommer.size(), 45U);
    EXPECT_EQ(sommer.front(), listed("2013-07-25", "Sommerferien"));
    EXPECT_EQ(sommer.back(), listed("2013-09-07", "Sommerferien"));
    EXPECT_EQ(days_named(days, "Herbstferien"),
              (std::vector<ListedDay>{listed("2013-10-28", "Herbstferien"), listed("2013-10-29", "Herbstferien"),
                                      listed("2013-10-30", "Herbstferien"), listed("2013-10-31", "Herbstferien")}));
    EXPECT_EQ(days_named(days, "Pfingstferien").back(), listed("2013-06-01", "Pfingstferien"));
}

TEST(HolidayCalendar, YearlyRulesAreExpandedOverTheWindow)
{
    const auto days = read_holiday_calendar(fixture("feiertage-ch-tg.ics"), "feiertage-ch-tg.ics",
                                            window("2013-01-01", "2014-12-31"), berlin)
                          .days;
    EXPECT_EQ(days, (std::vector<ListedDay>{
                        listed("2013-01-02", "Berchtoldstag"),
                        listed("2013-03-29", "Karfreitag"),
                        listed("2013-08-01", "Bundesfeier"),
                        listed("2014-01-02", "Berchtoldstag"),
                        listed("2014-08-01", "Bundesfeier"),
                    }));
}

TEST(HolidayCalendar, CancelledSkippedDuplicatesOnceTimedEventsByTheirLocalDay)
{
    std::vector<std::string> lines;
    for (const auto& part : {event("Fasnacht", {"DTSTART;VALUE=DATE:20130211"}),
                             event("Fasnacht", {"DTSTART;VALUE=DATE:20130211", "DTEND;VALUE=DATE:20130212"}),
                             event("Sommerfest", {"DTSTART;VALUE=DATE:20130706", "STATUS:CANCELLED"}),
                             // 23:30-00:30 Berlin time: both local days
                             event("Mitternachtslauf", {"DTSTART:20130615T213000Z", "DTEND:20130615T223000Z"})}) {
        lines.insert(lines.end(), part.begin(), part.end());
    }
    const auto read = read_holiday_calendar(calendar(lines), "x.ics", window("2013-01-01", "2013-12-31"), berlin);
    EXPECT_EQ(read.days, (std::vector<ListedDay>{listed("2013-02-11", "Fasnacht"),
                                                 listed("2013-06-15", "Mitternachtslauf"),
                                                 listed("2013-06-16", "Mitternachtslauf")}));
    EXPECT_EQ(read.left_out, std::vector<std::string>{"x.ics:15: 'Sommerfest' on 2013-07-06 is cancelled"});
}

// A typo (4026 for 2026) made each occurrence two thousand years long: every day from
// 2013 to 4026 was stored, whatever the window.
TEST(HolidayCalendar, AnEventReachingBeyondTheWindowGivesOnlyTheWindowsDaysAndCountsTheRest)
{
    const auto text = calendar(event("Betriebsferien", {"DTSTART;VALUE=DATE:20130107", "DTEND;VALUE=DATE:40260108",
                                                        "RRULE:FREQ=WEEKLY;COUNT=2"}));
    const auto march = window("2013-03-01", "2013-03-31");
    const auto read = read_holiday_calendar(text, "x.ics", march, berlin);
    std::vector<ListedDay> expected;
    for (auto day = march.first; day <= march.last; day += greg::days(1)) {
        expected.push_back({day, "Betriebsferien"});
    }
    EXPECT_EQ(read.days, expected);
    const auto first_start = greg::from_simple_string("2013-01-07");
    const auto second_start = greg::from_simple_string("2013-01-14");
    const auto first_last = greg::from_simple_string("4026-01-07");
    const auto second_last = greg::from_simple_string("4026-01-14");
    EXPECT_EQ(read.days_outside, static_cast<std::size_t>((march.first - first_start).days() +
                                                          (march.first - second_start).days() +
                                                          (first_last - march.last).days() +
                                                          (second_last - march.last).days()));
    EXPECT_EQ(read.outside, (OutsideWindow{0, first_start, second_last, 0, false}));
}

TEST(HolidayCalendar, AnEventInsideTheWindowHasNoDaysOutside)
{
    const auto text = calendar(event("Fasnacht", {"DTSTART;VALUE=DATE:20130211", "DTEND;VALUE=DATE:20130213"}));
    const auto read = read_holiday_calendar(text, "x.ics", window("2013-01-01", "2013-12-31"), berlin);
    EXPECT_EQ(read.days.size(), 2U);
    EXPECT_EQ(read.days_outside, 0U);
    EXPECT_EQ(read.outside, OutsideWindow{});
}

// --- Zone names ------------------------------------------------------------------

TEST(IanaZoneName, WindowsNamesByTheCldrTable)
{
    const std::vector<std::pair<std::string, std::string>> table{
        {"W. Europe Standard Time", "Europe/Berlin"},
        {"Romance Standard Time", "Europe/Paris"},
        {"GMT Standard Time", "Europe/London"},
        {"Central Europe Standard Time", "Europe/Budapest"},
        {"Central European Standard Time", "Europe/Warsaw"},
        {"E. Europe Standard Time", "Europe/Chisinau"},
        {"FLE Standard Time", "Europe/Kiev"},
        {"GTB Standard Time", "Europe/Bucharest"},
        {"Russian Standard Time", "Europe/Moscow"},
        {"Eastern Standard Time", "America/New_York"},
        {"Central Standard Time", "America/Chicago"},
        {"Mountain Standard Time", "America/Denver"},
        {"Pacific Standard Time", "America/Los_Angeles"},
        {"Atlantic Standard Time", "America/Halifax"},
        {"Newfoundland Standard Time", "America/St_Johns"},
        {"India Standard Time", "Asia/Calcutta"},
        {"China Standard Time", "Asia/Shanghai"},
        {"Tokyo Standard Time", "Asia/Tokyo"},
        {"AUS Eastern Standard Time", "Australia/Sydney"},
        {"W. Australia Standard Time", "Australia/Perth"},
        {"New Zealand Standard Time", "Pacific/Auckland"},
        {"UTC", "Etc/UTC"},
    };
    for (const auto& [windows, iana] : table) {
        EXPECT_EQ(iana_zone_name(windows), iana) << windows;
    }
}

TEST(IanaZoneName, IanaNamesAndLibicalPrefixes)
{
    EXPECT_EQ(iana_zone_name("Europe/Zurich"), "Europe/Zurich");
    EXPECT_EQ(iana_zone_name("/freeassociation.sourceforge.net/Europe/Berlin"), "Europe/Berlin");
    EXPECT_EQ(iana_zone_name("/freeassociation.sourceforge.net/Tzfile/Europe/Vienna"), "Europe/Vienna");
}

TEST(IanaZoneName, GloballyUniqueIdsWithALeadingSlash)
{
    // RFC 5545 3.2.19: a leading slash, then the IANA name or a writer's path before it.
    EXPECT_EQ(iana_zone_name("/Europe/Stockholm"), "Europe/Stockholm");
    EXPECT_EQ(iana_zone_name("/mozilla.org/20070129_1/Europe/Berlin"), "Europe/Berlin");
    EXPECT_EQ(iana_zone_name("/softwarestudio.org/Olson_20011030_5/America/New_York"), "America/New_York");
    EXPECT_EQ(iana_zone_name("/citadel.org/20190914_1/Europe/Zurich"), "Europe/Zurich");
    EXPECT_EQ(iana_zone_name("/Mitteleuropa"), std::nullopt);
    EXPECT_EQ(iana_zone_name("/"), std::nullopt);
}

TEST(IanaZoneName, OtherNamesAreUnknown)
{
    EXPECT_EQ(iana_zone_name("(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien"), std::nullopt);
    EXPECT_EQ(iana_zone_name("w. europe standard time"), std::nullopt);  // Windows names are exact
    EXPECT_EQ(iana_zone_name("Mitteleuropa"), std::nullopt);
    EXPECT_EQ(iana_zone_name("../../etc/passwd"), std::nullopt);
    EXPECT_EQ(iana_zone_name(""), std::nullopt);
}

}  // namespace
}  // namespace planner::ical
