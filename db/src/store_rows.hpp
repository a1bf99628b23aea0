#pragma once
// How the store's rows become records, shared by the whole-store walk (store.cpp) and
// the questions about a part of the store (meeting_queries.cpp), so that a row is read
// the same way whichever question reads it. Internal to db/src.

#include "sqlite_support.hpp"

#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/error.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <fmt/format.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace planner::db {

// A row whose values are not what the schema means: load() stops at the first,
// `planner doctor` lists them all.
using ReportProblem = std::function<void(StoreProblem)>;

// Binds the values of a statement's parameters.
using Binding = std::function<void(SQLite::Statement&)>;

// Which meetings a walk over the meeting tables reads: those whose ids the SQL query
// `ids` gives ("SELECT ?" for one), its parameters bound by `bind`.
struct MeetingSelection {
    std::string ids;
    Binding bind;
};

// The rows of `select`, whose last column must be the rowid, its parameters bound by
// `bind`. A row for which `on_row` throws planner::Error is reported with its table and
// rowid, and left out.
template <class OnRow>
void for_each_row(Database& db, std::string_view table, const std::string& select,
                  const ReportProblem& report, OnRow on_row, const Binding* bind = nullptr)
{
    auto prepared = db.prepared(select);
    SQLite::Statement& rows = prepared;
    if (bind != nullptr) {
        (*bind)(rows);
    }
    const int rowid = rows.getColumnCount() - 1;
    while (rows.executeStep()) {
        try {
            on_row(rows);
        } catch (const Error& problem) {
            report({std::string(table), rows.getColumn(rowid).getInt64(), problem.what()});
        }
    }
}

// An enumeration's value as stored; `expected` lists what the schema allows.
template <class Value>
Value known_value(std::optional<Value> value, std::string_view what, const std::string& text, std::string_view expected)
{
    if (!value) {
        throw Error(fmt::format("unknown {} '{}', expected {}", what, text, expected));
    }
    return *value;
}

// "2012-10-11", as greg::to_iso_extended_string writes it.
[[nodiscard]] boost::gregorian::date date_from_db(const std::string& text);
[[nodiscard]] MeetingStatus status_from_db(const std::string& text);
// The two columns from `start` on, as UTC times.
[[nodiscard]] TimeRange time_range_from_db(const SQLite::Statement& row, int start);

// The columns each record is read from ("SELECT ..., rowid", to be followed by FROM
// and a condition), and the record of such a row.
inline constexpr std::string_view county_columns = "SELECT id, name, seat, state, lat, lon, rowid";
inline constexpr std::string_view organisation_columns =
    "SELECT id, name, county, kind, lat, lon, office_hours, rowid";
inline constexpr std::string_view person_columns =
    "SELECT id, name, email, organisation, function, step_free, lat, lon, postal_address, rowid";
inline constexpr std::string_view venue_columns =
    "SELECT id, name, address, county, capacity, lat, lon, accessible, rowid";
[[nodiscard]] County county_of_row(const SQLite::Statement& row);
[[nodiscard]] Organisation organisation_of_row(const SQLite::Statement& row);
[[nodiscard]] Person person_of_row(const SQLite::Statement& row);
[[nodiscard]] Venue venue_of_row(const SQLite::Statement& row);
// A busy period's `source` says what and from where: "'Zahnarzt' in outlook-export.ics".
// Its rows are read without the walk that names damaged rows, so without a rowid.
inline constexpr std::string_view busy_period_columns = "SELECT person, start_utc, end_utc, summary, source";
[[nodiscard]] BusyPeriod busy_period_of_row(const SQLite::Statement& row);

// The meetings with their organisers, participants, counties, agenda and series: all
// of them, or only those selected.
[[nodiscard]] std::map<MeetingId, Meeting> read_meetings(Database& db, const ReportProblem& report,
                                                         const MeetingSelection* only = nullptr);

// A command stops at the first damaged row, naming it.
[[noreturn]] void refuse_damaged(Database& db, const StoreProblem& problem);

}  // namespace planner::db
