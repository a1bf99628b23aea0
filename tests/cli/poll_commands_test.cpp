// `planner poll create | show | remind | confirm | end`: a date poll from the command
// line, its mail queued in the outbox of 'planner serve' (which sends it), through the
// use cases the web's pages call.

#include "run_planner.hpp"

#include <planner/db/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

namespace planner::testing {
namespace {

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string support = std::string(PLANNER_SOURCE_DIR) + "/tests/support/";

class PollCommands : public ::testing::Test {
protected:
    PollCommands()
    {
        write_file(dir / "serve.toml", "[web]\nbase_url = \"https://planner.example.org\"\n[smtp]\nhost = "
                                       "\"127.0.0.1\"\nport = 2525\ntls = \"none\"\nfrom = \"planner@bodenseekreis.example\"\n");
        write_file(dir / "no-mail.toml", "[web]\nbase_url = \"https://planner.example.org\"\n");
        EXPECT_EQ(planner({"import", immenstaad}).exit_code, 0);
        EXPECT_EQ(planner({"import", support + "meetings-2031.toml"}).exit_code, 0);
        EXPECT_EQ(planner({"import", support + "poll-2031.toml"}).exit_code, 0);
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", (dir / "planner.db").string()});
        return run_planner(args);
    }

    int queued(const std::string& kind)
    {
        SQLite::Database db((dir / "planner.db").string());
        SQLite::Statement count(db, "SELECT count(*) FROM outbox WHERE kind = ? AND state = 'queued'");
        count.bind(1, kind);
        count.executeStep();
        return count.getColumn(0).getInt();
    }

    std::string config() const { return (dir / "serve.toml").string(); }

    TemporaryDirectory dir;
};

TEST_F(PollCommands, APollIsCreatedShownRemindedAndConfirmed)
{
    const auto created = planner({"poll", "create", "vorbereitung-2031", "--at", "2031-05-06 10:00", "--at",
                                  "13.05.2031 14:00", "--config", config()});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_NE(created.out.find("poll of 'Vorbereitung 2031' (vorbereitung-2031) asks about 2 times; names hidden"),
              std::string::npos)
        << created.out;
    EXPECT_NE(created.out.find("2031-05-13 14:00"), std::string::npos) << created.out;
    EXPECT_NE(created.out.find("4 mails queued in the outbox"), std::string::npos);
    EXPECT_NE(created.out.find("without an e-mail address, to be asked otherwise: Hanna Post (hanna-post)"),
              std::string::npos);
    EXPECT_EQ(queued("poll"), 4);

    const auto shown = planner({"poll", "show", "vorbereitung-2031"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find("): open, names hidden"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("0 yes, 0 if need be, 0 no"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("not answered: Frank Veser (frank-veser), Gerda Straub"), std::string::npos) << shown.out;

    // A reminder replaces the waiting mail of those who have not answered.
    const auto reminded = planner({"poll", "remind", "vorbereitung-2031", "--config", config()});
    ASSERT_EQ(reminded.exit_code, 0) << reminded.err;
    EXPECT_EQ(queued("poll"), 4);

    const auto wrong = planner({"poll", "confirm", "vorbereitung-2031", "3", "--config", config()});
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_NE(wrong.err.find("has times 1 to 2, not 3"), std::string::npos) << wrong.err;

    const auto confirmed = planner({"poll", "confirm", "vorbereitung-2031", "2", "--config", config()});
    ASSERT_EQ(confirmed.exit_code, 0) << confirmed.err;
    EXPECT_NE(confirmed.out.find("confirmed 'Vorbereitung 2031' (vorbereitung-2031) for 2031-05-13 14:00"),
              std::string::npos)
        << confirmed.out;
    EXPECT_NE(confirmed.out.find("4 invitations queued"), std::string::npos) << confirmed.out;
    EXPECT_EQ(queued("poll"), 0);  // the poll's waiting mail is withdrawn
    EXPECT_EQ(queued("calendar"), 4);
    const auto meeting = planner({"show", "vorbereitung-2031"});
    EXPECT_NE(meeting.out.find("confirmed"), std::string::npos) << meeting.out;
    EXPECT_NE(planner({"poll", "show", "vorbereitung-2031"}).out.find("2* "), std::string::npos);
}

TEST_F(PollCommands, WhatCannotBeAPollIsRefusedAndNothingIsWritten)
{
    const auto series = planner({"poll", "create", "runde-2031", "--at", "2031-05-06 10:00", "--at", "2031-05-07 10:00",
                                 "--config", config()});
    EXPECT_EQ(series.exit_code, 1);
    EXPECT_NE(series.err.find("is a series"), std::string::npos) << series.err;
    const auto bad_time = planner({"poll", "create", "vorbereitung-2031", "--at", "Dienstag", "--at", "2031-05-07 10:00",
                                   "--config", config()});
    EXPECT_EQ(bad_time.exit_code, 1);
    EXPECT_NE(bad_time.err.find("--at 'Dienstag' is not a time"), std::string::npos) << bad_time.err;
    const auto no_mail = planner({"poll", "create", "vorbereitung-2031", "--at", "2031-05-06 10:00", "--at",
                                  "2031-05-07 10:00", "--config", (dir / "no-mail.toml").string()});
    EXPECT_EQ(no_mail.exit_code, 1);
    EXPECT_NE(no_mail.err.find("has no [smtp]"), std::string::npos) << no_mail.err;
    const auto neither = planner({"poll", "create", "vorbereitung-2031", "--config", config()});
    EXPECT_EQ(neither.exit_code, 2);
    const auto dry = planner({"poll", "create", "vorbereitung-2031", "--at", "2031-05-06 10:00", "--at",
                              "2031-05-07 10:00", "--config", config(), "--dry-run"});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_EQ(queued("poll"), 0);
    EXPECT_EQ(planner({"poll", "show", "vorbereitung-2031"}).exit_code, 1);
    EXPECT_EQ(planner({"poll", "end", "vorbereitung-2031"}).exit_code, 1);
}

TEST_F(PollCommands, FindSlotProposesTheTimes)
{
    const auto created = planner({"poll", "create", "vorbereitung-2031", "--find-slot", "--from", "2031-05-05", "--to",
                                  "2031-05-16", "--count", "3", "--config", config()});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_NE(created.out.find("asks about 3 times"), std::string::npos) << created.out;
    const auto ended = planner({"poll", "end", "vorbereitung-2031"});
    ASSERT_EQ(ended.exit_code, 0) << ended.err;
    EXPECT_NE(ended.out.find("closed without a time"), std::string::npos);
}

}  // namespace
}  // namespace planner::testing
