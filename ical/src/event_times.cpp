#include "event_times.hpp"

#include "rule_walk.hpp"
#include "vtimezone.hpp"

#include <planner/error.hpp>
#include <planner/recurrence.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

// How long each occurrence lasts: whole days counted on the wall clock (an all-day
// event, DURATION:P1D), then exact time.
struct Length {
    int days = 0;
    pt::time_duration exact;
};

// RFC 5545 3.6.1: DTEND, else DURATION, else one day for a date and no time at all
// for a date-time. A DTEND is an exact length, which every occurrence keeps.
Length length_of(icalcomponent* event, const WrittenTime& start, Zones& zones)
{
    if (auto* dtend = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY); dtend != nullptr) {
        const auto end = written_time(dtend, icalproperty_get_dtend(dtend), zones);
        if (start.is_date && end.is_date) {
            return {static_cast<int>((end.local.date() - start.local.date()).days()), {}};
        }
        return {0, end.utc() - start.utc()};
    }
    if (auto* duration = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY); duration != nullptr) {
        const auto value = icalproperty_get_duration(duration);
        const int sign = value.is_neg != 0 ? -1 : 1;
        return {sign * static_cast<int>(value.weeks * 7 + value.days),
                (pt::hours(value.hours) + pt::minutes(value.minutes) + pt::seconds(value.seconds)) * sign};
    }
    return {start.is_date ? 1 : 0, {}};
}

// Where the days an event covers are counted, when not in its own zone: for a UTC
// time, the calendar's zone, since nobody's day runs from midnight UTC.
const ImportedZone* days_zone(const WrittenTime& start, const Zones& zones)
{
    return start.zone == &zones.utc() ? &zones.calendar_zone() : nullptr;
}

// The occurrence that starts at `local_start` in `zone`; `days_zone` as above.
Occurrence occurrence_at(pt::ptime local_start, const Length& length, const ImportedZone& zone,
                         const ImportedZone* days_zone)
{
    const auto local_end = local_start + greg::days(length.days);
    const auto start = zone.to_utc(local_start);
    const auto end = (length.days == 0 ? start : zone.to_utc(local_end)) + length.exact;
    if (days_zone != nullptr) {
        const auto first = days_zone->to_local(start);
        const auto last = end > start ? days_zone->to_local(end) - pt::microseconds(1) : first;
        return {start, end, first.date(), last.date()};
    }
    const auto nominal_end = local_end + length.exact;
    const auto last_day = nominal_end > local_start ? (nominal_end - pt::microseconds(1)).date() : local_start.date();
    return {start, end, local_start.date(), last_day};
}

// Whether `occurrence`, which starts at `local_start`, is the one `time` (an EXDATE or
// RECURRENCE-ID) names: a date names the occurrences of that day.
bool names_occurrence(const WrittenTime& time, pt::ptime local_start, const Occurrence& occurrence)
{
    if (time.is_date) {
        return local_start.date() == time.local.date();
    }
    return occurrence.start == time.utc();
}

bool in_window(const Occurrence& occurrence, const ExpansionWindow& window)
{
    return occurrence.first_day <= window.last && occurrence.last_day >= window.first;
}

bool before_until(pt::ptime local, const icaltimetype& until, const ImportedZone& zone)
{
    if (icaltime_is_null_time(until) != 0) {
        return true;
    }
    if (until.is_date != 0) {
        return local.date() <= from_icaltime(until).date();
    }
    if (icaltime_is_utc(until) != 0) {
        return zone.to_utc(local) <= from_icaltime(until);
    }
    return local <= from_icaltime(until);
}

// The starts an RRULE gives up to the window's end (see walk_rule), UNTIL compared in
// the event's zone.
void add_rule_starts(const icalrecurrencetype& rule, const WrittenTime& start, const Length& length,
                     const ExpansionWindow& window, std::vector<pt::ptime>& starts, bool& capped)
{
    if (rule.freq == ICAL_NO_RECURRENCE) {
        throw Error("libical cannot read its recurrence rule (RRULE)");
    }
    const auto window_end = pt::ptime(window.last + greg::days(1));
    // Jump close to the window, so that a weekly meeting held since 2005 does not use
    // up the cap before it.
    const auto earliest = pt::ptime(window.first) - greg::days(length.days + 1) - length.exact;
    std::size_t taken = 0;
    std::size_t steps = 0;
    const bool expanded = walk_rule(rule, start.local, start.is_date, earliest, [&](pt::ptime local) {
        if (++steps > 100 * max_occurrences || taken == max_occurrences) {
            capped = local < window_end && before_until(local, rule.until, *start.zone);
            return Walk::stop;
        }
        if (local >= window_end || !before_until(local, rule.until, *start.zone)) {
            return Walk::stop;
        }
        if (local >= earliest) {
            starts.push_back(local);
            ++taken;
        }
        return Walk::on;
    });
    if (!expanded) {
        throw Error("libical cannot expand its recurrence rule (RRULE)");
    }
}

}  // namespace

Zones::Zones(icalcomponent* calendar, const TimeZone& calendar_zone)
    : calendar_(calendar),
      calendar_zone_(calendar_zone, icaltimezone_get_builtin_timezone(calendar_zone.name().c_str()))
{
}

const ImportedZone& Zones::named(const std::string& tzid)
{
    if (const auto found = named_.find(tzid); found != named_.end()) {
        return found->second;
    }
    auto* vtimezone = icalcomponent_get_timezone(calendar_, tzid.c_str());
    if (const auto iana = iana_zone_name(tzid)) {
        auto* history = vtimezone != nullptr ? vtimezone : icaltimezone_get_builtin_timezone(iana->c_str());
        return named_.try_emplace(tzid, time_zone(*iana), history).first->second;
    }
    if (vtimezone != nullptr) {
        return named_.try_emplace(tzid, tzid, vtimezone).first->second;
    }
    throw Error(fmt::format("its time zone '{}' is neither an IANA nor a Windows zone name, and the file has no "
                            "VTIMEZONE for it",
                            tzid));
}

WrittenTime written_time(icalproperty* property, const icaltimetype& value, Zones& zones)
{
    const auto local = from_icaltime(value);
    if (value.is_date != 0) {
        return {local, true, &zones.calendar_zone()};
    }
    if (icaltime_is_utc(value) != 0) {
        return {local, false, &zones.utc()};
    }
    if (auto* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER); tzid != nullptr) {
        return {local, false, &zones.named(icalparameter_get_tzid(tzid))};
    }
    return {local, false, &zones.calendar_zone()};
}

WrittenTime EventReader::start_of(icalcomponent* event)
{
    auto* dtstart = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
    if (dtstart == nullptr) {
        throw Error("it has no start (DTSTART)");
    }
    return written_time(dtstart, icalproperty_get_dtstart(dtstart), zones_);
}

greg::date EventReader::first_day(const WrittenTime& start) const
{
    const auto* zone = days_zone(start, zones_);
    return zone != nullptr ? zone->to_local(start.utc()).date() : start.local.date();
}

WrittenTime EventReader::recurrence_id_of(icalcomponent* event)
{
    auto* property = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY);
    return written_time(property, icalproperty_get_recurrenceid(property), zones_);
}

std::vector<Occurrence> EventReader::single(icalcomponent* event, const WrittenTime& start)
{
    return {occurrence_at(start.local, length_of(event, start, zones_), *start.zone, days_zone(start, zones_))};
}

std::vector<Occurrence> EventReader::series(icalcomponent* event, const WrittenTime& start,
                                            const std::vector<WrittenTime>& overridden, bool& capped)
{
    const auto length = length_of(event, start, zones_);
    std::vector<pt::ptime> starts{start.local};
    for_each_property(event, ICAL_RRULE_PROPERTY, [&](icalproperty* rrule) {
        add_rule_starts(icalproperty_get_rrule(rrule), start, length, window_, starts, capped);
    });
    for_each_property(event, ICAL_RDATE_PROPERTY, [&](icalproperty* rdate) {
        const auto value = icalproperty_get_rdate(rdate);
        const auto written = icaltime_is_null_time(value.time) != 0 ? value.period.start : value.time;
        const auto time = written_time(rdate, written, zones_);
        starts.push_back(time.zone == start.zone || time.is_date ? time.local : start.zone->to_local(time.utc()));
    });
    std::vector<WrittenTime> excluded = overridden;
    for_each_property(event, ICAL_EXDATE_PROPERTY, [&](icalproperty* exdate) {
        excluded.push_back(written_time(exdate, icalproperty_get_exdate(exdate), zones_));
    });
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    std::vector<Occurrence> occurrences;
    for (const auto& local_start : starts) {
        const auto occurrence = occurrence_at(local_start, length, *start.zone, days_zone(start, zones_));
        const bool is_excluded = std::any_of(excluded.begin(), excluded.end(), [&](const WrittenTime& time) {
            return names_occurrence(time, local_start, occurrence);
        });
        if (!is_excluded && in_window(occurrence, window_)) {
            occurrences.push_back(occurrence);
        }
    }
    return occurrences;
}

}  // namespace planner::ical
