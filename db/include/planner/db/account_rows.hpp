#pragma once
// The rows of the store's account tables as plain data: who may sign in to `planner
// serve`, their sessions and API tokens. planner::services::accounts gives them their
// meaning (roles, hashing, expiry, throttling); the store keeps them. No secret is ever
// passed here, only its hash.

#include <planner/id.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace planner::db {

struct AccountRow {
    std::string login;
    std::string role;  // "admin", "organiser" or "staff"
    std::optional<OrganisationId> organisation;
    std::optional<PersonId> person;
    std::string password_hash;  // libsodium's argon2id string, "$argon2id$v=19$m=..."
    boost::posix_time::ptime created;  // UTC

    friend bool operator==(const AccountRow&, const AccountRow&) = default;
};

// A session as stored, with the account it belongs to.
struct SessionRow {
    std::string id_hash;  // of the cookie token
    AccountRow account;
    std::string csrf_token;
    boost::posix_time::ptime created;    // UTC
    boost::posix_time::ptime last_seen;  // UTC; written at most once a minute
};

// A login whose password was right, to become a session (Store::open_session).
struct SessionOpening {
    std::int64_t attempt = 0;  // what Store::begin_login_attempt returned
    std::string login;
    std::string verified_hash;            // the password hash the password was checked against
    std::optional<std::string> rehashed;  // the same password hashed at the current cost
    std::string id_hash;                  // of the new cookie token
    std::string csrf_token;
    boost::posix_time::ptime now;  // UTC
};

// An API token as stored, with the account it belongs to.
struct ApiTokenRow {
    std::string hash;
    AccountRow account;
    boost::posix_time::ptime created;                   // UTC
    std::optional<boost::posix_time::ptime> last_used;  // UTC; written at most once a minute
};

// How many failed logins may have happened since `since`, per login and per client
// address, before the next attempt is refused unchecked.
struct LoginThrottle {
    int failures_per_login = 0;
    int failures_per_address = 0;
    boost::posix_time::ptime since;  // UTC
};

// What Store::forget_expired removed.
struct ForgottenRows {
    int sessions = 0;
    int login_failures = 0;
    int link_sessions = 0;
    int link_failures = 0;
    int links = 0;  // expired or revoked personal links

    friend bool operator==(const ForgottenRows&, const ForgottenRows&) = default;
};

}  // namespace planner::db
