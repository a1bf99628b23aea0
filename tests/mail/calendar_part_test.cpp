#include <planner/mail/calendar_part.hpp>
#include <planner/mail/message.hpp>

#include "error_message.hpp"

#include <planner/input_size.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

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

TEST(CalendarPartTest, ConvertsIso885915WithItsEuroSign)
{
    // KMail's 8-bit calendar: the euro sign is byte 0xA4 (which is '¤' in ISO-8859-1).
    const auto calendar = calendar_part(fixture("iso-8859-15-reply.eml"), "iso-8859-15-reply.eml");
    EXPECT_EQ(calendar, reply("-//K Desktop Environment//NONSGML libkcal 4.3//EN",
                              "CN=Thomas Eberle:mailto:thomas.eberle@kiss-konstanz.example.org", true,
                              "COMMENT:Die Fahrtkosten von 12 € übernimmt unser Verein."));
}

TEST(CalendarPartTest, ConvertsAnOutlookWindows1252Calendar)
{
    // Bytes 0x84 and 0x93 are the German quotes, 0x80 the euro sign.
    const auto calendar = calendar_part(fixture("windows-1252-reply.eml"), "windows-1252-reply.eml");
    EXPECT_EQ(calendar, reply("-//Microsoft Corporation//Outlook 11.0 MIMEDIR//EN",
                              "CN=Wolfgang Renz:mailto:wolfgang.renz@bodenseekreis.example.org", true,
                              "COMMENT:Ich bringe den Flyer „Selbsthilfe“ mit (Druck: 80 €)."));
}

TEST(CalendarPartTest, ReadsACalendarWithoutCharsetThatIsNotUtf8AsWindows1252)
{
    const std::string mail = "Content-Type: text/calendar\r\n\r\n"
                             "BEGIN:VCALENDAR\r\nSUMMARY:Tr\xe4ger \x80 5\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(calendar_part(mail, "no-charset.eml"), "BEGIN:VCALENDAR\r\nSUMMARY:Träger € 5\r\nEND:VCALENDAR\r\n");
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

TEST(CalendarPartTest, ReadsAnAnswerForwardedAsAnAttachment)
{
    // Thunderbird's default forward: the Outlook answer is a message/rfc822 part.
    const auto calendar = calendar_part(fixture("forwarded-as-attachment.eml"), "forwarded-as-attachment.eml");
    EXPECT_EQ(calendar, reply("-//Microsoft Corporation//Outlook 14.0 MIMEDIR//EN",
                              "CN=Martin Vogt:mailto:martin.vogt@landkreis-sigmaringen.example.org"));
}

TEST(CalendarPartTest, ReadsAnAnswerForwardedAsAnAttachmentTwice)
{
    // Outlook's "Forward as Attachment" of a Thunderbird forward of an Apple Mail answer.
    const auto calendar = calendar_part(fixture("forwarded-twice.eml"), "forwarded-twice.eml");
    EXPECT_EQ(calendar, reply("-//Apple Inc.//Mac OS X 10.8//EN",
                              "CN=Hildegard Schöttle:mailto:hildegard.schoettle@example.org"));
}

TEST(CalendarPartTest, TakesTheFirstCalendarInDocumentOrderAttachedMessagesIncluded)
{
    const auto mail = [](std::string_view first, std::string_view second) {
        return "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
               "--outer\r\n" + std::string(first) + "--outer\r\n" + std::string(second) + "--outer--\r\n";
    };
    const std::string attached = "Content-Type: message/rfc822\r\n\r\n"
                                 "From: a@example.org\r\nContent-Type: text/calendar\r\n\r\n"
                                 "BEGIN:VCALENDAR\r\nX-WHICH:attached\r\nEND:VCALENDAR\r\n";
    const std::string own = "Content-Type: text/calendar\r\n\r\n"
                            "BEGIN:VCALENDAR\r\nX-WHICH:own\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(calendar_part(mail(attached, own), "a.eml"), "BEGIN:VCALENDAR\r\nX-WHICH:attached\r\nEND:VCALENDAR\r\n");
    EXPECT_EQ(calendar_part(mail(own, attached), "b.eml"), "BEGIN:VCALENDAR\r\nX-WHICH:own\r\nEND:VCALENDAR\r\n");
    // A text/calendar anywhere comes before an .ics attachment anywhere.
    const std::string ics = "Content-Type: application/ics; name=answer.ics\r\n\r\n"
                            "BEGIN:VCALENDAR\r\nX-WHICH:ics\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(calendar_part(mail(ics, attached), "c.eml"), "BEGIN:VCALENDAR\r\nX-WHICH:attached\r\nEND:VCALENDAR\r\n");
}

TEST(CalendarPartTest, GivesTheFromOfTheMailAsReceived)
{
    // The participant's own answer: From is the attendee (encoded words decoded away).
    const auto own = received_calendar(fixture("latin1-reply.eml"), "latin1-reply.eml");
    EXPECT_EQ(own.from, std::vector<std::string>{"juergen.haeusler@example.org"});
    EXPECT_EQ(own.calendar, calendar_part(fixture("latin1-reply.eml"), "latin1-reply.eml"));
    // Forwarded by an assistant: the mail is hers, the calendar inside is Martin Vogt's.
    const auto forwarded = received_calendar(fixture("forwarded-as-attachment.eml"), "forwarded-as-attachment.eml");
    EXPECT_EQ(forwarded.from, std::vector<std::string>{"sozialdezernat@landkreis-sigmaringen.example.org"});
    EXPECT_NE(forwarded.calendar.find("mailto:martin.vogt@"), std::string::npos);
    // An mbox file's "From " line is no From field.
    EXPECT_EQ(received_calendar(fixture("mbox-reply.mbox"), "mbox-reply.mbox").from,
              std::vector<std::string>{"ulrike.kienzle@example.org"});
}

TEST(CalendarPartTest, GivesEveryMailboxOfTheFromAndNoneForACalendarFile)
{
    const std::string calendar = "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n";
    const auto mail = [&](std::string_view from_field) {
        return std::string(from_field) + "Content-Type: text/calendar\r\n\r\n" + calendar;
    };
    EXPECT_EQ(received_calendar(mail("From: A <a@example.org>, b@example.org\r\n"), "two.eml").from,
              (std::vector<std::string>{"a@example.org", "b@example.org"}));
    EXPECT_EQ(received_calendar(mail("From: Team: c@example.org, d@example.org;\r\n"), "group.eml").from,
              (std::vector<std::string>{"c@example.org", "d@example.org"}));
    EXPECT_EQ(received_calendar(mail("Subject: no sender\r\n"), "none.eml").from, std::vector<std::string>{});
    EXPECT_EQ(received_calendar(calendar, "reply.ics").from, std::vector<std::string>{});
    EXPECT_EQ(received_calendar(calendar, "reply.ics").calendar, calendar);
}

TEST(CalendarPartTest, ReadsAnMboxFile)
{
    // mutt's "save": a "From " line before the headers, LF line ends.
    const auto calendar = calendar_part(fixture("mbox-reply.mbox"), "mbox-reply.mbox");
    EXPECT_EQ(calendar, reply("-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
                              "CN=Ulrike Kienzle:mailto:ulrike.kienzle@example.org"));
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

TEST(CalendarPartTest, ReadsMailsOnSeveralThreadsAtOnce)
{
    // The web service reads answers on a worker pool: each read has its own parser,
    // and what GMime shares (its iconv cache, used for the ISO-8859-15 mail) is locked.
    const auto outlook = fixture("outlook-reply.eml");
    const auto latin9 = fixture("iso-8859-15-reply.eml");
    const auto expected_outlook = calendar_part(outlook, "outlook-reply.eml");
    const auto expected_latin9 = calendar_part(latin9, "iso-8859-15-reply.eml");
    std::vector<int> wrong(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < wrong.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                wrong[t] += calendar_part(outlook, "outlook-reply.eml") == expected_outlook ? 0 : 1;
                wrong[t] += calendar_part(latin9, "iso-8859-15-reply.eml") == expected_latin9 ? 0 : 1;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

TEST(CalendarPartTest, SaysWhenAMailHasNoCalendar)
{
    EXPECT_EQ(error_message([] { static_cast<void>(calendar_part(fixture("no-calendar.eml"), "no-calendar.eml")); }),
              "no-calendar.eml: no text/calendar part in the mail; expected an answer to an invitation");
}

TEST(CalendarPartTest, SaysWhenAMailIsAnAutomaticReply)
{
    EXPECT_EQ(
        error_message([] { static_cast<void>(calendar_part(fixture("out-of-office.eml"), "out-of-office.eml")); }),
        "out-of-office.eml: no text/calendar part in the mail; it is an automatic reply (Auto-Submitted: "
        "auto-replied), such as an out-of-office notice, not an answer to the invitation");
}

TEST(CalendarPartTest, ReadsAMultipartThatIsNeverClosed)
{
    // No final "--unterminated-4711--": the last part runs to the end of the mail, as
    // Python's email package and GMime read it.
    const auto calendar = calendar_part(fixture("unterminated-multipart.eml"), "unterminated-multipart.eml");
    EXPECT_EQ(calendar, reply("-//Example//Truncated//EN", "CN=Gerda Straub:mailto:gerda.straub@example.org"));
}

TEST(CalendarPartTest, RefusesOutlooksMsgFilesAndSaysWhatToDo)
{
    EXPECT_EQ(error_message([] { static_cast<void>(calendar_part(fixture("outlook-reply.msg"), "Zusage.msg")); }),
              "Zusage.msg: this is an Outlook .msg file, which the planner cannot read; save the answer as .eml "
              "instead (Outlook on the web, the new Outlook and Outlook for Mac save mail as .eml), or as .ics");
    const std::string attached = "Content-Type: multipart/mixed; boundary=b1\r\n"
                                 "\r\n"
                                 "--b1\r\n"
                                 "Content-Type: text/plain\r\n"
                                 "\r\n"
                                 "Die Zusage von Herrn Vogt, anbei.\r\n"
                                 "--b1\r\n"
                                 "Content-Type: application/octet-stream; name=\"Akzeptiert.msg\"\r\n"
                                 "Content-Disposition: attachment; filename=\"Akzeptiert.msg\"\r\n"
                                 "Content-Transfer-Encoding: base64\r\n"
                                 "\r\n"
                                 "0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAAPgADAP7/CQAGAAAAAAAAAAAAAAABAAAAAQAAAAAAAAAA\r\n"
                                 "--b1--\r\n";
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(attached, "forward.eml")); }),
              "forward.eml:8: the answer is in an attached Outlook .msg file, which the planner cannot read; save the "
              "answer as .eml instead (Outlook on the web, the new Outlook and Outlook for Mac save mail as .eml), or "
              "as .ics");
}

TEST(CalendarPartTest, RefusesOutlooksRichTextFormatAndSaysWhatToDo)
{
    // winmail.dat on its own, and as the only attachment of a mail Outlook sent as rich text.
    EXPECT_EQ(error_message([] { static_cast<void>(calendar_part(fixture("winmail.dat"), "winmail.dat")); }),
              "winmail.dat: this is a winmail.dat file (TNEF, Outlook's rich-text format), which the planner cannot "
              "read; ask the participant to answer again with Outlook set to HTML or plain text, or open the answer "
              "in Outlook and save it as .eml");
    EXPECT_EQ(error_message([] { static_cast<void>(calendar_part(fixture("tnef-reply.eml"), "tnef-reply.eml")); }),
              "tnef-reply.eml:23: the answer is in a winmail.dat attachment (TNEF, Outlook's rich-text format), which "
              "the planner cannot read; ask the participant to answer again with Outlook set to HTML or plain text, "
              "or open the answer in Outlook and save it as .eml");
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

TEST(CalendarPartTest, QuotesTheStartOfWhatIsNeitherOnlyAsText)
{
    // A picture saved as .ics: the message must stay text, so its bytes are not quoted.
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(png, "logo.ics")); }),
              "logo.ics:1: neither a mail nor an iCalendar file, not even text (it starts with byte 0x89); expected "
              "an answer to an invitation");
    // 40 bytes end inside the "ä" of "bestätige": the quote stops before it.
    EXPECT_EQ(error_message([] {
                  static_cast<void>(calendar_part("Sehr geehrte Damen und Herren, ich bestätige gern", "answer.txt"));
              }),
              "answer.txt:1: neither a mail nor an iCalendar file (it starts with 'Sehr geehrte Damen und Herren, ich "
              "best'); expected an answer to an invitation");
}

TEST(CalendarPartTest, ConvertsWhateverCharsetIconvKnows)
{
    const std::string koi8 = "Content-Type: text/calendar; charset=koi8-r\r\n\r\n"
                             "BEGIN:VCALENDAR\r\nSUMMARY:\xf0\xd2\xc9\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(calendar_part(koi8, "koi8.eml"), "BEGIN:VCALENDAR\r\nSUMMARY:При\r\nEND:VCALENDAR\r\n");
}

TEST(CalendarPartTest, SaysWhichByteIsNoCharacterOfTheCharset)
{
    // 0x81 is one of the five bytes Windows-1252 leaves undefined.
    const auto mail = [](std::string_view charset) {
        return "Content-Type: text/calendar" + std::string(charset) +
               "\r\n\r\nBEGIN:VCALENDAR\r\nSUMMARY:Tr\xe4ger \x81\r\nEND:VCALENDAR\r\n";
    };
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(mail(""), "none.eml")); }),
              "none.eml:1: byte 0x81 on line 2 of the text/calendar part is no character in UTF-8 or Windows-1252 "
              "(it declares no charset)");
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(mail("; charset=Windows-1252"), "cp.eml")); }),
              "cp.eml:1: byte 0x81 on line 2 of the text/calendar part is no character in Windows-1252");
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(mail("; charset=ISO-8859-1"), "latin1.eml")); }),
              "latin1.eml:1: byte 0x81 on line 2 of the text/calendar part is no character in Windows-1252, as which "
              "its charset ISO-8859-1 is read");
}

TEST(CalendarPartTest, RefusesAPartThatHoldsNoCalendar)
{
    const std::string empty = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                              "Content-Type: text/calendar; method=REPLY\r\n\r\n\r\n--b--\r\n";
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(empty, "empty.eml")); }),
              "empty.eml:4: the text/calendar part is empty; expected an iCalendar text");
    const std::string text = "Content-Type: application/octet-stream; name=Antwort.ics\r\n"
                             "Content-Transfer-Encoding: base64\r\n\r\nSWNoIGtvbW1lIGdlcm5lLg==\r\n";
    EXPECT_EQ(error_message([&] { static_cast<void>(calendar_part(text, "text.eml")); }),
              "text.eml:1: the application/octet-stream part holds no iCalendar text (it starts with 'Ich komme "
              "gerne.'); expected BEGIN:VCALENDAR");
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

TEST(CalendarPartTest, RefusesAMailAboveTheInputBoundBeforeGmimeReadsIt)
{
    std::string mail = "From: a@example.org\r\nTo: b@example.org\r\nSubject: big\r\n"
                       "Content-Type: text/calendar; method=REPLY\r\n\r\n";
    mail += reply("-//x//EN", "CN=A:mailto:a@example.org");
    mail.append(max_input_file_bytes + 1 - mail.size(), 'x');
    EXPECT_EQ(error_message([&] { (void)calendar_part(mail, "big.eml"); }),
              "big.eml: the file has 33554433 bytes; the planner reads mails and calendars of at most 33554432 bytes "
              "(32 MiB)");
}

TEST(CalendarPartTest, ReadsAMailOfTheBound)
{
    std::string mail = "From: a@example.org\r\nTo: b@example.org\r\nSubject: big\r\n"
                       "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                       "Content-Type: text/calendar; method=REPLY\r\n\r\n" +
                       reply("-//x//EN", "CN=A:mailto:a@example.org") + "\r\n--b\r\nContent-Type: text/plain\r\n\r\n";
    const std::string end = "\r\n--b--\r\n";
    const std::string line(98, 'x');
    while (mail.size() + line.size() + 2 + end.size() <= max_input_file_bytes) {
        mail += line + "\r\n";
    }
    mail += end;
    EXPECT_EQ(calendar_part(mail, "big.eml"), reply("-//x//EN", "CN=A:mailto:a@example.org"));
}

}  // namespace
}  // namespace planner::mail
