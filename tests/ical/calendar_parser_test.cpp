// calendar_parser.hpp is private to the ical library; its tests see ical/src.
#include "calendar_parser.hpp"
#include "vtimezone.hpp"

#include "error_message.hpp"

#include <planner/input_size.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::ical {
namespace {

using planner::testing::error_message;

std::string parse_error(std::string_view text)
{
    return error_message([&] { (void)parse_calendars(text, "cal.ics"); });
}

// The SUMMARY of the first VEVENT as libical read it.
std::string event_summary(std::string_view text)
{
    const auto calendars = parse_calendars(text, "cal.ics");
    EXPECT_EQ(calendars.size(), 1U);
    auto* event = icalcomponent_get_first_component(calendars.front().tree.get(), ICAL_VEVENT_COMPONENT);
    EXPECT_NE(event, nullptr);
    return event == nullptr ? std::string() : std::string(icalcomponent_get_summary(event));
}

constexpr std::string_view minimal = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
                                     "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:Treffen\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

// --- Refusals, with their exact message ---

TEST(CalendarParserRefuses, EmptyFile)
{
    EXPECT_EQ(parse_error(""), "cal.ics: the file is empty; expected an iCalendar file (BEGIN:VCALENDAR)");
}

TEST(CalendarParserRefuses, ByteOrderMarkAndBlankLinesOnly)
{
    EXPECT_EQ(parse_error("\xEF\xBB\xBF\r\n  \r\n"),
              "cal.ics: the file is empty; expected an iCalendar file (BEGIN:VCALENDAR)");
}

TEST(CalendarParserRefuses, NulByteWithLineAndColumn)
{
    EXPECT_EQ(parse_error(std::string_view("BEGIN:VCALENDAR\r\nX-A:ab\0cd\r\n", 27)),
              "cal.ics:2:7: byte 0x00 is not UTF-8 text; expected an iCalendar file");
}

TEST(CalendarParserRefuses, Latin1TextCountingColumnsInCharacters)
{
    // "Grüße" is written in UTF-8, "Käse" in ISO 8859-1, as old Windows exports do.
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nSUMMARY:Grüße mit K\xE4se\r\n"),
              "cal.ics:2:20: byte 0xE4 is not UTF-8 text; expected an iCalendar file");
}

TEST(CalendarParserRefuses, SequenceCutOffAtTheEnd)
{
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nSUMMARY:\xC3"),
              "cal.ics:2:9: byte 0xC3 is not UTF-8 text; expected an iCalendar file");
}

TEST(CalendarParserRefuses, OverlongAndSurrogateSequences)
{
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nX:\xC0\xAF"),
              "cal.ics:2:3: byte 0xC0 is not UTF-8 text; expected an iCalendar file");
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nX:\xE0\x80\xAF"),
              "cal.ics:2:3: byte 0xE0 is not UTF-8 text; expected an iCalendar file");
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nX:\xED\xA0\x80"),
              "cal.ics:2:3: byte 0xED is not UTF-8 text; expected an iCalendar file");
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nX:\xF4\x90\x80\x80"),
              "cal.ics:2:3: byte 0xF4 is not UTF-8 text; expected an iCalendar file");
}

TEST(CalendarParserRefuses, FirstLineOtherThanBeginVcalendar)
{
    EXPECT_EQ(parse_error("BEGIN:VEVENT\r\nUID:u1\r\nEND:VEVENT\r\n"),
              "cal.ics:1:1: found 'BEGIN:VEVENT'; expected BEGIN:VCALENDAR, as every iCalendar file begins");
}

TEST(CalendarParserRefuses, LongFirstLineIsCutBeforeACharacter)
{
    // The quote ends after 40 bytes; here the 40th is the first of the two of "ä": the
    // quote stops before it, keeping the message UTF-8.
    EXPECT_EQ(parse_error("Sehr geehrte Damen und Herren, ich bestätige gern\r\n"),
              "cal.ics:1:1: found 'Sehr geehrte Damen und Herren, ich best...'; expected BEGIN:VCALENDAR, as "
              "every iCalendar file begins");
}

TEST(CalendarParserRefuses, LineWithoutColon)
{
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nVERSION 2.0\r\nEND:VCALENDAR\r\n"),
              "cal.ics:2:1: 'VERSION 2.0' is not a content line; expected NAME:VALUE");
}

TEST(CalendarParserRefuses, LineStartingWithColon)
{
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\n:2.0\r\nEND:VCALENDAR\r\n"),
              "cal.ics:2:1: ':2.0' is not a content line; expected NAME:VALUE");
}

TEST(CalendarParserRefuses, LineWhoseOnlyColonIsQuoted)
{
    // A colon inside a quoted parameter value does not end the name: the value is missing.
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nX-A;TZID=\"(UTC+01:00) Wien\"\r\nEND:VCALENDAR\r\n"),
              "cal.ics:2:1: 'X-A;TZID=\"(UTC+01:00) Wien\"' is not a content line; expected NAME:VALUE");
}

// libical's time grows with the square of a line's length: a line of 10 MB took 10 s.
TEST(CalendarParserRefuses, AContentLineAboveOneMebibyteWithItsLine)
{
    const std::string description = "DESCRIPTION:" + std::string(max_content_line_bytes, 'a');
    const std::string text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\n" + description +
                             "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(parse_error(text), fmt::format("cal.ics:4:1: the content line 'DESCRIPTION:{}...' has {} bytes "
                                             "unfolded; the planner reads content lines of at most 1048576 bytes "
                                             "(1 MiB)",
                                             std::string(28, 'a'), description.size()));
}

TEST(CalendarParserRefuses, ALineThatOnlyFoldingMakesTooLong)
{
    std::string text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\nDESCRIPTION:";
    const std::string fold = "\r\n " + std::string(73, 'b');
    for (std::size_t written = 0; written <= max_content_line_bytes; written += 73) {
        text += fold;
    }
    text += "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    EXPECT_TRUE(parse_error(text).starts_with("cal.ics:4:1: the content line 'DESCRIPTION:bbbb"));
}

TEST(CalendarParserAccepts, AContentLineOfTheBound)
{
    const std::string summary = "SUMMARY:" + std::string(max_content_line_bytes - 8, 'a');
    const std::string text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\n" + summary +
                             "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(event_summary(text).size(), max_content_line_bytes - 8);
}

TEST(CalendarParserRefuses, AFileAboveTheInputBoundBeforeReadingIt)
{
    // Short lines, so that only the size of the file is wrong.
    std::string text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\n";
    const std::string line = "COMMENT:" + std::string(90, 'c') + "\r\n";
    while (text.size() <= max_input_file_bytes) {
        text += line;
    }
    text += "END:VEVENT\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(parse_error(text), fmt::format("cal.ics: the file has {} bytes; the planner reads calendars of at most "
                                             "33554432 bytes (32 MiB)",
                                             text.size()));
}

TEST(CalendarParser, ComponentNamesIgnoreParametersAndQuotedColons)
{
    const std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\n"
                             "DTSTART;TZID=\"(UTC+01:00) Wien\":20130312T090000\r\nSUMMARY:Treffen\r\nEND:VEVENT\r\n"
                             "END:VCALENDAR\r\n";
    const auto calendars = parse_calendars("\xEF\xBB\xBF" + text, "cal.ics");
    ASSERT_EQ(calendars.size(), 1U);
    const auto& parsed = calendars.front();
    ASSERT_EQ(parsed.lines.size(), 8U);
    EXPECT_EQ(parsed.lines.front().text, "BEGIN:VCALENDAR");  // without the byte-order mark
    EXPECT_EQ(parsed.lines[4].name(), "DTSTART");
    EXPECT_EQ(parsed.lines[4].value(), "20130312T090000");
    EXPECT_EQ(parsed.lines[4].line, 5U);
}

TEST(CalendarParserRefuses, EndOfAnotherComponent)
{
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"),
              "cal.ics:4:1: END:VTODO closes BEGIN:VEVENT of line 2; the components do not nest");
}

TEST(CalendarParserRefuses, FileEndingInsideAComponent)
{
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u1\r\n"),
              "cal.ics:5:1: the file ends inside VEVENT (begun on line 3); is it cut off?");
}

TEST(CalendarParserRefuses, FileCutOffInTheMiddleOfALine)
{
    // The last line is a fragment without colon: what matters is that the file is cut off.
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTA"),
              "cal.ics:4:6: the file ends inside VEVENT (begun on line 2); is it cut off?");
}

TEST(CalendarParserRefuses, FileEndingBeforeEndVcalendar)
{
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:u1\nEND:VEVENT\n"),
              "cal.ics:5:1: the file ends inside VCALENDAR (begun on line 1); is it cut off?");
}

TEST(CalendarParserRefuses, AnythingButACalendarAfterOne)
{
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
                          "END:VEVENT\r\n"),
              "cal.ics:4:1: found 'BEGIN:VEVENT' after END:VCALENDAR; expected another BEGIN:VCALENDAR or the end of "
              "the file");
}

TEST(CalendarParserRefuses, ASecondCalendarCutOff)
{
    EXPECT_EQ(parse_error("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
              "cal.ics:6:1: the file ends inside VCALENDAR (begun on line 4); is it cut off?");
}

// --- Quirks that real clients write, accepted ---

TEST(CalendarParserAccepts, MinimalCalendar)
{
    EXPECT_EQ(event_summary(minimal), "Treffen");
}

TEST(CalendarParserAccepts, ByteOrderMark)
{
    EXPECT_EQ(event_summary("\xEF\xBB\xBF" + std::string(minimal)), "Treffen");
}

TEST(CalendarParserAccepts, LineFeedsOnly)
{
    EXPECT_EQ(event_summary("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:u1\nSUMMARY:Treffen\nEND:VEVENT\n"
                            "END:VCALENDAR\n"),
              "Treffen");
}

TEST(CalendarParserAccepts, TrailingBlankLines)
{
    EXPECT_EQ(event_summary(std::string(minimal) + "\r\n\r\n \r\n"), "Treffen");
}

TEST(CalendarParserAccepts, BlankLinesAnywhereKeepingTheLineNumbers)
{
    // As Teams invitations and older Mozilla and KDE exports have them.
    const std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\r\nBEGIN:VEVENT\r\nUID:u1\r\n\t\r\n\r\n"
                             "SUMMARY:Treffen\r\nEND:VEVENT\r\n\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(event_summary(text), "Treffen");
    const auto calendars = parse_calendars(text, "cal.ics");
    const auto events = components_in_text(calendars.front().lines, "VEVENT");
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events.front().line, 4U);
    ASSERT_EQ(events.front().properties.size(), 2U);
    EXPECT_EQ(events.front().properties[1].name, "SUMMARY");
    EXPECT_EQ(events.front().properties[1].line, 8U);
}

TEST(CalendarParserAccepts, AStreamOfCalendars)
{
    // RFC 5545 3.4, as Lotus Notes exports: each VCALENDAR read on its own.
    const std::string second = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lotus//EN\r\nBEGIN:VEVENT\r\n"
                               "UID:u2\r\nSUMMARY:Zweites\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const auto calendars = parse_calendars(std::string(minimal) + "\r\n" + second, "cal.ics");
    ASSERT_EQ(calendars.size(), 2U);
    EXPECT_EQ(calendars[0].lines.size(), 8U);
    EXPECT_EQ(calendars[1].lines.front().line, 10U);
    auto* event = icalcomponent_get_first_component(calendars[1].tree.get(), ICAL_VEVENT_COMPONENT);
    ASSERT_NE(event, nullptr);
    EXPECT_STREQ(icalcomponent_get_summary(event), "Zweites");
}

TEST(CalendarParserAccepts, LowerCaseBeginAndEnd)
{
    EXPECT_EQ(event_summary("begin:vcalendar\r\nBEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:Treffen\r\nend:vevent\r\n"
                            "END:VCALENDAR\r\n"),
              "Treffen");
}

TEST(CalendarParserAccepts, FoldedLinesWithSpaceAndTab)
{
    EXPECT_EQ(event_summary("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:Gedanken- und Erfahrungsaus\r\n"
                            " tausch der Land\r\n\tkreise\r\nEND:VEV\r\n ENT\r\nEND:VCALENDAR\r\n"),
              "Gedanken- und Erfahrungsaustausch der Landkreise");
}

// --- Values libical could not read ---

constexpr std::array<ValueForm, 2> rule_and_start{{
    {ICAL_RRULE_PROPERTY, "RRULE", "a rule"},
    {ICAL_DTSTART_PROPERTY, "DTSTART", "a date"},
}};

// The value check of the first VEVENT of a calendar with these event lines.
std::optional<std::string> first_unread(const std::vector<std::string>& event_lines)
{
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n";
    for (const auto& line : event_lines) {
        text += line + "\r\n";
    }
    text += "END:VEVENT\r\nEND:VCALENDAR\r\n";
    const auto calendars = parse_calendars(text, "cal.ics");
    const auto events = components_in_text(calendars.front().lines, "VEVENT");
    auto* event = icalcomponent_get_first_component(calendars.front().tree.get(), ICAL_VEVENT_COMPONENT);
    const auto unread = first_unread_value(event, events.front(), rule_and_start);
    if (!unread) {
        return std::nullopt;
    }
    return fmt::format("{}:{} {} '{}' {}", unread->property->line, unread->property->value_column,
                       unread->property->name, unread->property->value(), unread->form);
}

TEST(FirstUnreadValue, NoneInACleanEvent)
{
    EXPECT_EQ(first_unread({"UID:u1", "DTSTART:20130312T090000Z", "RRULE:FREQ=WEEKLY"}), std::nullopt);
}

TEST(FirstUnreadValue, AnEmptyRule)
{
    EXPECT_EQ(first_unread({"UID:u1", "DTSTART:20130312T090000Z", "RRULE:"}), "6:7 RRULE '' a rule");
}

TEST(FirstUnreadValue, TheFirstByLineOfSeveralKinds)
{
    EXPECT_EQ(first_unread({"UID:u1", "DTSTART;TZID=Europe/Berlin:12.03.2013", "RRULE:FREQ=NEVER"}),
              "5:28 DTSTART '12.03.2013' a date");
}

TEST(FirstUnreadValue, OtherPropertiesAndBadParametersDoNotCount)
{
    // Google writes empty DESCRIPTION and LOCATION; Exchange parameters libical does not know.
    EXPECT_EQ(first_unread({"UID:u1", "DESCRIPTION:", "LOCATION:", "DTSTART;X:20130312T090000Z"}), std::nullopt);
}

TEST(FirstUnreadValue, TheBadOneOfSeveralOfAKind)
{
    EXPECT_EQ(first_unread({"UID:u1", "DTSTART:20130312T090000Z", "RRULE:FREQ=WEEKLY;COUNT=3", "RRULE:BYDAY=TU"}),
              "7:7 RRULE 'BYDAY=TU' a rule");
}

icaltimetype libical_time(int year, int month, int day, int hour, int minute, int second)
{
    auto time = icaltime_null_time();
    time.year = year;
    time.month = month;
    time.day = day;
    time.hour = hour;
    time.minute = minute;
    time.second = second;
    return time;
}

// Whatever a reader lets through, the conversion of libical's time never gives the
// next day for hour 25, nor Boost's exception without a place.
TEST(FromIcaltime, TimesThatDoNotExistAreAPlannerError)
{
    EXPECT_EQ(error_message([] { (void)from_icaltime(libical_time(2013, 3, 12, 25, 0, 0)); }),
              "2013-03-12 25:00:00 is no date and time the planner can compute with");
    EXPECT_EQ(error_message([] { (void)from_icaltime(libical_time(2013, 2, 30, 9, 0, 0)); }),
              "2013-02-30 09:00:00 is no date and time the planner can compute with");
    EXPECT_EQ(error_message([] { (void)from_icaltime(libical_time(0, 1, 1, 9, 0, 0)); }),
              "0000-01-01 09:00:00 is no date and time the planner can compute with");
    EXPECT_EQ(error_message([] { (void)from_icaltime(libical_time(2013, 3, 12, 9, 0, 61)); }),
              "2013-03-12 09:00:61 is no date and time the planner can compute with");
}

TEST(FromIcaltime, ALeapSecondIsTheNextMinutesStart)
{
    EXPECT_EQ(from_icaltime(libical_time(2012, 6, 30, 23, 59, 60)),
              boost::posix_time::ptime(boost::gregorian::date(2012, 7, 1)));
}

}  // namespace
}  // namespace planner::ical
