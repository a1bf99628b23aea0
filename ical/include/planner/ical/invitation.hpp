#pragma once

#include <planner/directory.hpp>
#include <planner/meeting.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <string>

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
// own time, venue and status. Throws planner::Error when the rule cannot be read or
// when the series' start, an exception or a change is not a date of its rule.
[[nodiscard]] std::string write_invitation(const Directory& directory, const Meeting& meeting,
                                           boost::posix_time::ptime stamp);

// The PRODID of every calendar the planner writes.
[[nodiscard]] std::string product_id();

}  // namespace planner::ical
