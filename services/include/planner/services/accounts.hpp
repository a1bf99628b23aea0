#pragma once
// Who may sign in to `planner serve`, and how: accounts with a role, passwords hashed
// with argon2id, sessions behind a cookie token, API tokens, and failed logins limited
// per login and per client address. The store keeps only hashes of secrets: a password
// as libsodium's argon2id string, a cookie or API token as its BLAKE2b hash, so that a
// copy of the store file lets nobody in. The web and the command line call these; the
// cookie itself, CSRF checks on forms and the HTTP side are the web's.

#include <planner/db/store.hpp>
#include <planner/services/personal_links.hpp>
#include <planner/id.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace planner::services {

// admin: users and everything. organiser: creates meetings; changes, invites and
// cancels those they organise or their organisation holds. staff: reads the meetings
// of their organisation and county, prints lists, records attendance.
enum class Role { admin, organiser, staff };

[[nodiscard]] std::string_view role_name(Role role);  // "admin", "organiser", "staff"
[[nodiscard]] std::optional<Role> role_named(std::string_view name);

struct Account {
    std::string login;
    Role role = Role::staff;
    std::optional<OrganisationId> organisation;  // required for organiser and staff
    std::optional<PersonId> person;              // who the account is, when a person of the store

    friend bool operator==(const Account&, const Account&) = default;
};

// A login is 1 to 64 characters of a-z, 0-9, '.', '_' and '-'.
inline constexpr std::size_t max_login_length = 64;
// Why `login` cannot be a login ("... has an upper-case letter"), or nothing when it can.
[[nodiscard]] std::optional<std::string> login_problem(std::string_view login);

// A password chosen by a person has at least this many characters (and at most 1024).
inline constexpr std::size_t min_password_length = 12;
inline constexpr std::size_t max_password_length = 1024;

// What hashing one password costs (argon2id): passes over the memory, and the memory.
// The default is libsodium's INTERACTIVE (2 passes, 64 MiB: about 0.1 s here); tests
// use least(). A stored hash made at another cost is replaced at the next login.
struct PasswordCost {
    unsigned long long operations = 2;
    std::size_t memory_bytes = std::size_t{64} << 20U;

    [[nodiscard]] static constexpr PasswordCost interactive() { return {}; }
    [[nodiscard]] static constexpr PasswordCost least() { return {1, 8192}; }  // libsodium's MIN: for tests only
    friend bool operator==(const PasswordCost&, const PasswordCost&) = default;
};

// Adds an account with the password, or a generated one when none is given (20
// characters of a-z and 2-9 without l, o, in groups of five: 100 bits). Returns the
// password, the only time it can be seen. Throws planner::Error, naming the login, for
// a bad login, a taken one, a password too short or long, an organiser or staff
// account without an organisation, and (NotFound) an organisation or person the store
// does not have.
std::string add_account(db::Store& store, const Account& account, std::optional<std::string> password,
                        const PasswordCost& cost);
// Every account, by login; never a hash.
[[nodiscard]] std::vector<Account> accounts(const db::Store& store);
[[nodiscard]] std::optional<Account> account(const db::Store& store, std::string_view login);
// Removes the account, its sessions and its API tokens; NotFound when there is none.
void remove_account(db::Store& store, std::string_view login);
// Sets a new password (generated when none is given, as add_account) and ends the
// account's sessions; returns the password. NotFound for an unknown login.
std::string set_password(db::Store& store, std::string_view login, std::optional<std::string> password,
                         const PasswordCost& cost);

// A new API token for the account (256 random bits, base64url: 43 characters); only its
// hash is stored. Sent as "Authorization: Bearer TOKEN"; valid until it is revoked or
// the account goes.
std::string new_api_token(db::Store& store, std::string_view login, boost::posix_time::ptime now);
// Revokes every API token of the account (a token cannot be told from its hash, so one
// lost token means new ones for the scripts that still need them); says how many.
// NotFound for an unknown login.
std::size_t revoke_api_tokens(db::Store& store, std::string_view login);
// The account the token belongs to, or nothing for a token the store does not know.
[[nodiscard]] std::optional<Account> account_for_api_token(db::Store& store, std::string_view token,
                                                           boost::posix_time::ptime now);

struct SessionLimits {
    boost::posix_time::time_duration idle = boost::posix_time::minutes(30);
    boost::posix_time::time_duration absolute = boost::posix_time::hours(12);
};

struct LoginLimits {
    int failures_per_login = 5;
    int failures_per_address = 20;
    boost::posix_time::time_duration window = boost::posix_time::minutes(15);
};

struct SignedIn {
    Account account;
    std::string csrf_token;  // for the forms of this session; compare with same_secret
};

struct NewSession {
    SignedIn signed_in;
    std::string cookie_token;  // 256 random bits, base64url; only its hash is stored
};

enum class LoginRefusal { wrong_login_or_password, too_many_attempts };

// Signs in: a new session each time (so a session id planted before login is never
// the one signed in; the caller ends the old one with log_out). An unknown login costs
// the same as a wrong password (checked against a hash of nothing), and both are told
// apart from nothing; each failure is recorded for the login and the client address.
// Once either has `limits`' failures within its window, the attempt is refused without
// the password being checked, until the oldest failure leaves the window; a success
// does not erase earlier failures. A password hashed at another cost is hashed again
// at `cost`. The login is compared with A-Z read as a-z (phones capitalise it).
[[nodiscard]] std::variant<NewSession, LoginRefusal> log_in(db::Store& store, std::string_view login,
                                                            std::string_view password,
                                                            std::string_view client_address,
                                                            boost::posix_time::ptime now, const LoginLimits& limits,
                                                            const PasswordCost& cost);
// The signed-in account of a cookie token, or nothing when the store does not know the
// token or the session expired (idle or absolutely; then it is ended). The session's
// last use is written at most once a minute, to spare the one writer: idle expiry may
// come up to a minute early.
[[nodiscard]] std::optional<SignedIn> session(db::Store& store, std::string_view cookie_token,
                                              boost::posix_time::ptime now, const SessionLimits& limits);
// Ends the session of the cookie token; nothing happens for an unknown token.
void log_out(db::Store& store, std::string_view cookie_token);
// Ends every expired session and forgets failed logins older than the window (they hold
// client addresses), and the same of personal links (their sessions, wrong tokens, and
// links expired or revoked): for the server to run now and then.
db::ForgottenRows forget_expired(db::Store& store, boost::posix_time::ptime now, const SessionLimits& sessions,
                                 const LoginLimits& logins, const LinkLimits& links = {});

// 256 random bits as base64url without padding: 43 characters that need no escaping in
// a cookie, a header or a form. For every token: sessions, API tokens, the login form's.
[[nodiscard]] std::string random_token();
// What the store keeps of a token: its BLAKE2b-256 hash, in hex (64 characters). The
// token is random, so the hash cannot be reversed by guessing.
[[nodiscard]] std::string token_hash(std::string_view token);

// Whether two secrets (CSRF tokens) are the same, in time that does not depend on
// where they differ. An empty secret is never the same as anything.
[[nodiscard]] bool same_secret(std::string_view a, std::string_view b);

}  // namespace planner::services
