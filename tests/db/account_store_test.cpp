// The store's account tables as rows: what planner::services::accounts builds on.

#include <planner/db/store.hpp>

#include <planner/db/meeting_file.hpp>
#include <planner/error.hpp>
#include <planner/ical/recurrence.hpp>

#include "error_message.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

namespace planner::db {
namespace {

namespace pt = boost::posix_time;
using planner::testing::error_message;

const pt::ptime morning(boost::gregorian::date(2013, 3, 12), pt::hours(8));

AccountRow row(const std::string& login, const std::string& hash = "$argon2id$first")
{
    return {login, "organiser", OrganisationId("ks-bodenseekreis"), PersonId("christine-ludwig"), hash, morning};
}

class AccountStoreTest : public ::testing::Test {
protected:
    AccountStoreTest()
    {
        static_cast<void>(store.import(read_meeting_file(std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml",
                                                         Directory{}, ical::expand_rule)));
        store.add_account(row("ludwig"));
    }

    SessionOpening opening(std::int64_t attempt, const std::string& id_hash, pt::ptime when = morning)
    {
        return {attempt, "ludwig", "$argon2id$first", std::nullopt, id_hash, "csrf", when};
    }

    std::int64_t attempt(pt::ptime when = morning, const std::string& login = "ludwig",
                         const std::string& address = "192.0.2.1")
    {
        const auto begun = store.begin_login_attempt(login, address, when, {5, 20, when - pt::minutes(15)});
        EXPECT_TRUE(begun);
        return begun.value_or(-1);
    }

    Store store = Store::in_memory();
};

TEST_F(AccountStoreTest, AccountsReadBackAsWritten)
{
    AccountRow admin{"admin", "admin", std::nullopt, std::nullopt, "$argon2id$x", morning + pt::seconds(1)};
    store.add_account(admin);
    EXPECT_EQ(store.accounts(), (std::vector<AccountRow>{admin, row("ludwig")}));
    EXPECT_EQ(store.account("admin"), admin);
    EXPECT_EQ(store.account("nobody"), std::nullopt);
}

TEST_F(AccountStoreTest, ABadAccountIsRefusedByNameAndNothingWritten)
{
    EXPECT_EQ(error_message([&] { store.add_account(row("ludwig")); }), "there is already an account 'ludwig'");
    auto unknown_organisation = row("staff");
    unknown_organisation.organisation = OrganisationId("lra-tuebingen");
    EXPECT_THROW(store.add_account(unknown_organisation), NotFound);
    auto unknown_person = row("staff");
    unknown_person.person = PersonId("niemand");
    EXPECT_EQ(error_message([&] { store.add_account(unknown_person); }), "account 'staff': unknown person 'niemand'");
    // The schema holds the rules too.
    auto no_organisation = row("staff");
    no_organisation.organisation.reset();
    EXPECT_THROW(store.add_account(no_organisation), Error);
    auto no_role = row("staff");
    no_role.role = "boss";
    EXPECT_THROW(store.add_account(no_role), Error);
    EXPECT_EQ(store.accounts().size(), 1U);
}

TEST_F(AccountStoreTest, AttemptsAreFailuresUntilTheSessionOpens)
{
    const auto first = attempt();
    ASSERT_TRUE(store.open_session(opening(first, "hash-1")));
    const auto session = store.session("hash-1");
    ASSERT_TRUE(session);
    EXPECT_EQ(session->account, row("ludwig"));
    EXPECT_EQ(session->csrf_token, "csrf");
    EXPECT_EQ(session->created, morning);
    EXPECT_EQ(session->last_seen, morning);
    // Five attempts that never open a session are five failures: the sixth is refused.
    for (int failure = 0; failure < 5; ++failure) {
        static_cast<void>(attempt(morning, "ludwig", "192.0.2." + std::to_string(failure + 10)));
    }
    EXPECT_FALSE(store.begin_login_attempt("ludwig", "192.0.2.99", morning, {5, 20, morning - pt::minutes(15)}));
    EXPECT_TRUE(store.begin_login_attempt("ludwig", "192.0.2.99", morning, {6, 20, morning - pt::minutes(15)}));
}

TEST_F(AccountStoreTest, ASessionIsNotOpenedWhenThePasswordChangedMeanwhile)
{
    const auto begun = attempt();
    ASSERT_TRUE(store.replace_password_hash("ludwig", "$argon2id$second"));
    EXPECT_FALSE(store.open_session(opening(begun, "hash-1")));
    EXPECT_FALSE(store.session("hash-1"));
    EXPECT_FALSE(store.replace_password_hash("nobody", "$argon2id$x"));
}

TEST_F(AccountStoreTest, ARehashReplacesTheHashAndKeepsTheSessions)
{
    ASSERT_TRUE(store.open_session(opening(attempt(), "hash-1")));
    auto rehashing = opening(attempt(), "hash-2");
    rehashing.rehashed = "$argon2id$dearer";
    ASSERT_TRUE(store.open_session(rehashing));
    EXPECT_EQ(store.account("ludwig")->password_hash, "$argon2id$dearer");
    EXPECT_TRUE(store.session("hash-1"));
    // A new password, by contrast, ends them.
    ASSERT_TRUE(store.replace_password_hash("ludwig", "$argon2id$new"));
    EXPECT_FALSE(store.session("hash-1"));
    EXPECT_FALSE(store.session("hash-2"));
}

TEST_F(AccountStoreTest, LastSeenOnlyMovesForward)
{
    ASSERT_TRUE(store.open_session(opening(attempt(), "hash-1")));
    EXPECT_TRUE(store.touch_session("hash-1", morning + pt::minutes(5)));
    EXPECT_TRUE(store.touch_session("hash-1", morning + pt::minutes(2)));
    EXPECT_EQ(store.session("hash-1")->last_seen, morning + pt::minutes(5));
    EXPECT_FALSE(store.touch_session("hash-2", morning));
    store.end_session("hash-1");
    EXPECT_FALSE(store.session("hash-1"));
}

TEST_F(AccountStoreTest, RemovingAnAccountTakesItsSessionsAndTokens)
{
    ASSERT_TRUE(store.open_session(opening(attempt(), "hash-1")));
    store.add_api_token("token-hash", "ludwig", morning);
    ASSERT_TRUE(store.api_token("token-hash"));
    EXPECT_TRUE(store.remove_account("ludwig"));
    EXPECT_FALSE(store.session("hash-1"));
    EXPECT_FALSE(store.api_token("token-hash"));
    EXPECT_FALSE(store.remove_account("ludwig"));
    EXPECT_EQ(error_message([&] { store.add_api_token("other", "ludwig", morning); }), "unknown account 'ludwig'");
}

TEST_F(AccountStoreTest, ApiTokensRememberTheirLastUse)
{
    store.add_api_token("token-hash", "ludwig", morning);
    EXPECT_EQ(store.api_token("token-hash")->last_used, std::nullopt);
    store.touch_api_token("token-hash", morning + pt::hours(1));
    const auto token = store.api_token("token-hash");
    EXPECT_EQ(token->account.login, "ludwig");
    EXPECT_EQ(token->created, morning);
    EXPECT_EQ(token->last_used, morning + pt::hours(1));
}

TEST_F(AccountStoreTest, TimesAreKeptToTheSecond)
{
    ASSERT_TRUE(store.open_session(opening(attempt(), "hash-1", morning + pt::milliseconds(700))));
    EXPECT_EQ(store.session("hash-1")->created, morning);
}

TEST_F(AccountStoreTest, ExpiredSessionsAndOldFailuresAreForgotten)
{
    ASSERT_TRUE(store.open_session(opening(attempt(morning), "idle")));
    ASSERT_TRUE(store.open_session(opening(attempt(morning + pt::hours(1)), "fresh", morning + pt::hours(1))));
    static_cast<void>(attempt(morning));  // a failure
    EXPECT_EQ(store.forget_expired(morning + pt::minutes(30), morning - pt::hours(12), morning + pt::minutes(1),
                                   morning, morning),
              (ForgottenRows{1, 1}));
    EXPECT_FALSE(store.session("idle"));
    EXPECT_TRUE(store.session("fresh"));
}

}  // namespace
}  // namespace planner::db
