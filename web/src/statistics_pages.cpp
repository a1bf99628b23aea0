// The figures for a district office's annual report: a year, optionally one county's
// meetings, per county and per kind of organisation, as a chart, a table and a CSV for
// German Excel. Only the meetings the viewer may read are counted.

#include "layout.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/accepted_dates.hpp>
#include <planner/id.hpp>
#include <planner/organisation.hpp>
#include <planner/print/formats.hpp>
#include <planner/services/attendance.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <sstream>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;
using html::link;
using html::Url;
namespace greg = boost::gregorian;

namespace {

struct StatisticsQuery {
    int year = 0;
    std::optional<CountyId> county;
};

StatisticsQuery statistics_query(const Context& context)
{
    StatisticsQuery query{greg::day_clock::universal_day().year(), std::nullopt};
    if (const auto year = context.request.query_value("year"); year && !year->empty()) {
        const auto* end = year->data() + year->size();
        const auto [last, problem] = std::from_chars(year->data(), end, query.year);
        if (problem != std::errc() || last != end || !is_accepted_year(query.year)) {
            throw BadRequest(fmt::format("'{}' in the field 'year' is not a year from {}", *year, accepted_dates_text()));
        }
    }
    if (const auto county = context.request.query_value("county"); county && !county->empty()) {
        if (const auto problem = id_problem(*county)) {
            throw BadRequest(fmt::format("'{}' in the field 'county' is not a county's id: {}", *county, *problem));
        }
        query.county = CountyId(std::string(*county));
    }
    return query;
}

// The year's figures over the meetings the viewer may read and, given a county, that
// concern it (they bring it together or are held in it).
AttendanceStats figures(const Context& context, const StatisticsQuery& query)
{
    services::StatsRequest request{greg::date(static_cast<unsigned short>(query.year), 1, 1),
                                   greg::date(static_cast<unsigned short>(query.year), 12, 31), {}};
    const auto& viewer = *context.viewer;
    request.counted = [&](const Meeting& meeting, const Directory& records) {
        const auto audience = audience_of(meeting, records);
        return may_read(viewer, audience) && (!query.county || audience.counties.contains(*query.county));
    };
    return services::attendance_figures(context.store, request);
}

std::string group_name(const Words& say, Language language, const StatsLine& line, bool kinds)
{
    if (!kinds) {
        return line.group.empty() ? std::string(say.county_none) : line.group;
    }
    const auto kind = organisation_kind_from_string(line.group);
    return kind ? std::string(kind_label(*kind, language)) : line.group;
}

std::string rate_text(Language language, const StatsLine& line)
{
    auto rate = fmt::format("{:.0f} %", 100.0 * line.attendance_rate());
    return language == Language::de ? rate : rate.erase(rate.size() - 2, 1);
}

// Bars of invited, accepted and attended per group, drawn by the server. The numbers
// are written beside the bars, and the table below holds them all, so the chart is
// one picture (role img) with a name rather than a second reading of the table.
Html bar_chart(const Context& context, const std::vector<StatsLine>& lines, bool kinds, std::string_view name)
{
    const auto& say = words(context.language);
    constexpr int label_width = 260;
    constexpr int bar_room = 380;
    constexpr int bar_height = 14;
    constexpr int group_height = 3 * bar_height + 18;
    int most = 1;
    for (const auto& line : lines) {
        most = std::max(most, line.invited);
    }
    const int height = static_cast<int>(lines.size()) * group_height + 34;
    Element svg("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                        {"viewbox", fmt::format("0 0 {} {}", label_width + bar_room + 60, height)},
                        {"class", "chart"},
                        {"role", "img"},
                        {"aria-label", std::string(name)}});
    struct Series {
        std::string_view label;
        std::string_view css_class;
        int StatsLine::*value;
    };
    const Series series[] = {{say.invited, "bar-invited", &StatsLine::invited},
                             {say.accepted_count, "bar-accepted", &StatsLine::accepted},
                             {say.attended, "bar-attended", &StatsLine::attended}};
    // The legend, on the first line.
    int legend_x = label_width;
    for (const auto& one : series) {
        svg(Element("rect", {{"x", std::to_string(legend_x)}, {"y", "4"}, {"width", "12"}, {"height", "12"},
                             {"class", std::string(one.css_class)}}));
        svg(Element("text", {{"x", std::to_string(legend_x + 16)}, {"y", "15"}})(one.label));
        legend_x += 130;
    }
    int y = 30;
    for (const auto& line : lines) {
        svg(Element("text", {{"x", "0"}, {"y", std::to_string(y + 2 * bar_height - 2)}})(
            group_name(say, context.language, line, kinds)));
        for (std::size_t s = 0; s < std::size(series); ++s) {
            const int value = line.*(series[s].value);
            const int width = value * bar_room / most;
            const int top = y + static_cast<int>(s) * bar_height;
            svg(Element("rect", {{"x", std::to_string(label_width)}, {"y", std::to_string(top)},
                                 {"width", std::to_string(std::max(width, 1))}, {"height", std::to_string(bar_height - 2)},
                                 {"class", std::string(series[s].css_class)}}));
            svg(Element("text", {{"x", std::to_string(label_width + std::max(width, 1) + 4)},
                                 {"y", std::to_string(top + bar_height - 3)},
                                 {"class", "bar-value"}})(std::to_string(value)));
        }
        y += group_height;
    }
    return Html(svg);
}

Html figures_table(const Context& context, const std::vector<StatsLine>& lines, const StatsLine& total, bool kinds,
                   std::string_view caption)
{
    const auto& say = words(context.language);
    Element rows("tbody");
    const auto row = [&](const StatsLine& line, const std::string& group) {
        rows(element("tr", element("th", {{"scope", "row"}}, group) + element("td", std::to_string(line.meetings)) +
                               element("td", std::to_string(line.invited)) + element("td", std::to_string(line.accepted)) +
                               element("td", std::to_string(line.attended)) + element("td", std::to_string(line.walk_ins)) +
                               element("td", rate_text(context.language, line))));
    };
    for (const auto& line : lines) {
        row(line, group_name(say, context.language, line, kinds));
    }
    row(total, std::string(say.total));
    const auto head = [&](std::string_view text) { return element("th", {{"scope", "col"}}, text); };
    return element("table", {{"class", "figures"}},
                   element("caption", caption) +
                       element("thead", element("tr", head(kinds ? say.kind : say.county) + head(say.meetings) +
                                                         head(say.invited) + head(say.accepted_count) +
                                                         head(say.attended) + head(say.walk_ins) + head(say.rate))) +
                       Html(rows));
}

}  // namespace

Response statistics(Context& context)
{
    const auto& say = words(context.language);
    const auto query = statistics_query(context);
    const auto report = figures(context, query);
    const auto counties = context.store.records().counties();

    Element form("form", {{"method", "get"}, {"action", "/statistics"}, {"class", "filters"}});
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "filter-year"}})(say.year) +
                     Element("input", {{"type", "number"},
                                       {"id", "filter-year"},
                                       {"name", "year"},
                                       {"value", std::to_string(query.year)},
                                       {"min", std::to_string(first_accepted_year)},
                                       {"max", std::to_string(last_accepted_year)}})
                         .empty_element()));
    Element county_select("select", {{"id", "filter-county"}, {"name", "county"}});
    county_select(Element("option", {{"value", ""}})(say.all_counties));
    std::string county_name;
    for (const auto& [id, county] : counties) {
        const bool chosen = query.county == id;
        if (chosen) {
            county_name = county.name;
        }
        county_select(Element("option", {{"value", id.str()}, html::flag("selected", chosen)})(county.name));
    }
    form(element("div", {{"class", "field"}}, Element("label", {{"for", "filter-county"}})(say.county) + Html(county_select)));
    form(Element("button", {{"type", "submit"}})(say.show));

    Url csv("/statistics.csv");
    csv.query("year", std::to_string(query.year));
    if (query.county) {
        csv.query("county", query.county->str());
    }
    const auto title = query.county ? fmt::format(fmt::runtime(say.statistics_of_county), query.year,
                                                  county_name.empty() ? query.county->str() : county_name)
                                    : fmt::format(fmt::runtime(say.statistics_of_year), query.year);
    Html content = Html(form) + element("p", say.statistics_hint);
    if (report.total.meetings == 0) {
        content += element("p", {{"role", "status"}}, say.no_meetings);
        return page(context, title, content);
    }
    content += element("p", link(csv, say.statistics_csv));
    content += element("h2", say.by_county) + bar_chart(context, report.by_county, false, say.by_county) +
               figures_table(context, report.by_county, report.total, false, say.by_county);
    content += element("h2", say.by_kind) + bar_chart(context, report.by_organisation_kind, true, say.by_kind) +
               figures_table(context, report.by_organisation_kind, report.total, true, say.by_kind);
    return page(context, title, content);
}

Response statistics_csv(Context& context)
{
    const auto query = statistics_query(context);
    std::ostringstream csv;
    print::write_stats_csv(figures(context, query), context.language, csv);
    Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = csv.str();
    const auto file_name = fmt::format("{}-{}{}.csv", context.language == Language::de ? "statistik" : "statistics",
                                       query.year, query.county ? "-" + query.county->str() : std::string());
    // A county id is a file name already (id.hpp), and any other text was refused.
    response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file_name));
    return response;
}

}  // namespace planner::web::pages
