#include <planner/mail/calendar_part.hpp>
#include <planner/mail/message.hpp>

#include "error_message.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace planner::mail {
namespace {

using planner::testing::error_message;

std::string fixture(const std::string& name)
{
    std::ifstream in(std::string(PLANNER_MAIL_FIXTURES) + "/" + name, std::ios::binary);
    EXPECT_TRUE(in) << name;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The REPLY every fixture carries, as the answering client wrote it.
std::string reply(std::string_view prodid, std::string_view attendee, bool with_organizer = true,
                  std::string_view extra = {})
{
    std::string text = "BEGIN:VCALENDAR\r\nPRODID:" + std::string(prodid) +
                       "\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n";
    if (with_organizer) {
        text += "ORGANIZER;CN=Karin Bartholomäus:mailto:karin.bartholomaeus@example.org\r\n";
    }
    text += "ATTENDEE;PARTSTAT=ACCEPTED;" + std::string(attendee) +
            "\r\nDTSTAMP:20121001T080000Z\r\nDTSTART:20121011T120000Z\r\nDTEND:20121011T150000Z\r\n"
            "SEQUENCE:0\r\nSUMMARY:Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung\r\n"
            "UID:immenstaad-reply-test@example.org\r\n";
    if (!extra.empty()) {
        text += std::string(extra) + "\r\n";
    }
    return text + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

TEST(CalendarPartTest, ReadsOutlooksBase64Reply)
{
    const auto calendar = calendar_part(fixture("outlook-reply.eml"), "outlook-reply.eml");
    EXPECT_EQ(calendar, reply("-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
                              "CN=Andreas Köster:mailto:andreas.koester@bodenseekreis.example.org", false));
}

TEST(CalendarPartTest, ReadsGmailsQuotedPrintableCalendarBeforeItsAttachment)
{
    const auto calendar = calendar_part(fixture("gmail-reply.eml"), "gmail-reply.eml");
    EXPECT_EQ(calendar, reply("-//Google Inc//Google Calendar 70.9054//EN",
                              "CN=Birgit Keßler:mailto:birgit.kessler@selbsthilfe-ravensburg.example.org"));
}

TEST(CalendarPartTest, ReadsApplesSoftLineBreaksWithLfLineEnds)
{
    const auto calendar = calendar_part(fixture("apple-reply.eml"), "apple-reply.eml");
    EXPECT_EQ(calendar, reply("-//Apple Inc.//macOS 10.8//EN", "CN=Ingrid Löffler:mailto:ingrid.loeffler@example.org",
                              true, "COMMENT:Ich reise mit dem Zug über Friedrichshafen an und komme etwas später."));
}

TEST(CalendarPartTest, ReadsThunderbirds8bitCalendar)
{
    const auto calendar = calendar_part(fixture("thunderbird-reply.eml"), "thunderbird-reply.eml");
    EXPECT_EQ(calendar, reply("-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
                              "CN=Stefan Bühler:mailto:stefan.buehler@example.org"));
}

TEST(CalendarPartTest, ConvertsLatin1ToUtf8)
{
    const auto calendar = calendar_part(fixture("latin1-reply.eml"), "latin1-reply.eml");
    EXPECT_EQ(calendar, reply("-//Example Corp.//Old Mailer 1.0//DE",
                              "CN=Jürgen Häusler:mailto:juergen.haeusler@example.org"));
    EXPECT_NE(calendar.find("METHOD:REPLY\r\n"), std::string::npos);
}

TEST(CalendarPartTest, ConvertsWindows1252CharactersToo)
{
    const std::string mail = "Content-Type: text/calendar; charset=windows-1252\r\n\r\n"
                             "BEGIN:VCALENDAR\r\nSUMMARY:\x84Treffen\x93 \x96 \x80 5\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(calendar_part(mail, "cp1252.eml"),
              "BEGIN:VCALENDAR\r\nSUMMARY:\u201eTreffen\u201c \u2013 \u20ac 5\r\nEND:VCALENDAR\r\n");
}

TEST(CalendarPartTest, PassesAnIcsFileThrough)
{
    const auto ics = reply("-//planner//EN", "CN=Gerda Straub:mailto:gerda.straub@example.org");
    EXPECT_EQ(calendar_part(ics, "reply.ics"), ics);
}

TEST(CalendarPartTest, TakesAnIcsAttachmentWhenThereIsNoTextCalendar)
{
    const std::string mail = "From: a@example.org\r\n"
                             "Content-Type: multipart/mixed; boundary=b1\r\n"
                             "\r\n"
                             "--b1\r\n"
                             "Content-Type: text/plain\r\n"
                             "\r\n"
                             "Anbei meine Antwort.\r\n"
                             "--b1\r\n"
                             "Content-Type: application/octet-stream\r\n"
                             "Content-Disposition: attachment; filename*=UTF-8''Antwort%20J%C3%BCrgen.ICS\r\n"
                             "Content-Transfer-Encoding: base64\r\n"
                             "\r\n"
                             "QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVQTFkNCkVORDpWQ0FMRU5EQVINCg==\r\n"
                             "--b1--\r\n";
    EXPECT_EQ(calendar_part(mail, "attachment.eml"), "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n");
}

TEST(CalendarPartTest, DecodesTheEscapesOfAnAttachmentsName)
{
    // "%2e" in lower case is the dot of ".ics"; a '%' without two hex digits stays.
    const std::string mail = "Content-Type: multipart/mixed; boundary=b1\r\n"
                             "\r\n"
                             "--b1\r\n"
                             "Content-Type: application/octet-stream\r\n"
                             "Content-Disposition: attachment; filename*=UTF-8''100%_Zusage%2eics\r\n"
                             "\r\n"
                             "BEGIN:VCALENDAR\r\n"
                             "METHOD:REPLY\r\n"
                             "END:VCALENDAR\r\n"
                             "--b1--\r\n";
    EXPECT_EQ(calendar_part(mail, "escaped.eml"), "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n");
}

TEST(CalendarPartTest, ReadsBackWhatComposeWrote)
{
    CalendarMessage message;
    message.from = {"Karin Bartholomäus", "karin.bartholomaeus@example.org"};
    message.to = {"Jürgen Weiß", "juergen.weiss@example.org"};
    message.subject = "Einladung";
    message.text = "Guten Tag,\n";
    message.calendar = reply("-//planner//EN", "CN=Jürgen Weiß:mailto:juergen.weiss@example.org");
    message.method = "REPLY";
    message.date = boost::posix_time::ptime(boost::gregorian::date(2012, 10, 1));
    message.message_id = "x@planner.invalid";
    EXPECT_EQ(calendar_part(compose(message), "composed.eml"), message.calendar);
}

TEST(CalendarPartTest, SaysWhenAMailHasNoCalendar)
{
    EXPECT_EQ(error_message([] { static_cast<void>(calendar_part(fixture("no-calendar.eml"), "no-calendar.eml")); }),
              "no-calendar.eml: no text/calendar part in the mail; expected an answer to an invitation");
}

TEST(CalendarPartTest, ReadsAMultipartThatIsNeverClosed)
{
    // No final "--unterminated-4711--": the last part runs to the end of the mail, as
    // Python's email package and GMime read it.
    const auto calendar = calendar_part(fixture("unterminated-multipart.eml"), "unterminated-multipart.eml");
    EXPECT_EQ(calendar, reply("-//Example//Truncated//EN", "CN=Gerda Straub:mailto:gerda.straub@example.org"));
}

TEST(CalendarPartTest, SaysWhereBase64IsBad)
{
    EXPECT_EQ(error_message([] { static_cast<void>(calendar_part(fixture("bad-base64.eml"), "bad-base64.eml")); }),
              "bad-base64.eml:11: bad base64 in the text/calendar part: '*' at column 11");
    const std::string truncated = "Content-Type: text/calendar\r\nContent-Transfer-Encoding: base64\r\n\r\nQkVH\r\nS\r\n";
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(truncated, "truncated.eml")); }),
              "truncated.eml:5: bad base64 in the text/calendar part: it ends in the middle of a byte");
}

TEST(CalendarPartTest, RefusesWhatIsNeitherAMailNorACalendar)
{
    EXPECT_EQ(error_message([] { static_cast<void>(calendar_part("Ich komme gerne.\nGerda", "answer.txt")); }),
              "answer.txt:1: neither a mail nor an iCalendar file (it starts with 'Ich komme gerne.'); expected an "
              "answer to an invitation");
    EXPECT_EQ(error_message([] { static_cast<void>(calendar_part("", "empty.eml")); }),
              "empty.eml:1: neither a mail nor an iCalendar file (it starts with ''); expected an answer to an "
              "invitation");
}

TEST(CalendarPartTest, ConvertsWhateverCharsetIconvKnows)
{
    const std::string koi8 = "Content-Type: text/calendar; charset=koi8-r\r\n\r\n"
                             "BEGIN:VCALENDAR\r\nSUMMARY:\xf0\xd2\xc9\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(calendar_part(koi8, "koi8.eml"), "BEGIN:VCALENDAR\r\nSUMMARY:При\r\nEND:VCALENDAR\r\n");
}

TEST(CalendarPartTest, RefusesEncodingsAndCharsetsItCannotRead)
{
    const std::string uuencoded = "Content-Type: text/calendar\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644\r\n";
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(uuencoded, "uu.eml")); }),
              "uu.eml:1: the text/calendar part is encoded as 'x-uuencode'; expected base64, quoted-printable, 7bit "
              "or 8bit");
    const std::string unknown = "Content-Type: text/calendar; charset=x-planets\r\n\r\nBEGIN:VCALENDAR\xf0\r\n";
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(unknown, "planets.eml")); }),
              "planets.eml:1: the text/calendar part is in charset 'x-planets', which the planner cannot convert; "
              "expected UTF-8, ISO-8859-1, ISO-8859-15 or Windows-1252");
    const std::string no_boundary = "Content-Type: multipart/mixed\r\n\r\n--x\r\n";
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(no_boundary, "mixed.eml")); }),
              "mixed.eml:1: multipart/mixed without a boundary parameter");
}

}  // namespace
}  // namespace planner::mail
