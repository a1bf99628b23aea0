#pragma once

#include <planner/attendance_stats.hpp>
#include <planner/date_format.hpp>
#include <planner/print/attendance_list.hpp>
#include <planner/print/list_layout.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace planner::print {

// The formats of an attendance list. Each shows the visible columns of `options` in
// its language; where a format has room, the meeting's header, county groups with
// their subtotals and the data-protection note.

// For the terminal: a header and an aligned table with a line to sign on.
void write_text(const AttendanceList& list, std::ostream& out, const ListOptions& options = {});

// What German Excel opens correctly: UTF-8 with a byte-order mark, semicolons, CRLF,
// one header row, one row per person (no group or subtotal rows: it is data).
void write_csv(const AttendanceList& list, std::ostream& out, const ListOptions& options = {});

// Rows as German Excel opens them (the format of write_csv): every value a cell.
void write_excel_csv(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

// The figures of a report (planner::attendance_stats) in that format: a row per county,
// per kind of organisation and the total, the rate with a decimal comma in German.
void write_stats_csv(const AttendanceStats& stats, Language language, std::ostream& out);

// One HTML page that prints well from a browser: A4, the header repeated on every
// printed page, rows never split, the same columns, the note in the footer.
void write_html(const AttendanceList& list, std::ostream& out, const ListOptions& options = {});

// An A4 PDF (cairo and pango, fonts embedded): the header on every page, the table
// header repeated, rows tall enough to sign in and never split by a page break, long
// names wrapped, "Seite 1 von 3" and the data-protection note in the footer.
[[nodiscard]] std::string pdf_document(const AttendanceList& list, const ListOptions& options = {});

}  // namespace planner::print
