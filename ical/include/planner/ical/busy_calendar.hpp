#pragma once

#include <planner/time_range.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::ical {

// The days over which recurring events are expanded (both inclusive): a calendar
// export holds rules that run for ever.
struct ExpansionWindow {
    boost::gregorian::date first;
    boost::gregorian::date last;
};

struct BusyTime {
    TimeRange time;       // UTC
    std::string summary;  // SUMMARY of the event, or "busy" for a VFREEBUSY period

    friend bool operator==(const BusyTime&, const BusyTime&) = default;
};

// What a person's calendar export says about when they are busy.
struct BusyCalendar {
    std::vector<BusyTime> busy;  // sorted by start
    // Items read but left out, each with its reason, for the user:
    // "export.ics:40: 'Urlaub' is transparent (free time)".
    std::vector<std::string> skipped;
};

// Reads a calendar export (Outlook, Google, Apple, Thunderbird) of one person:
//  - VEVENTs are busy unless TRANSP:TRANSPARENT or STATUS:CANCELLED; recurring ones
//    (RRULE, RDATE, EXDATE, overriding events with RECURRENCE-ID) are expanded over
//    `window`, at most 1000 occurrences each;
//  - VFREEBUSY FREEBUSY periods are busy unless FBTYPE=FREE;
//  - times with a TZID use that zone: an IANA name, a Windows name as Outlook writes
//    it ("W. Europe Standard Time"), libical's "/freeassociation.sourceforge.net/..."
//    prefix, or failing those the file's own VTIMEZONE; floating times and all-day
//    events (VALUE=DATE, from local midnight to local midnight) use the calendar's
//    X-WR-TIMEZONE (Google) if it names a known zone, else `default_zone`.
// Wall-clock times are read as RFC 5545 3.3.5 says: a time in the doubled autumn hour
// is its first occurrence, a time in the spring gap is read with the offset before the
// gap. Times before a zone's current rule (1996 for Europe/Berlin) are converted by
// libical with the file's VTIMEZONE, else libical's own copy of the zone's history.
// An occurrence belongs to the window when any of its local days does; events that do
// not repeat are kept whatever their date.
// `skipped` says, with file and line, which events were left out and why: cancelled,
// transparent (also Outlook's X-MICROSOFT-CDO-BUSYSTATUS:FREE), taking no time, in a
// zone that is neither known nor defined in the file, or a series cut off at 1000
// occurrences. FBTYPE=FREE periods are simply not busy and are not listed.
// Throws planner::Error with the place for a file that is not a calendar (see
// parse_calendar) or a date, time, duration or rule that libical cannot read.
[[nodiscard]] BusyCalendar read_busy_calendar(std::string_view text, std::string_view source,
                                              const ExpansionWindow& window, std::string_view default_zone);

struct ListedDay {
    boost::gregorian::date date;
    std::string name;  // SUMMARY: "Sommerferien", "Fête nationale"

    friend bool operator==(const ListedDay&, const ListedDay&) = default;
};

// The days of a holiday calendar (school holidays, a neighbouring country's public
// holidays): every date an event covers, all-day or not, with its summary, sorted by
// date; yearly rules are expanded over `window`. Transparent events count: holiday
// calendars mark their days free. Cancelled ones do not.
[[nodiscard]] std::vector<ListedDay> read_holiday_calendar(std::string_view text, std::string_view source,
                                                           const ExpansionWindow& window);

// The IANA name of a TZID as calendars write it: an IANA name itself, a Windows zone
// name (the CLDR windowsZones table's territory-001 mapping), or libical's prefixed
// form. Null when none of these.
[[nodiscard]] std::optional<std::string> iana_zone_name(std::string_view tzid);

}  // namespace planner::ical
