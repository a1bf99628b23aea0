#pragma once

#include "calendar_parser.hpp"

#include <planner/time_zone.hpp>

#include <libical/ical.h>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace planner::ical {

// A zone that the times of an imported calendar are written in. Unlike the planner's
// own meetings, imported times cannot be sent back for correction, so a wall-clock
// time is read the way RFC 5545 3.3.5 tells every client to read it: one that happens
// twice (the autumn hour) is its first occurrence, the earlier instant; one that does
// not exist (the spring gap) is read with the offset in force before the gap, so
// 02:30 in Berlin on the last Sunday of March is 01:30 UTC (03:30 summer time).
class ImportedZone {
public:
    // UTC, for times written with 'Z'.
    ImportedZone();
    // An IANA zone: the planner's current rule (the same one the planner's own
    // meetings use), and before that rule took effect `history`, which is the file's
    // own VTIMEZONE or libical's built-in zone of that name. Without a history, times
    // before the rule are an error. Both pointers are borrowed.
    ImportedZone(const TimeZone& zone, icaltimezone* history);
    // A zone only the file defines, such as Outlook's
    // "(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien", read by libical.
    ImportedZone(std::string name, icaltimezone* definition);

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] boost::posix_time::time_duration utc_offset_at(boost::posix_time::ptime utc) const;
    [[nodiscard]] boost::posix_time::ptime to_local(boost::posix_time::ptime utc) const;
    // As RFC 5545 3.3.5 reads it (see above). Throws planner::Error for a time before
    // the zone's current rule when there is no history to read it with.
    [[nodiscard]] boost::posix_time::ptime to_utc(boost::posix_time::ptime local) const;

private:
    std::string name_;
    const TimeZone* rules_ = nullptr;
    icaltimezone* libical_ = nullptr;
};

// The most STANDARD and DAYLIGHT parts a VTIMEZONE may have: libical walks each one's
// changes from its DTSTART, and a zone's whole history has a few hundred.
inline constexpr std::size_t max_observances = 1000;

// Why the VTIMEZONEs of one VCALENDAR (its `lines`) cannot be used, by TZID: libical
// reads an offset beyond a day as it comes (TZOFFSETTO:+99999999 moved times by
// years), a VTIMEZONE without STANDARD or DAYLIGHT as UTC, and walks an observance's
// RRULE change by change (FREQ=SECONDLY never ends). So offsets must be under 24 hours
// (RFC 5545 3.3.14), every observance needs its TZOFFSETTO, rules must be yearly
// with at most one BYHOUR, BYMINUTE and BYSECOND value, and there are at most
// max_observances:
//   "has a VTIMEZONE (line 5) that cannot be used: its TZOFFSETTO '+99999999' (line 9)
//    is not a UTC offset under 24 hours (+0100, -0500, +053000)"
[[nodiscard]] std::map<std::string, std::string, std::less<>> unusable_vtimezones(
    const std::vector<ContentLine>& lines);

}  // namespace planner::ical
