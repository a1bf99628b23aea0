#include <planner/ical/reply.hpp>

#include "calendar_parser.hpp"
#include "handles.hpp"
#include "vtimezone.hpp"

#include <planner/email_address.hpp>
#include <planner/error.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace planner::ical {
namespace {


// The address of a cal-address value: "MAILTO:Frank.Veser@LRASIG.de" -> "Frank.Veser@LRASIG.de".
std::string address_of(std::string_view cal_address)
{
    constexpr std::string_view scheme = "MAILTO:";
    if (upper(cal_address.substr(0, scheme.size())) == scheme) {
        cal_address.remove_prefix(scheme.size());
    }
    return std::string(cal_address);
}

// A parameter's value as written (libical strips the quotes), or null when absent.
std::optional<std::string> parameter(icalproperty* property, const char* name)
{
    const StringHandle value(icalproperty_get_parameter_as_string_r(property, name));
    return value ? std::optional<std::string>(value.get()) : std::nullopt;
}

std::string value_text(icalproperty* property)
{
    const StringHandle value(icalproperty_get_value_as_string_r(property));
    return value ? std::string(value.get()) : std::string();
}

// `line` is that of the calendar's BEGIN, for messages.
void require_reply_method(icalcomponent* calendar, std::string_view source, std::size_t line)
{
    auto* method = icalcomponent_get_first_property(calendar, ICAL_METHOD_PROPERTY);
    if (method == nullptr) {
        throw Error(fmt::format("{}:{}: the calendar has no METHOD; expected METHOD:REPLY, an answer to an invitation",
                                source, line));
    }
    // libical upper-cases the methods it knows; an unknown one keeps its spelling.
    const auto name = value_text(method);
    if (upper(name) != "REPLY") {
        throw Error(
            fmt::format("{}:{}: METHOD is {}; expected REPLY, an answer to an invitation", source, line, name));
    }
}

// What messages about one event start with: "answer.ics:5: the reply of event 'uid'",
// the line of its BEGIN:VEVENT.
struct EventPlace {
    std::string_view source;
    std::size_t line = 0;
    std::string uid;

    [[nodiscard]] std::string str() const
    {
        return fmt::format("{}:{}: the reply of event '{}'", source, line, uid);
    }
};

// The properties an answer is read from. libical drops a property whose value it
// cannot read: a dropped RECURRENCE-ID would silently turn an answer for one
// occurrence into one for the whole series. Any other property may be empty or
// unreadable (Google writes "DESCRIPTION:" and "LOCATION:") without harm.
constexpr std::array<ValueForm, 5> needed_values{{
    {ICAL_UID_PROPERTY, "UID", "the UID of the invitation it answers"},
    {ICAL_ATTENDEE_PROPERTY, "ATTENDEE", "the address of the attendee who answers (mailto:name@example.org)"},
    {ICAL_RECURRENCEID_PROPERTY, "RECURRENCE-ID",
     "the date (20121108) or date-time (20121108T140000) of the occurrence answered"},
    {ICAL_SEQUENCE_PROPERTY, "SEQUENCE", "the version answered, a whole number (SEQUENCE:2)"},
    {ICAL_DTSTAMP_PROPERTY, "DTSTAMP", "the time of the answer in UTC (20121001T090000Z)"},
}};

// Those of them that are times: libical keeps 20121108T250000 as hour 25.
constexpr std::array<ValueForm, 2> needed_times{{needed_values[2], needed_values[4]}};

void require_needed_values(icalcomponent* event, const ComponentText& text, std::string_view source)
{
    if (const auto unread = first_unread_value(event, text, needed_values)) {
        const auto& property = *unread->property;
        throw Error(fmt::format("{}:{}:{}: the answer's {} '{}' cannot be read; expected {}", source, property.line,
                                property.value_column, property.name, property.value(), unread->form));
    }
    if (const auto bad = first_bad_time_value(text, needed_times)) {
        throw Error(fmt::format("{}:{}:{}: the answer's {}", source, bad->property->line, bad->column, bad->text()));
    }
}

std::string uid_of(icalcomponent* event, std::string_view source, std::size_t line)
{
    const char* uid = icalcomponent_get_uid(event);
    if (uid == nullptr || *uid == '\0') {
        throw Error(fmt::format("{}:{}: the event begun here has no UID; expected the UID of the invitation it "
                                "answers",
                                source, line));
    }
    return uid;
}

struct Attendee {
    std::string address;  // without "mailto:"
    std::string name;
    std::string partstat;  // as written; RFC 5545 3.2.12: NEEDS-ACTION when absent
    std::optional<std::string> delegated_to;    // address
    std::optional<std::string> delegated_from;  // address
};

std::optional<std::string> address_parameter(icalproperty* property, const char* name)
{
    const auto value = parameter(property, name);
    return value ? std::optional<std::string>(address_of(*value)) : std::nullopt;
}

std::vector<Attendee> attendees_of(icalcomponent* event, const EventPlace& place)
{
    std::vector<Attendee> attendees;
    for (auto* property = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY); property != nullptr;
         property = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY)) {
        Attendee attendee{address_of(value_text(property)), parameter(property, "CN").value_or(""),
                          parameter(property, "PARTSTAT").value_or("NEEDS-ACTION"),
                          address_parameter(property, "DELEGATED-TO"), address_parameter(property, "DELEGATED-FROM")};
        if (attendee.address.empty()) {
            throw Error(fmt::format("{} has an ATTENDEE without address; expected mailto:ADDRESS", place.str()));
        }
        attendees.push_back(std::move(attendee));
    }
    if (attendees.empty()) {
        throw Error(fmt::format("{} has no ATTENDEE; expected the attendee who answers", place.str()));
    }
    return attendees;
}

// RFC 5546 4.2.5: the delegator's reply may also list the delegate, who names the
// delegator in DELEGATED-FROM.
bool delegates_to(const Attendee& delegator, const Attendee& delegate)
{
    return upper(delegator.partstat) == "DELEGATED" && delegator.delegated_to &&
           same_address(*delegator.delegated_to, delegate.address) && delegate.delegated_from &&
           same_address(*delegate.delegated_from, delegator.address);
}

struct Answerer {
    const Attendee& attendee;
    const Attendee* delegate;  // the second ATTENDEE of a delegation, else null
};

Answerer answerer_of(const std::vector<Attendee>& attendees, const EventPlace& place)
{
    if (attendees.size() == 1) {
        return {attendees.front(), nullptr};
    }
    if (attendees.size() == 2) {
        const auto& first = attendees[0];
        const auto& second = attendees[1];
        if (delegates_to(first, second)) {
            return {first, &second};
        }
        if (delegates_to(second, first)) {
            return {second, &first};
        }
    }
    std::string addresses;
    for (const auto& attendee : attendees) {
        addresses += addresses.empty() ? "" : ", ";
        addresses += attendee.address;
    }
    throw Error(fmt::format("{} names {} attendees ({}); a reply answers for exactly one, RFC 5546 3.2.3",
                            place.str(), attendees.size(), addresses));
}

// The participation states an event's attendee can answer with; COMPLETED and
// IN-PROCESS are for tasks, and an X- value means nothing to the planner.
constexpr std::array<std::pair<std::string_view, Answer>, 5> event_answers{{{"ACCEPTED", Answer::accepted},
                                                                           {"DECLINED", Answer::declined},
                                                                           {"TENTATIVE", Answer::tentative},
                                                                           {"DELEGATED", Answer::delegated},
                                                                           {"NEEDS-ACTION", Answer::needs_action}}};

Answer answer_of(const Attendee& attendee, const EventPlace& place)
{
    const auto partstat = upper(attendee.partstat);
    for (const auto& [name, answer] : event_answers) {
        if (partstat == name) {
            return answer;
        }
    }
    throw Error(fmt::format("{}: {} answers with PARTSTAT '{}'; expected ACCEPTED, DECLINED, TENTATIVE, DELEGATED "
                            "or NEEDS-ACTION, the answers to an event",
                            place.str(), attendee.address, attendee.partstat));
}

// Outlook and Google send only DELEGATED-TO; the RFC's example also lists the delegate.
void set_delegation(Reply& reply, const Answerer& answerer, const EventPlace& place)
{
    if (answerer.delegate != nullptr) {
        reply.delegated_to = answerer.delegate->address;
        reply.delegate_name = answerer.delegate->name;
    } else if (answerer.attendee.delegated_to && !answerer.attendee.delegated_to->empty()) {
        reply.delegated_to = answerer.attendee.delegated_to;
    } else {
        throw Error(fmt::format("{}: {} delegated (PARTSTAT=DELEGATED) but names no delegate; expected "
                                "DELEGATED-TO=\"mailto:ADDRESS\"",
                                place.str(), answerer.attendee.address));
    }
    // The delegator would stay invited as the delegate and be recorded as having
    // handed the meeting on to no one.
    if (same_address(*reply.delegated_to, answerer.attendee.address)) {
        throw Error(fmt::format("{}: {} delegated to their own address; expected DELEGATED-TO with the address of "
                                "someone else, who goes in their place",
                                place.str(), answerer.attendee.address));
    }
    try {
        (void)EmailAddress(*reply.delegated_to);  // the delegate may join the store as a person
    } catch (const Error&) {
        throw Error(fmt::format("{}: {} delegated to '{}', which is not an e-mail address; expected "
                                "DELEGATED-TO=\"mailto:name@example.org\"",
                                place.str(), answerer.attendee.address, *reply.delegated_to));
    }
}

std::optional<AnsweredOccurrence> occurrence_of(icalcomponent* event)
{
    auto* property = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY);
    if (property == nullptr) {
        return std::nullopt;
    }
    const auto time = icalproperty_get_recurrenceid(property);
    return AnsweredOccurrence{from_icaltime(time), icaltime_is_utc(time) != 0, time.is_date != 0};
}

std::optional<boost::posix_time::ptime> stamp_of(icalcomponent* event, const EventPlace& place)
{
    auto* property = icalcomponent_get_first_property(event, ICAL_DTSTAMP_PROPERTY);
    if (property == nullptr) {
        return std::nullopt;
    }
    const auto time = icalproperty_get_dtstamp(property);
    if (icaltime_is_utc(time) == 0) {
        throw Error(fmt::format("{} has DTSTAMP {}, which is not UTC; expected a UTC time such as "
                                "20121001T090000Z (RFC 5545 3.8.7.2)",
                                place.str(), value_text(property)));
    }
    return from_icaltime(time);
}

// SEQUENCE is read from the text: libical's atoi wraps 4294967297 to 1 and takes
// "-1", so a forged version could pass for an old one or overflow the planner's
// comparisons. RFC 5545 3.8.7.4 makes it a non-negative integer; the planner's
// versions are ints.
int sequence_of(const ComponentText& text, const EventPlace& place)
{
    const auto property = std::find_if(text.properties.begin(), text.properties.end(),
                                       [](const TextProperty& p) { return p.name == "SEQUENCE"; });
    if (property == text.properties.end()) {
        return 0;
    }
    auto value = property->value();
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
        value.remove_suffix(1);
    }
    constexpr auto largest = std::numeric_limits<std::int32_t>::max();
    // RFC 5545 3.3.8 allows a sign; from_chars takes only '-'.
    const auto digits = value.starts_with('+') ? value.substr(1) : value;
    // Read into the type SEQUENCE is kept in: a larger value is out of range, not wrapped.
    std::int32_t number = -1;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    const bool whole_number = error == std::errc{} && end == digits.data() + digits.size() && !digits.empty() &&
                              digits.front() != '-' && digits.front() != '+';
    if (!whole_number) {
        throw Error(fmt::format("{}:{}:{}: the reply of event '{}' has SEQUENCE {}; expected a whole number from 0 "
                                "to {}, the version of the invitation it answers",
                                place.source, property->line, property->value_column, place.uid, value, largest));
    }
    return number;
}

// Google writes "COMMENT;X-COMMENTER=mailto:ADDRESS:TEXT" without the quotes a colon in
// a parameter value needs, so libical ends the parameter at "mailto" and reads
// "ADDRESS:TEXT" as the comment.
std::string comment_text(icalproperty* comment)
{
    std::string text = icalproperty_get_comment(comment);
    const auto commenter = parameter(comment, "X-COMMENTER");
    if (const auto colon = text.find(':'); commenter && upper(*commenter) == "MAILTO" && colon != std::string::npos) {
        text.erase(0, colon + 1);
    }
    return text;
}

// Outlook and Google put the attendee's note into COMMENT; clients may write several.
std::string comment_of(icalcomponent* event)
{
    std::string comment;
    for (auto* property = icalcomponent_get_first_property(event, ICAL_COMMENT_PROPERTY); property != nullptr;
         property = icalcomponent_get_next_property(event, ICAL_COMMENT_PROPERTY)) {
        comment += comment.empty() ? "" : "\n";
        comment += comment_text(property);
    }
    return comment;
}

Reply read_reply(icalcomponent* event, const ComponentText& text, std::string_view source)
{
    require_needed_values(event, text, source);
    const EventPlace place{source, text.line, uid_of(event, source, text.line)};
    const auto attendees = attendees_of(event, place);
    const auto answerer = answerer_of(attendees, place);

    Reply reply;
    reply.uid = place.uid;
    reply.occurrence = occurrence_of(event);
    reply.sequence = sequence_of(text, place);
    reply.attendee = answerer.attendee.address;
    reply.attendee_name = answerer.attendee.name;
    reply.answer = answer_of(answerer.attendee, place);
    if (reply.answer == Answer::delegated) {
        set_delegation(reply, answerer, place);
    }
    reply.stamp = stamp_of(event, place);
    reply.comment = comment_of(event);
    return reply;
}

}  // namespace

std::vector<Reply> read_replies(std::string_view text, std::string_view source)
{
    std::vector<Reply> replies;
    for (const auto& calendar : parse_calendars(text, source)) {
        require_reply_method(calendar.tree.get(), source, calendar.lines.front().line);
        for_each_with_text(calendar.tree.get(), ICAL_VEVENT_COMPONENT, components_in_text(calendar.lines, "VEVENT"),
                           [&](icalcomponent* event, const ComponentText& event_text) {
                               replies.push_back(read_reply(event, event_text, source));
                           });
    }
    if (replies.empty()) {
        throw Error(fmt::format("{}:1: the reply holds no VEVENT; expected the event it answers", source));
    }
    return replies;
}

}  // namespace planner::ical
