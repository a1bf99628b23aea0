#pragma once

#include <planner/directory.hpp>
#include <planner/meeting.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace planner::ical {

// A METHOD:REQUEST calendar for the meeting, as ../shared/ICALENDAR.md describes
// what Outlook, Google, Apple and Thunderbird accept: a minimal VTIMEZONE for the
// meeting's zone, the first organiser as ORGANIZER, every invitee as ATTENDEE with
// their role, the agenda in DESCRIPTION. `stamp` is the DTSTAMP (UTC).
//
// A series (meeting.recurrence) is one event for the first occurrence with RRULE
// (UNTIL in UTC, see invitation_rule) and an EXDATE per exception, both at the rule's
// local time with TZID, followed by one event per changed occurrence with the same
// UID and SEQUENCE, a RECURRENCE-ID at the rule's local start on its date, and its
// own time, venue and status; a cancelled occurrence is left out with an EXDATE, as
// RFC 5546 has no cancelled instance inside a REQUEST (write_cancellation tells those
// who had it). Throws planner::Error when the rule cannot be read or
// when the series' start, an exception or a change is not a date of its rule.
//
// `note` ends each event's DESCRIPTION, after the organisers: in one person's copy, the
// link to answer it on the web. Given `listed`, the ATTENDEEs are the organisers and
// those of `listed` alone: one person's copy of a meeting whose participants do not see
// each other (RFC 5546 lets each attendee's copy list only them, as Outlook and Google
// do for a hidden guest list).
[[nodiscard]] std::string write_invitation(const Directory& directory, const Meeting& meeting,
                                           boost::posix_time::ptime stamp, std::string_view note = {},
                                           const std::optional<std::set<PersonId>>& listed = std::nullopt);

// Whom a cancellation is for and what it takes away.
struct Cancellation {
    // The ATTENDEEs: everyone invited when the meeting is called off, or the one person
    // taken off the list, who alone learns that their place is gone.
    std::vector<Participant> attendees;
    // One occurrence of a series, by the date its rule gives it; null: the whole meeting.
    std::optional<boost::gregorian::date> occurrence;
    std::string reason;  // COMMENT, shown by Outlook and Thunderbird
};

// A METHOD:CANCEL calendar (RFC 5546 3.2.5): the meeting's UID, its SEQUENCE (which the
// caller has raised above every version sent), STATUS:CANCELLED, the ORGANIZER and the
// attendees named; for one occurrence a RECURRENCE-ID as in the invitation. A series
// cancelled as a whole keeps its RRULE, so clients match it to what they hold.
[[nodiscard]] std::string write_cancellation(const Directory& directory, const Meeting& meeting,
                                             const Cancellation& cancellation, boost::posix_time::ptime stamp);

// One meeting of a feed, and whom its ATTENDEEs name besides the organisers: everyone
// invited (none), or those of `listed` alone (an empty set: the organisers alone).
struct FeedEntry {
    const Meeting* meeting = nullptr;
    std::optional<std::set<PersonId>> listed;
};

// A calendar to subscribe to (RFC 5545, without METHOD, as RFC 5546 leaves a published
// calendar): each meeting as the events of its invitation (the same UID, SEQUENCE,
// times, rule and changed meetings; a cancelled one with STATUS:CANCELLED), a VTIMEZONE
// per zone they use, and X-WR-CALNAME `name` (Apple, Google and Thunderbird show it).
[[nodiscard]] std::string write_feed(const Directory& directory, std::span<const FeedEntry> entries,
                                     boost::posix_time::ptime stamp, std::string_view name);

// A county's or an organisation's public calendar: the meetings as write_feed writes
// them, without ORGANIZER, any ATTENDEE or the agenda's presenters (the DESCRIPTION
// names the organisers, as an invitation's does).
[[nodiscard]] std::string write_public_feed(const Directory& directory, std::span<const Meeting> meetings,
                                            boost::posix_time::ptime stamp, std::string_view name);

// The PRODID of every calendar the planner writes.
[[nodiscard]] std::string product_id();

}  // namespace planner::ical
