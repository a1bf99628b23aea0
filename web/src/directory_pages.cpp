// The people, organisations, venues and counties the planner knows.

#include "layout.hpp"
#include "pages.hpp"

#include <fmt/format.h>

#include <functional>
#include <optional>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;
using html::Url;

namespace {

// A table with a header row and one row per record, each cell text; a row's id is
// its record's ("person-anna"), and a record the viewer keeps has a link to change it.
template <class Records, class Cells>
Html table_of(const Context& context, std::string_view kind, html::LiteralPath list,
              const std::vector<std::string_view>& headings, const Records& records, Cells cells,
              const std::function<std::optional<CountyId>(const typename Records::mapped_type&)>& county_of)
{
    const auto& say = words(context.language);
    Element head_row("tr");
    for (const auto heading : headings) {
        head_row(element("th", {{"scope", "col"}}, heading));
    }
    head_row(element("th", {{"scope", "col"}}, Element("span", {{"class", "visually-hidden"}})(say.change_meeting)));
    Element body("tbody");
    bool keeps_any = false;
    for (const auto& [id, record] : records) {
        Element row("tr", {{"id", fmt::format("{}-{}", kind, id.str())}});
        for (const auto& cell : cells(record)) {
            row(element("td", cell));
        }
        const bool keeps = may_keep_records_of(*context.viewer, county_of(record));
        keeps_any = keeps_any || keeps;
        row(element("td", keeps ? html::link(Url(list, {id.str(), "edit"}), say.change_meeting) : Html()));
        body(row);
    }
    Html content;
    if (may_keep_records_of(*context.viewer, context.viewer->county) && (kind != "county" || keeps_any)) {
        content += element("p", html::link(Url(list, {"new"}), say.add_entry));
    }
    return content + element("table", element("thead", head_row) + Html(body));
}

std::string yes_no_unknown(const Words& say, Accessibility accessibility)
{
    switch (accessibility) {
    case Accessibility::step_free: return std::string(say.yes);
    case Accessibility::not_step_free: return std::string(say.no);
    case Accessibility::unknown: return std::string(say.unknown);
    }
    return std::string(say.unknown);
}

}  // namespace

Response people(Context& context)
{
    const auto& say = words(context.language);
    const auto records = directory_records(context.store);
    const auto table = table_of(context, "person", "/people", {say.name, say.organisation, say.function, say.email},
                                records.people(), [&](const Person& person) {
                                    const auto* organisation = records.find(person.organisation);
                                    return std::vector<std::string>{
                                        person.name, organisation ? organisation->name : person.organisation.str(),
                                        person.function, email_text(person)};
                                }, [&](const Person& person) -> std::optional<CountyId> {
                                    const auto* organisation = records.find(person.organisation);
                                    return organisation ? std::optional(organisation->county) : std::nullopt;
                                });
    return page(context, say.people, table);
}

Response organisations(Context& context)
{
    const auto& say = words(context.language);
    const auto records = directory_records(context.store);
    const auto table = table_of(
        context, "organisation", "/organisations", {say.name, say.county}, records.organisations(),
        [&](const Organisation& organisation) {
            const auto* county = records.find(organisation.county);
            return std::vector<std::string>{organisation.name, county ? county->name : organisation.county.str()};
        },
        [](const Organisation& organisation) { return std::optional(organisation.county); });
    return page(context, say.organisations, table);
}

Response venues(Context& context)
{
    const auto& say = words(context.language);
    const auto records = directory_records(context.store);
    const auto table = table_of(context, "venue", "/venues", {say.name, say.address, say.county, say.capacity, say.step_free},
                                records.venues(), [&](const Venue& venue) {
                                    const auto* county = records.find(venue.county);
                                    return std::vector<std::string>{
                                        venue.name, venue.address, county ? county->name : venue.county.str(),
                                        std::to_string(venue.capacity), yes_no_unknown(say, venue.accessibility)};
                                }, [](const Venue& venue) { return std::optional(venue.county); });
    return page(context, say.venues, table);
}

Response counties(Context& context)
{
    const auto& say = words(context.language);
    const auto records = directory_records(context.store);
    const auto table = table_of(
        context, "county", "/counties", {say.name, say.seat, say.state}, records.counties(),
        [](const County& county) { return std::vector<std::string>{county.name, county.seat, county.state}; },
        [](const County&) { return std::optional<CountyId>(); });
    return page(context, say.counties, table);
}

}  // namespace planner::web::pages
