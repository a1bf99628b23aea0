#include <planner/db/store.hpp>

#include "schema.hpp"
#include "sqlite_support.hpp"
#include "store_rows.hpp"

#include <planner/email_address.hpp>
#include <planner/error.hpp>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/Savepoint.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fcntl.h>
#include <sqlite3.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <type_traits>

namespace planner::db {
namespace {

using namespace sql;

// A new store file is created before SQLite opens it, so that it never exists with
// the umask's wider permissions; SQLite gives its -wal and -shm files the same mode.
void create_private_file(const std::filesystem::path& file)
{
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) {
            return;
        }
        throw Error(fmt::format("{}: cannot create the store: {}", file.string(), std::strerror(errno)));
    }
    ::close(fd);
}

// Writes a person over the stored one of the same id: for imports and for the
// delegates that answers bring.
class PersonWriter {
public:
    explicit PersonWriter(Database& db)
        : person_(db, "INSERT INTO person (id, name, email, organisation, function, step_free, lat, lon, "
                      "postal_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = "
                      "excluded.name, email = excluded.email, organisation = excluded.organisation, function = "
                      "excluded.function, step_free = excluded.step_free, lat = excluded.lat, lon = excluded.lon, "
                      "postal_address = excluded.postal_address")
    {
    }

    void operator()(const Person& p)
    {
        person_.reset();
        person_.bind(1, p.id.str());
        person_.bind(2, p.name);
        person_.bind(3, email_text(p));
        person_.bind(4, p.organisation.str());
        person_.bind(5, p.function);
        person_.bind(6, p.access == Access::step_free ? 1 : 0);
        bind_optional_geo(person_, 7, p.geo);
        person_.bind(9, p.postal_address);
        person_.exec();
    }

private:
    SQLite::Statement person_;
};

// Writes a meeting with its people, counties, agenda and series, replacing what the
// store had for it: one writer for imports and for rescheduling.
class MeetingWriter {
public:
    explicit MeetingWriter(Database& db)
        : meeting_(db, "INSERT INTO meeting (id, uid, title, description, start_utc, end_utc, time_zone, venue, "
                       "status, sequence, recurrence, participants_see_each_other, published) VALUES (?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = "
                       "excluded.description, start_utc = excluded.start_utc, end_utc = excluded.end_utc, time_zone = "
                       "excluded.time_zone, venue = excluded.venue, status = excluded.status, sequence = "
                       "excluded.sequence, recurrence = excluded.recurrence, participants_see_each_other = "
                       "excluded.participants_see_each_other, published = excluded.published"),
          clear_organisers_(db, "DELETE FROM meeting_organiser WHERE meeting = ?"),
          clear_participants_(db, "DELETE FROM meeting_participant WHERE meeting = ?"),
          clear_counties_(db, "DELETE FROM meeting_county WHERE meeting = ?"),
          clear_agenda_(db, "DELETE FROM agenda_item WHERE meeting = ?"),
          clear_exceptions_(db, "DELETE FROM meeting_exception WHERE meeting = ?"),
          clear_occurrences_(db, "DELETE FROM meeting_occurrence WHERE meeting = ?"),
          // With their copy of the meeting's time (people_by_time in schema.cpp), so
          // that the trigger need not write each row a second time.
          add_organiser_(db, "INSERT INTO meeting_organiser (meeting, position, person, start_minute, length_class) "
                             "SELECT ?1, ?2, ?3, unixepoch(start_utc) / 60, length_class FROM meeting WHERE id = ?1"),
          add_participant_(db, "INSERT INTO meeting_participant (meeting, position, person, role, start_minute, "
                               "length_class) SELECT ?1, ?2, ?3, ?4, unixepoch(start_utc) / 60, length_class FROM "
                               "meeting WHERE id = ?1"),
          add_county_(db, "INSERT INTO meeting_county (meeting, position, county) VALUES (?, ?, ?)"),
          add_agenda_(db, "INSERT INTO agenda_item (meeting, position, start_utc, end_utc, title, presenter) "
                          "VALUES (?, ?, ?, ?, ?, ?)"),
          add_exception_(db, "INSERT INTO meeting_exception (meeting, date) VALUES (?, ?)"),
          add_occurrence_(db, "INSERT INTO meeting_occurrence (meeting, date, start_utc, end_utc, venue, status) "
                              "VALUES (?, ?, ?, ?, ?, ?)"),
          open_poll_(db, "SELECT 1 FROM poll WHERE meeting = ? AND closed_utc IS NULL"),
          // A meeting whose time is settled otherwise (confirmed, cancelled) ends its poll.
          close_poll_(db, "UPDATE poll SET closed_utc = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE meeting = ? "
                          "AND closed_utc IS NULL"),
          // Of an open poll: the links and waiting mail of people no longer invited (all
          // of them once it is closed) go, as their mail would carry the meeting.
          revoke_poll_links_(db, "UPDATE personal_link SET revoked = 1 WHERE meeting = ?1 AND purpose = 'poll' AND "
                                 "(EXISTS (SELECT 1 FROM poll WHERE meeting = ?1 AND closed_utc IS NOT NULL) OR "
                                 "person NOT IN (SELECT person FROM meeting_organiser WHERE meeting = ?1 UNION "
                                 "SELECT person FROM meeting_participant WHERE meeting = ?1))"),
          withdraw_poll_mail_(db, "UPDATE outbox SET state = CASE WHEN state = 'queued' THEN 'superseded' ELSE state "
                                  "END, message = '' WHERE meeting = ?1 AND kind = 'poll' AND state != 'sending' AND "
                                  "(EXISTS (SELECT 1 FROM poll WHERE meeting = ?1 AND closed_utc IS NOT NULL) OR "
                                  "person NOT IN (SELECT person FROM meeting_organiser WHERE meeting = ?1 UNION "
                                  "SELECT person FROM meeting_participant WHERE meeting = ?1))")
    {
    }

    void operator()(const Meeting& m)
    {
        const auto& id = m.id.str();
        meeting_.reset();
        bind_all(meeting_, id, m.uid.empty() ? new_uid() : m.uid, m.title, m.description, to_db_time(m.time.start()),
                 to_db_time(m.time.end()), m.time_zone, m.venue.str(), std::string(to_string(m.status)), m.sequence);
        bind_text_or_null(meeting_, 11, m.recurrence ? std::optional(m.recurrence->rule) : std::nullopt);
        if (m.participants_see_each_other) {
            meeting_.bind(12, *m.participants_see_each_other ? 1 : 0);
        } else {
            meeting_.bind(12);
        }
        meeting_.bind(13, m.published ? 1 : 0);
        meeting_.exec();
        for (auto* clear : {&clear_organisers_, &clear_participants_, &clear_counties_, &clear_agenda_,
                            &clear_exceptions_, &clear_occurrences_}) {
            run(*clear, id);
        }
        int position = 0;
        for (const auto& organiser : m.organisers) {
            run(add_organiser_, id, ++position, organiser.str());
        }
        for (const auto& participant : m.participants) {
            run(add_participant_, id, ++position, participant.person.str(), std::string(to_string(participant.role)));
        }
        for (const auto& county_id : m.counties) {
            run(add_county_, id, ++position, county_id.str());
        }
        for (const auto& item : m.agenda) {
            add_agenda_.reset();
            bind_all(add_agenda_, id, ++position, to_db_time(item.time.start()), to_db_time(item.time.end()),
                     item.title);
            bind_text_or_null(add_agenda_, 6, item.presenter ? std::optional(item.presenter->str()) : std::nullopt);
            add_agenda_.exec();
        }
        settle_poll(m);
        if (!m.recurrence) {
            return;
        }
        for (const auto& date : m.recurrence->exceptions) {
            run(add_exception_, id, greg::to_iso_extended_string(date));
        }
        for (const auto& change : m.recurrence->changes) {
            add_occurrence_.reset();
            bind_all(add_occurrence_, id, greg::to_iso_extended_string(change.date));
            bind_text_or_null(add_occurrence_, 3, change.time ? std::optional(to_db_time(change.time->start())) : std::nullopt);
            bind_text_or_null(add_occurrence_, 4, change.time ? std::optional(to_db_time(change.time->end())) : std::nullopt);
            bind_text_or_null(add_occurrence_, 5, change.venue ? std::optional(change.venue->str()) : std::nullopt);
            bind_text_or_null(add_occurrence_, 6,
                              change.status ? std::optional(std::string(to_string(*change.status))) : std::nullopt);
            add_occurrence_.exec();
        }
    }

private:
    // A date poll of the meeting (only ever an open one matters, and most meetings have
    // none: one lookup by key).
    void settle_poll(const Meeting& m)
    {
        const auto& id = m.id.str();
        open_poll_.reset();
        open_poll_.bind(1, id);
        if (!open_poll_.executeStep()) {
            return;
        }
        open_poll_.reset();
        if (m.status != MeetingStatus::tentative) {
            run(close_poll_, id);
        }
        run(revoke_poll_links_, id);
        run(withdraw_poll_mail_, id);
    }

    SQLite::Statement meeting_;
    SQLite::Statement clear_organisers_;
    SQLite::Statement clear_participants_;
    SQLite::Statement clear_counties_;
    SQLite::Statement clear_agenda_;
    SQLite::Statement clear_exceptions_;
    SQLite::Statement clear_occurrences_;
    SQLite::Statement add_organiser_;
    SQLite::Statement add_participant_;
    SQLite::Statement add_county_;
    SQLite::Statement add_agenda_;
    SQLite::Statement add_exception_;
    SQLite::Statement add_occurrence_;
    SQLite::Statement open_poll_;
    SQLite::Statement close_poll_;
    SQLite::Statement revoke_poll_links_;
    SQLite::Statement withdraw_poll_mail_;
};

template <class Record, class Id, class Write>
void upsert(const std::vector<Record>& records, const std::map<Id, Record>& stored, ImportCount& count, Write write)
{
    for (const auto& record : records) {
        const auto found = stored.find(record.id);
        if (found == stored.end()) {
            write(record);
            ++count.added;
        } else if (found->second == record) {
            ++count.unchanged;
        } else {
            write(record);
            ++count.updated;
        }
    }
}

}  // namespace


namespace {

std::int64_t data_version(Database& db)
{
    return db.execAndGet("PRAGMA data_version").getInt64();
}

}  // namespace

Store::Store(std::unique_ptr<Connection> connection) : connection_(std::move(connection))
{
    auto& db = connection_->database;
    db.exec("PRAGMA foreign_keys = ON");
    // A statement that fires triggers (people_by_time in schema.cpp) keeps a journal of
    // its own, to be undone alone: in memory, not a temporary file written page by
    // page, which doubled the time of an import.
    db.exec("PRAGMA temp_store = MEMORY");
    if (connection_->dry_run) {
        db.exec("BEGIN IMMEDIATE");
    }
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    const auto all = migrations();
    if (version > static_cast<int>(all.size())) {
        throw Error(fmt::format("{}: the store has schema version {}, but this planner knows only up to {}; use a "
                                "newer planner",
                                db.getFilename(), version, all.size()));
    }
    if (static_cast<std::size_t>(version) < all.size()) {
        // Another command may be migrating the same store right now: take the write
        // lock first, then apply what is still missing.
        under_write_lock(db, [&] {
            const int current = db.execAndGet("PRAGMA user_version").getInt();
            for (auto step = static_cast<std::size_t>(current); step < all.size(); ++step) {
                db.exec(std::string(all[step]));
            }
            db.exec(fmt::format("PRAGMA user_version = {}", all.size()));
        });
    }
}

Store::Store(const std::filesystem::path& file, OpenMode mode, Writes writes)
{
    std::error_code error;
    const bool exists = std::filesystem::exists(file, error);
    if (mode == OpenMode::must_exist && !exists) {
        throw Error(fmt::format("{}: no such store; create it with 'planner --db {} import MEETINGS.toml'",
                                file.string(), file.string()));
    }
    try {
        std::unique_ptr<Connection> connection;
        if (writes == Writes::rolled_back && !exists) {
            // A dry run creates no file: it works on an empty store in memory.
            connection = std::make_unique<Connection>(":memory:");
        } else {
            if (writes == Writes::kept) {
                create_private_file(file);
            }
            connection = std::make_unique<Connection>(file.string());
            connection->database.exec("PRAGMA journal_mode = WAL");
        }
        connection->dry_run = writes == Writes::rolled_back;
        *this = Store(std::move(connection));
    } catch (const SQLite::Exception& failure) {
        throw Error(fmt::format("{}: cannot open the store: {}", file.string(), failure.what()));
    }
}

Store Store::in_memory()
{
    return Store(std::make_unique<Connection>(":memory:"));
}

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store::ChangeMark Store::change_mark() const
{
    auto& db = connection_->database;
    return {connection_->serial, data_version(db), sqlite3_total_changes64(db.getHandle())};
}

int Store::schema_version() const
{
    return connection_->database.execAndGet("PRAGMA user_version").getInt();
}

void Store::back_up(const std::filesystem::path& copy) const
{
    namespace fs = std::filesystem;
    if (fs::exists(copy)) {
        throw Error(fmt::format("{}: exists already; a backup goes to a new file", copy.string()));
    }
    auto part = copy;
    part += ".part";
    // Made here, for its owner alone, before SQLite writes a page of personal data to it.
    const int made = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (made < 0) {
        throw Error(fmt::format("{}: cannot be written: {}", part.string(), std::strerror(errno)));
    }
    ::close(made);
    try {
        SQLite::Database target(part.string(), SQLite::OPEN_READWRITE);
        SQLite::Backup backup(target, connection_->database);
        // All pages in one step: one read transaction, so writers in WAL mode go on and
        // the copy is of one moment. A writer holding the lock as the step begins
        // (busy) is waited for a little.
        int step = SQLITE_BUSY;
        for (int tries = 0; step != SQLITE_DONE; ++tries) {
            step = backup.executeStep(-1);
            if (step != SQLITE_DONE) {
                if (tries == 100) {
                    throw Error(fmt::format("{}: the store stayed locked; nothing was copied", copy.string()));
                }
                ::usleep(50'000);
            }
        }
        const auto check = target.execAndGet("PRAGMA integrity_check").getString();
        if (check != "ok") {
            throw Error(fmt::format("{}: the copy fails SQLite's integrity_check: {}", copy.string(), check));
        }
    } catch (const SQLite::Exception& failure) {
        fs::remove(part);
        throw Error(fmt::format("{}: the backup failed: {}", copy.string(), failure.what()));
    } catch (...) {
        fs::remove(part);
        throw;
    }
    // Linked rather than renamed: a file made at `copy` meanwhile is not replaced.
    if (::link(part.c_str(), copy.c_str()) != 0) {
        const int error = errno;
        fs::remove(part);
        throw Error(fmt::format("{}: the copy was not put in place: {}", copy.string(), std::strerror(error)));
    }
    fs::remove(part);
}

// "2012-10-11", as greg::to_iso_extended_string writes it.
greg::date date_from_db(const std::string& text)
{
    try {
        const auto date = greg::from_simple_string(text);
        if (!date.is_special() && greg::to_iso_extended_string(date) == text) {
            return date;
        }
    } catch (const std::exception&) {
        // Boost's own exceptions for a bad year, month or day; named below.
    }
    throw Error(fmt::format("'{}' is not a date like 2012-10-11", text));
}

MeetingStatus status_from_db(const std::string& text)
{
    return known_value(meeting_status_from_string(text), "status", text, "confirmed, tentative or cancelled");
}

TimeRange time_range_from_db(const SQLite::Statement& row, int start)
{
    return {from_db_time(row.getColumn(start).getString()), from_db_time(row.getColumn(start + 1).getString())};
}

County county_of_row(const SQLite::Statement& row)
{
    return County{CountyId(row.getColumn(0).getString()), row.getColumn(1).getString(), row.getColumn(2).getString(),
                  row.getColumn(3).getString(), GeoPoint(row.getColumn(4).getDouble(), row.getColumn(5).getDouble())};
}

Organisation organisation_of_row(const SQLite::Statement& row)
{
    const auto kind = row.getColumn(3).getString();
    std::optional<OfficeHours> hours;
    if (const auto hours_text = row.getColumn(6); !hours_text.isNull()) {
        hours = known_value(office_hours_from_string(hours_text.getString()), "office hours", hours_text.getString(),
                            "hours like 08:00-17:00");
    }
    return Organisation{OrganisationId(row.getColumn(0).getString()), row.getColumn(1).getString(),
                        CountyId(row.getColumn(2).getString()),
                        known_value(organisation_kind_from_string(kind), "organisation kind", kind,
                                    "district-office, contact-point, self-help-group, civic-initiative, council or "
                                    "other"),
                        optional_geo(row, 4), hours};
}

Person person_of_row(const SQLite::Statement& row)
{
    const auto email = row.getColumn(2).getString();
    return {PersonId(row.getColumn(0).getString()),
            row.getColumn(1).getString(),
            email.empty() ? std::nullopt : std::optional(EmailAddress(email)),
            OrganisationId(row.getColumn(3).getString()),
            row.getColumn(4).getString(),
            row.getColumn(5).getInt() != 0 ? Access::step_free : Access::any,
            optional_geo(row, 6),
            row.getColumn(8).getString()};
}

BusyPeriod busy_period_of_row(const SQLite::Statement& row)
{
    const auto file = std::filesystem::path(row.getColumn(4).getString()).filename().string();
    return {PersonId(row.getColumn(0).getString()),
            TimeRange(from_db_time(row.getColumn(1).getString()), from_db_time(row.getColumn(2).getString())),
            fmt::format("'{}' in {}", row.getColumn(3).getString(), file)};
}

Venue venue_of_row(const SQLite::Statement& row)
{
    const auto capacity = row.getColumn(4).getInt64();
    if (capacity < 1 || capacity > std::numeric_limits<unsigned>::max()) {
        throw Error(fmt::format("capacity {} is not a number of seats", capacity));
    }
    const auto accessible = row.getColumn(7);
    return Venue{VenueId(row.getColumn(0).getString()), row.getColumn(1).getString(), row.getColumn(2).getString(),
                 CountyId(row.getColumn(3).getString()), static_cast<unsigned>(capacity),
                 GeoPoint(row.getColumn(5).getDouble(), row.getColumn(6).getDouble()),
                 accessible.isNull()        ? Accessibility::unknown
                 : accessible.getInt() != 0 ? Accessibility::step_free
                                            : Accessibility::not_step_free};
}

std::map<MeetingId, Meeting> read_meetings(Database& db, const ReportProblem& report,
                                           const MeetingSelection* only)
{
    const auto where = [&](std::string_view column) {
        return only == nullptr ? std::string() : fmt::format(" WHERE {} IN ({})", column, only->ids);
    };
    const Binding* binding = only == nullptr ? nullptr : &only->bind;
    std::map<MeetingId, Meeting> meetings;
    // Meetings whose own row was refused: their child rows are not reported again.
    std::set<std::string, std::less<>> refused;
    for_each_row(db, "meeting",
                 "SELECT id, uid, title, description, start_utc, end_utc, time_zone, venue, status, sequence, "
                 "recurrence, participants_see_each_other, published, rowid FROM meeting" + where("id"),
                 report, [&](const auto& row) {
                     MeetingId id(row.getColumn(0).getString());
                     try {
                         Meeting meeting{id, row.getColumn(1).getString(), row.getColumn(2).getString(),
                                         row.getColumn(3).getString(), time_range_from_db(row, 4),
                                         row.getColumn(6).getString(), VenueId(row.getColumn(7).getString()),
                                         {}, {}, {}, status_from_db(row.getColumn(8).getString()),
                                         row.getColumn(9).getInt(), {}, std::nullopt, std::nullopt,
                                         std::nullopt, false};
                         if (const auto rule = row.getColumn(10); !rule.isNull()) {
                             meeting.recurrence = Recurrence{rule.getString(), {}, {}};
                         }
                         if (const auto shown = row.getColumn(11); !shown.isNull()) {
                             meeting.participants_see_each_other = shown.getInt() != 0;
                         }
                         meeting.published = row.getColumn(12).getInt() != 0;
                         meetings.emplace(id, std::move(meeting));
                     } catch (const Error&) {
                         refused.insert(id.str());
                         throw;
                     }
                 }, binding);
    // Child rows come ordered by meeting, so the meeting is looked up once per
    // run of rows, not once per row: a region's store has millions of them.
    auto current = meetings.end();
    // The row's meeting (its first column), or null when that meeting's row was refused.
    const auto meeting_of = [&](const SQLite::Statement& row) -> Meeting* {
        const char* id = row.getColumn(0).getText();
        if (current == meetings.end() || current->first.str() != id) {
            current = meetings.find(MeetingId(id));
        }
        if (current != meetings.end()) {
            return &current->second;
        }
        if (refused.contains(std::string_view(id))) {
            return nullptr;
        }
        throw Error(fmt::format("meeting '{}' does not exist", id));
    };
    // The series of the row's meeting; exceptions and changed occurrences need one.
    const auto series_of = [&](const SQLite::Statement& row) -> Recurrence* {
        Meeting* meeting = meeting_of(row);
        if (meeting != nullptr && !meeting->recurrence) {
            throw Error(fmt::format("meeting '{}' is not a series", meeting->id.str()));
        }
        return meeting == nullptr ? nullptr : &*meeting->recurrence;
    };
    for_each_row(db, "meeting_organiser", "SELECT meeting, person, rowid FROM meeting_organiser" + where("meeting") + " ORDER BY meeting, position",
                 report, [&](const auto& row) {
                     if (auto* meeting = meeting_of(row)) {
                         meeting->organisers.emplace_back(row.getColumn(1).getString());
                     }
                 }, binding);
    for_each_row(db, "meeting_participant",
                 "SELECT meeting, person, role, rowid FROM meeting_participant" + where("meeting") + " ORDER BY meeting, position", report,
                 [&](const auto& row) {
                     const auto role = row.getColumn(2).getString();
                     Participant participant{PersonId(row.getColumn(1).getString()),
                                             known_value(role_from_string(role), "role", role,
                                                         "chair, required, optional or info")};
                     if (auto* meeting = meeting_of(row)) {
                         meeting->participants.push_back(std::move(participant));
                     }
                 }, binding);
    for_each_row(db, "meeting_county", "SELECT meeting, county, rowid FROM meeting_county" + where("meeting") + " ORDER BY meeting, position",
                 report, [&](const auto& row) {
                     if (auto* meeting = meeting_of(row)) {
                         meeting->counties.emplace_back(row.getColumn(1).getString());
                     }
                 }, binding);
    for_each_row(db, "agenda_item",
                 "SELECT meeting, start_utc, end_utc, title, presenter, rowid FROM agenda_item" + where("meeting") +
                     " ORDER BY meeting, position",
                 report, [&](const auto& row) {
                     const auto presenter = row.getColumn(4);
                     AgendaItem item{time_range_from_db(row, 1), row.getColumn(3).getString(),
                                     presenter.isNull() ? std::nullopt
                                                        : std::optional<PersonId>(PersonId(presenter.getString()))};
                     if (auto* meeting = meeting_of(row)) {
                         meeting->agenda.push_back(std::move(item));
                     }
                 }, binding);
    for_each_row(db, "meeting_exception",
                 "SELECT meeting, date, rowid FROM meeting_exception" + where("meeting") + " ORDER BY meeting, date", report,
                 [&](const auto& row) {
                     const auto date = date_from_db(row.getColumn(1).getString());
                     if (auto* series = series_of(row)) {
                         series->exceptions.push_back(date);
                     }
                 }, binding);
    for_each_row(db, "meeting_occurrence",
                 "SELECT meeting, date, start_utc, end_utc, venue, status, rowid FROM meeting_occurrence" +
                     where("meeting") + " ORDER BY meeting, date",
                 report, [&](const auto& row) {
                     OccurrenceChange change{date_from_db(row.getColumn(1).getString()), std::nullopt, std::nullopt,
                                             std::nullopt};
                     if (!row.getColumn(2).isNull()) {
                         change.time = time_range_from_db(row, 2);
                     }
                     if (!row.getColumn(4).isNull()) {
                         change.venue = VenueId(row.getColumn(4).getString());
                     }
                     if (!row.getColumn(5).isNull()) {
                         change.status = status_from_db(row.getColumn(5).getString());
                     }
                     if (auto* series = series_of(row)) {
                         series->changes.push_back(std::move(change));
                     }
                 }, binding);
    return meetings;
}

void refuse_damaged(Database& db, const StoreProblem& problem)
{
    throw Error(fmt::format("{}: row {} of table {}: {}; 'planner doctor' lists every problem of the store",
                            db.getFilename(), *problem.row, problem.table, problem.problem));
}

namespace {

// Every county, organisation, person and venue: the records meetings refer to.
Directory read_records(Database& db, const ReportProblem& report)
{
    Directory directory;
    const auto add = [&](const auto& row_reader) {
        return [&](const SQLite::Statement& row) { directory.add(row_reader(row)); };
    };
    for_each_row(db, "county", std::string(county_columns) + " FROM county", report, add(county_of_row));
    for_each_row(db, "organisation", std::string(organisation_columns) + " FROM organisation", report,
                 add(organisation_of_row));
    for_each_row(db, "person", std::string(person_columns) + " FROM person", report, add(person_of_row));
    for_each_row(db, "venue", std::string(venue_columns) + " FROM venue", report, add(venue_of_row));
    return directory;
}

Directory read_directory(Database& db, const ReportProblem& report)
{
    auto directory = read_records(db, report);
    for (auto& [id, meeting] : read_meetings(db, report)) {
        directory.add(std::move(meeting));
    }
    return directory;
}

}  // namespace

Directory Store::load() const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        connection_->loaded_version = data_version(db);
        return read_directory(db, [&](const StoreProblem& problem) { refuse_damaged(db, problem); });
    });
}

Directory Store::records() const
{
    auto& db = connection_->database;
    return reading(db, [&] { return read_records(db, [&](const StoreProblem& problem) { refuse_damaged(db, problem); }); });
}

std::optional<Organisation> Store::organisation(const OrganisationId& id) const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<Organisation> {
        auto row_prepared = db.prepared(std::string(organisation_columns) + " FROM organisation WHERE id = ?");
        SQLite::Statement& row = row_prepared;
        row.bind(1, id.str());
        if (!row.executeStep()) {
            return std::nullopt;
        }
        return organisation_of_row(row);
    });
}

std::vector<StoreProblem> Store::problems() const
{
    auto& db = connection_->database;
    std::vector<StoreProblem> found;
    try {
        // SQLite's words, said to be its own; the name of the one database there is goes.
        SQLite::Statement integrity(db, "PRAGMA integrity_check");
        while (integrity.executeStep()) {
            auto line = integrity.getColumn(0).getString();
            if (constexpr std::string_view main = "*** in database main ***\n"; line.starts_with(main)) {
                line.erase(0, main.size());
            }
            if (line != "ok") {
                found.push_back({"", std::nullopt, "integrity_check: " + line});
            }
        }
        // Each row that names a record its table does not have, with the column and
        // value, so that it can be found and mended.
        SQLite::Statement dangling(db, "PRAGMA foreign_key_check");
        while (dangling.executeStep()) {
            const auto table = dangling.getColumn(0).getString();
            const auto rowid = dangling.getColumn(1).getInt64();
            SQLite::Statement keys(db, "SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE id = ?");
            keys.bind(1, table);
            keys.bind(2, dangling.getColumn(3).getInt());
            std::string problem = fmt::format("refers to a row of {} that does not exist", dangling.getColumn(2).getString());
            if (keys.executeStep()) {
                const auto column = keys.getColumn(0).getString();
                SQLite::Statement value(db, fmt::format("SELECT \"{}\" FROM \"{}\" WHERE rowid = ?", column, table));
                value.bind(1, rowid);
                if (value.executeStep()) {
                    problem = fmt::format("{} '{}' does not exist", column, value.getColumn(0).getString());
                }
            }
            found.push_back({table, rowid, std::move(problem)});
        }
        // The people's copies of their meeting's time (people_by_time in schema.cpp),
        // by which a question about a time finds them: a copy out of step hides the
        // meeting from its people's conflicts. The triggers keep them; a program that
        // wrote the rows without them did not.
        for (const std::string table : {"meeting_organiser", "meeting_participant"}) {
            // Series are found by their people another way (involves_condition).
            SQLite::Statement copies(db, fmt::format("SELECT p.rowid FROM {} p JOIN meeting m ON m.id = p.meeting "
                                                     "WHERE m.recurrence IS NULL AND (p.start_minute IS NOT "
                                                     "unixepoch(m.start_utc) / 60 OR p.length_class IS NOT "
                                                     "m.length_class) ORDER BY p.rowid",
                                                     table));
            while (copies.executeStep()) {
                found.push_back({table, copies.getColumn(0).getInt64(),
                                 "start_minute and length_class are not those of its meeting, so its people's "
                                 "conflicts leave the meeting out"});
            }
        }
        // The planner's own checks, once per row: a row SQLite named already is not
        // named twice.
        static_cast<void>(read_directory(db, [&](StoreProblem problem) {
            const bool named = std::any_of(found.begin(), found.end(), [&](const StoreProblem& p) {
                return p.table == problem.table && p.row == problem.row;
            });
            if (!named) {
                found.push_back(std::move(problem));
            }
        }));
    } catch (const SQLite::Exception& failure) {
        // A damaged file stops the checks where SQLite cannot read on.
        found.push_back({"", std::nullopt, fmt::format("the checks stop here, SQLite cannot read on: {}", failure.what())});
    }
    return found;
}

namespace {

// The ids a query's one column gives, read in one transaction.
template <class Id>
std::set<Id> ids_of(Database& db, const std::string& query)
{
    return reading(db, [&] {
        std::set<Id> ids;
        auto rows_prepared = db.prepared(query);
        SQLite::Statement& rows = rows_prepared;
        while (rows.executeStep()) {
            ids.emplace(rows.getColumn(0).getString());
        }
        return ids;
    });
}

}  // namespace

ImportReport Store::import(const MeetingFile& file, ChangedMeetings changed)
{
    return import(file, load(), changed);
}

namespace {

// The file's meetings with the UID and SEQUENCE the store has for them now: the file
// was read against an earlier state, and another command may have sent a new version
// (or imported the meeting) since. A meeting's UID never changes.
std::vector<Meeting> with_current_identity(const std::vector<Meeting>& meetings, const Directory& current)
{
    auto result = meetings;
    for (auto& meeting : result) {
        if (const auto* stored = current.find(meeting.id)) {
            if (!meeting.uid.empty() && meeting.uid != stored->uid) {
                throw Error(fmt::format("meeting '{}' was imported by another command meanwhile with another uid "
                                        "than '{}'; a meeting's uid never changes",
                                        meeting.id.str(), meeting.uid));
            }
            meeting.uid = stored->uid;
            meeting.sequence = stored->sequence;
        }
    }
    return result;
}

}  // namespace

namespace {

// An organiser without an e-mail address, of one meeting or (none given) of any.
void refuse_organisers_without_email(Database& db, const std::optional<MeetingId>& meeting = std::nullopt)
{
    // From the few people without an address to their meetings, by the organisers' index.
    auto found_prepared = db.prepared(
        "SELECT p.id, p.name, o.meeting FROM person p JOIN meeting_organiser o ON o.person = p.id WHERE p.email = '' "
        "AND (?1 IS NULL OR o.meeting = ?1) LIMIT 1");
    SQLite::Statement& found = found_prepared;
    if (meeting) {
        found.bind(1, meeting->str());
    } else {
        found.bind(1);
    }
    if (found.executeStep()) {
        throw OrganiserWithoutEmail(fmt::format(
            "{} ('{}') organises meeting '{}' but has no e-mail address; an invitation names its organiser as the "
            "one to answer to, so an organiser needs an address",
            found.getColumn(1).getString(), found.getColumn(0).getString(), found.getColumn(2).getString()));
    }
}

}  // namespace

ImportReport Store::import(const MeetingFile& file, const Directory& stored, ChangedMeetings changed)
{
    auto& db = connection_->database;
    ImportReport report;
    writing(db, "the import was rolled back", [&] {
        // Another command may have written since `stored` was loaded: then compare with,
        // and keep the SEQUENCE of, what the store holds now, under the write lock.
        // A file without meetings (a person added in a form) needs the records alone.
        std::optional<Directory> reloaded;
        if (data_version(db) != connection_->loaded_version) {
            reloaded = file.meetings.empty() ? records() : load();
        }
        const Directory& current = reloaded ? *reloaded : stored;
        const auto meetings = with_current_identity(file.meetings, current);
        auto county_prepared = db.prepared("INSERT INTO county (id, name, seat, state, lat, lon) VALUES (?, ?, ?, ?, ?, ?) "
                                           "ON CONFLICT (id) DO UPDATE SET name = excluded.name, seat = excluded.seat, "
                                           "state = excluded.state, lat = excluded.lat, lon = excluded.lon");
        SQLite::Statement& county = county_prepared;
        upsert(file.counties, current.counties(), report.counties, [&](const County& c) {
            county.reset();
            county.bind(1, c.id.str());
            county.bind(2, c.name);
            county.bind(3, c.seat);
            county.bind(4, c.state);
            county.bind(5, c.geo.latitude());
            county.bind(6, c.geo.longitude());
            county.exec();
        });

        SQLite::Statement organisation(
            db, "INSERT INTO organisation (id, name, county, kind, lat, lon, office_hours) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, county = excluded.county, kind = excluded.kind, "
                "lat = excluded.lat, lon = excluded.lon, office_hours = excluded.office_hours");
        upsert(file.organisations, current.organisations(), report.organisations, [&](const Organisation& o) {
            organisation.reset();
            organisation.bind(1, o.id.str());
            organisation.bind(2, o.name);
            organisation.bind(3, o.county.str());
            organisation.bind(4, std::string(to_string(o.kind)));
            bind_optional_geo(organisation, 5, o.geo);
            if (o.office_hours) {
                organisation.bind(7, to_string(*o.office_hours));
            } else {
                organisation.bind(7);
            }
            organisation.exec();
        });

        PersonWriter write_person(db);
        upsert(file.people, current.people(), report.people, [&](const Person& p) { write_person(p); });

        SQLite::Statement venue(
            db, "INSERT INTO venue (id, name, address, county, capacity, lat, lon, accessible) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                "address = excluded.address, county = excluded.county, capacity = excluded.capacity, "
                "lat = excluded.lat, lon = excluded.lon, accessible = excluded.accessible");
        upsert(file.venues, current.venues(), report.venues, [&](const Venue& v) {
            venue.reset();
            venue.bind(1, v.id.str());
            venue.bind(2, v.name);
            venue.bind(3, v.address);
            venue.bind(4, v.county.str());
            venue.bind(5, static_cast<std::int64_t>(v.capacity));
            venue.bind(6, v.geo.latitude());
            venue.bind(7, v.geo.longitude());
            if (v.accessibility == Accessibility::unknown) {
                venue.bind(8);
            } else {
                venue.bind(8, v.accessibility == Accessibility::step_free ? 1 : 0);
            }
            venue.exec();
        });

        // What was changed outside a file since a file wrote it, and differs from this
        // file, stays; what the file writes is the file's again.
        const auto changed_outside = meetings_changed_outside_file();
        std::vector<Meeting> written;
        for (const auto& meeting : meetings) {
            const auto* now = current.find(meeting.id);
            if (!changed.overwrites(meeting.id) && changed_outside.contains(meeting.id) && now != nullptr &&
                *now != meeting) {
                report.kept_changed.push_back(meeting.id);
            } else {
                written.push_back(meeting);
            }
        }
        auto from_file_prepared = db.prepared("UPDATE meeting SET changed_outside_file = 0 WHERE id = ?");
        SQLite::Statement& from_file = from_file_prepared;
        MeetingWriter write_meeting(db);
        upsert(written, current.meetings(), report.meetings, [&](const Meeting& m) { write_meeting(m); });
        for (const auto& meeting : written) {
            if (changed_outside.contains(meeting.id)) {
                run(from_file, meeting.id.str());
            }
        }
        refuse_organisers_without_email(db);
    });
    return report;
}

std::set<MeetingId> Store::meetings_changed_outside_file() const
{
    return ids_of<MeetingId>(connection_->database, "SELECT id FROM meeting WHERE changed_outside_file = 1");
}

void Store::rehearse(const std::function<void()>& work)
{
    auto& db = connection_->database;
    // Inside a dry run's transaction, a savepoint of it; alone, a transaction of its own
    // that takes the write lock at once, as every write would.
    const bool nested = sqlite3_get_autocommit(db.getHandle()) == 0;
    try {
        db.exec(nested ? "SAVEPOINT planner_rehearsal" : "BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& failure) {
        throw Error(fmt::format("{}: cannot write the store: {}", db.getFilename(), failure.what()));
    }
    // What load() read inside is never committed.
    const auto roll_back = [&] {
        connection_->loaded_version = -1;
        db.exec(nested ? "ROLLBACK TO planner_rehearsal; RELEASE planner_rehearsal" : "ROLLBACK");
    };
    try {
        work();
    } catch (...) {
        // SQLite may have ended the transaction itself (a full disk, an I/O error): then
        // there is nothing to roll back, and the rehearsal's own error is what to report.
        try {
            roll_back();
        } catch (const SQLite::Exception&) {
            if (!nested && sqlite3_get_autocommit(db.getHandle()) == 0) {
                throw;  // still in the transaction: every later write would join it
            }
        }
        throw;
    }
    try {
        roll_back();
    } catch (const SQLite::Exception& failure) {
        throw Error(fmt::format("{}: the rehearsal could not be rolled back: {}", db.getFilename(), failure.what()));
    }
}

namespace {

// One meeting's rows, read the way load() reads them all.
std::optional<Meeting> read_meeting(Database& db, const MeetingId& id)
{
    const MeetingSelection only{"SELECT ?", [&](SQLite::Statement& rows) { rows.bind(1, id.str()); }};
    auto meetings = read_meetings(db, [&](const StoreProblem& problem) { refuse_damaged(db, problem); }, &only);
    const auto found = meetings.find(id);
    if (found == meetings.end()) {
        return std::nullopt;
    }
    return std::move(found->second);
}

}  // namespace

namespace sql {

void raise_sequence(Database& db, const MeetingId& meeting, std::span<const SentVersion> versions)
{
    if (versions.empty()) {
        return;
    }
    const auto highest = std::max_element(versions.begin(), versions.end(), [](const auto& a, const auto& b) {
                             return a.sequence < b.sequence;
                         })->sequence;
    auto raise_prepared = db.prepared("UPDATE meeting SET sequence = max(sequence, ?) WHERE id = ?");
    SQLite::Statement& raise = raise_prepared;
    raise.bind(1, highest);
    raise.bind(2, meeting.str());
    if (raise.exec() == 0) {
        throw NotFound(fmt::format("unknown meeting '{}'", meeting.str()));
    }
}

void write_sent_versions(Database& db, const MeetingId& meeting, std::span<const SentVersion> versions)
{
    raise_sequence(db, meeting, versions);
    // An older message that reached the server late (a retry) never sets back a newer one.
    auto sent_prepared = db.prepared("INSERT INTO invitation_sent (meeting, person, sequence, content, cancelled) "
                                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting, person) DO UPDATE SET sequence = "
                                     "excluded.sequence, content = excluded.content, cancelled = excluded.cancelled "
                                     "WHERE excluded.sequence >= invitation_sent.sequence");
    SQLite::Statement& sent = sent_prepared;
    auto settled_prepared = db.prepared("DELETE FROM invitation_queued WHERE meeting = ? AND person = ? AND sequence <= ?");
    SQLite::Statement& settled = settled_prepared;
    for (const auto& version : versions) {
        run(sent, meeting.str(), version.person.str(), version.sequence, version.content, version.cancelled ? 1 : 0);
        run(settled, meeting.str(), version.person.str(), version.sequence);
    }
}

}  // namespace sql

std::optional<Meeting> Store::meeting(const MeetingId& id) const
{
    auto& db = connection_->database;
    return reading(db, [&] { return read_meeting(db, id); });
}

std::optional<Person> Store::person(const PersonId& id) const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<Person> {
        auto row_prepared = db.prepared(std::string(person_columns) + " FROM person WHERE id = ?");
        SQLite::Statement& row = row_prepared;
        row.bind(1, id.str());
        if (!row.executeStep()) {
            return std::nullopt;
        }
        return person_of_row(row);
    });
}

namespace {

void mark_changed_outside_file(Database& db, const MeetingId& meeting)
{
    auto mark_prepared = db.prepared("UPDATE meeting SET changed_outside_file = 1 WHERE id = ?");
    run(mark_prepared, meeting.str());
}

}  // namespace

void Store::update(const Meeting& changed, const Meeting& as_read)
{
    auto& db = connection_->database;
    writing(db, fmt::format("meeting '{}' was not changed", changed.id.str()), [&] {
        const auto current = read_meeting(db, as_read.id);
        if (!current) {
            throw NotFound(fmt::format("unknown meeting '{}'", as_read.id.str()));
        }
        if (*current != as_read) {
            throw ChangedMeanwhile(fmt::format("meeting '{}' was changed by another command since this one read it; nothing "
                                    "was changed, run the command again",
                                    as_read.id.str()));
        }
        MeetingWriter write_meeting(db);
        write_meeting(changed);
        mark_changed_outside_file(db, changed.id);
        refuse_organisers_without_email(db, changed.id);
    });
}

void Store::add_meeting(const Meeting& meeting)
{
    auto& db = connection_->database;
    writing(db, fmt::format("meeting '{}' was not added", meeting.id.str()), [&] {
        if (read_meeting(db, meeting.id)) {
            throw ChangedMeanwhile(fmt::format("the store has a meeting '{}' already", meeting.id.str()));
        }
        MeetingWriter write_meeting(db);
        write_meeting(meeting);
        mark_changed_outside_file(db, meeting.id);
        refuse_organisers_without_email(db, meeting.id);
    });
}

std::vector<SentVersion> Store::sent_versions(const MeetingId& meeting) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        std::vector<SentVersion> versions;
        auto rows_prepared = db.prepared("SELECT person, sequence, content, cancelled FROM invitation_sent WHERE meeting = ? "
                                         "ORDER BY person");
        SQLite::Statement& rows = rows_prepared;
        rows.bind(1, meeting.str());
        while (rows.executeStep()) {
            versions.push_back({PersonId(rows.getColumn(0).getString()), rows.getColumn(1).getInt(),
                                rows.getColumn(2).getString(), rows.getColumn(3).getInt() != 0});
        }
        return versions;
    });
}

void Store::record_sent(const MeetingId& meeting, std::span<const SentVersion> versions)
{
    auto& db = connection_->database;
    writing(db, fmt::format("what was sent for meeting '{}' was not recorded", meeting.str()), [&] {
        write_sent_versions(db, meeting, versions);
    });
}

void Store::record_queued(const MeetingId& meeting, std::span<const SentVersion> versions)
{
    auto& db = connection_->database;
    writing(db, fmt::format("the messages of meeting '{}' could not be queued, so they were not sent", meeting.str()), [&] {
        raise_sequence(db, meeting, versions);
        auto queued_prepared = db.prepared("INSERT INTO invitation_queued (meeting, person, sequence, queued_utc) VALUES "
                                           "(?, ?, ?, ?) ON CONFLICT (meeting, person) DO UPDATE SET sequence = "
                                           "excluded.sequence, queued_utc = excluded.queued_utc");
        SQLite::Statement& queued = queued_prepared;
        const auto now = to_db_time(pt::second_clock::universal_time());
        for (const auto& version : versions) {
            run(queued, meeting.str(), version.person.str(), version.sequence, now);
        }
    });
}

void Store::forget_queued(const MeetingId& meeting, std::span<const PersonId> people)
{
    auto& db = connection_->database;
    writing(db, fmt::format("the refused messages of meeting '{}' are still listed as queued", meeting.str()), [&] {
        auto forget_prepared = db.prepared("DELETE FROM invitation_queued WHERE meeting = ? AND person = ?");
        SQLite::Statement& forget = forget_prepared;
        for (const auto& person : people) {
            run(forget, meeting.str(), person.str());
        }
    });
}

std::vector<QueuedMessage> Store::queued_messages(const MeetingId& meeting) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        std::vector<QueuedMessage> messages;
        auto rows_prepared = db.prepared("SELECT person, sequence, queued_utc FROM invitation_queued WHERE meeting = ? "
                                         "ORDER BY person");
        SQLite::Statement& rows = rows_prepared;
        rows.bind(1, meeting.str());
        while (rows.executeStep()) {
            messages.push_back({PersonId(rows.getColumn(0).getString()), rows.getColumn(1).getInt(),
                                from_db_time(rows.getColumn(2).getString())});
        }
        return messages;
    });
}

namespace {

std::optional<greg::date> occurrence_of_row(const std::string& text)
{
    return text.empty() ? std::nullopt : std::optional<greg::date>(greg::from_simple_string(text));
}

std::string occurrence_text(const std::optional<greg::date>& occurrence)
{
    return occurrence ? greg::to_iso_extended_string(*occurrence) : std::string();
}

// Rows of SELECT meeting, occurrence, person, answer, sequence, answered_utc,
// delegated_to, comment, recorded_by.
std::vector<RecordedAnswer> answers_of(SQLite::Statement& rows)
{
    std::vector<RecordedAnswer> answers;
    while (rows.executeStep()) {
        const auto delegate = rows.getColumn(6);
        answers.push_back({MeetingId(rows.getColumn(0).getString()), occurrence_of_row(rows.getColumn(1).getString()),
                           PersonId(rows.getColumn(2).getString()),
                           answer_from_string(rows.getColumn(3).getText()).value_or(Answer::needs_action),
                           rows.getColumn(4).getInt(), from_db_time(rows.getColumn(5).getString()),
                           delegate.isNull() ? std::nullopt : std::optional<PersonId>(PersonId(delegate.getString())),
                           rows.getColumn(7).getString(),
                           rows.getColumn(8).isNull() ? std::nullopt : std::optional(rows.getColumn(8).getString())});
    }
    return answers;
}

// Rows of SELECT meeting, occurrence, person, presence, walk_in.
std::vector<AttendanceRecord> attendance_of(SQLite::Statement& rows)
{
    std::vector<AttendanceRecord> records;
    while (rows.executeStep()) {
        records.push_back({MeetingId(rows.getColumn(0).getString()), occurrence_of_row(rows.getColumn(1).getString()),
                           PersonId(rows.getColumn(2).getString()),
                           presence_from_string(rows.getColumn(3).getText()).value_or(Presence::present),
                           rows.getColumn(4).getInt() != 0});
    }
    return records;
}

constexpr std::string_view answer_columns =
    "SELECT meeting, occurrence, person, answer, sequence, answered_utc, delegated_to, comment, recorded_by FROM answer";
constexpr std::string_view attendance_columns = "SELECT meeting, occurrence, person, presence, walk_in FROM attendance";

}  // namespace

std::vector<RecordedAnswer> Store::answers(const MeetingId& meeting) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        auto rows_prepared = db.prepared(std::string(answer_columns) + " WHERE meeting = ? ORDER BY occurrence, person");
        SQLite::Statement& rows = rows_prepared;
        rows.bind(1, meeting.str());
        return answers_of(rows);
    });
}

std::vector<RecordedAnswer> Store::all_answers() const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        auto rows_prepared = db.prepared(std::string(answer_columns) + " ORDER BY meeting, occurrence, person");
        SQLite::Statement& rows = rows_prepared;
        return answers_of(rows);
    });
}

std::set<PersonId> Store::delegates() const
{
    return ids_of<PersonId>(connection_->database,
                            "SELECT DISTINCT delegated_to FROM answer WHERE delegated_to IS NOT NULL");
}

std::vector<AttendanceRecord> Store::attendance() const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        auto rows_prepared = db.prepared(std::string(attendance_columns) + " ORDER BY meeting, occurrence, person");
        SQLite::Statement& rows = rows_prepared;
        return attendance_of(rows);
    });
}

std::vector<AttendanceRecord> Store::attendance(const MeetingId& meeting) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        auto rows_prepared = db.prepared(std::string(attendance_columns) + " WHERE meeting = ? ORDER BY occurrence, person");
        SQLite::Statement& rows = rows_prepared;
        rows.bind(1, meeting.str());
        return attendance_of(rows);
    });
}

namespace {

// Each record replaces the one of the same meeting, occurrence and person.
void write_attendance(Database& db, std::span<const AttendanceRecord> records)
{
    auto record_prepared = db.prepared("INSERT INTO attendance (meeting, occurrence, person, presence, walk_in) VALUES "
                                       "(?, ?, ?, ?, ?) ON CONFLICT (meeting, occurrence, person) DO UPDATE SET "
                                       "presence = excluded.presence, walk_in = excluded.walk_in");
    SQLite::Statement& record = record_prepared;
    for (const auto& r : records) {
        run(record, r.meeting.str(), occurrence_text(r.occurrence), r.person.str(), std::string(to_string(r.presence)),
            r.walk_in ? 1 : 0);
    }
}

}  // namespace

void Store::record_attendance(std::span<const AttendanceRecord> records)
{
    auto& db = connection_->database;
    writing(db, "the attendance was not recorded (nothing was)", [&] { write_attendance(db, records); });
}

void Store::add_walk_in(const Person& person, const AttendanceRecord& record)
{
    auto& db = connection_->database;
    writing(db, "the walk-in was not recorded (nothing was)", [&] {
        auto taken_prepared = db.prepared("SELECT 1 FROM person WHERE id = ?");
        SQLite::Statement& taken = taken_prepared;
        taken.bind(1, person.id.str());
        if (taken.executeStep()) {
            throw Error(fmt::format("another command added a person '{}' since this one read the store; nothing was "
                                    "recorded, try again",
                                    person.id.str()));
        }
        PersonWriter write_person(db);
        write_person(person);
        write_attendance(db, std::span(&record, 1));
    });
}

namespace {

// An answer replaces the one of the same meeting, occurrence and person only when it is
// the newest answer to the newest version, also against one that another command
// recorded after this one read the store.
constexpr std::string_view newest_answer_wins =
    "INSERT INTO answer (meeting, occurrence, person, answer, sequence, answered_utc, delegated_to, comment, "
    "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (meeting, occurrence, person) DO UPDATE SET "
    "answer = excluded.answer, sequence = excluded.sequence, answered_utc = excluded.answered_utc, delegated_to = "
    "excluded.delegated_to, comment = excluded.comment, recorded_by = excluded.recorded_by WHERE excluded.sequence > "
    "answer.sequence OR (excluded.sequence = answer.sequence AND excluded.answered_utc >= answer.answered_utc)";

// Runs newest_answer_wins for one answer; true when it was written.
bool write_answer(SQLite::Statement& statement, const RecordedAnswer& a)
{
    statement.reset();
    bind_all(statement, a.meeting.str(), occurrence_text(a.occurrence), a.person.str(), std::string(to_string(a.answer)),
             a.sequence, to_db_time(a.answered));
    bind_text_or_null(statement, 7, a.delegated_to ? std::optional(a.delegated_to->str()) : std::nullopt);
    statement.bind(8, a.comment);
    bind_text_or_null(statement, 9, a.recorded_by);
    return statement.exec() > 0;
}

}  // namespace

Store::HandAnswerOutcome Store::record_hand_answer(const RecordedAnswer& a)
{
    auto& db = connection_->database;
    return writing(db, "the answer was not recorded", [&] {
        auto invited_prepared = db.prepared("SELECT EXISTS (SELECT 1 FROM meeting_participant WHERE meeting = ?1 AND "
                                            "person = ?2) OR EXISTS (SELECT 1 FROM meeting_organiser WHERE meeting = ?1 "
                                            "AND person = ?2)");
        SQLite::Statement& invited = invited_prepared;
        bind_all(invited, a.meeting.str(), a.person.str());
        if (!invited.executeStep() || invited.getColumn(0).getInt() == 0) {
            return HandAnswerOutcome::not_invited;
        }
        auto answer_prepared = db.prepared(std::string(newest_answer_wins));
        SQLite::Statement& answer = answer_prepared;
        return write_answer(answer, a) ? HandAnswerOutcome::recorded : HandAnswerOutcome::newer_kept;
    });
}

void Store::record_answers(const AnswerImport& import)
{
    auto& db = connection_->database;
    writing(db, "the answers were not recorded (nothing was)", [&] {
        // A new delegate's id was chosen against the store as it was read: another
        // command may have added someone under it since. The same address is the same
        // person, left as they are; another address is someone else, never overwritten.
        PersonWriter write_person(db);
        auto stored_email_prepared = db.prepared("SELECT email FROM person WHERE id = ?");
        SQLite::Statement& stored_email = stored_email_prepared;
        for (const auto& p : import.new_people) {
            stored_email.reset();
            stored_email.bind(1, p.id.str());
            if (!stored_email.executeStep()) {
                write_person(p);
            } else if (!same_address(stored_email.getColumn(0).getString(), email_text(p))) {
                throw Error(fmt::format("another command added a person '{}' ({}) since this one read the store, "
                                        "where {} was to be added; nothing was recorded, run the command again",
                                        p.id.str(), stored_email.getColumn(0).getString(), email_text(p)));
            }
        }
        // A delegate is added to the meeting as it is now, after its last place; the
        // rest of the meeting is left as another command may just have written it.
        auto join_prepared = db.prepared("INSERT INTO meeting_participant (meeting, position, person, role) SELECT ?1, "
                                         "1 + max((SELECT coalesce(max(position), 0) FROM meeting_organiser WHERE meeting = ?1), "
                                         "(SELECT coalesce(max(position), 0) FROM meeting_participant WHERE meeting = ?1)), "
                                         "?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM meeting_participant WHERE meeting = ?1 AND "
                                         "person = ?2) AND NOT EXISTS (SELECT 1 FROM meeting_organiser WHERE meeting = ?1 "
                                         "AND person = ?2)");
        SQLite::Statement& join = join_prepared;
        for (const auto& [meeting, participant] : import.joins) {
            run(join, meeting.str(), participant.person.str(), std::string(to_string(participant.role)));
        }
        auto answer_prepared = db.prepared(std::string(newest_answer_wins));
        SQLite::Statement& answer = answer_prepared;
        for (const auto& a : import.answers) {
            static_cast<void>(write_answer(answer, a));
        }
    });
}

std::vector<BusyPeriod> Store::busy_periods() const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        std::vector<BusyPeriod> periods;
        // Periods of one person that start together keep the order they were imported
        // in (rowid), the order a question about a window of time gives them in too.
        auto rows_prepared = db.prepared(std::string(busy_period_columns) + " FROM busy_period ORDER BY person, start_utc, rowid");
        SQLite::Statement& rows = rows_prepared;
        while (rows.executeStep()) {
            periods.push_back(busy_period_of_row(rows));
        }
        return periods;
    });
}

int Store::replace_busy_periods(const PersonId& person, const std::string& file, std::span<const BusyPeriod> periods)
{
    auto& db = connection_->database;
    return writing(db, "the busy periods were not imported (nothing was)", [&] {
        auto clear_prepared = db.prepared("DELETE FROM busy_period WHERE person = ? AND source = ?");
        SQLite::Statement& clear = clear_prepared;
        clear.bind(1, person.str());
        clear.bind(2, file);
        const int replaced = clear.exec();
        auto add_period_prepared = db.prepared("INSERT INTO busy_period (person, source, start_utc, end_utc, summary) "
                                               "VALUES (?, ?, ?, ?, ?)");
        SQLite::Statement& add_period = add_period_prepared;
        for (const auto& period : periods) {
            run(add_period, person.str(), file, to_db_time(period.time.start()), to_db_time(period.time.end()),
                period.source);
        }
        return replaced;
    });
}

std::vector<ListedHoliday> Store::listed_holidays() const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        std::vector<ListedHoliday> days;
        auto rows_prepared = db.prepared("SELECT region, date, name FROM listed_holiday ORDER BY region, date, name");
        SQLite::Statement& rows = rows_prepared;
        while (rows.executeStep()) {
            days.push_back({rows.getColumn(0).getString(),
                            Holiday{greg::from_simple_string(rows.getColumn(1).getString()),
                                    rows.getColumn(2).getString()}});
        }
        return days;
    });
}

int Store::replace_listed_holidays(const std::string& region, const std::string& file, std::span<const Holiday> days)
{
    auto& db = connection_->database;
    return writing(db, "the holidays were not imported (nothing was)", [&] {
        auto clear_prepared = db.prepared("DELETE FROM listed_holiday WHERE region = ? AND source = ?");
        SQLite::Statement& clear = clear_prepared;
        clear.bind(1, region);
        clear.bind(2, file);
        const int replaced = clear.exec();
        auto add_day_prepared = db.prepared("INSERT OR IGNORE INTO listed_holiday (region, source, date, name) "
                                            "VALUES (?, ?, ?, ?)");
        SQLite::Statement& add_day = add_day_prepared;
        for (const auto& day : days) {
            run(add_day, region, file, greg::to_iso_extended_string(day.date), day.name);
        }
        return replaced;
    });
}

std::string new_uid()
{
    std::random_device entropy;
    std::uniform_int_distribution<unsigned> byte(0, 255);
    std::array<unsigned, 16> bytes{};
    for (auto& b : bytes) {
        b = byte(entropy);
    }
    bytes[6] = (bytes[6] & 0x0FU) | 0x40U;  // version 4
    bytes[8] = (bytes[8] & 0x3FU) | 0x80U;  // RFC 4122 variant
    std::string uid;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        uid += fmt::format("{:02x}", bytes[i]);
        if (i == 3 || i == 5 || i == 7 || i == 9) {
            uid += '-';
        }
    }
    return uid;
}

}  // namespace planner::db
