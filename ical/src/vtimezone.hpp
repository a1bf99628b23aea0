#pragma once

#include "handles.hpp"

#include <planner/time_zone.hpp>

namespace planner::ical {

// A minimal VTIMEZONE from the zone's current rule: TZID is the plain IANA name, one
// STANDARD and one DAYLIGHT with DTSTART in 1970 and a yearly RRULE without UNTIL,
// which is what Outlook reads and what python icalendar and khal accept.
[[nodiscard]] ComponentHandle make_vtimezone(const TimeZone& zone);

// libical's local (floating) time for a UTC instant shown in a zone; with `zone`
// null, a UTC time.
[[nodiscard]] icaltimetype to_icaltime(boost::posix_time::ptime time, bool utc);

}  // namespace planner::ical
