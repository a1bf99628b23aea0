#include <planner/services/accounts.hpp>

#include <planner/error.hpp>
#include <planner/input_size.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <utility>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;

// The costs the header spells out, so that it need not include <sodium.h>, are
// libsodium's own.
static_assert(PasswordCost::interactive().operations == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
static_assert(PasswordCost::interactive().memory_bytes == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
static_assert(PasswordCost::least().operations == crypto_pwhash_argon2id_OPSLIMIT_MIN);
static_assert(PasswordCost::least().memory_bytes == crypto_pwhash_argon2id_MEMLIMIT_MIN);

// Random tokens (cookies, CSRF, API) have this many random bytes: 256 bits.
constexpr std::size_t token_bytes = 32;
// Longer than any token made here: what is longer is not looked up at all.
constexpr std::size_t max_token_length = 256;
// A session's or token's last use is written when it is older than this.
const pt::time_duration write_use_after = pt::minutes(1);

// sodium_init picks the fastest implementations and seeds the random generator; once
// per process, before the first use (a function-local static is initialised once,
// even with threads).
void ready_sodium()
{
    static const int initialised = sodium_init();
    if (initialised < 0) {
        throw Error("libsodium cannot be initialised, so no password can be checked");
    }
}

void require_usable(const PasswordCost& cost)
{
    if (cost.operations < crypto_pwhash_argon2id_OPSLIMIT_MIN || cost.operations > crypto_pwhash_argon2id_OPSLIMIT_MAX ||
        cost.memory_bytes < crypto_pwhash_argon2id_MEMLIMIT_MIN || cost.memory_bytes > crypto_pwhash_argon2id_MEMLIMIT_MAX) {
        throw Error(fmt::format("a password hash cannot cost {} passes over {} bytes: argon2id takes at least {} and "
                                "{}",
                                cost.operations, cost.memory_bytes, crypto_pwhash_argon2id_OPSLIMIT_MIN,
                                crypto_pwhash_argon2id_MEMLIMIT_MIN));
    }
}

std::string hashed_password(std::string_view password, const PasswordCost& cost)
{
    std::array<char, crypto_pwhash_STRBYTES> hash{};
    if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(), cost.operations, cost.memory_bytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw Error(fmt::format("the password cannot be hashed: {} bytes of memory are not to be had",
                                cost.memory_bytes));
    }
    return hash.data();
}

// libsodium reads a stored hash as a C string of at most crypto_pwhash_STRBYTES
// bytes; a longer one is damage and matches no password.
std::optional<std::array<char, crypto_pwhash_STRBYTES>> as_c_string(const std::string& hash)
{
    if (hash.size() >= crypto_pwhash_STRBYTES) {
        return std::nullopt;
    }
    std::array<char, crypto_pwhash_STRBYTES> text{};
    std::copy(hash.begin(), hash.end(), text.begin());
    return text;
}

bool password_matches(const std::string& hash, std::string_view password)
{
    const auto text = as_c_string(hash);
    return text && crypto_pwhash_str_verify(text->data(), password.data(), password.size()) == 0;
}

bool needs_rehash(const std::string& hash, const PasswordCost& cost)
{
    // Not argon2id at all (-1) or argon2id at another cost (1).
    const auto text = as_c_string(hash);
    return !text ||
           crypto_pwhash_argon2id_str_needs_rehash(text->data(), cost.operations, cost.memory_bytes) != 0;
}

// What an unknown login's password is checked against, so that it takes as long as a
// known one's: a hash of a random password at the cost given, made once per cost.
const std::string& hash_of_nothing(const PasswordCost& cost)
{
    static std::mutex guard;
    static std::map<std::pair<unsigned long long, std::size_t>, std::string> made;
    const std::scoped_lock lock(guard);
    auto& hash = made[{cost.operations, cost.memory_bytes}];
    if (hash.empty()) {
        std::array<unsigned char, token_bytes> nothing{};
        randombytes_buf(nothing.data(), nothing.size());
        hash = hashed_password(std::string_view(reinterpret_cast<const char*>(nothing.data()), nothing.size()), cost);
    }
    return hash;
}

}  // namespace

std::string token_hash(std::string_view token)
{
    ready_sodium();
    std::array<unsigned char, crypto_generichash_BYTES> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    return hex.data();
}

namespace {

// 20 characters from 32 that cannot be mistaken for each other (no l, 1, o, 0), in
// groups of five: "k7mpa-2hx9c-...". 100 bits.
std::string generated_password()
{
    constexpr std::string_view alphabet = "23456789abcdefghijkmnpqrstuvwxyz";
    static_assert(alphabet.size() == 32);
    std::string password;
    for (int character = 0; character < 20; ++character) {
        if (character > 0 && character % 5 == 0) {
            password += '-';
        }
        password += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
    }
    return password;
}


// The password given, checked, or a generated one.
std::string chosen_password(std::optional<std::string> password, std::string_view login)
{
    if (!password) {
        return generated_password();
    }
    const auto length = characters_in(*password);
    if (length < min_password_length) {
        throw Error(fmt::format("the password for account '{}' has {} characters; it needs at least {}", login,
                                length, min_password_length));
    }
    if (password->size() > max_password_length) {
        throw Error(fmt::format("the password for account '{}' is longer than {} bytes", login, max_password_length));
    }
    return std::move(*password);
}

Account account_of(const db::AccountRow& row)
{
    const auto role = role_named(row.role);
    if (!role) {
        throw Error(fmt::format("account '{}' has the role '{}', which is none of admin, organiser and staff",
                                row.login, row.role));
    }
    return {row.login, *role, row.organisation, row.person};
}

// A-Z read as a-z; other characters stay as they are and make the login one that
// cannot exist.
std::string folded(std::string_view login)
{
    std::string lower(login);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return lower;
}

void require_sensible(const LoginLimits& limits)
{
    if (limits.failures_per_login < 1 || limits.failures_per_address < 1 || limits.window <= pt::time_duration()) {
        throw Error(fmt::format("login limits of {} failures per login and {} per address in {} allow no login",
                                limits.failures_per_login, limits.failures_per_address,
                                pt::to_simple_string(limits.window)));
    }
}

}  // namespace

std::string random_token()
{
    std::array<unsigned char, token_bytes> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::array<char, sodium_base64_ENCODED_LEN(token_bytes, variant)> text{};
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), variant);
    return text.data();
}


std::string_view role_name(Role role)
{
    switch (role) {
    case Role::admin:
        return "admin";
    case Role::organiser:
        return "organiser";
    case Role::staff:
        return "staff";
    }
    throw Error("a role the planner does not know");
}

std::optional<Role> role_named(std::string_view name)
{
    for (const auto role : {Role::admin, Role::organiser, Role::staff}) {
        if (role_name(role) == name) {
            return role;
        }
    }
    return std::nullopt;
}

std::optional<std::string> login_problem(std::string_view login)
{
    if (login.empty()) {
        return "a login cannot be empty";
    }
    if (login.size() > max_login_length) {
        return fmt::format("a login has at most {} characters", max_login_length);
    }
    const auto bad = std::find_if(login.begin(), login.end(), [](char c) {
        return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
    });
    if (bad != login.end()) {
        return "a login has only the characters a-z, 0-9, '.', '_' and '-'";
    }
    return std::nullopt;
}

std::string add_account(db::Store& store, const Account& account, std::optional<std::string> password,
                        const PasswordCost& cost)
{
    ready_sodium();
    require_usable(cost);
    if (const auto problem = login_problem(account.login)) {
        throw Error(fmt::format("login '{}': {}", account.login, *problem));
    }
    if (account.role != Role::admin && !account.organisation) {
        throw Error(fmt::format("account '{}': {} account belongs to an organisation; name one", account.login,
                                account.role == Role::organiser ? "an organiser" : "a staff"));
    }
    auto chosen = chosen_password(std::move(password), account.login);
    store.add_account({account.login, std::string(role_name(account.role)), account.organisation, account.person,
                       hashed_password(chosen, cost), pt::second_clock::universal_time()});
    return chosen;
}

std::vector<Account> accounts(const db::Store& store)
{
    std::vector<Account> all;
    for (const auto& row : store.accounts()) {
        all.push_back(account_of(row));
    }
    return all;
}

std::optional<Account> account(const db::Store& store, std::string_view login)
{
    const auto row = store.account(login);
    return row ? std::optional(account_of(*row)) : std::nullopt;
}

void remove_account(db::Store& store, std::string_view login)
{
    if (!store.remove_account(login)) {
        throw NotFound(fmt::format("unknown account '{}'", login));
    }
}

std::string set_password(db::Store& store, std::string_view login, std::optional<std::string> password,
                         const PasswordCost& cost)
{
    ready_sodium();
    require_usable(cost);
    if (!store.account(login)) {
        throw NotFound(fmt::format("unknown account '{}'", login));
    }
    auto chosen = chosen_password(std::move(password), login);
    if (!store.replace_password_hash(login, hashed_password(chosen, cost))) {
        throw NotFound(fmt::format("unknown account '{}'", login));
    }
    return chosen;
}

std::string new_api_token(db::Store& store, std::string_view login, boost::posix_time::ptime now)
{
    ready_sodium();
    auto token = random_token();
    store.add_api_token(token_hash(token), login, now);
    return token;
}

std::size_t revoke_api_tokens(db::Store& store, std::string_view login)
{
    return store.remove_api_tokens(login);
}

std::optional<Account> account_for_api_token(db::Store& store, std::string_view token, boost::posix_time::ptime now)
{
    ready_sodium();
    if (token.empty() || token.size() > max_token_length) {
        return std::nullopt;
    }
    const auto hash = token_hash(token);
    const auto row = store.api_token(hash);
    if (!row) {
        return std::nullopt;
    }
    if (!row->last_used || now - *row->last_used >= write_use_after) {
        store.touch_api_token(hash, now);
    }
    return account_of(row->account);
}

std::variant<NewSession, LoginRefusal> log_in(db::Store& store, std::string_view login, std::string_view password,
                                              std::string_view client_address, boost::posix_time::ptime now,
                                              const LoginLimits& limits, const PasswordCost& cost)
{
    ready_sodium();
    require_usable(cost);
    require_sensible(limits);
    if (client_address.empty() || client_address.size() > 255) {
        throw Error(fmt::format("a client address has 1 to 255 characters, not {}", client_address.size()));
    }
    const auto typed = folded(login);
    const bool possible = !login_problem(typed);
    // A login that cannot exist is counted as '' (never a login), so that guessing with
    // it still counts against the address and no long text is stored.
    const auto attempt = store.begin_login_attempt(possible ? typed : std::string(), client_address, now,
                                                   {limits.failures_per_login, limits.failures_per_address,
                                                    now - limits.window});
    if (!attempt) {
        return LoginRefusal::too_many_attempts;
    }
    const auto stored = possible ? store.account(typed) : std::nullopt;
    // The same work whether or not the login exists.
    const auto& hash = stored ? stored->password_hash : hash_of_nothing(cost);
    if (!password_matches(hash, password) || !stored) {
        return LoginRefusal::wrong_login_or_password;
    }
    const auto signed_in = account_of(*stored);
    NewSession opened{{signed_in, random_token()}, random_token()};
    const db::SessionOpening opening{*attempt,
                                     typed,
                                     hash,
                                     needs_rehash(hash, cost) ? std::optional(hashed_password(password, cost))
                                                              : std::nullopt,
                                     token_hash(opened.cookie_token),
                                     opened.signed_in.csrf_token,
                                     now};
    if (!store.open_session(opening)) {
        // The account went, or its password changed, while this one was checked.
        return LoginRefusal::wrong_login_or_password;
    }
    return opened;
}

std::optional<SignedIn> session(db::Store& store, std::string_view cookie_token, boost::posix_time::ptime now,
                                const SessionLimits& limits)
{
    ready_sodium();
    if (cookie_token.empty() || cookie_token.size() > max_token_length) {
        return std::nullopt;
    }
    const auto id_hash = token_hash(cookie_token);
    const auto row = store.session(id_hash);
    if (!row) {
        return std::nullopt;
    }
    if (now - row->last_seen >= limits.idle || now - row->created >= limits.absolute) {
        store.end_session(id_hash);
        return std::nullopt;
    }
    if (now - row->last_seen >= write_use_after && !store.touch_session(id_hash, now)) {
        return std::nullopt;  // logged out meanwhile
    }
    return SignedIn{account_of(row->account), row->csrf_token};
}

void log_out(db::Store& store, std::string_view cookie_token)
{
    ready_sodium();
    if (cookie_token.empty() || cookie_token.size() > max_token_length) {
        return;
    }
    store.end_session(token_hash(cookie_token));
}

db::ForgottenRows forget_expired(db::Store& store, boost::posix_time::ptime now, const SessionLimits& sessions,
                                 const LoginLimits& logins, const LinkLimits& links)
{
    // Failed logins and wrong link tokens share one cut: the longer of their windows.
    return store.forget_expired(now - sessions.idle, now - sessions.absolute,
                                now - std::max(logins.window, links.window), now - links.session, now);
}

bool same_secret(std::string_view a, std::string_view b)
{
    ready_sodium();
    return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace planner::services
