// Two commands writing one store at once, with the real `planner` binary: an
// invitation sent through a slow mail server while an import and an answer change
// the meeting, and a message that went out while the store could not be written.
// The SMTP sink holds its answer, so each race happens in the same order every run.

#include "run_planner.hpp"
#include "small_region.hpp"
#include "smtp_sink.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace planner::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string meeting = "kennenlernen-2012";

int count_of(const std::string& text, const std::string& what)
{
    int count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++count;
    }
    return count;
}

class ConcurrentWritersTest : public ::testing::Test {
protected:
    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", store()});
        return run_planner(args);
    }

    std::vector<std::string> send_to_sink(const std::string& id)
    {
        return {"invite", id, "--send", "--smtp-host", "127.0.0.1", "--smtp-port", std::to_string(sink.port()),
                "--smtp-tls", "none"};
    }

    json show(const std::string& id)
    {
        const auto result = planner({"show", id, "--json"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return json::parse(result.out);
    }

    std::vector<std::string> invitee_ids(const std::string& id)
    {
        std::vector<std::string> ids;
        const auto shown = show(id);
        for (const auto& invitee : shown["invitees"]) {
            ids.push_back(invitee["id"].get<std::string>());
        }
        return ids;
    }

    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
    SmtpSink sink;
};

bool contains(const std::vector<std::string>& ids, const std::string& id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST_F(ConcurrentWritersTest, AnInvitationBeingSentUndoesNoImportOrDelegationMadeMeanwhile)
{
    // The example without Markus Rauch first; the organiser adds him while the
    // invitations go out, and Knut Immeke delegates his place.
    auto without_markus = read_file(immenstaad);
    const std::string markus_line = "  { person = \"markus-rauch\", role = \"optional\" },\n";
    without_markus.erase(without_markus.find(markus_line), markus_line.size());
    write_file(dir / "without-markus.toml", without_markus);
    ASSERT_EQ(planner({"import", (dir / "without-markus.toml").string()}).exit_code, 0);
    const auto uid = show(meeting)["uid"].get<std::string>();

    sink.hold_answers();
    RunResult invited;
    std::thread inviting([&] { invited = planner(send_to_sink(meeting)); });
    ASSERT_TRUE(sink.wait_until_held(30s));

    const auto imported = planner({"import", immenstaad});
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    write_file(dir / "delegated.ics",
               "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:-//test//EN\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
               "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:jutta.weiss@ravensburg.example.org\":mailto:"
               "knut.immeke@ravensburg.example.org\r\nUID:" +
                   uid + "\r\nSEQUENCE:0\r\nDTSTAMP:20121001T080000Z\r\nDTSTART:20121011T120000Z\r\n"
                         "END:VEVENT\r\nEND:VCALENDAR\r\n");
    const auto answered = planner({"replies", "import", (dir / "delegated.ics").string()});
    EXPECT_EQ(answered.exit_code, 0) << answered.err;

    sink.release();
    inviting.join();
    EXPECT_EQ(invited.exit_code, 0) << invited.err;
    const auto sent_first = sink.messages().size();
    EXPECT_EQ(sent_first, 24U);

    // Both changes are still there, and the next invitation reaches exactly the two new people.
    const auto ids = invitee_ids(meeting);
    EXPECT_TRUE(contains(ids, "markus-rauch"));
    EXPECT_TRUE(contains(ids, "jutta-weiss"));
    const auto next = planner(send_to_sink(meeting));
    EXPECT_EQ(next.exit_code, 0) << next.err;
    EXPECT_NE(next.out.find("new on the list: "), std::string::npos) << next.out;
    EXPECT_NE(next.out.find("Markus Rauch"), std::string::npos) << next.out;
    EXPECT_EQ(count_of(next.out, "sent to"), 2) << next.out;
    EXPECT_EQ(sink.messages().size(), sent_first + 2);
}

TEST_F(ConcurrentWritersTest, AnImportMeanwhileDoesNotSetTheSequenceBackBelowWhatWasSent)
{
    ASSERT_EQ(planner({"import", immenstaad}).exit_code, 0);
    ASSERT_EQ(planner({"invite", meeting, "-o", (dir / "first.ics").string()}).exit_code, 0);
    auto moved = read_file(immenstaad);
    const std::string time = "start = 2012-10-11T14:00:00\nend = 2012-10-11T17:00:00";
    moved.replace(moved.find(time), time.size(), "start = 2012-10-11T15:00:00\nend = 2012-10-11T18:00:00");
    write_file(dir / "moved.toml", moved);
    ASSERT_EQ(planner({"import", (dir / "moved.toml").string()}).exit_code, 0);

    // The update (SEQUENCE 1) is on its way when the organiser imports the file again.
    sink.hold_answers();
    RunResult invited;
    std::thread inviting([&] { invited = planner(send_to_sink(meeting)); });
    ASSERT_TRUE(sink.wait_until_held(30s));
    EXPECT_EQ(planner({"import", (dir / "moved.toml").string()}).exit_code, 0);
    EXPECT_EQ(show(meeting)["sequence"], 1);
    sink.release();
    inviting.join();
    EXPECT_EQ(invited.exit_code, 0) << invited.err;
    EXPECT_EQ(show(meeting)["sequence"], 1);
}

TEST_F(ConcurrentWritersTest, AMessageSentWhileTheStoreCannotBeWrittenIsNeitherForgottenNorSentTwice)
{
    write_file(dir / "small.toml", small_region + R"toml([[meeting]]
id = "treffen"
title = "Treffen"
start = 2012-10-11T14:00:00
end = 2012-10-11T17:00:00
venue = "rathaus-immenstaad"
organisers = ["ludwig"]
participants = ["koester"]
)toml");
    ASSERT_EQ(planner({"import", (dir / "small.toml").string()}).exit_code, 0);

    sink.hold_answers();
    RunResult invited;
    std::thread inviting([&] { invited = planner(send_to_sink("treffen")); });
    ASSERT_TRUE(sink.wait_until_held(30s));
    {
        // Another writer holds the store until the invitation has given up recording.
        SQLite::Database other(store(), SQLite::OPEN_READWRITE);
        SQLite::Transaction writing(other, SQLite::TransactionBehavior::IMMEDIATE);
        sink.release();
        inviting.join();
    }
    EXPECT_EQ(invited.exit_code, 1);
    EXPECT_NE(invited.out.find("sent to Andreas Köster"), std::string::npos) << invited.out;
    EXPECT_NE(invited.err.find("the message to Andreas Köster <andreas.koester@example.org> went out, but the store "
                               "could not record it"),
              std::string::npos)
        << invited.err;
    // The organiser's own copy is not sent once the store cannot be written.
    EXPECT_NE(invited.err.find("1 message was not sent: the store cannot be written"), std::string::npos)
        << invited.err;
    ASSERT_EQ(sink.messages().size(), 1U);

    // A retry does not send the first again, and says why; the second goes out now.
    const auto retry = planner(send_to_sink("treffen"));
    EXPECT_EQ(retry.exit_code, 0) << retry.err;
    ASSERT_EQ(sink.messages().size(), 2U) << retry.out << retry.err;
    EXPECT_EQ(sink.messages()[1].recipients, std::vector<std::string>{"christine.ludwig@example.org"});
    EXPECT_NE(retry.err.find("was handed to the mail server for Andreas Köster <andreas.koester@example.org>"),
              std::string::npos)
        << retry.err;

    // Asked to, it sends it again, and then it is settled.
    auto resend = send_to_sink("treffen");
    resend.push_back("--resend-unconfirmed");
    const auto resent = planner(resend);
    EXPECT_EQ(resent.exit_code, 0) << resent.err;
    ASSERT_EQ(sink.messages().size(), 3U);
    EXPECT_EQ(sink.messages()[2].recipients, std::vector<std::string>{"andreas.koester@example.org"});
    const auto settled = planner(send_to_sink("treffen"));
    EXPECT_EQ(settled.exit_code, 0) << settled.err;
    EXPECT_EQ(sink.messages().size(), 3U);
    EXPECT_EQ(settled.err, "");
    EXPECT_NE(settled.out.find("everyone invited already has this version"), std::string::npos) << settled.out;
}

}  // namespace
}  // namespace planner::testing
