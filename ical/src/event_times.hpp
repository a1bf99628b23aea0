#pragma once

#include "imported_zone.hpp"

#include <planner/ical/busy_calendar.hpp>

#include <libical/ical.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace planner::ical {

// The times of events in an imported calendar (read_busy_calendar,
// read_holiday_calendar): the zones they are written in, and the occurrences of an
// event over an expansion window.

template <class Read>
void for_each_property(icalcomponent* component, icalproperty_kind kind, Read read)
{
    for (auto* property = icalcomponent_get_first_property(component, kind); property != nullptr;
         property = icalcomponent_get_next_property(component, kind)) {
        read(property);
    }
}

// The zones of one calendar file: its TZIDs, UTC, and the zone of its floating times
// and dates.
class Zones {
public:
    Zones(icalcomponent* calendar, const TimeZone& calendar_zone);

    [[nodiscard]] const ImportedZone& utc() const noexcept { return utc_; }
    [[nodiscard]] const ImportedZone& calendar_zone() const noexcept { return calendar_zone_; }

    // The zone a TZID names: an IANA or Windows name, with the file's VTIMEZONE (else
    // libical's built-in zone) for times before the planner's rule; failing that, the
    // file's VTIMEZONE alone. Throws planner::Error for a TZID that is none of these.
    const ImportedZone& named(const std::string& tzid);

private:
    icalcomponent* calendar_;
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

// An event's times and its recurrence set, read over an expansion window.
class EventReader {
public:
    EventReader(Zones& zones, const ExpansionWindow& window) : zones_(zones), window_(window) {}

    // DTSTART. Throws planner::Error when there is none or its zone is unknown.
    [[nodiscard]] WrittenTime start_of(icalcomponent* event);

    // The local day an event that starts at `start` starts on, for messages.
    [[nodiscard]] boost::gregorian::date first_day(const WrittenTime& start) const;

    [[nodiscard]] WrittenTime recurrence_id_of(icalcomponent* event);

    // The occurrence of a single event or of an override, which starts at `start`
    // (its start_of), whatever the window.
    [[nodiscard]] std::vector<Occurrence> single(icalcomponent* event, const WrittenTime& start);

    // The occurrences of a series that starts at `start` (its start_of) that begin or
    // last into the window, leaving out those its EXDATEs and `overridden`
    // (RECURRENCE-IDs of its overrides) name. `capped` is set when the rules gave
    // more than max_occurrences.
    [[nodiscard]] std::vector<Occurrence> series(icalcomponent* event, const WrittenTime& start,
                                                 const std::vector<WrittenTime>& overridden, bool& capped);

private:
    Zones& zones_;
    ExpansionWindow window_;
};

}  // namespace planner::ical
