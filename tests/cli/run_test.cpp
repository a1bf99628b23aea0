#include <planner/cli/run.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace planner::cli {
namespace {

struct Output {
    int code;
    std::string out;
    std::string err;
};

Output run_with(const std::vector<std::string>& args)
{
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err);
    return {code, out.str(), err.str()};
}

TEST(RunTest, VersionPrintsTheVersion)
{
    const auto result = run_with({"--version"});
    EXPECT_EQ(result.code, exit_success);
    EXPECT_EQ(result.out, std::string("planner ") + PLANNER_TEST_VERSION + "\n");
}

TEST(RunTest, HelpListsEveryCommand)
{
    const auto result = run_with({"--help"});
    EXPECT_EQ(result.code, exit_success);
    for (const auto* command : {"import", "meetings", "show", "check", "invite", "attendance", "--db", "--version"}) {
        EXPECT_NE(result.out.find(command), std::string::npos) << command;
    }
}

TEST(RunTest, EveryCommandHasHelp)
{
    for (const auto* command : {"import", "meetings", "show", "check", "invite", "attendance"}) {
        const auto result = run_with({command, "--help"});
        EXPECT_EQ(result.code, exit_success) << command;
        EXPECT_NE(result.out.find("Usage"), std::string::npos) << command << ": " << result.out;
    }
}

TEST(RunTest, NoCommandIsAUsageError)
{
    const auto result = run_with({});
    EXPECT_EQ(result.code, exit_usage);
    EXPECT_NE(result.err.find("A subcommand is required"), std::string::npos) << result.err;
}

TEST(RunTest, AnUnknownCommandIsAUsageError)
{
    EXPECT_EQ(run_with({"frobnicate"}).code, exit_usage);
}

TEST(RunTest, AMissingArgumentIsAUsageError)
{
    const auto result = run_with({"show"});
    EXPECT_EQ(result.code, exit_usage);
    EXPECT_NE(result.err.find("MEETING is required"), std::string::npos) << result.err;
}

TEST(RunTest, AnUnknownAttendanceFormatIsAUsageError)
{
    const auto result = run_with({"attendance", "m", "--format", "docx"});
    EXPECT_EQ(result.code, exit_usage);
    EXPECT_NE(result.err.find("docx"), std::string::npos) << result.err;
}

TEST(RunTest, AMissingStoreIsAnErrorThatSaysHowToCreateIt)
{
    const auto result = run_with({"--db", "/nonexistent/dir/planner.db", "meetings"});
    EXPECT_EQ(result.code, exit_error);
    EXPECT_EQ(result.err, "planner: error: /nonexistent/dir/planner.db: no such store; create it with 'planner --db "
                          "/nonexistent/dir/planner.db import MEETINGS.toml'\n");
}

}  // namespace
}  // namespace planner::cli
