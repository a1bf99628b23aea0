// `planner serve` as a process: started, asked, stopped by SIGTERM.

#include "raw_client.hpp"

#include <run_planner.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <regex>

namespace planner::testing {
namespace {

using namespace std::chrono_literals;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

class ServeTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(run_planner({"--db", store.string(), "import", immenstaad}).exit_code, 0);
    }

    TemporaryDirectory directory;
    std::filesystem::path store = directory / "region.db";
};

// The port of "listening on http://127.0.0.1:PORT".
unsigned short listening_port(const std::string& line)
{
    static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
    std::smatch match;
    if (!std::regex_match(line, match, listening)) {
        ADD_FAILURE() << "not the line expected: " << line;
        return 0;
    }
    return static_cast<unsigned short>(std::stoul(match[1]));
}

TEST_F(ServeTest, ServesUntilSigtermAndThenExitsWithZero)
{
    BackgroundPlanner planner({"--db", store.string(), "serve", "--listen", "127.0.0.1:0"});
    const auto line = planner.read_line(10s);
    ASSERT_TRUE(line) << planner.err();
    const auto port = listening_port(*line);
    ASSERT_NE(port, 0);

    RawClient client(port);
    ASSERT_TRUE(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto healthz = client.read_response();
    ASSERT_TRUE(healthz);
    EXPECT_EQ(healthz->status, 200U);
    EXPECT_EQ(healthz->body, "ok");
    const auto readyz = client.read_response();
    ASSERT_TRUE(readyz);
    EXPECT_EQ(readyz->status, 200U);
    EXPECT_EQ(readyz->body, "ready");

    planner.signal(SIGTERM);
    EXPECT_EQ(planner.wait(10s), 0) << planner.err();
    EXPECT_TRUE(client.closed_within(2s));
    EXPECT_FALSE(planner.read_line(1s)) << "nothing more on standard output";

    // The access log went to standard error, one JSON line per request.
    std::istringstream log(planner.err());
    std::vector<std::string> routes;
    for (std::string entry; std::getline(log, entry);) {
        routes.push_back(nlohmann::json::parse(entry)["route"]);
    }
    EXPECT_EQ(routes, (std::vector<std::string>{"/healthz", "/readyz"}));
}

TEST_F(ServeTest, SigintStopsItToo)
{
    BackgroundPlanner planner({"--db", store.string(), "serve", "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(planner.read_line(10s)) << planner.err();
    planner.signal(SIGINT);
    EXPECT_EQ(planner.wait(10s), 0) << planner.err();
}

TEST_F(ServeTest, WritesTheAccessLogToTheFileTheConfigurationNames)
{
    write_file(directory / "serve.toml", "[web]\nlisten = \"127.0.0.1:0\"\naccess_log = \"access.log\"\n");
    BackgroundPlanner planner({"--db", store.string(), "serve", "--config", (directory / "serve.toml").string()});
    const auto line = planner.read_line(10s);
    ASSERT_TRUE(line) << planner.err();
    RawClient client(listening_port(*line));
    ASSERT_TRUE(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(client.read_response());
    planner.signal(SIGTERM);
    EXPECT_EQ(planner.wait(10s), 0);
    EXPECT_EQ(planner.err(), "");
    EXPECT_EQ(nlohmann::json::parse(read_file(directory / "access.log"))["route"], "/healthz");
    EXPECT_EQ(std::filesystem::status(directory / "access.log").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_F(ServeTest, TheCommandLineListenOverridesTheConfiguration)
{
    write_file(directory / "serve.toml", "[web]\nlisten = \"127.0.0.1:1\"\n");
    BackgroundPlanner planner({"--db", store.string(), "serve", "--config", (directory / "serve.toml").string(),
                               "--listen", "127.0.0.1:0"});
    const auto line = planner.read_line(10s);
    ASSERT_TRUE(line) << planner.err();
    EXPECT_NE(listening_port(*line), 1);
    planner.signal(SIGTERM);
    EXPECT_EQ(planner.wait(10s), 0);
}

TEST_F(ServeTest, AStoreThatDoesNotExistIsAnError)
{
    const auto missing = (directory / "missing.db").string();
    const auto result = run_planner({"--db", missing, "serve", "--listen", "127.0.0.1:0"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, "planner: error: " + missing + ": no such store; create it with 'planner --db " + missing +
                              " import MEETINGS.toml'\n");
    EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(ServeTest, ABadConfigurationIsAnErrorThatNamesItsLine)
{
    const auto config = (directory / "serve.toml").string();
    write_file(config, "[web]\nlisten = \"127.0.0.1:0\"\n\n[limits]\nbody_bytes = \"1M\"\n");
    const auto result = run_planner({"--db", store.string(), "serve", "--config", config});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: " + config +
                              ":5:14: [limits] body_bytes must be a whole number from 0 to 268435456, not '1M'\n");
}

TEST_F(ServeTest, ABadListenAddressIsAnError)
{
    const auto result = run_planner({"--db", store.string(), "serve", "--listen", "planner.example.org:80"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: --listen: 'planner.example.org:80' is not an address to listen on; expected "
                          "HOST:PORT with an IP address, e.g. 127.0.0.1:8080 or [::1]:8080\n");
}

TEST_F(ServeTest, ListeningBeyondLoopbackWithoutABaseUrlIsAnError)
{
    const auto result = run_planner({"--db", store.string(), "serve", "--listen", "0.0.0.0:0"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("needs base_url in the configuration's [web]"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace planner::testing
