#include <planner/print/formats.hpp>
#include <planner/shown_text.hpp>

#include <fmt/format.h>

#include <string_view>

namespace planner::print {
namespace {

std::string_view class_of(Column column)
{
    switch (column) {
    case Column::number: return "number";
    case Column::name: return "name";
    case Column::organisation: return "organisation";
    case Column::county: return "county";
    case Column::function: return "function";
    case Column::signature: return "signature";
    }
    return {};
}

// Printed from a browser: A4, the table header on every page (thead), rows tall
// enough to sign in and never split across pages. The running title row in the thead
// repeats the meeting on every printed page; on screen the header block says it.
constexpr std::string_view style = R"(
@page { size: A4; margin: 15mm }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #000; margin: 0 }
header h1 { font-size: 14pt; margin: 0 0 2mm }
header p { margin: 0 0 1mm }
header .heading { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.05em }
table { width: 100%; border-collapse: collapse; margin-top: 6mm }
thead { display: table-header-group }
th, td { text-align: left; vertical-align: bottom; padding: 1mm 2mm; border-bottom: 0.5pt solid #999 }
thead th { border-bottom: 1pt solid #000 }
tr { break-inside: avoid; page-break-inside: avoid }
tbody tr { height: 12mm }
tr.county, tr.subtotal { height: auto }
tr.county { break-after: avoid; page-break-after: avoid }
tr.county th { padding-top: 4mm; font-size: 11pt }
tr.subtotal td { font-style: italic }
tr.running th { font-weight: normal; border-bottom: none }
td.number { text-align: right; width: 8mm }
td.signature { width: 45mm; border-bottom: 1pt solid #000 }
.total { margin-top: 4mm }
footer { margin-top: 8mm; font-size: 8pt }
@media screen {
  body { margin: 15mm auto; max-width: 180mm }
  tr.running { display: none }
}
@media print {
  body { font-size: 10pt }
  footer { break-inside: avoid; page-break-inside: avoid }
}
)";

}  // namespace

void write_html(const AttendanceList& list, std::ostream& out, const ListOptions& options)
{
    const auto& words = wording(options.language);
    const auto columns = visible_columns(options);

    out << "<!DOCTYPE html>\n<html lang=\"" << (options.language == Language::de ? "de" : "en") << "\">\n"
        << "<head>\n<meta charset=\"utf-8\">\n"
        << "<title>" << html_escaped(fmt::format("{}: {}", words.heading, list.title)) << "</title>\n"
        << "<style>" << style << "</style>\n</head>\n<body>\n";

    out << "<header>\n<p class=\"heading\">" << html_escaped(words.heading) << "</p>\n"
        << "<h1>" << html_escaped(list.title) << "</h1>\n"
        << "<p class=\"when\">" << html_escaped(list.when) << "</p>\n"
        << "<p class=\"venue\">" << html_escaped(list.venue) << "</p>\n"
        << "<p class=\"organisers\">" << html_escaped(organisers_line(list, options.language)) << "</p>\n"
        << "</header>\n";

    out << "<table>\n<thead>\n"
        << fmt::format("<tr class=\"running\"><th colspan=\"{}\">{}</th></tr>\n", columns.size(),
                       html_escaped(fmt::format("{} \u2013 {}", list.title, list.when)))
        << "<tr>";
    for (const auto column : columns) {
        out << "<th class=\"" << class_of(column) << "\">" << html_escaped(column_title(column, options.language)) << "</th>";
    }
    out << "</tr>\n</thead>\n";

    for (const auto& group : row_groups(list, options.grouping)) {
        out << "<tbody>\n";
        if (options.grouping == Grouping::county) {
            out << fmt::format("<tr class=\"county\"><th colspan=\"{}\">{}</th></tr>\n", columns.size(),
                               html_escaped(group.county));
        }
        for (const auto* row : group.rows) {
            out << "<tr>";
            for (const auto column : columns) {
                out << "<td class=\"" << class_of(column) << "\">" << html_escaped(cell(*row, column)) << "</td>";
            }
            out << "</tr>\n";
        }
        if (options.grouping == Grouping::county) {
            out << fmt::format("<tr class=\"subtotal\"><td colspan=\"{}\">{}</td></tr>\n", columns.size(),
                               html_escaped(county_subtotal(group, options.language)));
        }
        out << "</tbody>\n";
    }
    out << "</table>\n"
        << "<p class=\"total\">" << html_escaped(people_count(list.rows.size(), options.language)) << "</p>\n";

    // Browsers cannot reliably repeat a footer at the bottom of every printed page
    // (position: fixed overlaps the table in some, is ignored in others), so the note
    // follows the table once, on the last page.
    out << "<footer>\n<p class=\"privacy\">" << html_escaped(privacy_note(list, options)) << "</p>\n</footer>\n"
        << "</body>\n</html>\n";
}

}  // namespace planner::print
