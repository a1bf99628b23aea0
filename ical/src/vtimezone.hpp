#pragma once

#include "handles.hpp"

#include <planner/time_zone.hpp>

namespace planner::ical {

// A minimal VTIMEZONE from the zone's current rule: TZID is the plain IANA name, one
// STANDARD and one DAYLIGHT with DTSTART in 1970 and a yearly RRULE without UNTIL,
// which is what Outlook reads and what python icalendar and khal accept.
[[nodiscard]] ComponentHandle make_vtimezone(const TimeZone& zone);

// libical's time of the same date and time of day: a UTC time (Z) with `utc`, else
// a floating one, to which the caller adds a TZID or which a VTIMEZONE reads as local.
[[nodiscard]] icaltimetype to_icaltime(boost::posix_time::ptime time, bool utc);

// The date and time of day of a libical time, whatever its zone: a floating time
// gives the wall-clock time, a UTC time the UTC instant, a DATE its midnight.
[[nodiscard]] boost::posix_time::ptime from_icaltime(const icaltimetype& time);

}  // namespace planner::ical
