// The people, organisations, venues and counties the planner knows.

#include "layout.hpp"
#include "pages.hpp"

#include <fmt/format.h>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;

namespace {

// A table with a header row and one row per record, each cell text.
template <class Records, class Cells>
Html table_of(const std::vector<std::string_view>& headings, const Records& records, Cells cells)
{
    Element head_row("tr");
    for (const auto heading : headings) {
        head_row(element("th", {{"scope", "col"}}, heading));
    }
    Element body("tbody");
    for (const auto& [id, record] : records) {
        Element row("tr");
        for (const auto& cell : cells(record)) {
            row(element("td", cell));
        }
        body(row);
    }
    return element("table", element("thead", head_row) + Html(body));
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
    const auto table = table_of({say.name, say.organisation, say.function, say.email}, records.people(),
                                [&](const Person& person) {
                                    const auto* organisation = records.find(person.organisation);
                                    return std::vector<std::string>{
                                        person.name, organisation ? organisation->name : person.organisation.str(),
                                        person.function, person.email.str()};
                                });
    return page(context, say.people, table);
}

Response organisations(Context& context)
{
    const auto& say = words(context.language);
    const auto records = directory_records(context.store);
    const auto table = table_of({say.name, say.county}, records.organisations(), [&](const Organisation& organisation) {
        const auto* county = records.find(organisation.county);
        return std::vector<std::string>{organisation.name, county ? county->name : organisation.county.str()};
    });
    return page(context, say.organisations, table);
}

Response venues(Context& context)
{
    const auto& say = words(context.language);
    const auto records = directory_records(context.store);
    const auto table = table_of({say.name, say.address, say.county, say.capacity, say.step_free}, records.venues(),
                                [&](const Venue& venue) {
                                    const auto* county = records.find(venue.county);
                                    return std::vector<std::string>{
                                        venue.name, venue.address, county ? county->name : venue.county.str(),
                                        std::to_string(venue.capacity), yes_no_unknown(say, venue.accessibility)};
                                });
    return page(context, say.venues, table);
}

Response counties(Context& context)
{
    const auto& say = words(context.language);
    const auto records = directory_records(context.store);
    const auto table = table_of({say.name, say.seat, say.state}, records.counties(), [](const County& county) {
        return std::vector<std::string>{county.name, county.seat, county.state};
    });
    return page(context, say.counties, table);
}

}  // namespace planner::web::pages
