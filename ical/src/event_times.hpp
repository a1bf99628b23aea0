#pragma once

#include "imported_zone.hpp"

#include <planner/ical/busy_calendar.hpp>

#include <libical/ical.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace planner::ical {

// The times of events in an imported calendar (read_busy_calendar,
// read_holiday_calendar): the zones they are written in, and the occurrences of an
// event.

template <class Read>
void for_each_property(icalcomponent* component, icalproperty_kind kind, Read read)
{
    for (auto* property = icalcomponent_get_first_property(component, kind); property != nullptr;
         property = icalcomponent_get_next_property(component, kind)) {
        read(property);
    }
}

// The zones of one VCALENDAR: its TZIDs, UTC, and the zone of its floating times and
// dates.
class Zones {
public:
    // `unusable` is unusable_vtimezones of the calendar's lines.
    Zones(icalcomponent* calendar, const TimeZone& calendar_zone,
          std::map<std::string, std::string, std::less<>> unusable);
    Zones(const Zones&) = delete;  // times point into it
    Zones& operator=(const Zones&) = delete;

    [[nodiscard]] const ImportedZone& utc() const noexcept { return utc_; }
    [[nodiscard]] const ImportedZone& calendar_zone() const noexcept { return calendar_zone_; }

    // The zone a TZID names: an IANA or Windows name, with the file's VTIMEZONE (else
    // libical's built-in zone) for times before the planner's rule; failing that, the
    // file's VTIMEZONE alone. Throws planner::Error for a TZID that is none of these,
    // and for one whose VTIMEZONE in the file cannot be used.
    const ImportedZone& named(const std::string& tzid);

private:
    icalcomponent* calendar_;
    std::map<std::string, std::string, std::less<>> unusable_;
    ImportedZone utc_;
    ImportedZone calendar_zone_;
    std::map<std::string, ImportedZone, std::less<>> named_;  // nodes stay put: callers keep references
};

// A DATE or DATE-TIME value and the zone it is in: UTC for 'Z', the calendar's zone
// for floating times and for dates (all-day events begin at local midnight).
struct WrittenTime {
    boost::posix_time::ptime local;  // midnight for a date
    bool is_date = false;
    const ImportedZone* zone = nullptr;

    [[nodiscard]] boost::posix_time::ptime utc() const { return zone->to_utc(local); }
};

// `value` of `property`, in the zone its TZID parameter names (see Zones::named).
[[nodiscard]] WrittenTime written_time(icalproperty* property, const icaltimetype& value, Zones& zones);

// One occurrence of an event.
struct Occurrence {
    boost::posix_time::ptime start;  // UTC
    boost::posix_time::ptime end;    // UTC; equal to start for an event that takes no time
    boost::gregorian::date first_day;  // local days it covers, both inclusive
    boost::gregorian::date last_day;
};

// How long each occurrence lasts: whole days counted on the wall clock (an all-day
// event, DURATION:P1D), then exact time.
struct Length {
    int days = 0;
    boost::posix_time::time_duration exact;
};

// One start that a series' rules give, in the wall-clock time of the series' zone; an
// RDATE period brings its own end.
struct SeriesStart {
    boost::posix_time::ptime local;
    std::optional<boost::posix_time::ptime> end;  // UTC
};

// A series as its own properties give it (DTSTART, RRULE, RDATE, less EXDATE), before
// overriding events change it: from its first start to the end of the window, and on
// to its last for a rule that ends.
struct SeriesExpansion {
    WrittenTime start;  // DTSTART
    Length length;
    std::vector<SeriesStart> starts;  // sorted by local time, each once
    bool endless = false;  // a rule goes on after the window
    bool more = false;     // a rule gave too many starts to count them all
};

// The exact length of a libical duration, counted in 64 bits: libical's own
// icaldurationtype_as_int overflows an int after 68 years.
[[nodiscard]] boost::posix_time::time_duration exact_duration(const icaldurationtype& duration);

// The wall-clock time of `time` in `zone`; a date is its midnight wherever it is read.
[[nodiscard]] boost::posix_time::ptime local_in(const WrittenTime& time, const ImportedZone& zone);

// What an EXDATE or a RECURRENCE-ID names among the starts of a series, in the
// wall-clock time of the series' zone: the occurrences of a day (a date, or any time
// of an all-day series, which Outlook writes as a local date-time), else the
// occurrence that starts at that time.
class OccurrenceName {
public:
    OccurrenceName(const WrittenTime& time, const WrittenTime& series_start, const Zones& zones);

    // The day it names, or none when it names a time.
    [[nodiscard]] const std::optional<boost::gregorian::date>& day() const noexcept { return day_; }
    // The wall-clock start it names, when it names no day.
    [[nodiscard]] boost::posix_time::ptime local() const noexcept { return local_; }
    // Whether the start is the one named or a later one (RANGE=THISANDFUTURE).
    [[nodiscard]] bool names_or_precedes(boost::posix_time::ptime local_start) const;

private:
    std::optional<boost::gregorian::date> day_;
    boost::posix_time::ptime local_;  // when not a day
};

// An event's times and its recurrence set, read over an expansion window.
class EventReader {
public:
    EventReader(Zones& zones, const ExpansionWindow& window) : zones_(zones), window_(window) {}

    // DTSTART. Throws planner::Error when there is none or its zone is unknown.
    [[nodiscard]] WrittenTime start_of(icalcomponent* event);

    // The local day an event that starts at `start` starts on, for messages.
    [[nodiscard]] boost::gregorian::date first_day(const WrittenTime& start) const;

    [[nodiscard]] WrittenTime recurrence_id_of(icalcomponent* event);

    // RFC 5545 3.6.1: DTEND, else DURATION, else one day for a date and no time at all
    // for a date-time. A DTEND is an exact length, which every occurrence keeps.
    [[nodiscard]] Length length_of(icalcomponent* event, const WrittenTime& start);

    // The occurrence of a single event or of an override, which starts at `start`.
    [[nodiscard]] Occurrence single(icalcomponent* event, const WrittenTime& start);

    // The starts of a series that starts at `start` (see SeriesExpansion). Of those
    // before the window, `count_budget` are walked (and counted), and it is lowered by
    // as many: a file's old series must not take minutes to count.
    [[nodiscard]] SeriesExpansion expand(icalcomponent* event, const WrittenTime& start, std::size_t& count_budget);

    // The occurrence at `start` of a series whose first start is `first`, `length`
    // long unless the start brings its own end.
    [[nodiscard]] Occurrence occurrence(const SeriesStart& start, const WrittenTime& first, const Length& length) const;

private:
    Zones& zones_;
    ExpansionWindow window_;
};

// The occurrence from `start` to `end` (UTC), covering the local days of `days_zone`.
[[nodiscard]] Occurrence occurrence_between(boost::posix_time::ptime start, boost::posix_time::ptime end,
                                            const ImportedZone& days_zone);

// Whether any local day of the occurrence lies in the window.
[[nodiscard]] bool in_window(const Occurrence& occurrence, const ExpansionWindow& window);

}  // namespace planner::ical
