// planner user add | list | remove | password | token through the real binary: what a
// script sees on standard output, the messages for bad input, the store left as it was
// after them; and that what was printed signs in (through planner::services).

#include "run_planner.hpp"

#include <planner/db/store.hpp>
#include <planner/services/accounts.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <string>
#include <vector>

namespace planner::testing {
namespace {

namespace pt = boost::posix_time;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string chosen = "Seehas am Bodensee 2012";
const pt::ptime morning(boost::gregorian::date(2013, 3, 12), pt::hours(8));

class UserCommandsTest : public ::testing::Test {
protected:
    UserCommandsTest()
    {
        const auto imported = planner({"import", immenstaad});
        EXPECT_EQ(imported.exit_code, 0) << imported.err;
    }

    RunResult planner(std::vector<std::string> args, const std::optional<std::string>& input = std::nullopt)
    {
        args.insert(args.begin(), {"--db", store()});
        return input ? run_planner_with_input(args, *input) : run_planner(args);
    }

    // A bad command: its message, exit code 1, and the store as it was.
    void refused(std::vector<std::string> args, const std::string& message,
                 const std::optional<std::string>& input = std::nullopt)
    {
        const auto before = dump_store(store());
        const auto result = planner(args, input);
        EXPECT_EQ(result.exit_code, 1) << result.err;
        EXPECT_EQ(result.err, "planner: error: " + message + "\n");
        EXPECT_EQ(result.out, "");
        EXPECT_EQ(dump_store(store()), before);
    }

    // What the web will do with a login and password: sign in, at the least cost
    // (a stored hash at another cost is checked all the same).
    std::variant<services::NewSession, services::LoginRefusal> log_in(const std::string& login,
                                                                      const std::string& password)
    {
        db::Store opened(store(), db::OpenMode::must_exist);
        return services::log_in(opened, login, password, "192.0.2.10", morning, services::LoginLimits{},
                                services::PasswordCost::interactive());
    }

    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
};

const std::vector<std::string> add_ludwig{"user",           "add",      "ludwig", "--role", "organiser",
                                          "--organisation", "ks-bodenseekreis", "--person", "christine-ludwig"};

TEST_F(UserCommandsTest, AddMakesAPasswordAndPrintsItOnce)
{
    const auto added = planner(add_ludwig);
    ASSERT_EQ(added.exit_code, 0) << added.err;
    std::smatch printed;
    ASSERT_TRUE(std::regex_match(added.out, printed,
                                 std::regex("added account ludwig: organiser of ks-bodenseekreis, person "
                                            "christine-ludwig\npassword for ludwig: ([a-z2-9]{5}(-[a-z2-9]{5}){3})\n")))
        << added.out;
    const auto password = printed[1].str();
    EXPECT_TRUE(std::holds_alternative<services::NewSession>(log_in("ludwig", password)));
    EXPECT_EQ(read_file(store()).find(password), std::string::npos);
}

TEST_F(UserCommandsTest, PasswordStdinTakesTheFirstLine)
{
    auto args = add_ludwig;
    args.emplace_back("--password-stdin");
    const auto added = planner(args, chosen + "\r\nthe second line is not read\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_EQ(added.out, "added account ludwig: organiser of ks-bodenseekreis, person christine-ludwig\n");
    EXPECT_TRUE(std::holds_alternative<services::NewSession>(log_in("ludwig", chosen)));
}

TEST_F(UserCommandsTest, PasswordStdinRefusesShortOrMissingPasswords)
{
    auto args = add_ludwig;
    args.emplace_back("--password-stdin");
    refused(args, "the password for account 'ludwig' has 7 characters; it needs at least 12", "zu kurz\n");
    refused(args, "--password-stdin: standard input holds no password (expected it on the first line)", "");
}

TEST_F(UserCommandsTest, BadAccountsAreNamed)
{
    refused({"user", "add", "ludwig", "--role", "staff", "--organisation", "lra-tuebingen"},
            "account 'ludwig': unknown organisation 'lra-tuebingen'");
    refused({"user", "add", "ludwig", "--role", "staff", "--organisation", "lra-konstanz", "--person", "niemand"},
            "account 'ludwig': unknown person 'niemand'");
    refused({"user", "add", "ludwig", "--role", "organiser"},
            "account 'ludwig': an organiser account belongs to an organisation; name one");
    refused({"user", "add", "Christine Ludwig", "--role", "admin"},
            "login 'Christine Ludwig': a login has only the characters a-z, 0-9, '.', '_' and '-'");
    ASSERT_EQ(planner(add_ludwig).exit_code, 0);
    refused(add_ludwig, "there is already an account 'ludwig'");
}

TEST_F(UserCommandsTest, ABadRoleIsAUsageError)
{
    const auto before = dump_store(store());
    const auto result = planner({"user", "add", "ludwig", "--role", "boss", "--organisation", "ks-bodenseekreis"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("--role: boss not in {admin,organiser,staff}"), std::string::npos) << result.err;
    EXPECT_EQ(dump_store(store()), before);
}

TEST_F(UserCommandsTest, ListShowsAccountsButNoHashes)
{
    EXPECT_EQ(planner({"user", "list"}).out, "no accounts; add one with 'planner user add LOGIN --role admin'\n");
    ASSERT_EQ(planner(add_ludwig).exit_code, 0);
    ASSERT_EQ(planner({"user", "add", "admin", "--role", "admin"}).exit_code, 0);
    const auto text = planner({"user", "list"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_EQ(text.out, "login   role       organisation      person\n"
                        "admin   admin      -                 -\n"
                        "ludwig  organiser  ks-bodenseekreis  christine-ludwig\n");
    const auto json = planner({"user", "list", "--json"});
    EXPECT_EQ(json.exit_code, 0) << json.err;
    EXPECT_EQ(nlohmann::json::parse(json.out),
              nlohmann::json::parse(R"({"accounts": [
                  {"login": "admin", "role": "admin", "organisation": null, "person": null},
                  {"login": "ludwig", "role": "organiser", "organisation": "ks-bodenseekreis",
                   "person": "christine-ludwig"}]})"));
    EXPECT_EQ(json.out.find("argon2"), std::string::npos);
}

TEST_F(UserCommandsTest, RemoveEndsTheAccountAndItsTokens)
{
    ASSERT_EQ(planner(add_ludwig).exit_code, 0);
    const auto token = planner({"user", "token", "ludwig"}).out;
    const auto removed = planner({"user", "remove", "ludwig"});
    EXPECT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_EQ(removed.out, "removed account ludwig, its sessions and its API tokens\n");
    db::Store opened(store(), db::OpenMode::must_exist);
    EXPECT_TRUE(services::accounts(opened).empty());
    EXPECT_FALSE(services::account_for_api_token(opened, token.substr(0, token.size() - 1), morning));
    refused({"user", "remove", "ludwig"}, "unknown account 'ludwig'");
}

TEST_F(UserCommandsTest, PasswordSetsANewOneAndEndsTheSessions)
{
    ASSERT_EQ(planner(add_ludwig).exit_code, 0);
    const auto old_password = planner({"user", "password", "ludwig"});
    ASSERT_EQ(old_password.exit_code, 0) << old_password.err;
    const auto before = old_password.out.substr(old_password.out.rfind(": ") + 2, 23);
    const auto signed_in = std::get<services::NewSession>(log_in("ludwig", before));

    const auto changed = planner({"user", "password", "ludwig", "--password-stdin"}, chosen + "\n");
    ASSERT_EQ(changed.exit_code, 0) << changed.err;
    EXPECT_EQ(changed.out, "new password for ludwig; its sessions are ended\n");
    db::Store opened(store(), db::OpenMode::must_exist);
    EXPECT_FALSE(services::session(opened, signed_in.cookie_token, morning, services::SessionLimits{}));
    EXPECT_EQ(std::get<services::LoginRefusal>(log_in("ludwig", before)),
              services::LoginRefusal::wrong_login_or_password);
    EXPECT_TRUE(std::holds_alternative<services::NewSession>(log_in("ludwig", chosen)));
    refused({"user", "password", "nobody", "--password-stdin"}, "unknown account 'nobody'", chosen + "\n");
}

TEST_F(UserCommandsTest, TokenIsPrintedAloneAndNamesItsAccount)
{
    ASSERT_EQ(planner(add_ludwig).exit_code, 0);
    const auto made = planner({"user", "token", "ludwig"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_EQ(made.err, "");
    ASSERT_TRUE(std::regex_match(made.out, std::regex("[A-Za-z0-9_-]{43}\n"))) << made.out;
    const auto token = made.out.substr(0, 43);
    EXPECT_NE(planner({"user", "token", "ludwig"}).out, made.out);
    db::Store opened(store(), db::OpenMode::must_exist);
    const auto account = services::account_for_api_token(opened, token, morning);
    ASSERT_TRUE(account);
    EXPECT_EQ(account->login, "ludwig");
    EXPECT_EQ(read_file(store()).find(token), std::string::npos);
    refused({"user", "token", "nobody"}, "unknown account 'nobody'");

    const auto revoked = planner({"user", "token", "ludwig", "--revoke"});
    ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
    EXPECT_EQ(revoked.out, "revoked 2 API tokens of account 'ludwig'\n");
    db::Store reopened(store(), db::OpenMode::must_exist);
    EXPECT_FALSE(services::account_for_api_token(reopened, token, morning));
    refused({"user", "token", "nobody", "--revoke"}, "unknown account 'nobody'");
}

TEST_F(UserCommandsTest, DryRunChangesNothing)
{
    ASSERT_EQ(planner({"user", "add", "admin", "--role", "admin"}).exit_code, 0);
    const auto before = dump_store(store());
    for (const std::vector<std::string>& args :
         {add_ludwig, {"user", "remove", "admin"}, {"user", "password", "admin"}, {"user", "token", "admin"},
          {"user", "token", "admin", "--revoke"}}) {
        auto dry = args;
        dry.emplace_back("--dry-run");
        const auto result = planner(dry);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        EXPECT_EQ(result.err, "planner: dry run: nothing was changed, written or sent\n");
        EXPECT_EQ(dump_store(store()), before) << args[1];
    }
}

TEST_F(UserCommandsTest, AStoreThatDoesNotExistIsNamed)
{
    const auto missing = (dir / "missing.db").string();
    const auto result = run_planner({"--db", missing, "user", "list"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: " + missing + ": no such store; create it with 'planner --db " + missing +
                              " import MEETINGS.toml'\n");
}

}  // namespace
}  // namespace planner::testing
