#include <planner/print/list_layout.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

namespace planner::print {
namespace {

constexpr Wording german{"Teilnehmerliste", "Organisation", "Seite {} von {}", "{} Personen", "1 Person"};
constexpr Wording english{"Attendance list", "Organised by", "Page {} of {}", "{} people", "1 person"};

constexpr std::array<Column, 6> all_columns{Column::number, Column::name,     Column::organisation,
                                            Column::county, Column::function, Column::signature};

}  // namespace

const Wording& wording(Language language)
{
    return language == Language::de ? german : english;
}

std::vector<Column> visible_columns(const ListOptions& options)
{
    std::vector<Column> columns;
    for (const auto column : all_columns) {
        const bool kept = column == Column::number || column == Column::name || column == Column::signature;
        if (kept || std::find(options.omitted.begin(), options.omitted.end(), column) == options.omitted.end()) {
            columns.push_back(column);
        }
    }
    return columns;
}

std::string_view column_title(Column column, Language language)
{
    const bool de = language == Language::de;
    switch (column) {
    case Column::number: return de ? "Nr." : "No.";
    case Column::name: return "Name";
    case Column::organisation: return "Organisation";
    case Column::county: return de ? "Landkreis" : "County";
    case Column::function: return de ? "Funktion" : "Function";
    case Column::signature: return de ? "Unterschrift" : "Signature";
    }
    return {};
}

std::string cell(const AttendanceRow& row, Column column)
{
    switch (column) {
    case Column::number: return std::to_string(row.number);
    case Column::name: return row.name;
    case Column::organisation: return row.organisation;
    case Column::county: return row.county;
    case Column::function: return row.function;
    case Column::signature: return {};
    }
    return {};
}

std::vector<std::string> column_titles(const std::vector<Column>& columns, Language language)
{
    std::vector<std::string> titles;
    for (const auto column : columns) {
        titles.emplace_back(column_title(column, language));
    }
    return titles;
}

std::vector<std::string> cells(const AttendanceRow& row, const std::vector<Column>& columns)
{
    std::vector<std::string> texts;
    for (const auto column : columns) {
        texts.push_back(cell(row, column));
    }
    return texts;
}

std::vector<RowGroup> row_groups(const AttendanceList& list, Grouping grouping)
{
    std::vector<RowGroup> groups;
    for (const auto& row : list.rows) {
        const std::string county = grouping == Grouping::county ? row.county : std::string();
        if (groups.empty() || groups.back().county != county) {
            groups.push_back({county, {}});
        }
        groups.back().rows.push_back(&row);
    }
    return groups;
}

std::string people_count(std::size_t count, Language language)
{
    const auto& words = wording(language);
    return count == 1 ? std::string(words.person) : fmt::format(fmt::runtime(words.people), count);
}

std::string county_subtotal(const RowGroup& group, Language language)
{
    return fmt::format("{}: {}", group.county, people_count(group.rows.size(), language));
}

std::string organisers_line(const AttendanceList& list, Language language)
{
    return fmt::format("{}: {}", wording(language).organised_by, fmt::join(list.organisers, ", "));
}

std::string privacy_note(const AttendanceList& list, const ListOptions& options)
{
    if (options.privacy_note) {
        return *options.privacy_note;
    }
    const bool de = options.language == Language::de;
    const std::string controller = !list.controller.empty() ? list.controller
                                   : de                     ? "die Organisatoren"
                                                            : "the organisers";
    if (de) {
        return fmt::format("Datenschutz: Diese Liste dient nur dem Nachweis der Teilnahme an dieser Veranstaltung "
                           "(Art. 6 Abs. 1 lit. e DSGVO). Verantwortlich: {}. Sie wird ein Jahr nach der "
                           "Veranstaltung vernichtet.",
                           controller);
    }
    return fmt::format("Data protection: this list only records who attended this meeting (Art. 6(1)(e) GDPR). "
                       "Controller: {}. It is destroyed one year after the meeting.",
                       controller);
}

}  // namespace planner::print
