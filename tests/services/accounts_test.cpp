#include <planner/services/accounts.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <planner/error.hpp>

#include "error_message.hpp"
#include "run_planner.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;
using planner::testing::error_message;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string password = "Seehas am Bodensee 2012";
const std::string address = "192.0.2.10";
const pt::ptime morning(boost::gregorian::date(2013, 3, 12), pt::hours(8));
const auto cheap = PasswordCost::least();

const Account ludwig{"ludwig", Role::organiser, OrganisationId("ks-bodenseekreis"), PersonId("christine-ludwig")};

NewSession signed_in(const std::variant<NewSession, LoginRefusal>& outcome)
{
    if (const auto* refusal = std::get_if<LoginRefusal>(&outcome)) {
        ADD_FAILURE() << "refused: " << (*refusal == LoginRefusal::too_many_attempts ? "too many attempts" : "wrong");
        return {};
    }
    return std::get<NewSession>(outcome);
}

std::optional<LoginRefusal> refusal(const std::variant<NewSession, LoginRefusal>& outcome)
{
    if (const auto* refused = std::get_if<LoginRefusal>(&outcome)) {
        return *refused;
    }
    return std::nullopt;
}

class AccountsTest : public ::testing::Test {
protected:
    AccountsTest()
    {
        static_cast<void>(import_meeting_file(store, immenstaad));
        static_cast<void>(add_account(store, ludwig, password, cheap));
    }

    std::variant<NewSession, LoginRefusal> log_in_at(pt::ptime when, const std::string& login = "ludwig",
                                                     const std::string& typed = password,
                                                     const std::string& from = address)
    {
        return log_in(store, login, typed, from, when, LoginLimits{}, cheap);
    }

    db::Store store = db::Store::in_memory();
};

TEST(AccountRulesTest, RolesHaveTheirNames)
{
    for (const auto role : {Role::admin, Role::organiser, Role::staff}) {
        EXPECT_EQ(role_named(role_name(role)), role);
    }
    EXPECT_EQ(role_name(Role::organiser), "organiser");
    EXPECT_EQ(role_named("Admin"), std::nullopt);
    EXPECT_EQ(role_named("organizer"), std::nullopt);
}

TEST(AccountRulesTest, ALoginIsShortLowerCaseAscii)
{
    EXPECT_EQ(login_problem("christine.ludwig_2-a"), std::nullopt);
    EXPECT_EQ(login_problem(std::string(64, 'a')), std::nullopt);
    EXPECT_EQ(login_problem(""), "a login cannot be empty");
    EXPECT_EQ(login_problem(std::string(65, 'a')), "a login has at most 64 characters");
    for (const auto* bad : {"Ludwig", "köster", "a b", "a/b", "a@b"}) {
        EXPECT_EQ(login_problem(bad), "a login has only the characters a-z, 0-9, '.', '_' and '-'") << bad;
    }
}

TEST(AccountRulesTest, SameSecretComparesWholeSecrets)
{
    EXPECT_TRUE(same_secret("abcdef", "abcdef"));
    EXPECT_FALSE(same_secret("abcdef", "abcdeg"));
    EXPECT_FALSE(same_secret("abcdef", "abcde"));
    EXPECT_FALSE(same_secret("", ""));
}

TEST_F(AccountsTest, PasswordsAreStoredAsArgon2idHashes)
{
    const auto stored = store.account("ludwig");
    ASSERT_TRUE(stored);
    EXPECT_TRUE(stored->password_hash.starts_with("$argon2id$")) << stored->password_hash;
    EXPECT_EQ(stored->password_hash.find(password), std::string::npos);
    EXPECT_EQ(account(store, "ludwig"), ludwig);
    EXPECT_EQ(accounts(store), std::vector<Account>{ludwig});
}

TEST_F(AccountsTest, TheRightPasswordSignsIn)
{
    const auto session_made = signed_in(log_in_at(morning));
    EXPECT_EQ(session_made.signed_in.account, ludwig);
    EXPECT_GE(session_made.cookie_token.size(), 43U);
    EXPECT_GE(session_made.signed_in.csrf_token.size(), 43U);
    EXPECT_NE(session_made.cookie_token, session_made.signed_in.csrf_token);
    const auto found = session(store, session_made.cookie_token, morning + pt::minutes(5), SessionLimits{});
    ASSERT_TRUE(found);
    EXPECT_EQ(found->account, ludwig);
    EXPECT_EQ(found->csrf_token, session_made.signed_in.csrf_token);
}

TEST_F(AccountsTest, ALoginTypedWithCapitalsIsTheSameLogin)
{
    EXPECT_EQ(signed_in(log_in_at(morning, "Ludwig")).signed_in.account.login, "ludwig");
}

TEST_F(AccountsTest, AWrongPasswordOrUnknownLoginIsRefusedAlike)
{
    EXPECT_EQ(refusal(log_in_at(morning, "ludwig", "Seehas am Bodensee 2013")), LoginRefusal::wrong_login_or_password);
    EXPECT_EQ(refusal(log_in_at(morning, "ludwig", "")), LoginRefusal::wrong_login_or_password);
    EXPECT_EQ(refusal(log_in_at(morning, "bartholomaeus")), LoginRefusal::wrong_login_or_password);
    EXPECT_EQ(refusal(log_in_at(morning, "not a login at all")), LoginRefusal::wrong_login_or_password);
}

TEST_F(AccountsTest, FailuresPerLoginAreLimitedWithinTheWindow)
{
    for (int failure = 0; failure < 5; ++failure) {
        EXPECT_EQ(refusal(log_in_at(morning + pt::minutes(failure), "ludwig", "falsch", "192.0.2." + std::to_string(failure))),
                  LoginRefusal::wrong_login_or_password);
    }
    // Even the right password, from an address that never failed, is not checked now.
    EXPECT_EQ(refusal(log_in_at(morning + pt::minutes(5), "ludwig", password, "198.51.100.1")),
              LoginRefusal::too_many_attempts);
    // Other logins are not affected.
    static_cast<void>(add_account(store, {"admin", Role::admin, {}, {}}, "ein langes Passwort", cheap));
    signed_in(log_in_at(morning + pt::minutes(5), "admin", "ein langes Passwort"));
    // Once the first failure has left the window (15 minutes), one more attempt is allowed.
    EXPECT_EQ(refusal(log_in_at(morning + pt::minutes(15), "ludwig")), LoginRefusal::too_many_attempts);
    signed_in(log_in_at(morning + pt::minutes(15) + pt::seconds(1)));
}

TEST_F(AccountsTest, FailuresPerAddressAreLimitedWithinTheWindow)
{
    for (int failure = 0; failure < 20; ++failure) {
        EXPECT_EQ(refusal(log_in_at(morning, "guess" + std::to_string(failure), "falsch")),
                  LoginRefusal::wrong_login_or_password);
    }
    EXPECT_EQ(refusal(log_in_at(morning + pt::minutes(1))), LoginRefusal::too_many_attempts);
    signed_in(log_in_at(morning + pt::minutes(1), "ludwig", password, "192.0.2.11"));
    signed_in(log_in_at(morning + pt::minutes(15) + pt::seconds(1)));
}

TEST_F(AccountsTest, LoginsThatCannotExistCountAgainstTheAddress)
{
    // They are counted as one login, '', which no account has.
    for (int failure = 0; failure < 5; ++failure) {
        EXPECT_EQ(refusal(log_in_at(morning, std::string(1000, 'X') + std::to_string(failure))),
                  LoginRefusal::wrong_login_or_password);
    }
    EXPECT_EQ(refusal(log_in_at(morning, "a login?")), LoginRefusal::too_many_attempts);
    for (int failure = 0; failure < 15; ++failure) {
        static_cast<void>(log_in_at(morning, "guess" + std::to_string(failure), "falsch"));
    }
    EXPECT_EQ(refusal(log_in_at(morning)), LoginRefusal::too_many_attempts);
}

TEST_F(AccountsTest, ASuccessfulLoginDoesNotEraseEarlierFailures)
{
    for (int failure = 0; failure < 4; ++failure) {
        static_cast<void>(log_in_at(morning, "ludwig", "falsch", "203.0.113.7"));
    }
    signed_in(log_in_at(morning + pt::minutes(1)));
    EXPECT_EQ(refusal(log_in_at(morning + pt::minutes(2), "ludwig", "falsch")), LoginRefusal::wrong_login_or_password);
    EXPECT_EQ(refusal(log_in_at(morning + pt::minutes(3))), LoginRefusal::too_many_attempts);
}

// Timing: an unknown login must cost what a known one costs (its password is checked
// against a hash all the same), and a refused attempt must not check the password.
// A cost high enough to measure (tens of milliseconds), with margins wide enough for a
// busy machine: without the check, an unknown login would take a hundredth of the time.
TEST_F(AccountsTest, AnUnknownLoginTakesAsLongAndARefusalChecksNothing)
{
    const PasswordCost measurable{3, std::size_t{16} << 20U};
    static_cast<void>(add_account(store, {"slow", Role::admin, {}, {}}, password, measurable));
    const auto took = [&](const std::string& login, const std::string& from) {
        const auto start = std::chrono::steady_clock::now();
        static_cast<void>(log_in(store, login, "falsch", from, morning, LoginLimits{}, measurable));
        return std::chrono::steady_clock::now() - start;
    };
    static_cast<void>(took("warm-up", "192.0.2.1"));  // the hash of nothing is made on first use
    std::vector<std::chrono::steady_clock::duration> known;
    std::vector<std::chrono::steady_clock::duration> unknown;
    for (int round = 0; round < 5; ++round) {
        known.push_back(took("slow", "192.0.2.2"));
        unknown.push_back(took("nobody", "192.0.2.3"));
    }
    const auto known_least = *std::min_element(known.begin(), known.end());
    const auto unknown_least = *std::min_element(unknown.begin(), unknown.end());
    EXPECT_GT(unknown_least * 4, known_least);
    EXPECT_GT(known_least * 4, unknown_least);
    // "slow" has had five failures: the next attempts are refused at once.
    std::vector<std::chrono::steady_clock::duration> refused;
    for (int round = 0; round < 3; ++round) {
        refused.push_back(took("slow", "192.0.2.5"));
    }
    EXPECT_LT(*std::min_element(refused.begin(), refused.end()) * 4, known_least);
}

TEST_F(AccountsTest, EachLoginIsANewSessionAndLoggingOutEndsOnlyThatOne)
{
    const auto first = signed_in(log_in_at(morning));
    const auto second = signed_in(log_in_at(morning + pt::minutes(1)));
    EXPECT_NE(first.cookie_token, second.cookie_token);
    EXPECT_NE(first.signed_in.csrf_token, second.signed_in.csrf_token);
    const auto later = morning + pt::minutes(2);
    EXPECT_TRUE(session(store, first.cookie_token, later, SessionLimits{}));
    EXPECT_TRUE(session(store, second.cookie_token, later, SessionLimits{}));
    log_out(store, first.cookie_token);
    EXPECT_FALSE(session(store, first.cookie_token, later, SessionLimits{}));
    EXPECT_TRUE(session(store, second.cookie_token, later, SessionLimits{}));
    log_out(store, "no such token");  // nothing happens
}

TEST_F(AccountsTest, UnknownCookieTokensAreNoSession)
{
    signed_in(log_in_at(morning));
    EXPECT_FALSE(session(store, "", morning, SessionLimits{}));
    EXPECT_FALSE(session(store, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", morning, SessionLimits{}));
    EXPECT_FALSE(session(store, std::string(100000, 'a'), morning, SessionLimits{}));
}

TEST_F(AccountsTest, ASessionIdleTooLongEnds)
{
    const auto token = signed_in(log_in_at(morning)).cookie_token;
    // Used after 29 minutes, it lives 30 minutes from then.
    EXPECT_TRUE(session(store, token, morning + pt::minutes(29), SessionLimits{}));
    EXPECT_TRUE(session(store, token, morning + pt::minutes(58), SessionLimits{}));
    EXPECT_FALSE(session(store, token, morning + pt::minutes(88), SessionLimits{}));
    // And it is gone, not merely refused at that time.
    EXPECT_FALSE(session(store, token, morning + pt::minutes(60), SessionLimits{}));
}

TEST_F(AccountsTest, ASessionEndsAfterItsAbsoluteLimitHoweverOftenUsed)
{
    const auto token = signed_in(log_in_at(morning)).cookie_token;
    auto when = morning;
    for (int use = 0; use < 35; ++use) {  // every 20 minutes, 11 hours 40 minutes
        when += pt::minutes(20);
        ASSERT_TRUE(session(store, token, when, SessionLimits{})) << when;
    }
    EXPECT_FALSE(session(store, token, morning + pt::hours(12), SessionLimits{}));
}

TEST_F(AccountsTest, LastUseIsWrittenAtMostOnceAMinute)
{
    // A use within the first minute is not written: idle expiry still counts from the login.
    const auto unwritten = signed_in(log_in_at(morning)).cookie_token;
    EXPECT_TRUE(session(store, unwritten, morning + pt::seconds(59), SessionLimits{}));
    EXPECT_FALSE(session(store, unwritten, morning + pt::minutes(30), SessionLimits{}));
    // A use after a minute is.
    const auto written = signed_in(log_in_at(morning)).cookie_token;
    EXPECT_TRUE(session(store, written, morning + pt::seconds(61), SessionLimits{}));
    EXPECT_TRUE(session(store, written, morning + pt::minutes(30), SessionLimits{}));
}

TEST_F(AccountsTest, ApiTokensNameTheirAccountAndOnlyTheirHashIsStored)
{
    const auto token = new_api_token(store, "ludwig", morning);
    EXPECT_GE(token.size(), 43U);
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    EXPECT_NE(new_api_token(store, "ludwig", morning), token);
    EXPECT_EQ(account_for_api_token(store, token, morning + pt::hours(1)), ludwig);
    EXPECT_FALSE(account_for_api_token(store, token + "x", morning));
    EXPECT_FALSE(account_for_api_token(store, "", morning));
    EXPECT_THROW(static_cast<void>(new_api_token(store, "nobody", morning)), NotFound);
}

TEST_F(AccountsTest, RevokedApiTokensNameNoAccountAndNewOnesDo)
{
    const auto first = new_api_token(store, "ludwig", morning);
    const auto second = new_api_token(store, "ludwig", morning);
    EXPECT_EQ(revoke_api_tokens(store, "ludwig"), 2U);
    EXPECT_FALSE(account_for_api_token(store, first, morning));
    EXPECT_FALSE(account_for_api_token(store, second, morning));
    EXPECT_EQ(revoke_api_tokens(store, "ludwig"), 0U);
    const auto third = new_api_token(store, "ludwig", morning);
    EXPECT_EQ(account_for_api_token(store, third, morning), ludwig);
    EXPECT_THROW(static_cast<void>(revoke_api_tokens(store, "nobody")), NotFound);
}

TEST_F(AccountsTest, APasswordHashedAtAnotherCostIsHashedAgainAtLogin)
{
    const auto before = store.account("ludwig")->password_hash;
    EXPECT_NE(before.find("m=8,t=1,"), std::string::npos) << before;
    const PasswordCost dearer{2, std::size_t{16} << 10U};
    static_cast<void>(signed_in(log_in(store, "ludwig", password, address, morning, LoginLimits{}, dearer)));
    const auto after = store.account("ludwig")->password_hash;
    EXPECT_NE(after.find("m=16,t=2,"), std::string::npos) << after;
    // The same password still signs in, and at the same cost nothing is hashed again.
    static_cast<void>(signed_in(log_in(store, "ludwig", password, address, morning, LoginLimits{}, dearer)));
    EXPECT_EQ(store.account("ludwig")->password_hash, after);
}

TEST_F(AccountsTest, RemovingAnAccountEndsItsSessionsAndTokens)
{
    const auto cookie = signed_in(log_in_at(morning)).cookie_token;
    const auto token = new_api_token(store, "ludwig", morning);
    remove_account(store, "ludwig");
    EXPECT_FALSE(session(store, cookie, morning, SessionLimits{}));
    EXPECT_FALSE(account_for_api_token(store, token, morning));
    EXPECT_TRUE(accounts(store).empty());
    EXPECT_EQ(error_message([&] { remove_account(store, "ludwig"); }), "unknown account 'ludwig'");
    EXPECT_THROW(remove_account(store, "ludwig"), NotFound);
}

TEST_F(AccountsTest, ANewPasswordEndsTheSessions)
{
    const auto cookie = signed_in(log_in_at(morning)).cookie_token;
    const auto token = new_api_token(store, "ludwig", morning);
    EXPECT_EQ(set_password(store, "ludwig", "ein ganz neues Passwort", cheap), "ein ganz neues Passwort");
    EXPECT_FALSE(session(store, cookie, morning, SessionLimits{}));
    EXPECT_TRUE(account_for_api_token(store, token, morning));
    EXPECT_EQ(refusal(log_in_at(morning)), LoginRefusal::wrong_login_or_password);
    signed_in(log_in_at(morning, "ludwig", "ein ganz neues Passwort"));
    EXPECT_THROW(static_cast<void>(set_password(store, "nobody", std::nullopt, cheap)), NotFound);
}

TEST_F(AccountsTest, AGeneratedPasswordIsLongReadableAndWorks)
{
    std::set<std::string> seen;
    for (int round = 0; round < 5; ++round) {
        const auto generated = set_password(store, "ludwig", std::nullopt, cheap);
        EXPECT_GE(generated.size(), 16U);
        EXPECT_EQ(generated.find_first_not_of("23456789abcdefghijkmnpqrstuvwxyz-"), std::string::npos) << generated;
        seen.insert(generated);
        signed_in(log_in_at(morning + pt::minutes(round), "ludwig", generated));
    }
    EXPECT_EQ(seen.size(), 5U);
}

TEST_F(AccountsTest, BadAccountsAreRefusedByName)
{
    const auto adding = [&](const Account& account, std::optional<std::string> chosen = password) {
        return error_message([&] { static_cast<void>(add_account(store, account, chosen, cheap)); });
    };
    EXPECT_EQ(adding({"Ludwig", Role::admin, {}, {}}),
              "login 'Ludwig': a login has only the characters a-z, 0-9, '.', '_' and '-'");
    EXPECT_EQ(adding({"ludwig", Role::admin, {}, {}}), "there is already an account 'ludwig'");
    EXPECT_EQ(adding({"staff1", Role::staff, {}, {}}),
              "account 'staff1': a staff account belongs to an organisation; name one");
    EXPECT_EQ(adding({"staff1", Role::staff, OrganisationId("lra-tuebingen"), {}}),
              "account 'staff1': unknown organisation 'lra-tuebingen'");
    EXPECT_EQ(adding({"staff1", Role::staff, OrganisationId("lra-konstanz"), PersonId("niemand")}),
              "account 'staff1': unknown person 'niemand'");
    EXPECT_EQ(adding({"staff1", Role::staff, OrganisationId("lra-konstanz"), {}}, "zu kurz"),
              "the password for account 'staff1' has 7 characters; it needs at least 12");
    // Twelve characters, not bytes.
    EXPECT_EQ(adding({"staff1", Role::staff, OrganisationId("lra-konstanz"), {}}, "äöüäöüäöüäö"),
              "the password for account 'staff1' has 11 characters; it needs at least 12");
    EXPECT_EQ(accounts(store), std::vector<Account>{ludwig});
}

TEST_F(AccountsTest, ExpiredSessionsAndOldFailuresAreForgotten)
{
    signed_in(log_in_at(morning));
    static_cast<void>(log_in_at(morning, "someone", "falsch", "198.51.100.1"));
    const auto fresh = signed_in(log_in_at(morning + pt::hours(1))).cookie_token;
    EXPECT_EQ(forget_expired(store, morning + pt::minutes(70), SessionLimits{}, LoginLimits{}),
              (db::ForgottenRows{1, 1}));
    EXPECT_TRUE(session(store, fresh, morning + pt::minutes(70), SessionLimits{}));
}

// Attempts at the same moment, each on a connection of its own (as the server's
// workers have): each is counted before its password is checked, so no more than the
// limit get their password checked, however many start together.
TEST(AccountsFileTest, AttemptsAtTheSameMomentCountAgainstEachOther)
{
    planner::testing::TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    {
        db::Store store(path, db::OpenMode::create_if_missing);
        static_cast<void>(import_meeting_file(store, immenstaad));
        static_cast<void>(add_account(store, ludwig, password, cheap));
    }
    std::vector<std::optional<LoginRefusal>> outcomes(12);
    std::vector<std::thread> attempts;
    for (std::size_t attempt = 0; attempt < outcomes.size(); ++attempt) {
        attempts.emplace_back([&, attempt] {
            db::Store store(path, db::OpenMode::must_exist);
            outcomes[attempt] = refusal(log_in(store, "ludwig", "falsch", "192.0.2." + std::to_string(attempt), morning,
                                               LoginLimits{}, cheap));
        });
    }
    for (auto& attempt : attempts) {
        attempt.join();
    }
    EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), LoginRefusal::wrong_login_or_password), 5);
    EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), LoginRefusal::too_many_attempts), 7);
}

// The store file, its journal and its shared memory hold no password and no token
// that lets anyone in: only their hashes.
TEST(AccountsFileTest, NoSecretIsWrittenToTheStoreFile)
{
    planner::testing::TemporaryDirectory dir;
    std::string cookie;
    std::string token;
    std::string generated;
    {
        db::Store store(dir / "planner.db", db::OpenMode::create_if_missing);
        static_cast<void>(import_meeting_file(store, immenstaad));
        static_cast<void>(add_account(store, ludwig, password, cheap));
        generated = add_account(store, {"admin", Role::admin, {}, {}}, std::nullopt, cheap);
        cookie = signed_in(log_in(store, "ludwig", password, address, morning, LoginLimits{}, cheap)).cookie_token;
        static_cast<void>(signed_in(log_in(store, "admin", generated, address, morning, LoginLimits{}, cheap)));
        token = new_api_token(store, "ludwig", morning);
        ASSERT_TRUE(session(store, cookie, morning + pt::minutes(2), SessionLimits{}));
        ASSERT_TRUE(account_for_api_token(store, token, morning + pt::minutes(2)));
    }
    std::string bytes;
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
        bytes += planner::testing::read_file(file.path());
    }
    EXPECT_NE(bytes.find("ks-bodenseekreis"), std::string::npos);  // the files were read
    for (const auto& secret : {password, generated, cookie, token}) {
        EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
    }
}

}  // namespace
}  // namespace planner::services
