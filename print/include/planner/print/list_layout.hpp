#pragma once

#include <planner/print/attendance_list.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::print {

// What every format of an attendance list shares: which columns, in which language,
// grouped how, with which data-protection note.

enum class Column { number, name, organisation, county, function, signature };
enum class Grouping { none, county };

// Every member has a default, so designated initializers may name only what they
// change: ListOptions{.grouping = Grouping::county}.
struct ListOptions {
    Language language = Language::de;
    Grouping grouping = Grouping::none;
    // Columns left out: the name of a self-help group can reveal a health condition
    // of the person on the list. Nr., Name and the signature always stay.
    std::vector<Column> omitted{};
    // Replaces the default note (see privacy_note below) where the format has a footer.
    std::optional<std::string> privacy_note{};
};

// The fixed words of a list in one language.
struct Wording {
    std::string_view heading;         // "Teilnehmerliste"
    std::string_view organised_by;    // "Organisation"
    std::string_view page_of;         // "Seite {} von {}"
    std::string_view people;          // "{} Personen"
    std::string_view person;          // "1 Person"
};
[[nodiscard]] const Wording& wording(Language language);

// The columns shown, in order: the six of a Teilnehmerliste without the omitted ones.
[[nodiscard]] std::vector<Column> visible_columns(const ListOptions& options);
// "Nr.", "Name", "Organisation", "Landkreis", "Funktion", "Unterschrift" (German) or
// "No.", "Name", "Organisation", "County", "Function", "Signature".
[[nodiscard]] std::string_view column_title(Column column, Language language);
// The row's text in that column; the signature column is empty.
[[nodiscard]] std::string cell(const AttendanceRow& row, Column column);
// The same for several columns: a table's header row and one of its rows.
[[nodiscard]] std::vector<std::string> column_titles(const std::vector<Column>& columns, Language language);
[[nodiscard]] std::vector<std::string> cells(const AttendanceRow& row, const std::vector<Column>& columns);

// Rows in the list's order, in runs of one county (with Grouping::county), or one run
// named "" with every row; no run for a list without rows.
struct RowGroup {
    std::string county;
    std::vector<const AttendanceRow*> rows;
};
[[nodiscard]] std::vector<RowGroup> row_groups(const AttendanceList& list, Grouping grouping);

// "2 Personen", "1 Person": the count in the list's language.
[[nodiscard]] std::string people_count(std::size_t count, Language language);
// "Bodenseekreis: 13 Personen", "Konstanz: 1 Person": a county group's subtotal.
[[nodiscard]] std::string county_subtotal(const RowGroup& group, Language language);

// The header's last line: "Organisation: Ulrich Köster, Monika Reiser".
[[nodiscard]] std::string organisers_line(const AttendanceList& list, Language language);

// The footer's data-protection note: the option's text, else the default, which names
// the purpose, the controller (list.controller) and how long the list is kept.
[[nodiscard]] std::string privacy_note(const AttendanceList& list, const ListOptions& options);

}  // namespace planner::print
