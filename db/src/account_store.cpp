// The store's account tables: accounts, sessions, API tokens and failed logins. What
// they mean (roles, hashing, expiry, throttling) is planner::services::accounts'; this
// keeps the rows, each call one transaction.

#include <planner/db/store.hpp>

#include "sqlite_support.hpp"

#include <planner/error.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <string>

namespace planner::db {
namespace {

using namespace sql;

constexpr std::string_view account_columns =
    "account.login, account.role, account.organisation, account.person, account.password_hash, account.created_utc";
constexpr int account_column_count = 6;

// The account columns of a row, from `first` on (in the order of account_columns).
AccountRow account_of_row(const SQLite::Statement& row, int first = 0)
{
    AccountRow account;
    account.login = row.getColumn(first).getString();
    account.role = row.getColumn(first + 1).getString();
    if (!row.getColumn(first + 2).isNull()) {
        account.organisation = OrganisationId(row.getColumn(first + 2).getString());
    }
    if (!row.getColumn(first + 3).isNull()) {
        account.person = PersonId(row.getColumn(first + 3).getString());
    }
    account.password_hash = row.getColumn(first + 4).getString();
    account.created = time_in(row.getColumn(first + 5), fmt::format("account '{}'", account.login));
    return account;
}

int count_since(Database& db, const char* query, const std::string& key, const std::string& since)
{
    auto statement_prepared = db.prepared(query);
    SQLite::Statement& statement = statement_prepared;
    bind_all(statement, key, since);
    statement.executeStep();
    return statement.getColumn(0).getInt();
}

}  // namespace

void Store::add_account(const AccountRow& account)
{
    auto& db = connection_->database;
    writing(db, fmt::format("account '{}' was not added", account.login), [&] {
        if (exists(db, "SELECT 1 FROM account WHERE login = ?", account.login)) {
            throw Error(fmt::format("there is already an account '{}'", account.login));
        }
        if (account.organisation &&
            !exists(db, "SELECT 1 FROM organisation WHERE id = ?", account.organisation->str())) {
            throw NotFound(fmt::format("account '{}': unknown organisation '{}'", account.login,
                                       account.organisation->str()));
        }
        if (account.person && !exists(db, "SELECT 1 FROM person WHERE id = ?", account.person->str())) {
            throw NotFound(fmt::format("account '{}': unknown person '{}'", account.login, account.person->str()));
        }
        auto insert_prepared = db.prepared("INSERT INTO account (login, role, organisation, person, password_hash, "
                                           "created_utc) VALUES (?, ?, ?, ?, ?, ?)");
        SQLite::Statement& insert = insert_prepared;
        bind_all(insert, account.login, account.role);
        bind_text_or_null(insert, 3, account.organisation ? std::optional(account.organisation->str()) : std::nullopt);
        bind_text_or_null(insert, 4, account.person ? std::optional(account.person->str()) : std::nullopt);
        insert.bind(5, account.password_hash);
        insert.bind(6, stored_time(account.created));
        insert.exec();
    });
}

std::vector<AccountRow> Store::accounts() const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        std::vector<AccountRow> found;
        auto rows_prepared = db.prepared(fmt::format("SELECT {} FROM account ORDER BY login", account_columns));
        SQLite::Statement& rows = rows_prepared;
        while (rows.executeStep()) {
            found.push_back(account_of_row(rows));
        }
        return found;
    });
}

std::optional<AccountRow> Store::account(std::string_view login) const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<AccountRow> {
        auto row_prepared = db.prepared(fmt::format("SELECT {} FROM account WHERE login = ?", account_columns));
        SQLite::Statement& row = row_prepared;
        row.bind(1, std::string(login));
        if (!row.executeStep()) {
            return std::nullopt;
        }
        return account_of_row(row);
    });
}

bool Store::remove_account(std::string_view login)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("account '{}' was not removed", login), [&] {
        // Its sessions and API tokens go with it (ON DELETE CASCADE).
        auto remove_prepared = db.prepared("DELETE FROM account WHERE login = ?");
        SQLite::Statement& remove = remove_prepared;
        remove.bind(1, std::string(login));
        return remove.exec() > 0;
    });
}

bool Store::replace_password_hash(std::string_view login, const std::string& hash)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("the password of account '{}' was not changed", login), [&] {
        auto replace_prepared = db.prepared("UPDATE account SET password_hash = ? WHERE login = ?");
        SQLite::Statement& replace = replace_prepared;
        bind_all(replace, hash, std::string(login));
        if (replace.exec() == 0) {
            return false;
        }
        // Whoever signed in with the old password is signed out.
        auto sessions_prepared = db.prepared("DELETE FROM session WHERE login = ?");
        SQLite::Statement& sessions = sessions_prepared;
        sessions.bind(1, std::string(login));
        sessions.exec();
        return true;
    });
}

std::optional<std::int64_t> Store::begin_login_attempt(std::string_view login, std::string_view client_address,
                                                       boost::posix_time::ptime now, const LoginThrottle& throttle)
{
    auto& db = connection_->database;
    const std::string by_login(login);
    const std::string by_address(client_address);
    const auto since = stored_time(throttle.since);
    return writing(db, "the login attempt was not counted, so it was refused",
                   [&]() -> std::optional<std::int64_t> {
                       auto forget_login_prepared = db.prepared("DELETE FROM login_failure WHERE login = ? AND at_utc < ?");
                       SQLite::Statement& forget_login = forget_login_prepared;
                       run(forget_login, by_login, since);
                       SQLite::Statement forget_address(
                           db, "DELETE FROM login_failure WHERE client_address = ? AND at_utc < ?");
                       run(forget_address, by_address, since);
                       if (count_since(db, "SELECT count(*) FROM login_failure WHERE login = ? AND at_utc >= ?",
                                       by_login, since) >= throttle.failures_per_login ||
                           count_since(db,
                                       "SELECT count(*) FROM login_failure WHERE client_address = ? AND at_utc >= ?",
                                       by_address, since) >= throttle.failures_per_address) {
                           return std::nullopt;
                       }
                       SQLite::Statement failure(
                           db, "INSERT INTO login_failure (login, client_address, at_utc) VALUES (?, ?, ?)");
                       run(failure, by_login, by_address, stored_time(now));
                       return db.getLastInsertRowid();
                   });
}

bool Store::open_session(const SessionOpening& opening)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("account '{}' was not signed in", opening.login), [&] {
        auto current_prepared = db.prepared("SELECT password_hash FROM account WHERE login = ?");
        SQLite::Statement& current = current_prepared;
        current.bind(1, opening.login);
        if (!current.executeStep() || current.getColumn(0).getString() != opening.verified_hash) {
            return false;
        }
        auto no_failure_prepared = db.prepared("DELETE FROM login_failure WHERE rowid = ?");
        SQLite::Statement& no_failure = no_failure_prepared;
        no_failure.bind(1, opening.attempt);
        no_failure.exec();
        if (opening.rehashed) {
            auto rehash_prepared = db.prepared("UPDATE account SET password_hash = ? WHERE login = ?");
            SQLite::Statement& rehash = rehash_prepared;
            run(rehash, *opening.rehashed, opening.login);
        }
        auto session_prepared = db.prepared("INSERT INTO session (id_hash, login, csrf_token, created_utc, last_seen_utc) "
                                            "VALUES (?, ?, ?, ?, ?)");
        SQLite::Statement& session = session_prepared;
        const auto now = stored_time(opening.now);
        run(session, opening.id_hash, opening.login, opening.csrf_token, now, now);
        return true;
    });
}

std::optional<SessionRow> Store::session(const std::string& id_hash) const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<SessionRow> {
        auto row_prepared = db.prepared(fmt::format("SELECT {}, session.csrf_token, session.created_utc, "
                                                    "session.last_seen_utc FROM session JOIN account USING (login) "
                                                    "WHERE session.id_hash = ?",
                                                    account_columns));
        SQLite::Statement& row = row_prepared;
        row.bind(1, id_hash);
        if (!row.executeStep()) {
            return std::nullopt;
        }
        SessionRow session;
        session.id_hash = id_hash;
        session.account = account_of_row(row);
        const auto whose = fmt::format("a session of account '{}'", session.account.login);
        session.csrf_token = row.getColumn(account_column_count).getString();
        session.created = time_in(row.getColumn(account_column_count + 1), whose);
        session.last_seen = time_in(row.getColumn(account_column_count + 2), whose);
        return session;
    });
}

bool Store::touch_session(const std::string& id_hash, boost::posix_time::ptime when)
{
    auto& db = connection_->database;
    return writing(db, "the session was not noted as seen", [&] {
        auto touch_prepared = db.prepared("UPDATE session SET last_seen_utc = max(last_seen_utc, ?) WHERE id_hash = ?");
        SQLite::Statement& touch = touch_prepared;
        bind_all(touch, stored_time(when), id_hash);
        return touch.exec() > 0;
    });
}

void Store::end_session(const std::string& id_hash)
{
    auto& db = connection_->database;
    writing(db, "the session was not ended", [&] {
        auto end_prepared = db.prepared("DELETE FROM session WHERE id_hash = ?");
        SQLite::Statement& end = end_prepared;
        end.bind(1, id_hash);
        end.exec();
    });
}

ForgottenRows Store::forget_expired(boost::posix_time::ptime seen_before, boost::posix_time::ptime begun_before,
                                    boost::posix_time::ptime failed_before, boost::posix_time::ptime link_begun_before,
                                    boost::posix_time::ptime now)
{
    auto& db = connection_->database;
    return writing(db, "expired sessions and old failed logins were not forgotten", [&] {
        ForgottenRows forgotten;
        auto sessions_prepared = db.prepared("DELETE FROM session WHERE last_seen_utc < ? OR created_utc < ?");
        SQLite::Statement& sessions = sessions_prepared;
        bind_all(sessions, stored_time(seen_before), stored_time(begun_before));
        forgotten.sessions = sessions.exec();
        auto failures_prepared = db.prepared("DELETE FROM login_failure WHERE at_utc < ?");
        SQLite::Statement& failures = failures_prepared;
        failures.bind(1, stored_time(failed_before));
        forgotten.login_failures = failures.exec();
        auto link_sessions_prepared = db.prepared("DELETE FROM link_session WHERE created_utc < ?");
        SQLite::Statement& link_sessions = link_sessions_prepared;
        link_sessions.bind(1, stored_time(link_begun_before));
        forgotten.link_sessions = link_sessions.exec();
        auto link_failures_prepared = db.prepared("DELETE FROM link_failure WHERE at_utc < ?");
        SQLite::Statement& link_failures = link_failures_prepared;
        link_failures.bind(1, stored_time(failed_before));
        forgotten.link_failures = link_failures.exec();
        // Their sessions go with them (ON DELETE CASCADE).
        auto links_prepared = db.prepared("DELETE FROM personal_link WHERE revoked = 1 OR expires_utc < ?");
        SQLite::Statement& links = links_prepared;
        links.bind(1, stored_time(now));
        forgotten.links = links.exec();
        return forgotten;
    });
}

void Store::add_api_token(const std::string& hash, std::string_view login, boost::posix_time::ptime now)
{
    auto& db = connection_->database;
    writing(db, fmt::format("no API token was made for account '{}'", login), [&] {
        if (!exists(db, "SELECT 1 FROM account WHERE login = ?", std::string(login))) {
            throw NotFound(fmt::format("unknown account '{}'", login));
        }
        auto insert_prepared = db.prepared("INSERT INTO api_token (hash, login, created_utc) VALUES (?, ?, ?)");
        SQLite::Statement& insert = insert_prepared;
        run(insert, hash, std::string(login), stored_time(now));
    });
}

std::size_t Store::remove_api_tokens(std::string_view login)
{
    auto& db = connection_->database;
    return writing(db, fmt::format("the API tokens of account '{}' were not revoked", login), [&] {
        if (!exists(db, "SELECT 1 FROM account WHERE login = ?", std::string(login))) {
            throw NotFound(fmt::format("unknown account '{}'", login));
        }
        auto remove_prepared = db.prepared("DELETE FROM api_token WHERE login = ?");
        SQLite::Statement& remove = remove_prepared;
        remove.bind(1, std::string(login));
        return static_cast<std::size_t>(remove.exec());
    });
}

std::optional<ApiTokenRow> Store::api_token(const std::string& hash) const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<ApiTokenRow> {
        auto row_prepared = db.prepared(fmt::format("SELECT {}, api_token.created_utc, api_token.last_used_utc FROM "
                                                    "api_token JOIN account USING (login) WHERE api_token.hash = ?",
                                                    account_columns));
        SQLite::Statement& row = row_prepared;
        row.bind(1, hash);
        if (!row.executeStep()) {
            return std::nullopt;
        }
        ApiTokenRow token;
        token.hash = hash;
        token.account = account_of_row(row);
        const auto whose = fmt::format("an API token of account '{}'", token.account.login);
        token.created = time_in(row.getColumn(account_column_count), whose);
        if (!row.getColumn(account_column_count + 1).isNull()) {
            token.last_used = time_in(row.getColumn(account_column_count + 1), whose);
        }
        return token;
    });
}

void Store::touch_api_token(const std::string& hash, boost::posix_time::ptime when)
{
    auto& db = connection_->database;
    writing(db, "the API token was not noted as used", [&] {
        auto touch_prepared = db.prepared("UPDATE api_token SET last_used_utc = max(coalesce(last_used_utc, ''), ?) "
                                          "WHERE hash = ?");
        SQLite::Statement& touch = touch_prepared;
        bind_all(touch, stored_time(when), hash);
        touch.exec();
    });
}

}  // namespace planner::db
