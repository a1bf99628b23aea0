// --dry-run on every command that writes to the store, with the real binary: each says
// what it would change, and the store, the folders and the mail server are left as
// they were.

#include "run_planner.hpp"
#include "smtp_sink.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace planner::testing {
namespace {

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string busy_fixtures = std::string(PLANNER_SOURCE_DIR) + "/tests/ical/fixtures/busy/";
const std::string meeting = "kennenlernen-2012";
const std::string dry_run_said = "planner: dry run: nothing was changed, written or sent\n";

class DryRunTest : public ::testing::Test {
protected:
    DryRunTest()
    {
        const auto imported = planner({"import", immenstaad});
        EXPECT_EQ(imported.exit_code, 0) << imported.err;
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", store()});
        return run_planner(args);
    }

    // Runs the command with --dry-run and checks that the store did not change.
    RunResult dry_run(std::vector<std::string> args)
    {
        args.emplace_back("--dry-run");
        const auto before = dump_store(store());
        auto result = planner(args);
        EXPECT_EQ(dump_store(store()), before) << args.front();
        EXPECT_TRUE(result.err.ends_with(dry_run_said)) << result.err;
        return result;
    }

    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
};

TEST_F(DryRunTest, ImportSaysWhatItWouldChange)
{
    auto moved = read_file(immenstaad);
    const std::string time = "start = 2012-10-11T14:00:00\nend = 2012-10-11T17:00:00";
    moved.replace(moved.find(time), time.size(), "start = 2012-10-11T15:00:00\nend = 2012-10-11T18:00:00");
    write_file(dir / "moved.toml", moved);
    const auto result = dry_run({"import", (dir / "moved.toml").string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("meetings       0 added, 1 updated, 2 unchanged"), std::string::npos) << result.out;
}

TEST_F(DryRunTest, ImportIntoAStoreThatDoesNotExistCreatesNoFile)
{
    const auto fresh = dir / "fresh.db";
    const auto result = run_planner({"--db", fresh.string(), "import", immenstaad, "--dry-run"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("meetings       3 added"), std::string::npos) << result.out;
    EXPECT_FALSE(std::filesystem::exists(fresh));
}

TEST_F(DryRunTest, InviteNamesTheFilesAndMailsItWouldWriteAndSendsNothing)
{
    const auto mails = dir / "mail";
    const auto written = dry_run({"invite", meeting, "--mail", mails.string()});
    EXPECT_EQ(written.exit_code, 0) << written.err;
    EXPECT_NE(written.out.find("would write " + (mails / "axel-gossner.eml").string()), std::string::npos)
        << written.out;
    EXPECT_FALSE(std::filesystem::exists(mails));

    SmtpSink sink;
    const auto sent = dry_run({"invite", meeting, "--send", "--smtp-host", "127.0.0.1", "--smtp-port",
                               std::to_string(sink.port()), "--smtp-tls", "none"});
    EXPECT_EQ(sent.exit_code, 0) << sent.err;
    EXPECT_NE(sent.out.find("would send to Axel Goßner <axel.gossner@konstanz.example.org>"), std::string::npos)
        << sent.out;
    EXPECT_TRUE(sink.messages().empty());
}

TEST_F(DryRunTest, CancelWritesNothingAndKeepsTheMeeting)
{
    const auto file = dir / "cancel.ics";
    const auto result = dry_run({"cancel", meeting, "-o", file.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("cancelled meeting 'kennenlernen-2012' (SEQUENCE 1)"), std::string::npos) << result.out;
    EXPECT_FALSE(std::filesystem::exists(file));
}

TEST_F(DryRunTest, AnswersAttendanceBusyTimeDaysOffAndScheduleChangeNothing)
{
    ASSERT_EQ(planner({"invite", meeting, "-o", (dir / "first.ics").string()}).exit_code, 0);
    const auto uid = nlohmann::json::parse(planner({"show", meeting, "--json"}).out)["uid"].get<std::string>();
    write_file(dir / "answer.ics",
               "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:-//test//EN\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
               "ATTENDEE;PARTSTAT=ACCEPTED:mailto:axel.gossner@konstanz.example.org\r\nUID:" +
                   uid +
                   "\r\nSEQUENCE:0\r\nDTSTAMP:20121001T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    const auto answered = dry_run({"replies", "import", (dir / "answer.ics").string()});
    EXPECT_EQ(answered.exit_code, 0) << answered.err;
    EXPECT_NE(answered.out.find("recorded 1 answer"), std::string::npos) << answered.out;

    const auto attended = dry_run({"attend", meeting, "axel-gossner"});
    EXPECT_EQ(attended.exit_code, 0) << attended.err;

    const auto busy = dry_run({"busy", "import", "frank-veser", busy_fixtures + "google-x-wr-timezone.ics"});
    EXPECT_EQ(busy.exit_code, 0) << busy.err;

    const auto days_off = dry_run({"holidays", "import", "DE-BW", busy_fixtures + "schulferien-bw-2013.ics", "--from",
                                   "2013-01-01", "--to", "2014-12-31"});
    EXPECT_EQ(days_off.exit_code, 0) << days_off.err;

    const auto scheduled =
        dry_run({"schedule", "projekt-2013", "--find-slot", "--from", "2013-01-07", "--to", "2013-03-29"});
    EXPECT_EQ(scheduled.exit_code, 0) << scheduled.err;
    EXPECT_NE(scheduled.out.find("scheduled '"), std::string::npos) << scheduled.out;
}

}  // namespace
}  // namespace planner::testing
