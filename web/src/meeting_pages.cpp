// The meetings: the list with its filters, one meeting with everything it concerns,
// and the conflicts of a date range.

#include "layout.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/error.hpp>
#include <planner/input_size.hpp>
#include <planner/services/answers.hpp>
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

std::string_view status_word(const Words& say, MeetingStatus status)
{
    switch (status) {
    case MeetingStatus::confirmed: return say.confirmed;
    case MeetingStatus::tentative: return say.tentative;
    case MeetingStatus::cancelled: return say.cancelled;
    }
    return say.unknown;
}

std::string_view role_word(const Words& say, Role role)
{
    switch (role) {
    case Role::chair: return say.chair;
    case Role::required: return say.required;
    case Role::optional: return say.optional;
    case Role::info: return say.info;
    }
    return say.unknown;
}

std::string_view answer_word(const Words& say, Answer answer)
{
    switch (answer) {
    case Answer::needs_action: return say.needs_action;
    case Answer::accepted: return say.accepted;
    case Answer::declined: return say.declined;
    case Answer::tentative: return say.answered_tentative;
    case Answer::delegated: return say.delegated;
    }
    return say.unknown;
}

namespace {

std::string when(const Context& context, const TimeRange& time, const std::string& zone)
{
    return format_in(context.language, time, time_zone(zone));
}

// The comment of an answer, and who wrote it down when it came by phone or letter.
std::string answer_note(const Words& say, const RecordedAnswer* answer)
{
    if (answer == nullptr) {
        return {};
    }
    if (!answer->recorded_by) {
        return answer->comment;
    }
    const auto by = fmt::format(fmt::runtime(say.written_down_by), *answer->recorded_by);
    return answer->comment.empty() ? by : answer->comment + " (" + by + ")";
}

// For the meeting's organisers: an answer given by phone or letter, written down.
template <class NameOf>
Html answer_form(const Context& context, const NameOf& name_of)
{
    const auto& say = words(context.language);
    const auto& meeting = context.meeting->meeting;
    Element people("select", {{"id", "answer-person"}, {"name", "person"}, {"required", "required"}});
    for (const auto& invitee : invitees(meeting)) {
        people(Element("option", {{"value", invitee.person.str()}})(name_of(invitee.person)));
    }
    Element answers("select", {{"id", "answer-answer"}, {"name", "answer"}});
    for (const auto answer : {Answer::accepted, Answer::tentative, Answer::declined}) {
        answers(Element("option", {{"value", std::string(to_string(answer))}})(answer_word(say, answer)));
    }
    Element form("form", {{"method", "post"},
                          {"action", Url("/meetings", {meeting.id.str(), "answers"}).str()},
                          {"class", "filters"}});
    form(csrf_field(context));
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "answer-person"}})(say.person) + Html(people)));
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "answer-answer"}})(say.answer) + Html(answers)));
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "answer-comment"}})(say.comment) +
                     Element("input", {{"type", "text"}, {"id", "answer-comment"}, {"name", "comment"},
                                       {"maxlength", std::to_string(max_line_characters)}})
                         .empty_element()));
    form(Element("button", {{"type", "submit"}})(say.write_down));
    return element("h2", {{"id", "write-down"}}, say.write_down_answer) + element("p", say.write_down_hint) +
           Html(form);
}

// <label for=...>Label</label><input ...>: one field of the filter form.
Html labelled_input(std::string_view label, html::Name type, const std::string& name, const std::string& value)
{
    return element("div", {{"class", "field"}},
                   Element("label", {{"for", "filter-" + name}})(label) +
                       Element("input", {{"type", std::string(type.str())}, {"id", "filter-" + name}, {"name", name},
                                         {"value", value}})
                           .empty_element());
}

Html select_field(std::string_view label, const std::string& name, const std::string& any_label,
                  const std::vector<std::pair<std::string, std::string>>& options, const std::string& chosen)
{
    Element select("select", {{"id", "filter-" + name}, {"name", name}});
    select(Element("option", {{"value", ""}})(any_label));
    for (const auto& [value, shown] : options) {
        select(Element("option", {{"value", value}, html::flag("selected", value == chosen)})(shown));
    }
    return element("div", {{"class", "field"}}, Element("label", {{"for", "filter-" + name}})(label) + Html(select));
}

std::string query_text(const Context& context, std::string_view name)
{
    return std::string(context.request.query_value(name).value_or(""));
}

}  // namespace

Html conflict_table(const Context& context, const std::vector<Conflict>& conflicts)
{
    const auto& say = words(context.language);
    if (conflicts.empty()) {
        return element("p", say.no_conflicts);
    }
    Element body("tbody");
    for (const auto& conflict : conflicts) {
        Html meetings;
        for (const auto& id : conflict.meetings) {
            if (!meetings.empty()) {
                meetings += Html::literal(", ");
            }
            meetings += link(Url("/meetings", {id.str()}), id.str());
        }
        body(element("tr", element("td", conflict.severity == Severity::error ? say.error : say.warning) +
                               element("td", to_string(conflict.kind)) +
                               element("td", when(context, conflict.time, conflict.time_zone)) +
                               element("td", meetings) + element("td", conflict.message)));
    }
    const Html head = element("thead", element("tr", element("th", {{"scope", "col"}}, say.severity) +
                                                         element("th", {{"scope", "col"}}, say.kind) +
                                                         element("th", {{"scope", "col"}}, say.time) +
                                                         element("th", {{"scope", "col"}}, say.meetings) +
                                                         element("th", {{"scope", "col"}}, say.description)));
    return element("table", head + Html(body));
}

Response meeting_list(Context& context)
{
    const auto& say = words(context.language);
    db::MeetingQuery filter;
    read_meeting_filters(context.request, filter);
    if (!filter.from) {
        // Upcoming first: without a start, from today on.
        filter.from = start_of_local_day(greg::day_clock::universal_day());
    }
    const auto page_number = std::max<std::size_t>(1, number_parameter(context.request, "page", 1, 100'000));
    filter.offset = (page_number - 1) * filter.limit;
    const auto found = list_meetings(context.store, filter, *context.viewer);

    std::vector<std::pair<std::string, std::string>> statuses{
        {"confirmed", std::string(say.confirmed)},
        {"tentative", std::string(say.tentative)},
        {"cancelled", std::string(say.cancelled)}};
    Element form("form", {{"method", "get"}, {"action", "/meetings"}, {"class", "filters"}});
    form(labelled_input(say.from, "date", "from", query_text(context, "from")));
    form(labelled_input(say.to, "date", "to", query_text(context, "to")));
    form(labelled_input(say.county, "text", "county", query_text(context, "county")));
    form(labelled_input(say.organisation, "text", "organisation", query_text(context, "organisation")));
    form(select_field(say.status, "status", std::string(say.any), statuses, query_text(context, "status")));
    form(Element("button", {{"type", "submit"}})(say.filter));

    Html content = html::Html(form);
    content += element("p", {{"role", "status"}}, fmt::format(fmt::runtime(say.meetings_found), found.total));
    if (found.meetings.empty()) {
        content += element("p", say.no_meetings);
    } else {
        Element rows("tbody");
        for (const auto& listed : found.meetings) {
            rows(element("tr", element("td", when(context, listed.time, listed.time_zone)) +
                                   element("td", link(Url("/meetings", {listed.id.str()}), listed.title)) +
                                   element("td", listed.venue_name) +
                                   element("td", status_word(say, listed.status))));
        }
        const Html head = element("thead", element("tr", element("th", {{"scope", "col"}}, say.time) +
                                                             element("th", {{"scope", "col"}}, say.title) +
                                                             element("th", {{"scope", "col"}}, say.venue) +
                                                             element("th", {{"scope", "col"}}, say.status)));
        content += element("table", head + Html(rows));
    }
    const auto pages = std::max<std::size_t>(1, (found.total + filter.limit - 1) / filter.limit);
    if (pages > 1) {
        const auto page_url = [&](std::size_t number) {
            Url url("/meetings");
            for (const auto* name : {"from", "to", "county", "organisation", "status"}) {
                if (const auto value = query_text(context, name); !value.empty()) {
                    url.query(name, value);
                }
            }
            url.query("page", std::to_string(number));
            return url;
        };
        Element paging("nav", {{"aria-label", fmt::format(fmt::runtime(say.page_of), page_number, pages)}});
        if (page_number > 1) {
            paging(link(page_url(page_number - 1), say.previous_page));
        }
        paging(element("span", fmt::format(fmt::runtime(say.page_of), page_number, pages)));
        if (page_number < pages) {
            paging(link(page_url(page_number + 1), say.next_page));
        }
        content += paging;
    }
    return page(context, say.meetings, content);
}

Response meeting(Context& context)
{
    const auto& say = words(context.language);
    const auto& found = *context.meeting;
    const auto& meeting = found.meeting;
    const auto& records = found.records;
    const auto* venue = records.find(meeting.venue);

    Element facts("dl");
    facts(element("dt", say.time))(element("dd", when(context, meeting.time, meeting.time_zone)));
    facts(element("dt", say.time_zone))(element("dd", meeting.time_zone));
    if (meeting.recurrence) {
        facts(element("dt", say.series))(element("dd", meeting.recurrence->rule));
    }
    facts(element("dt", say.venue))(element("dd", venue ? venue->name + ", " + venue->address : meeting.venue.str()));
    facts(element("dt", say.status))(element("dd", status_word(say, meeting.status)));
    const auto shown = guest_list_shown(meeting, records) ? say.guest_list_shown : say.guest_list_hidden;
    facts(element("dt", say.guest_list))(
        element("dd", meeting.participants_see_each_other ? std::string(shown)
                                                          : fmt::format(fmt::runtime(say.guest_list_by_rule), shown)));
    facts(element("dt", say.published))(element("dd", meeting.published ? say.published_yes : say.published_no));
    Html content = Html(facts);
    if (meeting.published) {
        // The public calendars it is in: of its counties and its organisers' organisations.
        Element feeds("ul");
        for (const auto& county : counties_concerned(meeting, records)) {
            const auto* named = records.find(county);
            feeds(element("li", link(Url("/public", {"counties", county.str() + ".ics"}),
                                     named != nullptr ? named->name : county.str())));
        }
        std::set<OrganisationId> organisations;
        for (const auto& organiser : meeting.organisers) {
            if (const auto* person = records.find(organiser); person != nullptr && organisations.insert(person->organisation).second) {
                const auto* organisation = records.find(person->organisation);
                feeds(element("li", link(Url("/public", {"organisations", person->organisation.str() + ".ics"}),
                                         organisation != nullptr ? organisation->name : person->organisation.str())));
            }
        }
        content += element("p", say.public_feeds_hint) + Html(feeds);
    }
    if (!meeting.description.empty()) {
        content += element("h2", say.description) + element("p", meeting.description);
    }

    const auto name_of = [&](const PersonId& id) {
        const auto* person = records.find(id);
        return person ? person->name : id.str();
    };
    if (!meeting.agenda.empty()) {
        Element rows("tbody");
        for (const auto& item : meeting.agenda) {
            rows(element("tr", element("td", format_local_times(item.time, time_zone(meeting.time_zone))) +
                                   element("td", item.title) +
                                   element("td", item.presenter ? name_of(*item.presenter) : std::string())));
        }
        content += element("h2", say.agenda) +
                   element("table", element("thead", element("tr", element("th", {{"scope", "col"}}, say.time) +
                                                                       element("th", {{"scope", "col"}}, say.title) +
                                                                       element("th", {{"scope", "col"}}, say.presenter))) +
                                        Html(rows));
    }

    Element organisers("ul");
    for (const auto& organiser : meeting.organisers) {
        organisers(element("li", name_of(organiser)));
    }
    content += element("h2", say.organisers) + Html(organisers);

    // Participants by county, with their answers.
    std::map<std::string, std::vector<Participant>> by_county;
    for (const auto& participant : invitees(meeting)) {
        const auto* person = records.find(participant.person);
        const auto* organisation = person ? records.find(person->organisation) : nullptr;
        const auto* county = organisation ? records.find(organisation->county) : nullptr;
        by_county[county ? county->name : std::string(say.county_none)].push_back(participant);
    }
    content += element("h2", say.participants);
    for (const auto& [county, participants] : by_county) {
        Element rows("tbody");
        for (const auto& participant : participants) {
            const auto* person = records.find(participant.person);
            const auto* organisation = person ? records.find(person->organisation) : nullptr;
            const auto* answer = given_answer(found.answers, participant.person, std::nullopt);
            rows(element("tr", element("td", name_of(participant.person)) +
                                   element("td", organisation ? organisation->name : std::string()) +
                                   element("td", role_word(say, participant.role)) +
                                   element("td", answer_word(say, answer ? answer->answer : Answer::needs_action)) +
                                   element("td", answer_note(say, answer))));
        }
        content += element("h3", county) +
                   element("table", element("thead", element("tr", element("th", {{"scope", "col"}}, say.name) +
                                                                       element("th", {{"scope", "col"}}, say.organisation) +
                                                                       element("th", {{"scope", "col"}}, say.role) +
                                                                       element("th", {{"scope", "col"}}, say.answer) +
                                                                       element("th", {{"scope", "col"}}, say.comment))) +
                                        Html(rows));
    }

    if (may_change(*context.viewer, found.audience)) {
        if (form_holds(meeting)) {
            content = element("p", link(Url("/meetings", {meeting.id.str(), "edit"}), say.change_meeting)) + content;
        }
        content += poll_section(context, meeting);
        content += mail_section(context, name_of);
        content += answer_form(context, name_of);
    }

    const auto conflicts = meeting_conflicts(context.store, meeting.id, *context.viewer);
    content += element("h2", say.conflicts_of_meeting) + conflict_table(context, conflicts.shown);
    if (conflicts.hidden > 0) {
        content += element("p", fmt::format(fmt::runtime(say.hidden_conflicts), conflicts.hidden));
    }

    Element documents("ul");
    if (meeting.status != MeetingStatus::cancelled) {
        documents(element("li", link(Url("/meetings", {meeting.id.str(), "invitation.ics"}), say.invitation_ics)));
    }
    if (meeting.status != MeetingStatus::cancelled) {
        documents(element("li", link(Url("/meetings", {meeting.id.str(), "check-in"}), say.check_in)));
    }
    if (may_change(*context.viewer, found.audience)) {
        documents(element("li", link(Url("/meetings", {meeting.id.str(), "meeting.toml"}), say.meeting_file)));
    }
    if (!meeting.recurrence) {  // a series has a list for each of its meetings
        documents(element("li", link(Url("/meetings", {meeting.id.str(), "attendance.pdf"}), say.attendance_pdf)));
        documents(element("li", link(Url("/meetings", {meeting.id.str(), "attendance.html"}), say.attendance_html)));
        documents(element("li", link(Url("/meetings", {meeting.id.str(), "attendance.csv"}), say.attendance_csv)));
    }
    content += element("h2", say.documents) + Html(documents);
    return page(context, meeting.title, content);
}

Response record_answer(Context& context)
{
    const auto& meeting = context.meeting->meeting;
    const auto& request = context.request;
    const auto answer = answer_from_string(request.form_value("answer"));
    if (!answer) {
        throw BadRequest("the answer must be accepted, tentative or declined");
    }
    const services::HandAnswer given{meeting.id, PersonId(request.form_value("person")), *answer,
                                     request.form_value("comment"), context.viewer->account.login};
    try {
        static_cast<void>(services::record_hand_answer(context.store, given, context.now));
    } catch (const services::HandAnswerRefused& refused) {
        // What was given is wrong: said on the page. A failure of the store is not.
        throw BadRequest(refused.what());
    }
    return redirect(Url("/meetings", {meeting.id.str()}).str());
}

Response conflicts(Context& context)
{
    const auto& say = words(context.language);
    const auto today = greg::day_clock::universal_day();
    const auto from = day_parameter(context.request, "from").value_or(today);
    const auto to = day_parameter(context.request, "to").value_or(from + greg::days(30));
    const auto found = conflicts_between(context.store, days_from_to(from, to), *context.viewer);
    Element form("form", {{"method", "get"}, {"action", "/conflicts"}, {"class", "filters"}});
    form(labelled_input(say.from, "date", "from", greg::to_iso_extended_string(from)));
    form(labelled_input(say.to, "date", "to", greg::to_iso_extended_string(to)));
    form(Element("button", {{"type", "submit"}})(say.show));
    Html content = Html(form) + conflict_table(context, found.shown);
    if (found.hidden > 0) {
        content += element("p", fmt::format(fmt::runtime(say.hidden_conflicts), found.hidden));
    }
    return page(context,
                fmt::format(fmt::runtime(say.conflicts_between), greg::to_iso_extended_string(from),
                            greg::to_iso_extended_string(to)),
                content);
}

}  // namespace planner::web::pages
