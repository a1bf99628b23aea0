#include <planner/ical/reply.hpp>

#include <planner/answer.hpp>

#include "error_message.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace planner::ical {

// gtest prints a failed comparison of two replies field by field.
void PrintTo(const Reply& reply, std::ostream* out)
{
    *out << "{uid=" << reply.uid << " occurrence=";
    if (reply.occurrence) {
        *out << boost::posix_time::to_iso_string(reply.occurrence->time) << (reply.occurrence->utc ? " utc" : "")
             << (reply.occurrence->date_only ? " date" : "");
    } else {
        *out << "none";
    }
    *out << " sequence=" << reply.sequence << " attendee=" << reply.attendee << " name=" << reply.attendee_name
         << " answer=" << to_string(reply.answer) << " delegated_to=" << reply.delegated_to.value_or("none")
         << " delegate_name=" << reply.delegate_name
         << " stamp=" << (reply.stamp ? boost::posix_time::to_iso_string(*reply.stamp) : "none")
         << " comment=" << reply.comment << "}";
}

namespace {

namespace pt = boost::posix_time;
using boost::gregorian::date;
using planner::testing::error_message;

std::string fixture_text(std::string_view name)
{
    const auto path = std::string(PLANNER_SOURCE_DIR "/tests/ical/fixtures/replies/") + std::string(name);
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot open " << path;
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<Reply> read_fixture(std::string_view name)
{
    return read_replies(fixture_text(name), name);
}

// A METHOD:REPLY calendar with one VEVENT made of `event_lines`, CRLF line ends.
std::string reply_calendar(std::initializer_list<std::string_view> event_lines)
{
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//planner tests//EN\r\nMETHOD:REPLY\r\n"
                       "BEGIN:VEVENT\r\n";
    for (const auto line : event_lines) {
        text += std::string(line) + "\r\n";
    }
    return text + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

Reply read_one(std::initializer_list<std::string_view> event_lines)
{
    const auto replies = read_replies(reply_calendar(event_lines), "answer.ics");
    EXPECT_EQ(replies.size(), 1U);
    return replies.empty() ? Reply{} : replies.front();
}

std::string read_error(std::initializer_list<std::string_view> event_lines)
{
    return error_message([&] { (void)read_replies(reply_calendar(event_lines), "answer.ics"); });
}

std::string fixture_error(std::string_view name)
{
    return error_message([&] { (void)read_fixture(name); });
}

constexpr std::string_view uid_line = "UID:planner-test-uid-1@example.org";
constexpr std::string_view planner_uid = "planner-test-uid-1@example.org";

// --- The fixtures: one per client shape (see fixtures/replies/README.md) ---

TEST(ReplyFixtures, Rfc5546Accepted)
{
    Reply expected;
    expected.uid = "calsrv.example.com-873970198738777@example.com";
    expected.attendee = "b@example.com";
    expected.answer = Answer::accepted;
    expected.stamp = pt::ptime(date(1997, 6, 12), pt::hours(19));
    EXPECT_EQ(read_fixture("rfc5546-accepted.ics"), std::vector<Reply>{expected});
}

TEST(ReplyFixtures, Rfc5546DelegatedNamesTheDelegate)
{
    Reply expected;
    expected.uid = "calsrv.example.com-873970198738777@example.com";
    expected.attendee = "c@example.com";
    expected.answer = Answer::delegated;
    expected.delegated_to = "e@example.com";
    expected.delegate_name = "E";
    expected.stamp = pt::ptime(date(1997, 6, 11), pt::hours(19));
    EXPECT_EQ(read_fixture("rfc5546-delegated.ics"), std::vector<Reply>{expected});
}

TEST(ReplyFixtures, OutlookAcceptedWithoutOrganizer)
{
    Reply expected;
    expected.uid = planner_uid;
    expected.sequence = 2;
    expected.attendee = "Frank.Veser@LRASIG.de";  // the case Outlook wrote, "MAILTO:" dropped
    expected.answer = Answer::accepted;
    expected.stamp = pt::ptime(date(2012, 10, 2), pt::time_duration(7, 15, 32));
    expected.comment = "Ich komme etwas später, gegen 14:30 Uhr; bitte ohne mich anfangen.";
    EXPECT_EQ(read_fixture("outlook-accepted.ics"), std::vector<Reply>{expected});
}

TEST(ReplyFixtures, OutlookTentative)
{
    Reply expected;
    expected.uid = planner_uid;
    expected.sequence = 2;
    expected.attendee = "Sabine.Weber@Landkreis-Konstanz.de";
    expected.attendee_name = "Weber Sabine";
    expected.answer = Answer::tentative;
    expected.stamp = pt::ptime(date(2012, 10, 4), pt::time_duration(13, 30, 5));
    EXPECT_EQ(read_fixture("outlook-tentative.ics"), std::vector<Reply>{expected});
}

TEST(ReplyFixtures, GoogleDeclinedWithComment)
{
    Reply expected;
    expected.uid = planner_uid;
    expected.sequence = 2;
    expected.attendee = "gerda.gast@gmail.com";
    expected.attendee_name = "Gerda Gast";
    expected.answer = Answer::declined;
    expected.stamp = pt::ptime(date(2012, 10, 3), pt::time_duration(9, 45, 12));
    expected.comment = "Leider bin ich an dem Tag in Stuttgart. Frau Maier aus unserer Gruppe kommt gern an "
                       "meiner Stelle.";
    EXPECT_EQ(read_fixture("google-declined.ics"), std::vector<Reply>{expected});
}

TEST(ReplyFixtures, AppleAnswersOneOccurrenceInLocalTime)
{
    Reply expected;
    expected.uid = "planner-test-series-1@example.org";
    expected.occurrence = AnsweredOccurrence{pt::ptime(date(2012, 11, 8), pt::hours(14)), false, false};
    expected.sequence = 1;
    expected.attendee = "andreas.koester@example.org";
    expected.attendee_name = "Andreas Köster";
    expected.answer = Answer::accepted;
    expected.stamp = pt::ptime(date(2012, 11, 1), pt::time_duration(8, 11, 22));
    EXPECT_EQ(read_fixture("apple-accepted-occurrence.ics"), std::vector<Reply>{expected});
}

TEST(ReplyFixtures, ThunderbirdTentative)
{
    Reply expected;
    expected.uid = planner_uid;
    expected.sequence = 2;
    expected.attendee = "karin.bartholomaeus@example.org";
    expected.attendee_name = "Karin Bartholomäus";
    expected.answer = Answer::tentative;
    expected.stamp = pt::ptime(date(2012, 10, 5), pt::time_duration(16, 2, 14));
    EXPECT_EQ(read_fixture("thunderbird-tentative.ics"), std::vector<Reply>{expected});
}

// Written by tests/interop/answer_icaljs.mjs from `planner invite kennenlernen-2012`
// (examples/immenstaad-2012.toml); the address was given as "Frank.Veser@Sigmaringen...".
Reply icaljs_reply()
{
    Reply reply;
    reply.uid = "88441274-ebff-459c-808d-fbb63b272774";
    reply.stamp = pt::ptime(date(2026, 11, 25), pt::time_duration(7, 21, 15));
    return reply;
}

TEST(ReplyFixtures, IcaljsAcceptedAPlannerInvitation)
{
    auto expected = icaljs_reply();
    expected.attendee = "frank.veser@sigmaringen.example.org";
    expected.attendee_name = "Frank Veser";
    expected.answer = Answer::accepted;
    expected.comment = "Ich bringe zwei Leute aus unserer Gruppe mit.";
    EXPECT_EQ(read_fixture("icaljs-accepted.ics"), std::vector<Reply>{expected});
}

TEST(ReplyFixtures, IcaljsDelegatedAPlannerInvitation)
{
    auto expected = icaljs_reply();
    expected.attendee = "andreas.koester@bodenseekreis.example.org";
    expected.attendee_name = "Andreas Köster";
    expected.answer = Answer::delegated;
    expected.delegated_to = "eva.maier@bodenseekreis.example.org";
    expected.delegate_name = "Eva Maier";
    EXPECT_EQ(read_fixture("icaljs-delegated.ics"), std::vector<Reply>{expected});
}

TEST(ReplyFixtures, EachClientsAnswerShapeIsRead)
{
    // The answers of tests/interop/replies.toml (see fixtures/replies/README.md).
    struct Expected {
        std::string_view file;
        std::string_view attendee;
        Answer answer;
        std::optional<pt::ptime> occurrence;  // as written: wall-clock, or UTC for Android
    };
    const auto at = [](unsigned short month, unsigned short day, int hour) {
        return pt::ptime(date(2013, month, day), pt::hours(hour));
    };
    const std::vector<Expected> expected{
        {"google-empty-properties.ics", "gerda.gast@gmail.example.com", Answer::declined, std::nullopt},
        {"outlook-no-organizer.ics", "Sabine.Weber@Ravensburg.example.org", Answer::tentative, std::nullopt},
        {"exchange-declined-occurrence.ics", "frank.ott@bodenseekreis.example.org", Answer::declined, at(10, 29, 10)},
        {"apple-tentative-occurrence.ics", "lea.moser@icloud.example.com", Answer::tentative, at(10, 15, 10)},
        {"android-declined-occurrence.ics", "Nora.Fink@ravensburg.example.org", Answer::declined, at(10, 22, 8)},
        {"thunderbird-delegated.ics", "tobias.renner@posteo.example.de", Answer::delegated, std::nullopt},
    };
    for (const auto& [file, attendee, answer, occurrence] : expected) {
        const auto replies = read_fixture(file);
        ASSERT_EQ(replies.size(), 1U) << file;
        EXPECT_EQ(replies[0].attendee, attendee) << file;
        EXPECT_EQ(replies[0].answer, answer) << file;
        EXPECT_EQ(replies[0].occurrence ? std::optional(replies[0].occurrence->time) : std::nullopt, occurrence)
            << file;
    }
    EXPECT_EQ(read_fixture("google-empty-properties.ics")[0].comment,
              "Am 13. Juni bin ich leider zur Kur. Unsere Jahresplanung schicke ich Ihnen per Post.");
    EXPECT_EQ(read_fixture("thunderbird-delegated.ics")[0].delegated_to, "svenja.adler@posteo.example.de");
}

TEST(ReplyFixtures, TwoAttendeesAreRefused)
{
    EXPECT_EQ(fixture_error("two-attendees.ics"),
              "two-attendees.ics:5: the reply of event 'planner-test-uid-1@example.org' names 2 attendees "
              "(andreas.koester@example.org, gerda.gast@example.org); a reply answers for exactly one, RFC 5546 "
              "3.2.3");
}

TEST(ReplyFixtures, TruncatedFileIsRefused)
{
    EXPECT_EQ(fixture_error("truncated.ics"),
              "truncated.ics:33:37: the file ends inside VEVENT (begun on line 23); is it cut off?");
}

TEST(ReplyFixtures, PlainTextMailIsRefused)
{
    EXPECT_EQ(fixture_error("no-vcalendar.ics"),
              "no-vcalendar.ics:1:1: found 'Hallo Frau Ludwig,'; expected BEGIN:VCALENDAR, as every iCalendar "
              "file begins");
}

TEST(ReplyFixtures, BinaryGarbageIsRefused)
{
    EXPECT_EQ(fixture_error("binary-garbage.ics"),
              "binary-garbage.ics:1:6: byte 0x00 is not UTF-8 text; expected an iCalendar file");
}

TEST(ReplyFixtures, InvitationInsteadOfReplyIsRefused)
{
    EXPECT_EQ(fixture_error("request-not-reply.ics"),
              "request-not-reply.ics:1: METHOD is REQUEST; expected REPLY, an answer to an invitation");
}

// --- The calendar ---

TEST(ReplyCalendar, MethodIsCaseInsensitive)
{
    auto text = reply_calendar({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org"});
    text.replace(text.find("METHOD:REPLY"), 12, "METHOD:reply");
    EXPECT_EQ(read_replies(text, "answer.ics").front().answer, Answer::accepted);
}

TEST(ReplyCalendar, MissingMethodIsRefused)
{
    auto text = reply_calendar({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org"});
    text.erase(text.find("METHOD:REPLY\r\n"), 14);
    EXPECT_EQ(error_message([&] { (void)read_replies(text, "answer.ics"); }),
              "answer.ics:1: the calendar has no METHOD; expected METHOD:REPLY, an answer to an invitation");
}

TEST(ReplyCalendar, CalendarWithoutEventIsRefused)
{
    const std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(error_message([&] { (void)read_replies(text, "answer.ics"); }),
              "answer.ics:1: the reply holds no VEVENT; expected the event it answers");
}

TEST(ReplyCalendar, OneReplyPerEvent)
{
    // Answering two occurrences of a series, each in its own VEVENT.
    auto text =
        reply_calendar({uid_line, "RECURRENCE-ID:20121108T130000Z", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.org"});
    const std::string second_event = "BEGIN:VEVENT\r\nUID:planner-test-uid-1@example.org\r\n"
                                     "RECURRENCE-ID:20121213T130000Z\r\nATTENDEE;PARTSTAT=DECLINED:mailto:a@x.org\r\n"
                                     "END:VEVENT\r\n";
    text.insert(text.find("END:VCALENDAR"), second_event);
    const auto replies = read_replies(text, "answer.ics");
    ASSERT_EQ(replies.size(), 2U);
    EXPECT_EQ(replies[0].answer, Answer::accepted);
    EXPECT_EQ(replies[1].answer, Answer::declined);
    EXPECT_EQ(replies[1].occurrence->time, pt::ptime(date(2012, 12, 13), pt::hours(13)));
}

// --- The event ---

TEST(ReplyEvent, MissingUidIsRefused)
{
    EXPECT_EQ(read_error({"ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org"}),
              "answer.ics:5: the event begun here has no UID; expected the UID of the invitation it answers");
}

TEST(ReplyEvent, MissingAttendeeIsRefused)
{
    EXPECT_EQ(read_error({uid_line, "ORGANIZER:mailto:christine.ludwig@example.org"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org' has no ATTENDEE; expected the "
              "attendee who answers");
}

TEST(ReplyEvent, AttendeeWithoutAddressIsRefused)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org' has an ATTENDEE without address; "
              "expected mailto:ADDRESS");
}

TEST(ReplyEvent, SequenceAbsentIsZero)
{
    EXPECT_EQ(read_one({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org"}).sequence, 0);
}

TEST(ReplyEvent, SeveralCommentsAreJoinedByLines)
{
    const auto reply = read_one({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org",
                                 "COMMENT:Ich komme\\, aber später.", "COMMENT:Zweite Zeile\\nmit Umbruch"});
    EXPECT_EQ(reply.comment, "Ich komme, aber später.\nZweite Zeile\nmit Umbruch");
}

TEST(ReplyEvent, QuotedCommenterLeavesTheCommentWhole)
{
    // Only Google's unquoted X-COMMENTER (see google-declined.ics) cuts into the value.
    const auto reply = read_one({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org",
                                 "COMMENT;X-COMMENTER=\"mailto:a@example.org\":Hinweis: ich komme später"});
    EXPECT_EQ(reply.comment, "Hinweis: ich komme später");
}

TEST(ReplyEvent, StampMustBeUtc)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "DTSTAMP:20121002T091500"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org' has DTSTAMP 20121002T091500, which "
              "is not UTC; expected a UTC time such as 20121001T090000Z (RFC 5545 3.8.7.2)");
}

TEST(ReplyEvent, UnreadableOccurrenceIsRefusedInThePlannersWords)
{
    // libical would drop the RECURRENCE-ID and the answer would be for the whole series.
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "RECURRENCE-ID:8.11.2012"}),
              "answer.ics:8:15: the answer's RECURRENCE-ID '8.11.2012' cannot be read; expected the date (20121108) "
              "or date-time (20121108T140000) of the occurrence answered");
}

TEST(ReplyEvent, EmptyPropertiesItDoesNotNeedAreHarmless)
{
    // Google's answers carry DESCRIPTION and LOCATION without a value (RFC 5545 allows it).
    const auto reply = read_one({uid_line, "DESCRIPTION:", "LOCATION:", "SUMMARY:", "ORGANIZER:",
                                 "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "DTSTAMP:20121002T091500Z"});
    EXPECT_EQ(reply.answer, Answer::accepted);
    EXPECT_EQ(reply.stamp, pt::ptime(date(2012, 10, 2), pt::time_duration(9, 15, 0)));
}

TEST(ReplyEvent, EmptyValuesItNeedsAreRefusedWithThePlace)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "SEQUENCE:"}),
              "answer.ics:8:10: the answer's SEQUENCE '' cannot be read; expected the version answered, a whole "
              "number (SEQUENCE:2)");
    EXPECT_EQ(read_error({"UID:", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org"}),
              "answer.ics:6:5: the answer's UID '' cannot be read; expected the UID of the invitation it answers");
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "DTSTAMP:gestern"}),
              "answer.ics:8:9: the answer's DTSTAMP 'gestern' cannot be read; expected the time of the answer in UTC "
              "(20121001T090000Z)");
}

TEST(ReplyEvent, SequenceUpToTheLargestIntIsRead)
{
    EXPECT_EQ(read_one({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "SEQUENCE:2147483647"}).sequence,
              2147483647);
    EXPECT_EQ(read_one({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "SEQUENCE:+3"}).sequence, 3);
    EXPECT_EQ(read_one({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "SEQUENCE:007"}).sequence, 7);
}

TEST(ReplyEvent, SequenceBeyondAnIntOrNegativeIsRefusedNotWrapped)
{
    // libical would read 4294967297 as 1: an answer to a version long gone could pass
    // for the current one.
    const auto refused = [](std::string_view value) {
        const auto line = "SEQUENCE:" + std::string(value);
        return read_error({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", line});
    };
    const auto message = [](std::string_view value) {
        return "answer.ics:8:10: the reply of event 'planner-test-uid-1@example.org' has SEQUENCE " +
               std::string(value) + "; expected a whole number from 0 to 2147483647, the version of the invitation it "
                                    "answers";
    };
    EXPECT_EQ(refused("2147483648"), message("2147483648"));
    EXPECT_EQ(refused("4294967297"), message("4294967297"));
    EXPECT_EQ(refused("99999999999999999999999"), message("99999999999999999999999"));
    EXPECT_EQ(refused("-1"), message("-1"));
    EXPECT_EQ(refused("-2147483649"), message("-2147483649"));
}

// libical keeps these as written; Boost then threw "internal error: Year is out of
// valid range", and hour 25 became the next day.
TEST(ReplyEvent, TimesThatDoNotExistAreRefusedWithLineColumnAndValue)
{
    const auto attendee = "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org";
    EXPECT_EQ(read_error({uid_line, attendee, "RECURRENCE-ID:20121108T250000Z"}),
              "answer.ics:8:15: the answer's RECURRENCE-ID value '20121108T250000Z' is out of range: hour 25 does "
              "not exist (00 to 23)");
    EXPECT_EQ(read_error({uid_line, attendee, "RECURRENCE-ID;VALUE=DATE:20130230"}),
              "answer.ics:8:26: the answer's RECURRENCE-ID value '20130230' is out of range: day 30 does not exist in "
              "2013-02 (01 to 28)");
    EXPECT_EQ(read_error({uid_line, attendee, "RECURRENCE-ID:00000101T100000"}),
              "answer.ics:8:15: the answer's RECURRENCE-ID value '00000101T100000' is out of range: the year 0000 is "
              "not one of 1583 to 9999, the years the planner reads");
    EXPECT_EQ(read_error({uid_line, attendee, "DTSTAMP:13991231T235960Z"}),
              "answer.ics:8:9: the answer's DTSTAMP value '13991231T235960Z' is out of range: the year 1399 is not "
              "one of 1583 to 9999, the years the planner reads");
    EXPECT_EQ(read_error({uid_line, attendee, "DTSTAMP:20121002T096000Z"}),
              "answer.ics:8:9: the answer's DTSTAMP value '20121002T096000Z' is out of range: minute 60 does not "
              "exist (00 to 59)");
    EXPECT_EQ(read_error({uid_line, attendee, "DTSTAMP:20121002T091561Z"}),
              "answer.ics:8:9: the answer's DTSTAMP value '20121002T091561Z' is out of range: second 61 does not "
              "exist (00 to 59, or 60 for a leap second)");
}

TEST(ReplyEvent, TheLastDayOfAYearAndALeapDayAreRead)
{
    const auto attendee = "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org";
    const auto reply = read_one({uid_line, attendee, "RECURRENCE-ID;VALUE=DATE:20120229", "DTSTAMP:99991231T235959Z"});
    ASSERT_TRUE(reply.occurrence);
    EXPECT_EQ(reply.occurrence->time, pt::ptime(date(2012, 2, 29)));
    EXPECT_EQ(reply.stamp, pt::ptime(date(9999, 12, 31), pt::time_duration(23, 59, 59)));
}

TEST(ReplyEvent, TimesOfPropertiesItDoesNotNeedAreHarmless)
{
    const auto reply = read_one({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org",
                                 "DTSTART:20121108T250000Z", "CREATED:00000101T000000Z"});
    EXPECT_EQ(reply.answer, Answer::accepted);
}

TEST(ReplyCalendar, BlankLinesAreSkipped)
{
    auto text = reply_calendar({uid_line, "", "ATTENDEE;PARTSTAT=TENTATIVE:mailto:a@example.org", ""});
    text.insert(text.find("BEGIN:VEVENT"), "\r\n");
    EXPECT_EQ(read_replies(text, "answer.ics").front().answer, Answer::tentative);
}

TEST(ReplyCalendar, AStreamOfCalendarsGivesEachAnswer)
{
    // RFC 5545 3.4: Lotus Notes writes each answered event in a VCALENDAR of its own.
    const auto first = reply_calendar({uid_line, "RECURRENCE-ID:20121108T130000Z",
                                       "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.org"});
    const auto second = reply_calendar({uid_line, "RECURRENCE-ID:20121213T130000Z",
                                        "ATTENDEE;PARTSTAT=DECLINED:mailto:a@x.org"});
    const auto replies = read_replies(first + second, "answer.ics");
    ASSERT_EQ(replies.size(), 2U);
    EXPECT_EQ(replies[0].answer, Answer::accepted);
    EXPECT_EQ(replies[1].answer, Answer::declined);
    EXPECT_EQ(replies[1].occurrence->time, pt::ptime(date(2012, 12, 13), pt::hours(13)));
}

TEST(ReplyCalendar, EveryCalendarOfAStreamMustBeAReply)
{
    auto second = reply_calendar({uid_line, "ATTENDEE;PARTSTAT=DECLINED:mailto:a@x.org"});
    second.replace(second.find("METHOD:REPLY"), 12, "METHOD:REQUEST");
    const auto text = reply_calendar({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.org"}) + second;
    EXPECT_EQ(error_message([&] { (void)read_replies(text, "answer.ics"); }),
              "answer.ics:10: METHOD is REQUEST; expected REPLY, an answer to an invitation");
}

TEST(ReplyDelegation, DelegateWithoutAnAddressIsRefused)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:Eva Maier\":mailto:a@x.org"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org': a@x.org delegated to 'Eva Maier', "
              "which is not an e-mail address; expected DELEGATED-TO=\"mailto:name@example.org\"");
}

TEST(ReplyEvent, UnknownParameterNameIsHarmless)
{
    EXPECT_EQ(read_one({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED;X:mailto:a@example.org"}).answer, Answer::accepted);
}

// --- RECURRENCE-ID: the occurrence answered ---

TEST(ReplyOccurrence, UtcTime)
{
    const auto reply =
        read_one({uid_line, "RECURRENCE-ID:20121108T130000Z", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.org"});
    EXPECT_EQ(reply.occurrence, (AnsweredOccurrence{pt::ptime(date(2012, 11, 8), pt::hours(13)), true, false}));
}

TEST(ReplyOccurrence, DateOnly)
{
    const auto reply =
        read_one({uid_line, "RECURRENCE-ID;VALUE=DATE:20121108", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.org"});
    EXPECT_EQ(reply.occurrence, (AnsweredOccurrence{pt::ptime(date(2012, 11, 8)), false, true}));
}

// --- ATTENDEE and PARTSTAT ---

TEST(ReplyAttendee, MailtoSchemeIsCaseInsensitiveAndAddressKeepsItsCase)
{
    const auto reply =
        read_one({uid_line, "ATTENDEE;CN=\"Veser, Frank\";PARTSTAT=ACCEPTED:MailTo:Frank.Veser@LRASIG.de"});
    EXPECT_EQ(reply.attendee, "Frank.Veser@LRASIG.de");
    EXPECT_EQ(reply.attendee_name, "Veser, Frank");
}

TEST(ReplyAttendee, MissingPartstatIsNeedsAction)
{
    EXPECT_EQ(read_one({uid_line, "ATTENDEE:mailto:a@example.org"}).answer, Answer::needs_action);
}

TEST(ReplyAttendee, NeedsActionIsAccepted)
{
    EXPECT_EQ(read_one({uid_line, "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:a@example.org"}).answer,
              Answer::needs_action);
}

TEST(ReplyAttendee, PartstatIsCaseInsensitive)
{
    EXPECT_EQ(read_one({uid_line, "ATTENDEE;PARTSTAT=declined:mailto:a@example.org"}).answer, Answer::declined);
}

TEST(ReplyAttendee, TaskPartstatIsRefused)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=COMPLETED:mailto:a@example.org"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org': a@example.org answers "
              "with PARTSTAT 'COMPLETED'; expected ACCEPTED, DECLINED, TENTATIVE, DELEGATED or NEEDS-ACTION, the "
              "answers to an event");
}

TEST(ReplyAttendee, ExtensionPartstatIsRefused)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=x-maybe-later:mailto:a@example.org"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org': a@example.org answers "
              "with PARTSTAT 'x-maybe-later'; expected ACCEPTED, DECLINED, TENTATIVE, DELEGATED or NEEDS-ACTION, "
              "the answers to an event");
}

TEST(ReplyAttendee, ThreeAttendeesAreAllNamed)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.org", "ATTENDEE:mailto:b@y.org",
                          "ATTENDEE:mailto:c@z.org"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org' names 3 attendees (a@x.org, b@y.org, "
              "c@z.org); a reply answers for exactly one, RFC 5546 3.2.3");
}

// --- Delegation ---

TEST(ReplyDelegation, DelegatedToAloneAsOutlookAndGoogleSendIt)
{
    const auto reply =
        read_one({uid_line, "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:Maier@example.org\":mailto:a@x.org"});
    EXPECT_EQ(reply.answer, Answer::delegated);
    EXPECT_EQ(reply.delegated_to, "Maier@example.org");
    EXPECT_EQ(reply.delegate_name, "");
}

TEST(ReplyDelegation, DelegateListedFirst)
{
    const auto reply = read_one({uid_line, "ATTENDEE;CN=Eva Maier;DELEGATED-FROM=\"mailto:A@X.ORG\":mailto:e@y.org",
                                 "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"MAILTO:E@Y.ORG\":mailto:a@x.org"});
    EXPECT_EQ(reply.attendee, "a@x.org");
    EXPECT_EQ(reply.delegated_to, "e@y.org");
    EXPECT_EQ(reply.delegate_name, "Eva Maier");
}

TEST(ReplyDelegation, DelegatedWithoutDelegateIsRefused)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=DELEGATED:mailto:a@x.org"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org': a@x.org delegated "
              "(PARTSTAT=DELEGATED) but names no delegate; expected DELEGATED-TO=\"mailto:ADDRESS\"");
}

TEST(ReplyDelegation, DelegatingToOneselfIsRefused)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:A@X.org\":mailto:a@x.org"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org': a@x.org delegated to their own "
              "address; expected DELEGATED-TO with the address of someone else, who goes in their place");
}

TEST(ReplyDelegation, SecondAttendeeNotFromTheDelegatorIsRefused)
{
    EXPECT_EQ(read_error({uid_line, "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:e@y.org\":mailto:a@x.org",
                          "ATTENDEE;DELEGATED-FROM=\"mailto:someone@else.org\":mailto:e@y.org"}),
              "answer.ics:5: the reply of event 'planner-test-uid-1@example.org' names 2 attendees (a@x.org, "
              "e@y.org); a reply answers for exactly one, RFC 5546 3.2.3");
}

}  // namespace
}  // namespace planner::ical
