#include <planner/ical/invitation.hpp>

#include "handles.hpp"
#include "vtimezone.hpp"

#include <planner/error.hpp>
#include <planner/ical/content_lines.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;

enum class LineBreaks { keep, to_space };

// libical passes control characters through and a SUMMARY must stay one line, so
// text is cleaned before it reaches libical, which then escapes \ ; , and newlines.
std::string clean_text(std::string_view text, LineBreaks line_breaks)
{
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                continue;
            }
            result += line_breaks == LineBreaks::keep ? '\n' : ' ';
        } else if (c == '\n') {
            result += line_breaks == LineBreaks::keep ? '\n' : ' ';
        } else if (c == '\t') {
            result += ' ';
        } else if (c < 0x20 || c == 0x7F) {
            continue;
        } else {
            result += text[i];
        }
    }
    return result;
}

// A parameter value cannot hold a double quote, and no control character or line
// break may reach it: one bad parameter makes Thunderbird drop the whole calendar.
std::string clean_parameter(std::string_view text)
{
    std::string result = clean_text(text, LineBreaks::to_space);
    std::erase(result, '"');
    return result;
}

icalparameter_role to_ical_role(Role role)
{
    switch (role) {
    case Role::chair: return ICAL_ROLE_CHAIR;
    case Role::required: return ICAL_ROLE_REQPARTICIPANT;
    case Role::optional: return ICAL_ROLE_OPTPARTICIPANT;
    case Role::info: return ICAL_ROLE_NONPARTICIPANT;
    }
    return ICAL_ROLE_REQPARTICIPANT;
}

icalproperty_status to_ical_status(MeetingStatus status)
{
    switch (status) {
    case MeetingStatus::confirmed: return ICAL_STATUS_CONFIRMED;
    case MeetingStatus::tentative: return ICAL_STATUS_TENTATIVE;
    case MeetingStatus::cancelled: return ICAL_STATUS_CANCELLED;
    }
    return ICAL_STATUS_CONFIRMED;
}

std::string mailto(const Person& person)
{
    if (!person.email) {
        throw Error(fmt::format("{} ('{}') has no e-mail address, and an invitation names its organiser as the one "
                                "to answer to; give the organiser an address",
                                person.name, person.id.str()));
    }
    return "mailto:" + person.email->str();
}

void add_parameter(icalproperty* property, icalparameter* parameter)
{
    icalproperty_add_parameter(property, parameter);
}

std::string agenda_text(const Directory& directory, const Meeting& meeting, const TimeZone& zone,
                        std::string_view note)
{
    std::string text = meeting.description;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    if (!meeting.agenda.empty()) {
        text += text.empty() ? "" : "\n\n";
        text += "Tagesordnung:";
        for (const auto& item : meeting.agenda) {
            text += fmt::format("\n{} {}", format_local_times(item.time, zone), item.title);
            if (item.presenter) {
                text += fmt::format(" ({})", directory.person(*item.presenter).name);
            }
        }
    }
    std::string organisers;
    for (const auto& id : meeting.organisers) {
        organisers += organisers.empty() ? "" : ", ";
        organisers += directory.person(id).name;
    }
    text += fmt::format("{}Organisation: {}", text.empty() ? "" : "\n\n", organisers);
    if (!note.empty()) {
        text += "\n\n";
        text += note;
    }
    return text;
}

// A local time with its TZID: libical's constructors leave the time floating.
PropertyHandle zoned_local_time(icalproperty* (*make)(icaltimetype), pt::ptime local, const TimeZone& zone)
{
    PropertyHandle property(make(to_icaltime(local, false)));
    add_parameter(property.get(), icalparameter_new_tzid(zone.name().c_str()));
    return property;
}

PropertyHandle zoned_time(icalproperty* (*make)(icaltimetype), pt::ptime utc, const TimeZone& zone)
{
    return zoned_local_time(make, zone.to_local(utc), zone);
}

ComponentHandle make_event(const Directory& directory, const Meeting& meeting, const TimeZone& zone, pt::ptime stamp,
                           const std::vector<Participant>& attendees, std::string_view note = {})
{
    ComponentHandle event(icalcomponent_new(ICAL_VEVENT_COMPONENT));
    auto* e = event.get();
    add(e, PropertyHandle(icalproperty_new_uid(meeting.uid.c_str())));
    add(e, PropertyHandle(icalproperty_new_dtstamp(to_icaltime(stamp, true))));
    add(e, zoned_time(icalproperty_new_dtstart, meeting.time.start(), zone));
    add(e, zoned_time(icalproperty_new_dtend, meeting.time.end(), zone));
    add(e, PropertyHandle(icalproperty_new_sequence(meeting.sequence)));
    add(e, PropertyHandle(icalproperty_new_summary(clean_text(meeting.title, LineBreaks::to_space).c_str())));
    add(e, PropertyHandle(icalproperty_new_description(
               clean_text(agenda_text(directory, meeting, zone, note), LineBreaks::keep).c_str())));

    const auto& venue = directory.venue(meeting.venue);
    const auto location = fmt::format("{}, {}", venue.name, venue.address);
    add(e, PropertyHandle(icalproperty_new_location(clean_text(location, LineBreaks::to_space).c_str())));
    icalgeotype geo{};
    geo.lat = venue.geo.latitude();
    geo.lon = venue.geo.longitude();
    add(e, PropertyHandle(icalproperty_new_geo(geo)));
    add(e, PropertyHandle(icalproperty_new_status(to_ical_status(meeting.status))));
    add(e, PropertyHandle(icalproperty_new_transp(ICAL_TRANSP_OPAQUE)));

    const auto& organiser = directory.person(meeting.organisers.front());
    PropertyHandle organiser_property(icalproperty_new_organizer(mailto(organiser).c_str()));
    add_parameter(organiser_property.get(), icalparameter_new_cn(clean_parameter(organiser.name).c_str()));
    add(e, std::move(organiser_property));

    for (const auto& invitee : attendees) {
        const auto& person = directory.person(invitee.person);
        if (!person.email) {
            continue;  // no calendar to answer from: they get a printed letter
        }
        PropertyHandle attendee(icalproperty_new_attendee(mailto(person).c_str()));
        add_parameter(attendee.get(), icalparameter_new_cn(clean_parameter(person.name).c_str()));
        add_parameter(attendee.get(), icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL));
        add_parameter(attendee.get(), icalparameter_new_role(to_ical_role(invitee.role)));
        add_parameter(attendee.get(), icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
        // Those only informed are not asked to answer.
        add_parameter(attendee.get(), icalparameter_new_rsvp(invitee.role == Role::info ? ICAL_RSVP_FALSE
                                                                                          : ICAL_RSVP_TRUE));
        add(e, std::move(attendee));
    }
    return event;
}

// Where the rule puts the series on a date: the first start's wall-clock time, which
// is how RECURRENCE-ID and EXDATE name that occurrence.
pt::ptime rule_start_on(boost::gregorian::date day, const Meeting& series, const TimeZone& zone)
{
    return {day, zone.to_local(series.time.start()).time_of_day()};
}

// The series' own event: the first occurrence with the rule (UNTIL in UTC) and an
// EXDATE at the rule's local start on each exception date.
// A cancelled occurrence is left out like an exception: RFC 5546 has no cancelled
// instance inside a REQUEST, and clients keep one that is sent that way (cal.com#29708).
ComponentHandle make_series_event(const Directory& directory, const Meeting& series, const TimeZone& zone,
                                  pt::ptime stamp, const std::vector<Participant>& attendees,
                                  std::string_view note = {})
{
    auto event = make_event(directory, series, zone, stamp, attendees, note);
    add(event.get(), PropertyHandle(icalproperty_new_rrule(icalrecurrencetype_from_string(
                         invitation_rule(series).c_str()))));
    std::vector<boost::gregorian::date> left_out = series.recurrence->exceptions;
    for (const auto& change : series.recurrence->changes) {
        if (change.status == MeetingStatus::cancelled) {
            left_out.push_back(change.date);
        }
    }
    std::sort(left_out.begin(), left_out.end());
    for (const auto& day : left_out) {
        add(event.get(), zoned_local_time(icalproperty_new_exdate, rule_start_on(day, series, zone), zone));
    }
    return event;
}

// A changed occurrence (as planner::occurrences gives it: its own time, venue,
// status, and the agenda moved along) as an event of its own with the series' UID
// and SEQUENCE and a RECURRENCE-ID naming the occurrence it replaces. It repeats
// everything the series has, because clients show an overriding event as it stands.
ComponentHandle make_changed_occurrence(const Directory& directory, const Meeting& series,
                                        const Meeting& occurrence, const TimeZone& zone, pt::ptime stamp,
                                        const std::vector<Participant>& attendees, std::string_view note = {})
{
    auto event = make_event(directory, occurrence, zone, stamp, attendees, note);
    add(event.get(), zoned_local_time(icalproperty_new_recurrenceid,
                                      rule_start_on(occurrence.occurrence_of->date, series, zone), zone));
    return event;
}

bool is_changed(const Meeting& occurrence, const Recurrence& recurrence)
{
    return std::any_of(recurrence.changes.begin(), recurrence.changes.end(),
                       [&](const OccurrenceChange& change) { return change.date == occurrence.occurrence_of->date; });
}

void require_sendable(const Meeting& meeting)
{
    if (meeting.uid.empty()) {
        throw Error(fmt::format("meeting '{}' has no UID yet; import it into the store first", meeting.id.str()));
    }
    if (meeting.organisers.empty()) {
        throw Error(fmt::format("meeting '{}' has no organiser to send the invitation", meeting.id.str()));
    }
}

// VERSION, PRODID and the METHOD before any component.
ComponentHandle make_bare_calendar(std::optional<icalproperty_method> method)
{
    ComponentHandle calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    add(calendar.get(), PropertyHandle(icalproperty_new_prodid(product_id().c_str())));
    add(calendar.get(), PropertyHandle(icalproperty_new_version("2.0")));
    add(calendar.get(), PropertyHandle(icalproperty_new_calscale("GREGORIAN")));
    if (method) {
        add(calendar.get(), PropertyHandle(icalproperty_new_method(*method)));
    }
    return calendar;
}

// The same, with the meeting zone's VTIMEZONE.
ComponentHandle make_calendar(icalproperty_method method, const TimeZone& zone)
{
    auto calendar = make_bare_calendar(method);
    add(calendar.get(), make_vtimezone(zone));
    return calendar;
}

// The meeting's events, as its invitation has them: one, or a series' own and one per
// changed occurrence.
void add_meeting_events(icalcomponent* calendar, const Directory& directory, const Meeting& meeting,
                        const TimeZone& zone, pt::ptime stamp, const std::vector<Participant>& attendees,
                        std::string_view note)
{
    if (!meeting.recurrence) {
        add(calendar, make_event(directory, meeting, zone, stamp, attendees, note));
        return;
    }
    // The occurrences as the planner shows and checks them. This also refuses a series
    // whose start, exceptions or changes are not dates of its rule: an EXDATE or
    // RECURRENCE-ID that names no occurrence is read differently by every client, and a
    // DTSTART off the rule leaves the set undefined (RFC 5545 3.8.5.3).
    const auto expanded = occurrences(meeting, expand_rule);
    add(calendar, make_series_event(directory, meeting, zone, stamp, attendees, note));
    for (const auto& occurrence : expanded) {
        if (is_changed(occurrence, *meeting.recurrence) && occurrence.status != MeetingStatus::cancelled) {
            add(calendar, make_changed_occurrence(directory, meeting, occurrence, zone, stamp, attendees, note));
        }
    }
}

std::string written(const ComponentHandle& calendar, const Meeting& meeting)
{
    const StringHandle text(icalcomponent_as_ical_string_r(calendar.get()));
    if (!text) {
        throw Error(fmt::format("meeting '{}': libical could not write the calendar", meeting.id.str()));
    }
    return fold_lines(unfold_lines(text.get()));
}

}  // namespace

std::string product_id()
{
    return "-//planner//planner " PLANNER_VERSION "//DE";
}

std::string write_invitation(const Directory& directory, const Meeting& meeting, pt::ptime stamp,
                             std::string_view note, const std::optional<std::set<PersonId>>& listed)
{
    require_sendable(meeting);
    const auto& zone = time_zone(meeting.time_zone);
    auto calendar = make_calendar(ICAL_METHOD_REQUEST, zone);
    add_meeting_events(calendar.get(), directory, meeting, zone, stamp, attendees_shown(invitees(meeting), meeting, listed), note);
    return written(calendar, meeting);
}

namespace {

ComponentHandle feed_calendar(const Directory& directory, std::span<const FeedEntry> entries, pt::ptime stamp,
                              std::string_view name)
{
    auto calendar = make_bare_calendar(std::nullopt);
    if (!name.empty()) {
        PropertyHandle calendar_name(icalproperty_new_x(clean_text(name, LineBreaks::to_space).c_str()));
        icalproperty_set_x_name(calendar_name.get(), "X-WR-CALNAME");
        add(calendar.get(), std::move(calendar_name));
    }
    std::set<std::string> zones;
    for (const auto& entry : entries) {
        if (zones.insert(entry.meeting->time_zone).second) {
            add(calendar.get(), make_vtimezone(time_zone(entry.meeting->time_zone)));
        }
    }
    for (const auto& entry : entries) {
        const auto& meeting = *entry.meeting;
        require_sendable(meeting);
        add_meeting_events(calendar.get(), directory, meeting, time_zone(meeting.time_zone), stamp,
                           attendees_shown(invitees(meeting), meeting, entry.listed), {});
    }
    return calendar;
}

std::string feed_text(const ComponentHandle& calendar)
{
    const StringHandle text(icalcomponent_as_ical_string_r(calendar.get()));
    if (!text) {
        throw Error("libical could not write the feed");
    }
    return fold_lines(unfold_lines(text.get()));
}

}  // namespace

std::string write_feed(const Directory& directory, std::span<const FeedEntry> entries, pt::ptime stamp,
                       std::string_view name)
{
    return feed_text(feed_calendar(directory, entries, stamp, name));
}

std::string write_public_feed(const Directory& directory, std::span<const Meeting> meetings, pt::ptime stamp,
                              std::string_view name)
{
    // Nobody's name but the organisers': an agenda's presenters are mostly invitees.
    std::vector<Meeting> without_presenters(meetings.begin(), meetings.end());
    for (auto& meeting : without_presenters) {
        for (auto& item : meeting.agenda) {
            item.presenter.reset();
        }
    }
    std::vector<FeedEntry> entries;
    for (const auto& meeting : without_presenters) {
        entries.push_back({&meeting, std::set<PersonId>{}});
    }
    auto calendar = feed_calendar(directory, entries, stamp, name);
    // Nobody's address: no ORGANIZER (which would also make clients offer to answer),
    // no ATTENDEE.
    for (auto* event = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT); event != nullptr;
         event = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT)) {
        for (const auto kind : {ICAL_ORGANIZER_PROPERTY, ICAL_ATTENDEE_PROPERTY}) {
            while (auto* property = icalcomponent_get_first_property(event, kind)) {
                icalcomponent_remove_property(event, property);
                icalproperty_free(property);
            }
        }
    }
    return feed_text(calendar);
}

std::string write_cancellation(const Directory& directory, const Meeting& meeting, const Cancellation& cancellation,
                               pt::ptime stamp)
{
    require_sendable(meeting);
    if (cancellation.attendees.empty()) {
        throw Error(fmt::format("meeting '{}': a cancellation needs somebody to send it to", meeting.id.str()));
    }
    const auto& zone = time_zone(meeting.time_zone);
    auto calendar = make_calendar(ICAL_METHOD_CANCEL, zone);
    ComponentHandle event;
    if (cancellation.occurrence) {
        if (!meeting.recurrence) {
            throw Error(fmt::format("meeting '{}' is not a series; it has no occurrence to cancel", meeting.id.str()));
        }
        auto occurrence = occurrence_on(meeting, *cancellation.occurrence, expand_rule);
        if (!occurrence) {
            throw Error(fmt::format("meeting '{}' has no occurrence on {}", meeting.id.str(),
                                    boost::gregorian::to_iso_extended_string(*cancellation.occurrence)));
        }
        event = make_changed_occurrence(directory, meeting, *occurrence, zone, stamp, cancellation.attendees);
    } else if (meeting.recurrence) {
        event = make_series_event(directory, meeting, zone, stamp, cancellation.attendees);
    } else {
        event = make_event(directory, meeting, zone, stamp, cancellation.attendees);
    }
    // RFC 5546 3.2.5: the event is cancelled for those named, whatever its status was.
    icalcomponent_set_status(event.get(), ICAL_STATUS_CANCELLED);
    // Nobody is asked to answer a cancellation.
    for (auto* attendee = icalcomponent_get_first_property(event.get(), ICAL_ATTENDEE_PROPERTY); attendee != nullptr;
         attendee = icalcomponent_get_next_property(event.get(), ICAL_ATTENDEE_PROPERTY)) {
        icalproperty_remove_parameter_by_kind(attendee, ICAL_RSVP_PARAMETER);
    }
    if (!cancellation.reason.empty()) {
        add(event.get(), PropertyHandle(icalproperty_new_comment(
                             clean_text(cancellation.reason, LineBreaks::keep).c_str())));
    }
    add(calendar.get(), std::move(event));
    return written(calendar, meeting);
}

}  // namespace planner::ical
