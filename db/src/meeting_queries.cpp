// The store's questions about a part of it: a page of meetings, the meetings around a
// window of time or of some people and venues, the records a few meetings refer to.
// Each is answered from indexes (schema.cpp, the migration part_questions) in a few
// statements; rows are read by the same decoders as load() (store_rows.hpp).

#include <planner/db/store.hpp>

#include "sqlite_support.hpp"
#include "store_rows.hpp"

#include <planner/error.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace planner::db {
namespace {

using namespace sql;

// A list of ids as one JSON array, bound to a single parameter and read by SQLite's
// json_each: one statement for any number of ids, where a placeholder each would
// need a statement per count (and stop at SQLite's limit of variables).
template <class Ids>
std::string json_array(const Ids& ids)
{
    std::string json = "[";
    for (const auto& id : ids) {
        json += json.size() == 1 ? "\"" : ",\"";
        for (const char c : id.str()) {
            if (c == '"' || c == '\\') {
                json += '\\';
                json += c;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                json += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
            } else {
                json += c;
            }
        }
        json += '"';
    }
    return json + "]";
}

constexpr std::string_view in_json = "IN (SELECT value FROM json_each({}))";

// Every stored time ("2013-...Z") sorts before this as text: the end of a window open
// at its end. The empty text sorts before every time: the start of one open at its start.
constexpr std::string_view after_every_time = "~";

// The longest meeting of each length_class of the schema (0 to 2; 3 has no bound), and
// a minute more: julianday() counts days in floating point, so a meeting of exactly a
// day may land in either class.
const std::array<pt::time_duration, 3> longest_of_class{pt::hours(24) + pt::minutes(1),
                                                        pt::hours(7 * 24) + pt::minutes(1),
                                                        pt::hours(31 * 24) + pt::minutes(1)};

// The rows of `table` (alias `alias`) whose time overlaps the window [:from, :to),
// found through the index on (length_class, start_utc): a row that ends after :from
// began at most its class's longest length before it. The parameters are bound by
// bind_window. `partial` repeats the WHERE of a partial index, for SQLite to use it.
std::string overlapping(std::string_view table, std::string_view alias, std::string_view partial = {})
{
    return fmt::format("(VALUES (0, :earliest0), (1, :earliest1), (2, :earliest2), (3, '')) AS class "
                       "JOIN {} {} ON {}.length_class = class.column1 AND {}.start_utc >= class.column2 AND "
                       "{}.start_utc < :to AND {}.end_utc > :from{}",
                       table, alias, alias, alias, alias, alias,
                       partial.empty() ? std::string() : fmt::format(" AND {}.{}", alias, partial));
}

void bind_window(SQLite::Statement& statement, const std::optional<pt::ptime>& from, const std::optional<pt::ptime>& to)
{
    const auto earliest = [&](std::size_t length_class) {
        return from ? to_db_time(*from - longest_of_class.at(length_class)) : std::string();
    };
    statement.bind(":earliest0", earliest(0));
    statement.bind(":earliest1", earliest(1));
    statement.bind(":earliest2", earliest(2));
    statement.bind(":from", from ? to_db_time(*from) : std::string());
    statement.bind(":to", to ? to_db_time(*to) : std::string(after_every_time));
}

// The ids of some people's and venues' meetings that may start in a time: of length_class
// N, from the Nth earliest start on, to the last. A few rows of the indexes on
// (person or venue, length_class, start) for each, however many meetings they have in
// the year. The people's rows know the start to the minute only (people_by_time in
// schema.cpp), so the bounds are widened by a minute each way; the caller holds the
// meetings found against their own times.
std::string involving_ids()
{
    const auto by_time = [](std::string_view id, std::string_view table, std::string_view key, std::string_view list,
                            std::string_view start, std::string_view bound) {
        return fmt::format("SELECT i.{0} FROM (VALUES (0, :{5}0), (1, :{5}1), (2, :{5}2), (3, :{5}3)) AS class "
                           "JOIN {1} i ON i.{2} {3} AND i.length_class = class.column1 AND i.{4} >= class.column2 "
                           "AND i.{4} <= :last_{5}",
                           id, table, key, fmt::format(in_json, list), start, bound);
    };
    return fmt::format("{} UNION {} UNION {} UNION SELECT meeting FROM meeting_occurrence WHERE venue {}",
                       by_time("meeting", "meeting_participant", "person", ":people", "start_minute", "minute"),
                       by_time("meeting", "meeting_organiser", "person", ":people", "start_minute", "minute"),
                       by_time("id", "meeting", "venue", ":venues", "start_utc", "start"),
                       fmt::format(in_json, ":venues"));
}

// Minutes since 1970, as SQLite works out start_minute: truncated toward zero.
std::int64_t minute_of(pt::ptime time)
{
    return (time - pt::ptime(greg::date(1970, 1, 1))).total_seconds() / 60;
}

// For involving_ids: the earliest start of each length_class (none: any) and the last.
void bind_starts(SQLite::Statement& statement, const std::array<std::optional<pt::ptime>, 4>& earliest,
                 pt::ptime last)
{
    for (std::size_t length_class = 0; length_class < earliest.size(); ++length_class) {
        const auto& first = earliest.at(length_class);
        statement.bind(fmt::format(":start{}", length_class), first ? to_db_time(*first) : std::string());
        statement.bind(fmt::format(":minute{}", length_class),
                       first ? minute_of(*first) - 1 : std::numeric_limits<std::int64_t>::min());
    }
    statement.bind(":last_start", to_db_time(last));
    statement.bind(":last_minute", minute_of(last) + 1);
}

// The same as a condition on the meeting `m`, for a search driven by something else:
// the series, which are few, where involving_ids would collect every meeting of the
// people first.
std::string involves_condition()
{
    return fmt::format("(EXISTS (SELECT 1 FROM meeting_participant i WHERE i.meeting = m.id AND i.person {0}) OR "
                       "EXISTS (SELECT 1 FROM meeting_organiser i WHERE i.meeting = m.id AND i.person {0}) OR "
                       "m.venue {1} OR EXISTS (SELECT 1 FROM meeting_occurrence i WHERE i.meeting = m.id AND "
                       "i.venue {1}))",
                       fmt::format(in_json, ":people"), fmt::format(in_json, ":venues"));
}

void bind_involving(SQLite::Statement& statement, const Involving& involving)
{
    statement.bind(":people", json_array(involving.people));
    statement.bind(":venues", json_array(involving.venues));
}

// The conditions of a query other than its window and status, on the meeting `m`.
std::string filters_of(const MeetingQuery& query)
{
    std::string where;
    const auto organised_by = [](std::string_view parameter) {
        return fmt::format("EXISTS (SELECT 1 FROM meeting_organiser o JOIN person p ON p.id = o.person WHERE "
                           "o.meeting = m.id AND p.organisation = {})",
                           parameter);
    };
    const auto brings_together = [](std::string_view parameter) {
        return fmt::format("EXISTS (SELECT 1 FROM meeting_county c WHERE c.meeting = m.id AND c.county = {})",
                           parameter);
    };
    if (query.county) {
        where += " AND " + brings_together(":county");
    }
    if (query.organisation) {
        where += " AND " + organised_by(":organisation");
    }
    if (query.visible_to) {
        where += fmt::format(
            " AND ({} OR {} OR EXISTS (SELECT 1 FROM venue held WHERE held.id = m.venue AND held.county = "
            ":visible_county) OR EXISTS (SELECT 1 FROM meeting_occurrence changed JOIN venue held ON held.id = "
            "changed.venue WHERE changed.meeting = m.id AND held.county = :visible_county))",
            organised_by(":visible_organisation"), brings_together(":visible_county"));
    }
    return where;
}

void bind_filters(SQLite::Statement& statement, const MeetingQuery& query)
{
    if (query.county) {
        statement.bind(":county", query.county->str());
    }
    if (query.organisation) {
        statement.bind(":organisation", query.organisation->str());
    }
    if (query.visible_to) {
        statement.bind(":visible_organisation", query.visible_to->organisation.str());
        statement.bind(":visible_county", query.visible_to->county.str());
    }
}

// The meetings whose ids `selection` gives. The ids are found once and handed to the
// walk as a list: the walk reads seven tables, and the search behind a selection (a
// window, some people's meetings) would otherwise run for each.
std::map<MeetingId, Meeting> read_selected(Database& db, const MeetingSelection& selection,
                                           const ReportProblem& report)
{
    std::vector<MeetingId> ids;
    auto search_prepared = db.prepared(selection.ids);
    SQLite::Statement& search = search_prepared;
    selection.bind(search);
    while (search.executeStep()) {
        ids.emplace_back(search.getColumn(0).getString());
    }
    if (ids.empty()) {
        return {};
    }
    const auto json = json_array(ids);
    const MeetingSelection listed{"SELECT value FROM json_each(:selected)",
                                  [&](SQLite::Statement& statement) { statement.bind(":selected", json); }};
    return read_meetings(db, report, &listed);
}

std::int64_t as_sql_count(std::size_t count)
{
    return static_cast<std::int64_t>(
        std::min<std::size_t>(count, static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max())));
}

ReportProblem refusing(Database& db)
{
    return [&db](const StoreProblem& problem) { refuse_damaged(db, problem); };
}

// The page of single meetings (and their total) that match the query.
MeetingPage single_summaries(Database& db, const MeetingQuery& query)
{
    auto where = filters_of(query);
    if (query.status) {
        where += " AND m.status = :status";
    }
    const auto bind = [&](SQLite::Statement& statement) {
        bind_window(statement, query.from, query.to);
        bind_filters(statement, query);
        if (query.status) {
            statement.bind(":status", std::string(to_string(*query.status)));
        }
    };
    const auto from = overlapping("meeting", "m", "recurrence IS NULL");
    MeetingPage page;
    auto count_prepared = db.prepared(fmt::format("SELECT count(*) FROM {} WHERE 1{}", from, where));
    SQLite::Statement& count = count_prepared;
    bind(count);
    count.executeStep();
    page.total = static_cast<std::size_t>(count.getColumn(0).getInt64());

    std::map<MeetingId, std::size_t> position;
    const Binding bind_page = [&](SQLite::Statement& statement) {
        bind(statement);
        statement.bind(":limit", as_sql_count(query.limit));
        statement.bind(":offset", as_sql_count(query.offset));
    };
    for_each_row(db, "meeting",
                 fmt::format("SELECT m.id, m.title, m.start_utc, m.end_utc, m.time_zone, m.venue, v.name, m.status, "
                             "m.rowid FROM {} JOIN venue v ON v.id = m.venue WHERE 1{} ORDER BY m.start_utc, m.id "
                             "LIMIT :limit OFFSET :offset",
                             from, where),
                 refusing(db),
                 [&](const SQLite::Statement& row) {
                     page.meetings.push_back({MeetingId(row.getColumn(0).getString()), row.getColumn(1).getString(),
                                              time_range_from_db(row, 2), row.getColumn(4).getString(),
                                              VenueId(row.getColumn(5).getString()), row.getColumn(6).getString(),
                                              status_from_db(row.getColumn(7).getString()), false, {}});
                     position.emplace(page.meetings.back().id, page.meetings.size() - 1);
                 },
                 &bind_page);
    if (page.meetings.empty()) {
        return page;
    }
    std::vector<MeetingId> ids;
    for (const auto& summary : page.meetings) {
        ids.push_back(summary.id);
    }
    auto counties_prepared = db.prepared(fmt::format("SELECT meeting, county FROM meeting_county WHERE meeting {} "
                                                     "ORDER BY meeting, position",
                                                     fmt::format(in_json, ":ids")));
    SQLite::Statement& counties = counties_prepared;
    counties.bind(":ids", json_array(ids));
    while (counties.executeStep()) {
        page.meetings[position.at(MeetingId(counties.getColumn(0).getString()))].counties.emplace_back(
            counties.getColumn(1).getString());
    }
    return page;
}

// The series that may match the query: everything but their window and status, which
// only their expansion decides.
std::vector<SeriesCandidate> series_candidates(Database& db, const MeetingQuery& query)
{
    std::string when;
    if (query.to) {
        // A series' meetings start at its first, or where a change moved one to.
        when = " AND (m.start_utc < :to OR EXISTS (SELECT 1 FROM meeting_occurrence changed WHERE changed.meeting = "
               "m.id AND changed.start_utc < :to))";
    }
    const MeetingSelection selected{
        fmt::format("SELECT m.id FROM meeting m WHERE m.recurrence IS NOT NULL{}{}", when, filters_of(query)),
        [&](SQLite::Statement& statement) {
            if (query.to) {
                statement.bind(":to", to_db_time(*query.to));
            }
            bind_filters(statement, query);
        }};
    auto meetings = read_selected(db, selected, refusing(db));
    std::vector<SeriesCandidate> candidates;
    if (meetings.empty()) {
        return candidates;
    }
    std::vector<MeetingId> ids;
    for (const auto& [id, meeting] : meetings) {
        ids.push_back(id);
    }
    std::map<MeetingId, std::map<VenueId, std::string>> names;
    auto venues_prepared = db.prepared(fmt::format("SELECT m.id, v.id, v.name FROM meeting m JOIN venue v ON v.id = m.venue "
                                                   "WHERE m.id {0} UNION SELECT o.meeting, v.id, v.name FROM "
                                                   "meeting_occurrence o JOIN venue v ON v.id = o.venue WHERE o.meeting {0}",
                                                   fmt::format(in_json, ":ids")));
    SQLite::Statement& venues = venues_prepared;
    venues.bind(":ids", json_array(ids));
    while (venues.executeStep()) {
        names[MeetingId(venues.getColumn(0).getString())].emplace(venues.getColumn(1).getString(),
                                                                  venues.getColumn(2).getString());
    }
    for (auto& [id, meeting] : meetings) {
        candidates.push_back({std::move(meeting), std::move(names[id])});
    }
    return candidates;
}

template <class Record>
std::vector<Record> records_where(Database& db, std::string_view table, std::string_view columns,
                                  const std::string& condition, Record (*of_row)(const SQLite::Statement&),
                                  const Binding& bind)
{
    std::vector<Record> records;
    for_each_row(db, table, fmt::format("{} FROM {} WHERE {}", columns, table, condition), refusing(db),
                 [&](const SQLite::Statement& row) { records.push_back(of_row(row)); }, &bind);
    return records;
}

template <class Record, class Ids>
std::vector<Record> records_of_ids(Database& db, std::string_view table, std::string_view columns,
                                   const Ids& ids, Record (*of_row)(const SQLite::Statement&))
{
    if (ids.empty()) {
        return {};
    }
    const auto json = json_array(ids);
    return records_where(db, table, columns, "id " + fmt::format(in_json, ":ids"), of_row,
                         [&](SQLite::Statement& statement) { statement.bind(":ids", json); });
}

}  // namespace

void Store::read_together(const std::function<void()>& questions) const
{
    reading(connection_->database, [&] { questions(); });
}

void Store::write_together(const std::function<void()>& work)
{
    writing(connection_->database, "nothing was written", [&] { work(); });
}

SummaryCandidates Store::meeting_summaries(const MeetingQuery& query) const
{
    if (query.from && query.to && *query.to <= *query.from) {
        throw Error(fmt::format("the window of meetings ends ({}) before it starts ({})", to_db_time(*query.to),
                                to_db_time(*query.from)));
    }
    auto& db = connection_->database;
    return reading(db, [&] { return SummaryCandidates{single_summaries(db, query), series_candidates(db, query)}; });
}

std::optional<TimeRange> Store::singles_extent(const TimeRange& range, const Involving* involving) const
{
    auto& db = connection_->database;
    return reading(db, [&]() -> std::optional<TimeRange> {
        const std::string sql =
            involving == nullptr
                ? fmt::format("SELECT min(m.start_utc), max(m.end_utc) FROM {}",
                              overlapping("meeting", "m", "recurrence IS NULL"))
                // The few meetings involving_ids finds first (CROSS JOIN keeps that
                // order), then their own times.
                : fmt::format("SELECT min(m.start_utc), max(m.end_utc) FROM ({}) AS wanted CROSS JOIN meeting m ON "
                              "m.id = wanted.meeting WHERE m.recurrence IS NULL AND m.start_utc < :to AND m.end_utc > "
                              ":from",
                              involving_ids());
        auto prepared = db.prepared(sql);
        SQLite::Statement& extent = prepared;
        if (involving == nullptr) {
            bind_window(extent, range.start(), range.end());
        } else {
            // Those that end after the start began at most their class's longest length before it.
            std::array<std::optional<pt::ptime>, 4> earliest;
            for (std::size_t length_class = 0; length_class < longest_of_class.size(); ++length_class) {
                earliest.at(length_class) = range.start() - longest_of_class.at(length_class);
            }
            bind_starts(extent, earliest, range.end());
            extent.bind(":from", to_db_time(range.start()));
            extent.bind(":to", to_db_time(range.end()));
            bind_involving(extent, *involving);
        }
        extent.executeStep();
        if (extent.getColumn(0).isNull()) {
            return std::nullopt;
        }
        return time_range_from_db(extent, 0);
    });
}

std::vector<Meeting> Store::singles_starting(const TimeRange& starts, const Involving* involving) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        const auto bind_times = [&](SQLite::Statement& statement) {
            statement.bind(":first", to_db_time(starts.start()));
            statement.bind(":end", to_db_time(starts.end()));
        };
        const MeetingSelection selected =
            involving == nullptr
                ? MeetingSelection{"SELECT id FROM meeting WHERE recurrence IS NULL AND start_utc >= :first AND "
                                   "start_utc < :end",
                                   bind_times}
                : MeetingSelection{fmt::format("SELECT m.id FROM ({}) AS wanted CROSS JOIN meeting m ON m.id = "
                                               "wanted.meeting WHERE m.recurrence IS NULL AND m.start_utc >= :first "
                                               "AND m.start_utc < :end",
                                               involving_ids()),
                                   [&](SQLite::Statement& statement) {
                                       bind_times(statement);
                                       bind_starts(statement, {starts.start(), starts.start(), starts.start(),
                                                               starts.start()},
                                                   starts.end());
                                       bind_involving(statement, *involving);
                                   }};
        std::vector<Meeting> meetings;
        for (auto& [id, meeting] : read_selected(db, selected, refusing(db))) {
            meetings.push_back(std::move(meeting));
        }
        return meetings;
    });
}

namespace {

// The public meetings that `condition` (on m, with :owner) keeps, from the partial index
// of public meetings.
std::vector<Meeting> public_meetings(Database& db, std::string_view condition, const std::string& owner,
                                     pt::ptime ends_after)
{
    return reading(db, [&] {
        const MeetingSelection selected{
            fmt::format("SELECT m.id FROM meeting m INDEXED BY meeting_published WHERE m.published = 1 AND "
                        "(m.recurrence IS NOT NULL OR m.end_utc > :after) AND ({})",
                        condition),
            [&](SQLite::Statement& statement) {
                statement.bind(":owner", owner);
                statement.bind(":after", to_db_time(ends_after));
            }};
        std::vector<Meeting> meetings;
        for (auto& [id, meeting] : read_selected(db, selected, refusing(db))) {
            meetings.push_back(std::move(meeting));
        }
        return meetings;
    });
}

}  // namespace

std::vector<Meeting> Store::public_meetings_of(const CountyId& county, pt::ptime ends_after) const
{
    return public_meetings(connection_->database,
                           "EXISTS (SELECT 1 FROM meeting_county c WHERE c.meeting = m.id AND c.county = :owner) OR "
                           "EXISTS (SELECT 1 FROM venue v WHERE v.id = m.venue AND v.county = :owner)",
                           county.str(), ends_after);
}

std::vector<Meeting> Store::public_meetings_of(const OrganisationId& organisation, pt::ptime ends_after) const
{
    return public_meetings(connection_->database,
                           "EXISTS (SELECT 1 FROM meeting_organiser o JOIN person p ON p.id = o.person WHERE "
                           "o.meeting = m.id AND p.organisation = :owner)",
                           organisation.str(), ends_after);
}

std::vector<Meeting> Store::series_before(pt::ptime before, const Involving* involving) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        const MeetingSelection selected{
            "SELECT m.id FROM meeting m WHERE m.recurrence IS NOT NULL AND (m.start_utc < :before OR EXISTS (SELECT "
            "1 FROM meeting_occurrence changed WHERE changed.meeting = m.id AND changed.start_utc < :before))" +
                (involving == nullptr ? std::string() : " AND " + involves_condition()),
            [&](SQLite::Statement& statement) {
                statement.bind(":before", to_db_time(before));
                if (involving != nullptr) {
                    bind_involving(statement, *involving);
                }
            }};
        std::vector<Meeting> meetings;
        for (auto& [id, meeting] : read_selected(db, selected, refusing(db))) {
            meetings.push_back(std::move(meeting));
        }
        return meetings;
    });
}

Directory Store::records_of(std::span<const Meeting> meetings, const std::set<PersonId>& also) const
{
    auto people = also;
    std::set<VenueId> venues;
    std::set<CountyId> counties;
    for (const auto& meeting : meetings) {
        people.insert(meeting.organisers.begin(), meeting.organisers.end());
        for (const auto& participant : meeting.participants) {
            people.insert(participant.person);
        }
        for (const auto& item : meeting.agenda) {
            if (item.presenter) {
                people.insert(*item.presenter);
            }
        }
        venues.insert(meeting.venue);
        if (meeting.recurrence) {
            for (const auto& change : meeting.recurrence->changes) {
                if (change.venue) {
                    venues.insert(*change.venue);
                }
            }
        }
        counties.insert(meeting.counties.begin(), meeting.counties.end());
    }
    auto& db = connection_->database;
    return reading(db, [&] {
        Directory records;
        std::set<OrganisationId> organisations;
        for (auto& person : records_of_ids(db, "person", person_columns, people, person_of_row)) {
            organisations.insert(person.organisation);
            records.add(std::move(person));
        }
        for (auto& organisation :
             records_of_ids(db, "organisation", organisation_columns, organisations, organisation_of_row)) {
            counties.insert(organisation.county);
            records.add(std::move(organisation));
        }
        for (auto& venue : records_of_ids(db, "venue", venue_columns, venues, venue_of_row)) {
            counties.insert(venue.county);
            records.add(std::move(venue));
        }
        for (auto& county : records_of_ids(db, "county", county_columns, counties, county_of_row)) {
            records.add(std::move(county));
        }
        return records;
    });
}

std::vector<Person> Store::members_of(const std::set<OrganisationId>& organisations) const
{
    auto& db = connection_->database;
    const auto json = json_array(organisations);
    return reading(db, [&] {
        return records_where(db, "person", person_columns, "organisation " + fmt::format(in_json, ":organisations"),
                             person_of_row,
                             [&](SQLite::Statement& statement) { statement.bind(":organisations", json); });
    });
}

std::vector<Person> Store::people_named(std::string_view fragment, const std::set<CountyId>& counties,
                                        std::size_t limit) const
{
    if (fragment.empty() || counties.empty() || limit == 0) {
        return {};
    }
    std::string pattern = "%";
    for (const char c : fragment) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    pattern += '%';
    const auto json = json_array(counties);
    auto& db = connection_->database;
    return reading(db, [&] {
        return records_where(db, "person", person_columns,
                             fmt::format("name LIKE :pattern ESCAPE '\\' AND organisation IN (SELECT id FROM "
                                         "organisation WHERE county {}) ORDER BY name, id LIMIT :limit",
                                         fmt::format(in_json, ":counties")),
                             person_of_row, [&](SQLite::Statement& statement) {
                                 statement.bind(":pattern", pattern);
                                 statement.bind(":counties", json);
                                 statement.bind(":limit", static_cast<std::int64_t>(limit));
                             });
    });
}

std::vector<Organisation> Store::organisations_in(const std::set<CountyId>& counties) const
{
    const auto json = json_array(counties);
    auto& db = connection_->database;
    return reading(db, [&] {
        return records_where(db, "organisation", organisation_columns,
                             fmt::format("county {} ORDER BY name, id", fmt::format(in_json, ":counties")),
                             organisation_of_row,
                             [&](SQLite::Statement& statement) { statement.bind(":counties", json); });
    });
}

std::set<PersonId> Store::delegates_among(const std::set<PersonId>& people) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        std::set<PersonId> delegates;
        auto rows_prepared = db.prepared(fmt::format("SELECT DISTINCT delegated_to FROM answer WHERE delegated_to {}",
                                                     fmt::format(in_json, ":people")));
        SQLite::Statement& rows = rows_prepared;
        rows.bind(":people", json_array(people));
        while (rows.executeStep()) {
            delegates.emplace(rows.getColumn(0).getString());
        }
        return delegates;
    });
}

std::vector<BusyPeriod> Store::busy_periods(const TimeRange& range) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        std::vector<BusyPeriod> periods;
        auto rows_prepared = db.prepared(fmt::format("{} FROM {} ORDER BY b.person, b.start_utc, b.rowid",
                                                     busy_period_columns, overlapping("busy_period", "b")));
        SQLite::Statement& rows = rows_prepared;
        bind_window(rows, range.start(), range.end());
        while (rows.executeStep()) {
            periods.push_back(busy_period_of_row(rows));
        }
        return periods;
    });
}

std::vector<ListedHoliday> Store::listed_holidays(greg::date first, greg::date last) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        std::vector<ListedHoliday> days;
        auto rows_prepared = db.prepared("SELECT region, date, name FROM listed_holiday WHERE date >= ? AND date <= ? "
                                         "ORDER BY region, date, name");
        SQLite::Statement& rows = rows_prepared;
        bind_all(rows, greg::to_iso_extended_string(first), greg::to_iso_extended_string(last));
        while (rows.executeStep()) {
            days.push_back({rows.getColumn(0).getString(),
                            Holiday{date_from_db(rows.getColumn(1).getString()), rows.getColumn(2).getString()}});
        }
        return days;
    });
}

std::vector<MeetingId> Store::meeting_ids(std::size_t count) const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        std::vector<MeetingId> ids;
        auto rows_prepared = db.prepared("SELECT id FROM meeting ORDER BY id LIMIT ?");
        SQLite::Statement& rows = rows_prepared;
        rows.bind(1, as_sql_count(count));
        while (rows.executeStep()) {
            ids.emplace_back(rows.getColumn(0).getString());
        }
        return ids;
    });
}

std::size_t Store::meeting_count() const
{
    auto& db = connection_->database;
    return reading(db, [&] {
        return static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM meeting").getInt64());
    });
}

}  // namespace planner::db
