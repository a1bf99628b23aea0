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
[[nodiscard]] std::string write_invitation(const Directory& directory, const Meeting& meeting,
                                           boost::posix_time::ptime stamp);

// The PRODID of every calendar the planner writes.
[[nodiscard]] std::string product_id();

}  // namespace planner::ical
