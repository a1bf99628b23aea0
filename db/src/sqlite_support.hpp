#pragma once
// What every source of the store shares: SQLite's connection behind Store's pimpl, how
// a read and a write are framed as transactions, and the store's spelling of times.
// Internal to db/src.

#include <planner/db/store.hpp>
#include <planner/error.hpp>
#include <planner/geo_point.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/Savepoint.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <atomic>
#include <charconv>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <memory>

namespace planner::db {

// SQLite counts every allocation under one process-wide mutex unless told not to:
// with a connection per server thread, that mutex is where the threads wait for each
// other. Only possible before SQLite's first use in the process; later it is refused,
// and the count simply stays on.
inline bool without_memory_statistics()
{
    static const bool switched_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    return switched_off;
}

// SQLite's connection, keeping the statements it has prepared for their next use: one
// meeting's page asks a dozen questions, and preparing them anew each time took a third
// of its time. Only this connection's own questions are kept, by their text, which
// never holds a value (values are bound).
class Database : public SQLite::Database {
    struct Kept {
        std::unique_ptr<SQLite::Statement> statement;
        bool in_use = false;
    };

public:
    using SQLite::Database::Database;

    // A statement for one use, to bind and step: reset, and its values unbound, when
    // the lease ends, so that no read stays open. A question asked again while its
    // first rows are still read gets a statement of its own.
    class Prepared {
    public:
        Prepared(const Prepared&) = delete;
        Prepared& operator=(const Prepared&) = delete;
        ~Prepared()
        {
            if (kept_ != nullptr) {
                kept_->statement->tryReset();
                try {
                    kept_->statement->clearBindings();
                } catch (const SQLite::Exception&) {
                    // sqlite3_clear_bindings has no failure of its own; the next use binds anew
                }
                kept_->in_use = false;
            }
        }
        operator SQLite::Statement&() { return kept_ != nullptr ? *kept_->statement : *own_; }

    private:
        friend class Database;
        explicit Prepared(Kept& kept) : kept_(&kept) { kept.in_use = true; }
        explicit Prepared(std::unique_ptr<SQLite::Statement> own) : own_(std::move(own)) {}
        Kept* kept_ = nullptr;
        std::unique_ptr<SQLite::Statement> own_;
    };

    Prepared prepared(const std::string& sql)
    {
        // Far more than the store's questions; a bound against text built from
        // something else by mistake.
        constexpr std::size_t most_kept = 512;
        if (const auto found = kept_.find(sql); found != kept_.end()) {
            if (!found->second.in_use) {
                return Prepared(found->second);
            }
        } else if (kept_.size() < most_kept) {
            // Prepared before it is kept: a statement that cannot be prepared (a damaged
            // schema, a lock) leaves nothing behind.
            auto statement = std::make_unique<SQLite::Statement>(*this, sql);
            auto& kept = kept_.emplace(sql, Kept{std::move(statement), false}).first->second;
            return Prepared(kept);
        }
        return Prepared(std::make_unique<SQLite::Statement>(*this, sql));
    }

private:
    std::unordered_map<std::string, Kept> kept_;
};

struct Store::Connection {
    explicit Connection(const std::string& name)
        : database((without_memory_statistics(), name),
                   SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, 5000)
    {
    }
    ~Connection()
    {
        if (dry_run) {
            try {
                database.exec("ROLLBACK");
            } catch (const SQLite::Exception&) {
                // closing the connection rolls the transaction back all the same
            }
        }
    }
    static std::uint64_t next_serial()
    {
        static std::atomic<std::uint64_t> last{0};
        return ++last;
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Database database;
    // Unique among the connections of this process: Store::change_mark tells stores apart by it.
    std::uint64_t serial = next_serial();
    // A dry run: one transaction, begun when the store is opened, that is never committed.
    bool dry_run = false;
    // PRAGMA data_version when load() last read the store: it changes when another
    // connection commits, so a write can tell whether what was loaded is still current.
    std::int64_t loaded_version = -1;
};

namespace sql {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

inline std::string to_db_time(pt::ptime utc)
{
    return pt::to_iso_extended_string(utc) + "Z";
}

// "2012-10-11T12:00:00Z" (with ".ffffff" for a fraction), as to_db_time writes it.
// Anything else is damage and is named, not read as some other time: Boost's own
// reader takes "25:00:00" for the next day. Parsed by hand, as a region's store has
// millions of times.
inline pt::ptime from_db_time(const std::string& text)
{
    const auto number = [&](std::size_t at, std::size_t length, int low, int high, int& value) {
        const char* first = text.data() + at;
        const auto [end, error] = std::from_chars(first, first + length, value);
        return error == std::errc{} && end == first + length && value >= low && value <= high;
    };
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int fraction = 0;
    const bool whole_seconds = text.size() == 20;
    const bool shaped = (whole_seconds || (text.size() == 27 && text[19] == '.' && number(20, 6, 0, 999'999, fraction))) &&
                        text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' &&
                        text.back() == 'Z' && number(0, 4, 1400, 9999, year) && number(5, 2, 1, 12, month) &&
                        number(8, 2, 1, 31, day) && number(11, 2, 0, 23, hour) && number(14, 2, 0, 59, minute) &&
                        number(17, 2, 0, 59, second);
    if (shaped) {
        try {
            return {greg::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                               static_cast<unsigned short>(day)),
                    pt::hours(hour) + pt::minutes(minute) + pt::seconds(second) + pt::microseconds(fraction)};
        } catch (const std::out_of_range&) {
            // A day the month does not have (Boost's bad_day_of_month); named below.
        }
    }
    throw Error(fmt::format("'{}' is not a UTC time like 2012-10-11T12:00:00Z", text));
}

// The times of the account, link and outbox tables are kept to the second: with a fraction,
// "12:00:00.5Z" would sort before "12:00:00Z" as text, and the failures and expiry
// compare times as text.
inline std::string stored_time(pt::ptime utc)
{
    return to_db_time(pt::ptime(utc.date(), pt::seconds(utc.time_of_day().total_seconds())));
}

// A stored time, or an Error that says whose it is: the row is named by its key, since
// these tables are looked up by key.
inline pt::ptime time_in(const SQLite::Column& column, std::string_view what)
{
    try {
        return from_db_time(column.getString());
    } catch (const Error& error) {
        throw Error(fmt::format("{}: {}: {}", what, column.getName(), error.what()));
    }
}

// Runs a read of the store, with SQLite's errors said in the planner's words. A read
// of several tables is one transaction, so that it sees one state of the store even
// while another command commits between its statements; inside a write it is part of
// that write's transaction.
template <class Read>
auto reading(Database& db, Read read) -> decltype(read())
{
    try {
        if (sqlite3_get_autocommit(db.getHandle()) == 0) {
            return read();
        }
        SQLite::Transaction snapshot(db);
        if constexpr (std::is_void_v<decltype(read())>) {
            read();
            snapshot.commit();
        } else {
            auto result = read();
            snapshot.commit();
            return result;
        }
    } catch (const SQLite::Exception& failure) {
        throw Error(fmt::format("{}: cannot read the store: {}", db.getFilename(), failure.what()));
    }
}

// Runs `write` in one transaction, which rolls back unless `write` returns. The
// transaction takes the write lock at its start (BEGIN IMMEDIATE), so what `write`
// reads is the current state and no other writer commits before it does: a
// read-modify-write inside it cannot lose another command's update. Inside a dry run,
// which holds the lock already, it is a savepoint of the dry run's transaction.
template <class Write>
auto under_write_lock(Database& db, Write write) -> decltype(write())
{
    const bool nested = sqlite3_get_autocommit(db.getHandle()) == 0;
    std::optional<SQLite::Transaction> transaction;
    std::optional<SQLite::Savepoint> savepoint;
    if (nested) {
        savepoint.emplace(db, "planner_write");
    } else {
        transaction.emplace(db, SQLite::TransactionBehavior::IMMEDIATE);
    }
    const auto commit = [&] {
        if (nested) {
            savepoint->release();
        } else {
            transaction->commit();
        }
    };
    if constexpr (std::is_void_v<decltype(write())>) {
        write();
        commit();
    } else {
        auto result = write();
        commit();
        return result;
    }
}

// The same, with SQLite's errors saying what was not done ("the import was rolled back").
template <class Write>
auto writing(Database& db, const std::string& not_done, Write write) -> decltype(write())
{
    try {
        return under_write_lock(db, write);
    } catch (const SQLite::Exception& failure) {
        throw Error(fmt::format("{}: {}: {}", db.getFilename(), not_done, failure.what()));
    }
}

inline void bind_optional_geo(SQLite::Statement& statement, int first, const std::optional<GeoPoint>& geo)
{
    if (geo) {
        statement.bind(first, geo->latitude());
        statement.bind(first + 1, geo->longitude());
    } else {
        statement.bind(first);
        statement.bind(first + 1);
    }
}

inline std::optional<GeoPoint> optional_geo(const SQLite::Statement& row, int first)
{
    if (row.getColumn(first).isNull()) {
        return std::nullopt;
    }
    return GeoPoint(row.getColumn(first).getDouble(), row.getColumn(first + 1).getDouble());
}

// Binds `values` to the statement's parameters 1, 2, ... in order.
template <class... Values>
void bind_all(SQLite::Statement& statement, Values&&... values)
{
    int index = 0;
    (statement.bind(++index, std::forward<Values>(values)), ...);
}

// Runs a prepared statement again with new values.
template <class... Values>
void run(SQLite::Statement& statement, Values&&... values)
{
    statement.reset();
    bind_all(statement, std::forward<Values>(values)...);
    statement.exec();
}

// Whether the query, with `key` bound to its one parameter, finds a row.
inline bool exists(Database& db, const char* query, const std::string& key)
{
    auto statement_prepared = db.prepared(query);
    SQLite::Statement& statement = statement_prepared;
    statement.bind(1, key);
    return statement.executeStep();
}

inline void bind_text_or_null(SQLite::Statement& statement, int index, const std::optional<std::string>& text)
{
    if (text) {
        statement.bind(index, *text);
    } else {
        statement.bind(index);
    }
}

// Raises the meeting's SEQUENCE to what was sent or is being sent; never lowers it,
// and writes nothing else of the meeting. NotFound for a meeting the store lacks.
void raise_sequence(Database& db, const MeetingId& meeting, std::span<const SentVersion> versions);
// What each recipient got, replacing their earlier record, with raise_sequence; their
// messages queued by the command line are settled. Inside the caller's transaction.
void write_sent_versions(Database& db, const MeetingId& meeting, std::span<const SentVersion> versions);

}  // namespace sql
}  // namespace planner::db
