// Text from other people's files reaches the terminal and the text and CSV lists
// without its control characters: an answer's comment and delegate, a name or a title
// of a meeting file. JSON keeps the text exactly, escaped.

#include "run_planner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace planner::testing {
namespace {

using nlohmann::json;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string meeting = "kennenlernen-2012";

// The first control character of `text` that its format did not put there: only LF
// (and, where `crlf`, CR before LF) may appear; C1 controls (U+0080-U+009F) may not.
std::string first_control(const std::string& text, bool crlf = false)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool line_end = c == '\n' || (crlf && c == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
        const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if ((c < 0x20 && !line_end) || c == 0x7F || c1) {
            return "byte " + std::to_string(c) + " at " + std::to_string(i) + " in: " + text.substr(i > 40 ? i - 40 : 0, 80);
        }
    }
    return {};
}

class ControlCharactersTest : public ::testing::Test {
protected:
    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", (dir / "planner.db").string()});
        return run_planner(args);
    }

    TemporaryDirectory dir;
};

TEST_F(ControlCharactersTest, AnAnswersCommentCannotDriveTheTerminal)
{
    ASSERT_EQ(planner({"import", immenstaad}).exit_code, 0);
    ASSERT_EQ(planner({"invite", meeting, "-o", (dir / "invitation.ics").string()}).exit_code, 0);
    const auto shown = planner({"show", meeting, "--json"});
    const auto uid = json::parse(shown.out)["uid"].get<std::string>();
    const auto answer = [&](const std::string& attendee_line, const std::string& comment) {
        return "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:-//planner tests//EN\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n" +
               attendee_line + "\r\nCOMMENT:" + comment + "\r\nUID:" + uid +
               "\r\nSEQUENCE:0\r\nDTSTAMP:20121001T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    };
    write_file(dir / "accepted.ics", answer("ATTENDEE;PARTSTAT=ACCEPTED:mailto:axel.gossner@konstanz.example.org",
                                            "Bis dann\x1b[2J\x1b]0;pwned\x07Gefälscht\\nZweite Zeile\xc2\x9b"));
    const auto imported = planner({"replies", "import", (dir / "accepted.ics").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(first_control(imported.out), "");

    const auto text = planner({"show", meeting});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_EQ(first_control(text.out), "");
    EXPECT_NE(text.out.find("\"Bis dann?[2J?]0;pwned?Gefälscht Zweite Zeile?\""), std::string::npos) << text.out;

    // JSON keeps what the answer said, escaped.
    const auto as_json = json::parse(planner({"show", meeting, "--json"}).out);
    for (const auto& invitee : as_json["invitees"]) {
        if (invitee["id"] == "axel-gossner") {
            EXPECT_EQ(invitee["comment"], "Bis dann\x1b[2J\x1b]0;pwned\x07Gefälscht\nZweite Zeile\xc2\x9b");
        }
    }
}

TEST_F(ControlCharactersTest, AFileSkippedByRepliesImportIsNamedOnOneLine)
{
    ASSERT_EQ(planner({"import", immenstaad}).exit_code, 0);
    // A file name may hold a line end; its second line must not pass for the planner's.
    const auto forged = dir / "x\nplanner: recorded 99 answers";
    write_file(forged, "not a calendar\n");
    const auto imported = planner({"replies", "import", forged.string()});
    EXPECT_NE(imported.exit_code, 0);
    EXPECT_NE(imported.err.find("planner: skipped "), std::string::npos) << imported.err;
    EXPECT_EQ(imported.err.find("\nplanner: recorded 99"), std::string::npos) << imported.err;
}

// A meeting file is someone else's file too. (Should its reader come to refuse
// control characters, this test needs a store written another way.)
TEST_F(ControlCharactersTest, NamesAndTitlesOfAMeetingFileAreShownWithoutControlCharacters)
{
    auto file = read_file(immenstaad);
    file = replaced(file, "title = \"Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung\"",
                    "title = \"Gedanken\\u001b[2J\\r- und Erfahrungsaustausch\\u0007\"");
    file = replaced(file, "name = \"Axel Goßner\"", "name = \"Axel\\u001b]0;pwned\\u0007 Goßner\\u009b\"");
    file = replaced(file, "title = \"Auftakttreffen landkreisübergreifendes Projekt der Selbsthilfegruppen\"",
                    "title = \"Auftakt\\u001b[2J\"");
    write_file(dir / "hostile.toml", file);
    const auto imported = planner({"import", (dir / "hostile.toml").string()});
    ASSERT_EQ(imported.exit_code, 0) << "the meeting file was refused: " << imported.err;

    const auto meetings = planner({"meetings"});
    EXPECT_EQ(first_control(meetings.out), "");
    EXPECT_NE(meetings.out.find("Gedanken?[2J?- und Erfahrungsaustausch?"), std::string::npos) << meetings.out;
    const auto show = planner({"show", meeting});
    EXPECT_EQ(first_control(show.out), "");
    EXPECT_NE(show.out.find("Axel?]0;pwned? Goßner?"), std::string::npos) << show.out;
    const auto check = planner({"check"});
    EXPECT_EQ(first_control(check.out), "");
    const auto would_send = planner({"invite", meeting, "--send", "--smtp-host", "127.0.0.1", "--dry-run"});
    EXPECT_EQ(would_send.exit_code, 0) << would_send.err;
    EXPECT_EQ(first_control(would_send.out), "");
    EXPECT_NE(would_send.out.find("would send to Axel?]0;pwned? Goßner? <"), std::string::npos) << would_send.out;
    const auto scheduled = planner({"schedule", "projekt-2013", "--find-slot", "--from", "2013-01-07", "--to",
                                    "2013-03-29"});
    EXPECT_EQ(scheduled.exit_code, 0) << scheduled.err;
    EXPECT_EQ(first_control(scheduled.out), "");
    EXPECT_NE(scheduled.out.find("scheduled 'Auftakt?[2J'"), std::string::npos) << scheduled.out;
    const auto list = planner({"attendance", meeting, "--format", "text"});
    EXPECT_EQ(first_control(list.out), "");
    EXPECT_NE(list.out.find("Gedanken?[2J?- und Erfahrungsaustausch?"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("Axel?]0;pwned? Goßner?"), std::string::npos) << list.out;
    const auto csv = planner({"attendance", meeting, "--format", "csv"});
    EXPECT_EQ(first_control(csv.out, true), "");
    EXPECT_NE(csv.out.find("Axel?]0;pwned? Goßner?"), std::string::npos) << csv.out;
    // JSON keeps the name exactly, escaped.
    const auto as_json = nlohmann::json::parse(planner({"show", meeting, "--json"}).out);
    for (const auto& invitee : as_json["invitees"]) {
        if (invitee["id"] == "axel-gossner") {
            EXPECT_EQ(invitee["name"], "Axel\x1b]0;pwned\x07 Goßner\xc2\x9b");
        }
    }
}

}  // namespace
}  // namespace planner::testing
