#pragma once

#include <planner/time_range.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::ical {

// The days whose events are read (both inclusive): a calendar export holds years of
// history and rules that run for ever.
struct ExpansionWindow {
    boost::gregorian::date first;
    boost::gregorian::date last;
};

// The zone of a calendar's floating times and all-day dates (which have no zone of
// their own): the one the user gave (--timezone) wins; else the calendar's
// X-WR-TIMEZONE (Google, Apple), if it names a known zone; else `fallback`.
struct FloatingZoneChoice {
    std::optional<std::string> given;
    std::string fallback{default_time_zone};
};

// Which zone was used, and why, for the user.
struct FloatingZone {
    enum class Source { given, calendar, fallback };
    std::string name;
    Source source = Source::fallback;
    std::string calendar_names;  // what the file's X-WR-TIMEZONE says, when not used

    friend bool operator==(const FloatingZone&, const FloatingZone&) = default;
};

// What lay outside the expansion window and was not read: single events and
// occurrences of series alike.
struct OutsideWindow {
    std::size_t occurrences = 0;
    std::optional<boost::gregorian::date> first;  // the first local day of the earliest before the window
    std::optional<boost::gregorian::date> last;   // the last local day of the latest after it
    std::size_t endless = 0;  // series that repeat without end after the window
    bool more = false;        // a series gave so many before the window that not all were counted

    friend bool operator==(const OutsideWindow&, const OutsideWindow&) = default;
};

struct BusyTime {
    TimeRange time;       // UTC
    std::string summary;  // SUMMARY of the event, or "busy" for a VFREEBUSY period

    friend bool operator==(const BusyTime&, const BusyTime&) = default;
};

// What a person's calendar export says about when they are busy.
struct BusyCalendar {
    std::vector<BusyTime> busy;  // sorted by start
    // Events read that are not busy time, each with its reason and place:
    // "export.ics:40: 'Urlaub' on 2013-03-12 is transparent (free time), not busy".
    std::vector<std::string> not_busy;
    // Events that could not be read, with their place and what is wrong; the rest of
    // the file is read: "export.ics:52:7: RRULE '' of 'Jour fixe' is not a recurrence
    // rule (FREQ=WEEKLY;BYDAY=TU); the event is left out".
    std::vector<std::string> left_out;
    std::vector<FloatingZone> zones;  // one per VCALENDAR with a different choice
    OutsideWindow outside;
};

// Reads a calendar export (Outlook, Google, Apple, Thunderbird, Lotus Notes) of one
// person; a file may hold several VCALENDARs (see parse_calendars):
//  - VEVENTs are busy unless TRANSP:TRANSPARENT or STATUS:CANCELLED; recurring ones
//    (RRULE, RDATE with dates, date-times or periods, EXDATE, overriding events with
//    RECURRENCE-ID, also RANGE=THISANDFUTURE) are expanded, at most 1000
//    occurrences each in the window;
//  - VFREEBUSY FREEBUSY periods are busy unless FBTYPE=FREE;
//  - times with a TZID use that zone: an IANA name, also as a globally unique id with
//    a leading slash ("/Europe/Stockholm", "/mozilla.org/20070129_1/Europe/Berlin"), a
//    Windows name as Outlook writes it ("W. Europe Standard Time"), or failing those
//    the file's own VTIMEZONE; floating times and all-day events (VALUE=DATE, from
//    local midnight to local midnight) use the zone `floating` chooses.
// Occurrences of an all-day series are named by their date, whatever form an EXDATE
// or RECURRENCE-ID takes (Outlook writes local date-times).
// Wall-clock times are read as RFC 5545 3.3.5 says: a time in the doubled autumn hour
// is its first occurrence, a time in the spring gap is read with the offset before the
// gap. Times before a zone's current rule (1996 for Europe/Berlin) are converted by
// libical with the file's VTIMEZONE, else libical's own copy of the zone's history.
// Only what lies in `window` is read, single events and occurrences alike: one
// belongs to it when any of its local days does; `outside` counts the rest.
// An event that cannot be read (a value libical cannot read, a zone that is neither
// known nor defined in the file, no DTSTART) is left out and listed; so is the rest
// of a series cut off at 1000 occurrences.
// Throws planner::Error with the place for a file that is not a calendar (see
// parse_calendars).
[[nodiscard]] BusyCalendar read_busy_calendar(std::string_view text, std::string_view source,
                                              const ExpansionWindow& window, const FloatingZoneChoice& floating);

struct ListedDay {
    boost::gregorian::date date;
    std::string name;  // SUMMARY: "Sommerferien", "Fête nationale"

    friend bool operator==(const ListedDay&, const ListedDay&) = default;
};

struct HolidayCalendar {
    std::vector<ListedDay> days;  // sorted by date, then name; each once
    // Events that give no day, with their place and why: cancelled, or unreadable.
    std::vector<std::string> left_out;
    std::vector<FloatingZone> zones;
    OutsideWindow outside;  // its first and last include the days below
    // Days of events in the window that lie outside it, and are not listed: a
    // holiday that begins before the window, or one that runs for ever.
    std::size_t days_outside = 0;
};

// The days of a holiday calendar (school holidays, a neighbouring country's public
// holidays): every date an event covers, all-day or not, with its summary; rules are
// expanded and the window applies as for read_busy_calendar. Transparent events
// count: holiday calendars mark their days free. Cancelled ones do not. Only the days
// in the window are listed, also of an event that reaches beyond it.
[[nodiscard]] HolidayCalendar read_holiday_calendar(std::string_view text, std::string_view source,
                                                    const ExpansionWindow& window, const FloatingZoneChoice& floating);

// The IANA name of a TZID as calendars write it: an IANA name itself, a Windows zone
// name (the CLDR windowsZones table's territory-001 mapping), or a globally unique
// id (RFC 5545 3.2.19: a leading slash, as libical, Mozilla and others prefix the
// IANA name with a path of their own). Null when none of these.
[[nodiscard]] std::optional<std::string> iana_zone_name(std::string_view tzid);

}  // namespace planner::ical
