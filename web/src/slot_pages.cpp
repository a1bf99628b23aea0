// Finding a time and a place for some people: the proposals of find-slot, each with who
// of the optional people cannot come and why (as far as the viewer may know it) and a
// link that starts a tentative meeting there in the form; or the venues, fairest
// first, with each county's longest journey drawn as bars.

#include "layout.hpp"
#include "meeting_records.hpp"
#include "pages.hpp"
#include "parameters.hpp"
#include "people_picker.hpp"

#include <planner/services/scheduling.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;
using html::link;
using html::Url;
namespace greg = boost::gregorian;
namespace pt = boost::posix_time;

namespace {

constexpr std::size_t venues_shown = 5;

struct SlotQuery {
    std::set<CountyId> counties;
    std::map<PersonId, std::string> needs;  // required or optional
    std::size_t minutes = 120;
    greg::date from;
    greg::date to;
    pt::time_duration hours_from = pt::hours(9);
    pt::time_duration hours_to = pt::hours(17);
    std::string venue;  // empty: any
    std::string action;
};

pt::time_duration clock_parameter(const Request& request, std::string_view name, pt::time_duration fallback)
{
    const auto value = request.query_value(name);
    if (!value || value->empty()) {
        return fallback;
    }
    const auto clock = clock_of(*value);
    if (!clock) {
        throw BadRequest(fmt::format("'{}' in the field '{}' is not a time like 09:00", *value, name));
    }
    return *clock;
}

SlotQuery slot_query(const Context& context)
{
    const auto& request = context.request;
    SlotQuery query;
    for (const auto& [name, value] : request.query) {
        if (name == "counties" && !id_problem(value)) {
            query.counties.emplace(value);
        } else if (name.starts_with("need-") && (value == "required" || value == "optional")) {
            query.needs[PersonId(name.substr(5))] = value;
        }
    }
    if (query.counties.empty() && context.viewer->county) {
        query.counties.insert(*context.viewer->county);
    }
    query.minutes = number_parameter(request, "duration", 120, 24 * 60);
    const auto today = time_zone(default_time_zone).to_local(context.now).date();
    query.from = day_parameter(request, "from").value_or(today);
    query.to = day_parameter(request, "to").value_or(query.from + greg::days(30));
    static_cast<void>(days_from_to(query.from, query.to));  // forwards, at most a year
    query.hours_from = clock_parameter(request, "hours-from", query.hours_from);
    query.hours_to = clock_parameter(request, "hours-to", query.hours_to);
    if (query.hours_to <= query.hours_from) {
        throw BadRequest("the latest end of the hours ('hours-to') must come after their start ('hours-from')");
    }
    if (pt::minutes(static_cast<long>(query.minutes)) > query.hours_to - query.hours_from || query.minutes < 5) {
        throw BadRequest(fmt::format("a meeting of {} minutes does not fit between {} and {}", query.minutes,
                                     format_clock(query.hours_from), format_clock(query.hours_to)));
    }
    query.venue = std::string(request.query_value("venue").value_or(""));
    query.action = std::string(request.query_value("action").value_or(""));
    return query;
}

services::People people_of(const SlotQuery& query)
{
    services::People people;
    for (const auto& [person, need] : query.needs) {
        (need == "required" ? people.required : people.optional).push_back(person);
    }
    return people;
}

std::string minutes_text(const Words& say, pt::time_duration time)
{
    return fmt::format(fmt::runtime(say.minutes), time.total_seconds() / 60);
}

Html search_form(const Context& context, const SlotQuery& query, const Directory& records)
{
    const auto& say = words(context.language);
    Element form("form", {{"method", "get"}, {"action", "/find-slot"}});
    Element counties("fieldset", {{"class", "filters"}});
    counties(element("legend", say.people_from_counties));
    for (const auto& [id, county] : records.counties()) {
        counties(element("div", {{"class", "choice"}},
                         Element("input", {{"type", "checkbox"}, {"name", "counties"}, {"value", id.str()},
                                           {"id", "county-" + id.str()}, html::flag("checked", query.counties.contains(id))})
                                 .empty_element() +
                             Element("label", {{"for", "county-" + id.str()}})(county.name)));
    }
    form(Html(counties));
    PeoplePicker picker;
    picker.headings = {say.name, say.needed};
    picker.chosen = [&](const Person& person) { return query.needs.contains(person.id); };
    picker.cells = [&](const Person& person) {
        const auto& id = person.id.str();
        const auto need = query.needs.find(person.id);
        Element select("select", {{"id", "need-" + id}, {"name", "need-" + id}, {"aria-labelledby", "who-" + id + " need-label"}});
        select(Element("option", {{"value", ""}})(say.not_asked));
        for (const auto& [value, label] : {std::pair{"required", say.must_come}, std::pair{"optional", say.should_come}}) {
            select(Element("option", {{"value", value}, html::flag("selected", need != query.needs.end() && need->second == value)})(label));
        }
        return element("td", Html(select));
    };
    form(element("h2", say.people_of_meeting) + people_picker(records, query.counties, picker) +
         element("p", {{"class", "visually-hidden"}}, element("span", {{"id", "need-label"}}, say.needed)));

    Element when("fieldset", {{"class", "filters"}});
    when(element("legend", say.when_and_where));
    const auto field = [&](std::string_view label, const std::string& name, html::Name type, const std::string& value) {
        return element("div", {{"class", "field"}},
                       Element("label", {{"for", "slot-" + name}})(label) +
                           Element("input", {{"type", std::string(type.str())}, {"id", "slot-" + name}, {"name", name},
                                             {"value", value}})
                               .empty_element());
    };
    when(field(say.duration_minutes, "duration", "number", std::to_string(query.minutes)));
    when(field(say.from, "from", "date", greg::to_iso_extended_string(query.from)));
    when(field(say.to, "to", "date", greg::to_iso_extended_string(query.to)));
    when(field(say.earliest, "hours-from", "time", format_clock(query.hours_from)));
    when(field(say.latest, "hours-to", "time", format_clock(query.hours_to)));
    Element venue("select", {{"id", "slot-venue"}, {"name", "venue"}});
    venue(Element("option", {{"value", ""}})(say.any_venue));
    for (const auto& [id, place] : records.venues()) {
        venue(Element("option", {{"value", id.str()}, html::flag("selected", query.venue == id.str())})(place.name));
    }
    when(element("div", {{"class", "field"}}, Element("label", {{"for", "slot-venue"}})(say.venue) + Html(venue)));
    form(Html(when));
    form(element("div", {{"class", "buttons"}},
                 Html(Element("button", {{"type", "submit"}, {"name", "action"}, {"value", "slots"}})(say.find_times)) +
                     Element("button", {{"type", "submit"}, {"name", "action"}, {"value", "venues"}})(say.suggest_venues)));
    return Html(form);
}

// Why an optional person cannot come, as far as the viewer may know: the title of a
// meeting they may not read, or an entry of someone's own calendar, is not shown.
std::string absence_text(const Context& context, const Absence& absence, const Directory& schedule)
{
    const auto& say = words(context.language);
    const bool admin = context.viewer->account.role == services::Role::admin;
    switch (absence.cause) {
    case AbsenceCause::step_free_access: return absence.reason;
    case AbsenceCause::busy: return admin ? absence.reason : std::string(say.has_other_appointment);
    case AbsenceCause::meeting:
    case AbsenceCause::journey: {
        const auto* meeting = absence.meeting ? schedule.find(*absence.meeting) : nullptr;
        return meeting != nullptr && may_read(*context.viewer, audience_of(*meeting, schedule))
                   ? absence.reason
                   : std::string(say.has_other_appointment);
    }
    }
    return std::string(say.has_other_appointment);
}

// The form of a new meeting, prefilled with this time, place and these people.
Url schedule_here(const Context& context, const SlotQuery& query, const Slot& slot, const std::string& zone)
{
    const auto& time_zone_of = time_zone(zone);
    const auto start = time_zone_of.to_local(slot.time.start());
    const auto end = time_zone_of.to_local(slot.time.end());
    Url url("/new-meeting");
    url.query("day", greg::to_iso_extended_string(start.date()))
        .query("start", format_clock(start.time_of_day()))
        .query("end", format_clock(end.time_of_day()))
        .query("timezone", zone)
        .query("venue", slot.venue.str())
        .query("status", "tentative");
    if (context.viewer->account.person) {
        url.query("organisers", context.viewer->account.person->str());
    }
    for (const auto& county : query.counties) {
        url.query("counties", county.str());
    }
    for (const auto& [person, need] : query.needs) {
        url.query("role-" + person.str(), need);
    }
    return url;
}

Html proposals(const Context& context, const SlotQuery& query)
{
    const auto& say = words(context.language);
    services::SlotSearchRequest request;
    request.people = people_of(query);
    request.duration = pt::minutes(static_cast<long>(query.minutes));
    request.window.first_day = query.from;
    request.window.last_day = query.to;
    request.window.hours = {query.hours_from, query.hours_to};
    if (!query.venue.empty()) {
        request.window.venue = VenueId(query.venue);
    }
    const auto found = services::find_slot(context.store, request);
    const auto& schedule = found.schedule;
    if (found.search.slots.empty()) {
        Element obstacles("ul");
        for (const auto& obstacle : found.search.obstacles) {
            obstacles(element("li", obstacle.message));
        }
        return element("h2", {{"id", "results"}}, say.no_time_found) + Html(obstacles);
    }
    Element rows("tbody");
    for (const auto& slot : found.search.slots) {
        const auto* venue = schedule.find(slot.venue);
        Element missing("ul", {{"class", "plain"}});
        for (const auto& absence : slot.missing) {
            const auto* person = schedule.find(absence.person);
            missing(element("li", fmt::format("{}: {}", person ? person->name : absence.person.str(),
                                              absence_text(context, absence, schedule))));
        }
        rows(element("tr", element("td", format_in(context.language, slot.time, time_zone(found.request.time_zone))) +
                               element("td", venue ? venue->name : slot.venue.str()) +
                               element("td", slot.missing.empty() ? Html(html::text(say.everyone_can_come)) : Html(missing)) +
                               element("td", link(schedule_here(context, query, slot, found.request.time_zone),
                                                  say.schedule_here))));
    }
    return element("h2", {{"id", "results"}}, say.times_found) +
           element("table", element("thead", element("tr", element("th", {{"scope", "col"}}, say.time) +
                                                               element("th", {{"scope", "col"}}, say.venue) +
                                                               element("th", {{"scope", "col"}}, say.who_cannot) +
                                                               element("th", {{"scope", "col"}}, say.next_step))) +
                                Html(rows));
}

// Each county's longest journey to the venue as a bar, the minutes written beside it.
Html journey_chart(const Context& context, const VenueChoice& choice, const Directory& records, const std::string& name)
{
    const auto& say = words(context.language);
    constexpr int label_width = 230;
    constexpr int bar_room = 300;
    constexpr int row_height = 24;
    long most = 1;
    for (const auto& county : choice.counties) {
        most = std::max(most, static_cast<long>(county.longest.total_seconds() / 60));
    }
    const int height = static_cast<int>(choice.counties.size()) * row_height + 8;
    Element svg("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                        {"viewbox", fmt::format("0 0 {} {}", label_width + bar_room + 150, height)},
                        {"class", "chart"},
                        {"role", "img"},
                        {"aria-label", fmt::format(fmt::runtime(say.journeys_to), name)}});
    int y = 4;
    for (const auto& county : choice.counties) {
        const auto* record = records.find(county.county);
        const long minutes = county.longest.total_seconds() / 60;
        const long width = std::max(1L, minutes * bar_room / most);
        svg(Element("text", {{"x", "0"}, {"y", std::to_string(y + 15)}})(record ? record->name : county.county.str()));
        svg(Element("rect", {{"x", std::to_string(label_width)}, {"y", std::to_string(y + 3)},
                             {"width", std::to_string(width)}, {"height", "14"}, {"class", "bar-attended"}}));
        svg(Element("text", {{"x", std::to_string(label_width + width + 6)}, {"y", std::to_string(y + 15)}})(
            county.people == 1 ? fmt::format(fmt::runtime(say.journey_bar_one), minutes)
                               : fmt::format(fmt::runtime(say.journey_bar), minutes, county.people)));
        y += row_height;
    }
    return Html(svg);
}

Html venues(const Context& context, const SlotQuery& query)
{
    const auto& say = words(context.language);
    services::VenueRequest request{people_of(query), TravelModel{}};
    const auto suggestion = services::suggest_venues(context.store, request);
    const auto& records = suggestion.directory;
    Html content = element("h2", {{"id", "results"}}, say.fairest_venues) + element("p", say.fairest_hint);
    std::size_t shown = 0;
    for (const auto& choice : suggestion.ranking.venues) {
        if (shown++ == venues_shown) {
            break;
        }
        const auto* venue = records.find(choice.venue);
        const auto name = venue ? venue->name : choice.venue.str();
        Url search("/find-slot");
        for (const auto& [key, value] : context.request.query) {
            if (key != "venue" && key != "action") {
                search.query(key, value);
            }
        }
        search.query("venue", choice.venue.str()).query("action", "slots");
        content += element("h3", fmt::format("{}. {}", shown, name)) +
                   element("p", fmt::format(fmt::runtime(say.longest_and_total), minutes_text(say, choice.longest),
                                            minutes_text(say, choice.total))) +
                   journey_chart(context, choice, records, name) + element("p", link(search, say.find_times_here));
    }
    if (!suggestion.ranking.unsuitable.empty()) {
        Element unsuitable("ul");
        for (const auto& venue : suggestion.ranking.unsuitable) {
            const auto* record = records.find(venue.venue);
            unsuitable(element("li", fmt::format("{}: {}", record ? record->name : venue.venue.str(), venue.reason)));
        }
        content += element("h3", say.unsuitable_venues) + Html(unsuitable);
    }
    return content;
}

}  // namespace

Response find_slot_page(Context& context)
{
    const auto& say = words(context.language);
    const auto query = slot_query(context);
    const auto records = context.store.records();
    Html content = search_form(context, query, records);
    if (!query.action.empty()) {
        if (people_of(query).required.empty() && (query.action == "slots" || people_of(query).optional.empty())) {
            content += element("p", {{"class", "problem"}, {"role", "alert"}}, say.choose_people_first);
        } else {
            try {
                content += query.action == "venues" ? venues(context, query) : proposals(context, query);
            } catch (const NotFound& unknown) {
                // A person or venue the store lacks, named as the form sent it.
                throw BadRequest(unknown.what());
            }
        }
    }
    return page(context, say.find_time_and_place, content);
}

}  // namespace planner::web::pages
