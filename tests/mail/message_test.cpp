#include <planner/mail/message.hpp>

#include "error_message.hpp"
#include "mail_test_support.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <unistd.h>

namespace planner::mail {
namespace {

using planner::testing::error_message;
using testing::decode_base64;
using testing::decode_header;
using testing::decode_quoted_printable;
using testing::parse_mail;

const std::string immenstaad_calendar =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//planner//planner 0.1//DE\r\n"
    "METHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:kennenlernen-2012@planner.invalid\r\n"
    "SEQUENCE:0\r\n"
    "DTSTAMP:20121001T080000Z\r\n"
    "DTSTART:20121011T120000Z\r\n"
    "DTEND:20121011T150000Z\r\n"
    "SUMMARY:Treffen der Selbsthilfegruppen in Immenstaad – Rückblick\r\n"
    "ORGANIZER;CN=Karin Bartholomäus:mailto:karin.bartholomaeus@example.org\r\n"
    "ATTENDEE;CN=Jürgen Weiß;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:\r\n"
    " mailto:juergen.weiss@example.org\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

// The text tests what quoted-printable must take care of: umlauts, a dot and "From "
// at the start of a line, blanks at a line's end, a line far longer than 76.
const std::string immenstaad_text =
    "Guten Tag,\n"
    "\n"
    "Sie sind herzlich eingeladen: Treffen der Selbsthilfegruppen in Immenstaad – Rückblick.\n"
    ".\n"
    "From Immenstaad with love   \n"
    "Größe=100% " + std::string(200, 'x') + " äöüß\n";

CalendarMessage immenstaad_message()
{
    CalendarMessage message;
    message.from = {"Karin Bartholomäus", "karin.bartholomaeus@example.org"};
    message.to = {"Jürgen Weiß", "juergen.weiss@example.org"};
    message.subject = "Treffen der Selbsthilfegruppen in Immenstaad – Rückblick";
    message.text = immenstaad_text;
    message.calendar = immenstaad_calendar;
    message.method = "REQUEST";
    message.date = boost::posix_time::ptime(boost::gregorian::date(2012, 10, 1), boost::posix_time::hours(8));
    message.message_id = "kennenlernen-2012.0.juergen-weiss@planner.invalid";
    return message;
}

std::string with_crlf(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    return out;
}

std::vector<std::string> lines_of(const std::string& mail)
{
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin < mail.size()) {
        const auto end = mail.find("\r\n", begin);
        lines.push_back(mail.substr(begin, end - begin));
        begin = end + 2;
    }
    return lines;
}

// Whether the bytes are whole UTF-8 characters: no sequence cut at either end.
bool is_whole_utf8(std::string_view bytes)
{
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
        if (length == 0 || i + length > bytes.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(bytes[i + k]) & 0xc0) != 0x80) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

TEST(ComposeTest, WritesTheHeadersOfAnImipMessage)
{
    const auto mail = compose(immenstaad_message());
    const auto parsed = parse_mail(mail);
    EXPECT_EQ(decode_header(parsed.headers.at("from")), "Karin Bartholomäus <karin.bartholomaeus@example.org>");
    EXPECT_EQ(decode_header(parsed.headers.at("to")), "Jürgen Weiß <juergen.weiss@example.org>");
    EXPECT_EQ(decode_header(parsed.headers.at("subject")), "Treffen der Selbsthilfegruppen in Immenstaad – Rückblick");
    EXPECT_EQ(parsed.headers.at("date"), "Mon, 01 Oct 2012 08:00:00 +0000");
    EXPECT_EQ(parsed.headers.at("message-id"), "<kennenlernen-2012.0.juergen-weiss@planner.invalid>");
    EXPECT_EQ(parsed.headers.at("mime-version"), "1.0");
    EXPECT_TRUE(parsed.headers.at("content-type").starts_with("multipart/alternative; boundary=\"=_planner_"));
    // Encoded-words, not raw UTF-8, in the headers.
    for (const auto& line : parsed.header_lines) {
        for (const char c : line) {
            EXPECT_TRUE(static_cast<unsigned char>(c) < 0x80) << line;
        }
    }
}

TEST(ComposeTest, CarriesTheTextAsQuotedPrintableAndTheCalendarAsBase64)
{
    const auto parsed = parse_mail(compose(immenstaad_message()));
    ASSERT_EQ(parsed.parts.size(), 2u);
    const auto& text = parsed.parts[0];
    EXPECT_EQ(text.headers.at("content-type"), "text/plain; charset=UTF-8");
    EXPECT_EQ(text.headers.at("content-transfer-encoding"), "quoted-printable");
    // The CRLF before the boundary belongs to the boundary (RFC 2046 5.1.1).
    auto expected_text = with_crlf(immenstaad_text);
    expected_text.erase(expected_text.size() - 2);
    EXPECT_EQ(decode_quoted_printable(text.body), expected_text);
    EXPECT_NE(text.body.find("\r\n=2E\r\n"), std::string::npos) << "a lone dot would end the SMTP data";
    EXPECT_NE(text.body.find("\r\n=46rom Immenstaad"), std::string::npos);
    EXPECT_NE(text.body.find("love  =20\r\n"), std::string::npos) << "trailing blanks are protected";

    const auto& calendar = parsed.parts[1];
    EXPECT_EQ(calendar.headers.at("content-type"), "text/calendar; method=REQUEST; charset=UTF-8");
    EXPECT_EQ(calendar.headers.at("content-transfer-encoding"), "base64");
    EXPECT_EQ(decode_base64(calendar.body), immenstaad_calendar);
}

TEST(ComposeTest, UsesCrlfEverywhereAndShortLines)
{
    const auto mail = compose(immenstaad_message());
    for (std::size_t i = 0; i < mail.size(); ++i) {
        if (mail[i] == '\n') {
            ASSERT_TRUE(i > 0 && mail[i - 1] == '\r') << "bare LF at " << i;
        }
        if (mail[i] == '\r') {
            ASSERT_TRUE(i + 1 < mail.size() && mail[i + 1] == '\n') << "bare CR at " << i;
        }
    }
    EXPECT_TRUE(mail.ends_with("--\r\n"));
    for (const auto& line : lines_of(mail)) {
        EXPECT_LE(line.size(), 78u) << line;  // 998 is the limit; the planner keeps to 78
    }
}

TEST(ComposeTest, FoldsALongSubjectAt78Characters)
{
    auto message = immenstaad_message();
    message.subject = "Einladung: Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung der Landkreise "
                      "Konstanz, Sigmaringen, Ravensburg und Bodenseekreis in Immenstaad";
    const auto parsed = parse_mail(compose(message));
    EXPECT_EQ(parsed.headers.at("subject"), message.subject);  // ASCII: plain words, unfolded back
    std::size_t subject_lines = 0;
    bool in_subject = false;
    for (const auto& line : parsed.header_lines) {
        in_subject = line.starts_with("Subject:") || (in_subject && line.starts_with(' '));
        subject_lines += in_subject ? 1 : 0;
        EXPECT_LE(line.size(), 78u) << line;
        EXPECT_FALSE(line.find_first_not_of(' ') == std::string::npos) << "a fold may not leave a blank line";
    }
    EXPECT_EQ(subject_lines, 3u);
}

TEST(ComposeTest, NeverSplitsAUtf8CharacterBetweenEncodedWords)
{
    auto message = immenstaad_message();
    message.subject.clear();
    for (int i = 0; i < 40; ++i) {
        message.subject += "äöü–";
    }
    const auto mail = compose(message);
    const auto parsed = parse_mail(mail);
    EXPECT_EQ(decode_header(parsed.headers.at("subject")), message.subject);
    const auto& subject = parsed.headers.at("subject");
    for (std::size_t at = subject.find("=?UTF-8?B?"); at != std::string::npos; at = subject.find("=?UTF-8?B?", at + 1)) {
        const auto end = subject.find("?=", at + 10);
        EXPECT_LE(end + 2 - at, 75u);
        EXPECT_TRUE(is_whole_utf8(decode_base64(subject.substr(at + 10, end - at - 10))))
            << subject.substr(at, end + 2 - at);
    }
}

TEST(ComposeTest, QuotesOrEncodesDisplayNamesWithSpecials)
{
    auto message = immenstaad_message();
    message.to = {"Kosters, Andreas", "andreas.kosters@example.org"};
    message.from = {"Christine \"Chris\" Ludwig", "christine.ludwig@example.org"};
    auto parsed = parse_mail(compose(message));
    EXPECT_EQ(parsed.headers.at("to"), "\"Kosters, Andreas\" <andreas.kosters@example.org>");
    EXPECT_EQ(parsed.headers.at("from"), "\"Christine \\\"Chris\\\" Ludwig\" <christine.ludwig@example.org>");

    message.to = {"Kösters, Andreas", "andreas.koesters@example.org"};
    message.from = {"", "planner@example.org"};
    parsed = parse_mail(compose(message));
    EXPECT_EQ(parsed.headers.at("to"), "=?UTF-8?B?S8O2c3RlcnMsIEFuZHJlYXM=?= <andreas.koesters@example.org>");
    EXPECT_EQ(parsed.headers.at("from"), "planner@example.org");
}

TEST(ComposeTest, IsTheSameForTheSameMessage)
{
    EXPECT_EQ(compose(immenstaad_message()), compose(immenstaad_message()));
    auto other = immenstaad_message();
    other.calendar += "";
    other.text += "PS\n";
    EXPECT_NE(parse_mail(compose(other)).headers.at("content-type"),
              parse_mail(compose(immenstaad_message())).headers.at("content-type"));
}

TEST(ComposeTest, RefusesAMethodThatIsNotTheCalendars)
{
    auto message = immenstaad_message();
    message.method = "CANCEL";
    EXPECT_EQ(error_message([&] { static_cast<void>(compose(message)); }),
              "the mail's method 'CANCEL' does not match the calendar's METHOD:REQUEST");
    message.method = "REQUEST; charset=latin1";
    EXPECT_EQ(error_message([&] { static_cast<void>(compose(message)); }),
              "'REQUEST; charset=latin1' is not an iCalendar method; expected REQUEST, CANCEL or REPLY");
    message = immenstaad_message();
    message.calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nMETHOD:REQUEST\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    EXPECT_EQ(error_message([&] { static_cast<void>(compose(message)); }),
              "the calendar of the mail has no METHOD line; expected METHOD:REQUEST");
}

TEST(ComposeTest, RefusesWhatCannotGoIntoAHeader)
{
    auto message = immenstaad_message();
    message.to.address = "Jürgen Weiß <juergen.weiss@example.org>";
    EXPECT_EQ(error_message([&] { static_cast<void>(compose(message)); }),
              "'Jürgen Weiß <juergen.weiss@example.org>' is not an e-mail address, expected a bare address like "
              "name@example.org");
    message = immenstaad_message();
    message.message_id = "<uid@planner.invalid>";
    EXPECT_EQ(error_message([&] { static_cast<void>(compose(message)); }),
              "'<uid@planner.invalid>' is not a message id; expected one like uid.1.person@planner.invalid, without "
              "angle brackets or spaces");
    message = immenstaad_message();
    message.date = {};
    EXPECT_EQ(error_message([&] { static_cast<void>(compose(message)); }),
              "the mail has no date; expected a UTC time for its Date header");
}

TEST(ComposeTest, KeepsLineBreaksInTheSubjectOutOfTheHeaders)
{
    auto message = immenstaad_message();
    message.subject = "Einladung\r\nBcc: everyone@example.org";
    const auto parsed = parse_mail(compose(message));
    EXPECT_EQ(parsed.headers.count("bcc"), 0u);
    EXPECT_EQ(parsed.headers.at("subject"), "Einladung Bcc: everyone@example.org");
}

// Python's email package, an independent parser, reads the message back.
class PythonEmailTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        directory_ = std::filesystem::temp_directory_path() / ("planner-mail-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(directory_);
    }
    void TearDown() override { std::filesystem::remove_all(directory_); }

    std::string read_with_python(const std::string& mail)
    {
        const auto mail_file = directory_ / "message.eml";
        const auto script_file = directory_ / "read.py";
        std::ofstream(mail_file, std::ios::binary) << mail;
        std::ofstream(script_file) << R"(import sys, email
from email import policy
with open(sys.argv[1], 'rb') as f:
    msg = email.message_from_binary_file(f, policy=policy.default)
print('subject=' + msg['subject'])
for name in ('from', 'to'):
    address = msg[name].addresses[0]
    print(name + '=' + address.display_name + '|' + address.addr_spec)
print('message-id=' + msg['message-id'])
print('date=' + msg['date'].datetime.isoformat())
defects = sum(len(part.defects) for part in msg.walk())
defects += sum(len(msg[name].defects) for name in ('subject', 'from', 'to', 'date', 'message-id'))
print('defects=' + str(defects))
for part in msg.walk():
    print('part=' + part.get_content_type() + '|' + str(part.get_param('method')) + '|' + str(part.get_content_charset()))
    if not part.is_multipart():
        print('payload=' + part.get_payload(decode=True).hex())
)";
        const auto command = std::string(PLANNER_PYTHON) + " " + script_file.string() + " " + mail_file.string();
        std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
        std::string output;
        char buffer[4096];
        std::size_t got = 0;
        while (pipe && (got = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) {
            output.append(buffer, got);
        }
        return output;
    }

    static std::string hex(std::string_view bytes)
    {
        std::string out;
        constexpr std::string_view digits = "0123456789abcdef";
        for (const char c : bytes) {
            out += digits[static_cast<unsigned char>(c) >> 4];
            out += digits[static_cast<unsigned char>(c) & 0xf];
        }
        return out;
    }

    std::filesystem::path directory_;
};

TEST_F(PythonEmailTest, ReadsWhatComposeWrote)
{
    auto message = immenstaad_message();
    message.to = {"Kösters, Andreas", "andreas.koesters@example.org"};
    // Python hands quoted-printable line breaks back as '\n'; the last one went to the
    // boundary.
    const auto expected_text = immenstaad_text.substr(0, immenstaad_text.size() - 1);
    EXPECT_EQ(read_with_python(compose(message)),
              "subject=Treffen der Selbsthilfegruppen in Immenstaad – Rückblick\n"
              "from=Karin Bartholomäus|karin.bartholomaeus@example.org\n"
              "to=Kösters, Andreas|andreas.koesters@example.org\n"
              "message-id=<kennenlernen-2012.0.juergen-weiss@planner.invalid>\n"
              "date=2012-10-01T08:00:00+00:00\n"
              "defects=0\n"
              "part=multipart/alternative|None|None\n"
              "part=text/plain|None|utf-8\n"
              "payload=" + hex(expected_text) + "\n"
              "part=text/calendar|REQUEST|utf-8\n"
              "payload=" + hex(immenstaad_calendar) + "\n");
}

TEST_F(PythonEmailTest, ReadsALongFoldedUmlautSubject)
{
    auto message = immenstaad_message();
    message.subject = "Geändert: Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung – Rückblick "
                      "und Ausblick auf das landkreisübergreifende Projekt 2013 in Immenstaad";
    const auto output = read_with_python(compose(message));
    EXPECT_TRUE(output.starts_with("subject=" + message.subject + "\n")) << output;
    EXPECT_NE(output.find("defects=0\n"), std::string::npos) << output;
}

}  // namespace
}  // namespace planner::mail
