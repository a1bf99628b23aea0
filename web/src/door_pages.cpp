// Check-in at the door, on a tablet: the meeting's people by county with a large button
// for each presence, a search for someone who came uninvited, and a form to add them
// when the store does not know them yet. Every tap is one request that records one
// person (services::record_attendance), so two tablets at one door lose nothing of
// each other's, and the page after it shows what both have recorded.

#include "layout.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/input_size.hpp>
#include <planner/meeting.hpp>
#include <planner/services/attendance.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
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

namespace {

// Who may be found by the search at once: enough to pick from, too few to read a
// county's people off the page.
constexpr std::size_t most_found = 10;

// The stored meeting a door's meeting is: the series of an occurrence.
MeetingId stored_meeting_id(const Meeting& meeting)
{
    return meeting.occurrence_of ? meeting.occurrence_of->series : meeting.id;
}

// The meeting the door is for: a single meeting, or the meeting of a series that the
// query's "on" names (by default today's). Nothing for a series on a day it has none.
const Meeting* door_meeting(const Context& context)
{
    const auto& found = *context.meeting;
    if (!found.meeting.recurrence) {
        return &found.meeting;
    }
    const auto today = time_zone(found.meeting.time_zone).to_local(context.now).date();
    const auto day = day_parameter(context.request, "on").value_or(today);
    const auto occurrence = std::find_if(found.occurrences.begin(), found.occurrences.end(),
                                         [&](const Meeting& m) { return m.occurrence_of->date == day; });
    return occurrence == found.occurrences.end() ? nullptr : &*occurrence;
}

// The check-in page of `meeting` again, at the person just recorded.
Url door_url(const Meeting& meeting)
{
    Url url("/meetings", {stored_meeting_id(meeting).str(), "check-in"});
    if (meeting.occurrence_of) {
        url.query("on", greg::to_iso_extended_string(meeting.occurrence_of->date));
    }
    return url;
}

std::string_view presence_word(const Words& say, std::optional<Presence> presence)
{
    if (!presence) {
        return say.not_checked;
    }
    switch (*presence) {
    case Presence::present: return say.present;
    case Presence::excused: return say.excused;
    case Presence::absent: return say.absent;
    }
    return say.unknown;
}

// One person's row: their name, organisation and presence, and a form whose buttons
// record the presence they name.
Html person_row(const Context& context, const Meeting& meeting, const Person& person, const Organisation* organisation,
                std::optional<Presence> presence, bool invited)
{
    const auto& say = words(context.language);
    const auto name_id = "name-" + person.id.str();
    Element buttons("form", {{"method", "post"}, {"action", door_url(meeting).str()}, {"class", "presence"}});
    buttons(csrf_field(context));
    buttons(Element("input", {{"type", "hidden"}, {"name", "person"}, {"value", person.id.str()}}).empty_element());
    // Someone uninvited can only have come: absent or excused would say they were expected.
    const std::vector<Presence> choices = invited ? std::vector{Presence::present, Presence::excused, Presence::absent}
                                                  : std::vector{Presence::present};
    for (const auto choice : choices) {
        const bool current = presence == choice;
        buttons(Element("button", {{"type", "submit"},
                                   {"name", "presence"},
                                   {"value", std::string(to_string(choice))},
                                   {"class", current ? "current" : "choice"},
                                   {"aria-describedby", name_id},
                                   {"aria-pressed", current ? "true" : "false"}})(presence_word(say, choice)));
    }
    return element("li", {{"id", "person-" + person.id.str()}, {"class", "door-row"}},
                   element("span", {{"class", "who"}},
                           element("strong", {{"id", name_id}}, person.name) +
                               element("span", organisation ? organisation->name : std::string()) +
                               element("span", {{"class", "state"}},
                                       invited ? presence_word(say, presence) : say.walk_in)) +
                       Html(buttons));
}

Html walk_in_forms(const Context& context, const Meeting& meeting, std::string_view searched)
{
    const auto& say = words(context.language);
    const auto& records = context.meeting->records;
    const auto& counties = context.meeting->audience.counties;
    Html content = element("h2", {{"id", "walk-ins"}}, say.walk_in_heading);

    Element search("form", {{"method", "get"}, {"action", door_url(meeting).str()}, {"class", "filters"}, {"role", "search"}});
    if (meeting.occurrence_of) {
        search(Element("input", {{"type", "hidden"},
                                 {"name", "on"},
                                 {"value", greg::to_iso_extended_string(meeting.occurrence_of->date)}})
                   .empty_element());
    }
    search(element("div", {{"class", "field"}},
                   Element("label", {{"for", "door-find"}})(say.find_person) +
                       Element("input", {{"type", "search"},
                                         {"id", "door-find"},
                                         {"name", "find"},
                                         {"value", std::string(searched)},
                                         {"minlength", std::to_string(services::min_search_characters)},
                                         {"maxlength", "100"}})
                           .empty_element()));
    search(Element("button", {{"type", "submit"}})(say.search));
    content += Html(search);

    if (!searched.empty()) {
        const auto found = services::people_at_the_door(context.store, searched, counties, most_found);
        const auto in_room = attendees_in_room(meeting);
        Element list("ul", {{"class", "door-list"}, {"aria-label", std::string(say.found_people)}});
        std::size_t shown = 0;
        for (const auto& person : found) {
            if (std::find(in_room.begin(), in_room.end(), person.id) != in_room.end()) {
                continue;  // in the list above
            }
            const auto organisation = context.store.organisation(person.organisation);
            list(person_row(context, meeting, person, organisation ? &*organisation : nullptr, std::nullopt, false));
            ++shown;
        }
        content += shown == 0 ? element("p", {{"role", "status"}}, say.nobody_found) : Html(list);
    }

    // Someone the store does not know: added with what the door learns.
    Element organisations("select", {{"id", "walk-in-organisation"}, {"name", "organisation"}, {"required", "required"}});
    organisations(Element("option", {{"value", ""}})(say.choose));
    for (const auto& organisation : context.store.organisations_in(counties)) {
        const auto* county = records.find(organisation.county);
        organisations(Element("option", {{"value", organisation.id.str()}})(
            county ? organisation.name + " (" + county->name + ")" : organisation.name));
    }
    Url add("/meetings", {stored_meeting_id(meeting).str(), "walk-ins"});
    if (meeting.occurrence_of) {
        add.query("on", greg::to_iso_extended_string(meeting.occurrence_of->date));
    }
    Element form("form", {{"method", "post"}, {"action", add.str()}, {"class", "filters"}});
    form(csrf_field(context));
    const auto field = [](std::string_view label, const std::string& id, const std::string& name, html::Name type) {
        return element("div", {{"class", "field"}},
                       Element("label", {{"for", id}})(label) +
                           Element("input", {{"type", std::string(type.str())},
                                             {"id", id},
                                             {"name", name},
                                             {"required", "required"},
                                             {"maxlength", std::to_string(max_line_characters)}})
                               .empty_element());
    };
    form(field(say.name, "walk-in-name", "name", "text"));
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "walk-in-organisation"}})(say.organisation) + Html(organisations)));
    form(field(say.email, "walk-in-email", "email", "email"));
    form(Element("button", {{"type", "submit"}})(say.add_walk_in));
    content += element("h3", say.new_person) + Html(form);
    return content;
}

// A series on a day without its meeting: its meetings to choose from.
Response choose_day(const Context& context)
{
    const auto& say = words(context.language);
    const auto& series = context.meeting->meeting;
    Element days("ul");
    for (const auto& occurrence : context.meeting->occurrences) {
        if (occurrence.status == MeetingStatus::cancelled) {
            continue;
        }
        days(element("li", link(Url("/meetings", {series.id.str(), "check-in"})
                                     .query("on", greg::to_iso_extended_string(occurrence.occurrence_of->date)),
                                 format_in(context.language, occurrence.time, time_zone(occurrence.time_zone)))));
    }
    return page(context, fmt::format(fmt::runtime(say.check_in_title), series.title),
                element("p", say.choose_day) + Html(days));
}

// The meeting the form's request is for, or a 400 that says why there is none.
const Meeting& requested_meeting(const Context& context)
{
    const auto* meeting = door_meeting(context);
    if (meeting == nullptr) {
        throw BadRequest(fmt::format("meeting '{}' is a series with no meeting on the day asked for; choose one of "
                                     "its days",
                                     context.meeting->meeting.id.str()));
    }
    return *meeting;
}

// Who may be ticked at this door: those in the room, and as walk-ins the people of the
// counties the meeting concerns (whom the search finds). Anyone else, and an id the
// store lacks, get the same answer, so that the door is no way to learn who exists.
void require_at_this_door(const Context& context, const Meeting& meeting, const PersonId& id)
{
    const auto in_room = attendees_in_room(meeting);
    if (std::find(in_room.begin(), in_room.end(), id) != in_room.end()) {
        return;
    }
    const auto person = context.store.person(id);
    const auto organisation = person ? context.store.organisation(person->organisation) : std::nullopt;
    if (!organisation || !context.meeting->audience.counties.contains(organisation->county)) {
        throw BadRequest(fmt::format("'{}' is not invited to this meeting, nor one of the people of the counties it "
                                     "concerns",
                                     id.str()));
    }
}

// What a service refused, as the 400 page that says so.
template <class Record>
auto refused_as_bad_request(Record record)
{
    try {
        return record();
    } catch (const services::AttendanceRefused& refused) {
        throw BadRequest(refused.what());
    }
}

}  // namespace

Response check_in(Context& context)
{
    const auto& say = words(context.language);
    const auto* meeting = door_meeting(context);
    if (meeting == nullptr) {
        return choose_day(context);
    }
    const auto& records = context.meeting->records;
    const auto title = fmt::format(fmt::runtime(say.check_in_title), meeting->title);
    const auto* venue = records.find(meeting->venue);
    Html content = element("p", format_in(context.language, meeting->time, time_zone(meeting->time_zone)) +
                                    (venue ? ", " + venue->name : std::string()));
    if (meeting->status == MeetingStatus::cancelled) {
        return page(context, title, content + element("p", {{"class", "problem"}}, say.cancelled_no_check_in));
    }

    // What is recorded for this meeting: the series' records of other days are not.
    const auto of_this_meeting = [&](const AttendanceRecord& record) {
        return meeting->occurrence_of ? record.occurrence && *record.occurrence == meeting->occurrence_of->date
                                      : !record.occurrence;
    };
    std::map<PersonId, Presence> recorded;
    for (const auto& record : context.meeting->attendance) {
        if (of_this_meeting(record)) {
            recorded[record.person] = record.presence;
        }
    }

    const auto in_room = attendees_in_room(*meeting);
    std::map<std::string, std::vector<const Person*>> by_county;
    std::size_t present = 0;
    std::size_t excused = 0;
    for (const auto& id : in_room) {
        const auto* person = records.find(id);
        if (person == nullptr) {
            continue;
        }
        const auto* organisation = records.find(person->organisation);
        const auto* county = organisation ? records.find(organisation->county) : nullptr;
        by_county[county ? county->name : std::string(say.county_none)].push_back(person);
        if (const auto it = recorded.find(id); it != recorded.end()) {
            if (it->second == Presence::present) {
                ++present;
            } else if (it->second == Presence::excused) {
                ++excused;
            }
        }
    }
    std::vector<const Person*> walk_ins;
    for (const auto& [id, presence] : recorded) {
        if (std::find(in_room.begin(), in_room.end(), id) == in_room.end()) {
            if (const auto* person = records.find(id)) {
                walk_ins.push_back(person);
            }
        }
    }
    content += element("p", {{"class", "tally"}, {"role", "status"}},
                       fmt::format(fmt::runtime(say.check_in_tally), present, in_room.size(), excused, walk_ins.size()));

    for (const auto& [county, people] : by_county) {
        Element list("ul", {{"class", "door-list"}});
        for (const auto* person : people) {
            const auto it = recorded.find(person->id);
            list(person_row(context, *meeting, *person, records.find(person->organisation),
                            it == recorded.end() ? std::nullopt : std::optional(it->second), true));
        }
        content += element("h2", county) + Html(list);
    }
    if (!walk_ins.empty()) {
        Element list("ul", {{"class", "door-list"}});
        for (const auto* person : walk_ins) {
            list(person_row(context, *meeting, *person, records.find(person->organisation), Presence::present, false));
        }
        content += element("h2", say.came_uninvited) + Html(list);
    }
    content += walk_in_forms(context, *meeting, context.request.query_value("find").value_or(""));
    return page(context, title, content);
}

Response mark_presence(Context& context)
{
    const auto& meeting = requested_meeting(context);
    const auto presence = presence_from_string(context.request.form_value("presence"));
    if (!presence) {
        throw BadRequest("the presence must be present, excused or absent");
    }
    const PersonId person(context.request.form_value("person"));
    require_at_this_door(context, meeting, person);
    refused_as_bad_request([&] {
        return services::record_attendance(context.store, {meeting.id.str(), {person}, *presence});
    });
    return redirect(door_url(meeting).str() + "#person-" + person.str());
}

Response add_walk_in(Context& context)
{
    const auto& meeting = requested_meeting(context);
    const auto& request = context.request;
    // Someone new belongs to an organisation of the counties the meeting concerns, as
    // the form offers them.
    const auto organisation = context.store.organisation(OrganisationId(request.form_value("organisation")));
    if (organisation && !context.meeting->audience.counties.contains(organisation->county)) {
        throw BadRequest("the organisation is not one of the counties this meeting concerns");
    }
    const auto recorded = refused_as_bad_request([&] {
        return services::record_new_walk_in(context.store, {meeting.id.str(), request.form_value("name"),
                                                            OrganisationId(request.form_value("organisation")),
                                                            request.form_value("email")});
    });
    return redirect(door_url(meeting).str() + "#person-" + recorded.walk_ins.front().id.str());
}

}  // namespace planner::web::pages
