#include "event_times.hpp"

#include "rule_walk.hpp"
#include "vtimezone.hpp"

#include <planner/error.hpp>
#include <planner/recurrence.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

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
        return occurrence_between(start, end, *days_zone);
    }
    const auto nominal_end = local_end + length.exact;
    const auto last_day = nominal_end > local_start ? (nominal_end - pt::microseconds(1)).date() : local_start.date();
    return {start, end, local_start.date(), last_day};
}

// The occurrence that starts at `local_start` in `zone` and ends at `end` (UTC), as an
// RDATE period gives it.
Occurrence occurrence_until(pt::ptime local_start, pt::ptime end, const ImportedZone& zone,
                            const ImportedZone* days_zone)
{
    return occurrence_between(zone.to_utc(local_start), end, days_zone != nullptr ? *days_zone : zone);
}

// A rule's UNTIL, read once: the walk compares every start with it.
struct RuleEnd {
    std::optional<pt::ptime> until;  // none: the rule has no UNTIL
    bool is_date = false;
    bool utc = false;

    explicit RuleEnd(const icaltimetype& value)
    {
        if (icaltime_is_null_time(value) == 0) {
            until = from_icaltime(value);
            is_date = value.is_date != 0;
            utc = icaltime_is_utc(value) != 0;
        }
    }

    [[nodiscard]] bool admits(pt::ptime local, const ImportedZone& zone) const
    {
        if (!until) {
            return true;
        }
        if (is_date) {
            return local.date() <= until->date();
        }
        return (utc ? zone.to_utc(local) : local) <= *until;
    }
};

// How many starts one rule may give in the window, and after it, before the walk
// stops: a rule by the minute is not walked minute by minute.
constexpr std::size_t most_starts = 100'000;

// The starts an RRULE gives (see walk_rule) from the series' first on: up to the end
// of the window for a rule without end, else to its last. UNTIL is compared in the
// event's zone. Those before the window are only counted, and only `budget` of them:
// then the walk goes on from shortly before the window.
void add_rule_starts(const icalrecurrencetype& rule, const ExpansionWindow& window, SeriesExpansion& series,
                     std::size_t& budget)
{
    if (rule.freq == ICAL_NO_RECURRENCE) {
        throw Error("libical cannot read its recurrence rule (RRULE)");
    }
    const auto& start = series.start;
    const auto earliest = pt::ptime(window.first) - greg::days(series.length.days + 1) - series.length.exact;
    const auto window_end = pt::ptime(window.last + greg::days(1));
    const bool ends = rule.count != 0 || icaltime_is_null_time(rule.until) == 0;
    // A rule with COUNT cannot start its walk later than its first start.
    const auto before_limit = rule.count != 0 ? most_starts : budget;
    std::size_t before = 0;
    std::size_t in_window = 0;
    std::size_t after = 0;
    bool jump = false;
    const RuleEnd end(rule.until);
    const auto take = [&](pt::ptime local) {
        if (!end.admits(local, *start.zone)) {
            return Walk::stop;
        }
        if (local < earliest) {
            if (before == before_limit) {
                jump = true;
                return Walk::stop;
            }
            ++before;
        } else if (local < window_end) {
            if (++in_window > most_starts) {
                return Walk::stop;  // more than the window can hold anyway
            }
        } else if (!ends) {
            series.endless = true;
            return Walk::stop;
        } else if (++after > most_starts) {
            series.more = true;
            return Walk::stop;
        }
        series.starts.push_back({local, std::nullopt});
        return Walk::on;
    };
    if (!walk_rule(rule, start.local, start.is_date, std::nullopt, take)) {
        throw Error("libical cannot expand its recurrence rule (RRULE)");
    }
    budget -= std::min(before, budget);
    if (jump) {
        series.more = true;  // those skipped are not counted
        if (rule.count == 0) {
            (void)walk_rule(rule, start.local, start.is_date, earliest, take);
        }
    }
}

}  // namespace

Zones::Zones(icalcomponent* calendar, const TimeZone& calendar_zone,
             std::map<std::string, std::string, std::less<>> unusable)
    : calendar_(calendar), unusable_(std::move(unusable)),
      calendar_zone_(calendar_zone, icaltimezone_get_builtin_timezone(calendar_zone.name().c_str()))
{
}

const ImportedZone& Zones::named(const std::string& tzid)
{
    if (const auto found = named_.find(tzid); found != named_.end()) {
        return found->second;
    }
    auto* vtimezone = icalcomponent_get_timezone(calendar_, tzid.c_str());
    if (const auto unusable = unusable_.find(tzid); vtimezone != nullptr && unusable != unusable_.end()) {
        throw Error(fmt::format("its time zone '{}' {}", tzid, unusable->second));
    }
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

pt::time_duration exact_duration(const icaldurationtype& duration)
{
    const auto days = std::int64_t{duration.weeks} * 7 + duration.days;
    const auto length = pt::hours(days * 24 + duration.hours) + pt::minutes(duration.minutes) +
                        pt::seconds(duration.seconds);
    return duration.is_neg != 0 ? length.invert_sign() : length;
}

pt::ptime local_in(const WrittenTime& time, const ImportedZone& zone)
{
    return time.zone == &zone || time.is_date ? time.local : zone.to_local(time.utc());
}

OccurrenceName::OccurrenceName(const WrittenTime& time, const WrittenTime& series_start, const Zones& zones)
{
    if (time.is_date) {
        day_ = time.local.date();
    } else if (series_start.is_date) {
        // Outlook names the occurrences of an all-day series by local midnight, in its
        // own zone or in UTC.
        day_ = (time.zone == &zones.utc() ? zones.calendar_zone().to_local(time.utc()) : time.local).date();
    } else {
        local_ = local_in(time, *series_start.zone);
    }
}

bool OccurrenceName::names_or_precedes(pt::ptime local_start) const
{
    return day_ ? local_start.date() >= *day_ : local_start >= local_;
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

Length EventReader::length_of(icalcomponent* event, const WrittenTime& start)
{
    if (auto* dtend = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY); dtend != nullptr) {
        const auto end = written_time(dtend, icalproperty_get_dtend(dtend), zones_);
        if (start.is_date && end.is_date) {
            return {static_cast<int>((end.local.date() - start.local.date()).days()), {}};
        }
        return {0, end.utc() - start.utc()};
    }
    if (auto* duration = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY); duration != nullptr) {
        const auto value = icalproperty_get_duration(duration);
        const int sign = value.is_neg != 0 ? -1 : 1;
        // In 64 bits: first_bad_time_value has refused lengths beyond 10,000 years.
        const auto days = std::int64_t{value.weeks} * 7 + value.days;
        return {sign * static_cast<int>(days),
                (pt::hours(value.hours) + pt::minutes(value.minutes) + pt::seconds(value.seconds)) * sign};
    }
    return {start.is_date ? 1 : 0, {}};
}

Occurrence EventReader::single(icalcomponent* event, const WrittenTime& start)
{
    return occurrence_at(start.local, length_of(event, start), *start.zone, days_zone(start, zones_));
}

Occurrence EventReader::occurrence(const SeriesStart& start, const WrittenTime& first, const Length& length) const
{
    return start.end ? occurrence_until(start.local, *start.end, *first.zone, days_zone(first, zones_))
                     : occurrence_at(start.local, length, *first.zone, days_zone(first, zones_));
}

SeriesExpansion EventReader::expand(icalcomponent* event, const WrittenTime& start, std::size_t& count_budget)
{
    SeriesExpansion series{start, length_of(event, start), {{start.local, std::nullopt}}, false, false};
    for_each_property(event, ICAL_RRULE_PROPERTY, [&](icalproperty* rrule) {
        add_rule_starts(icalproperty_get_rrule(rrule), window_, series, count_budget);
    });
    for_each_property(event, ICAL_RDATE_PROPERTY, [&](icalproperty* rdate) {
        const auto value = icalproperty_get_rdate(rdate);
        if (icaltime_is_null_time(value.time) == 0) {
            series.starts.push_back({local_in(written_time(rdate, value.time, zones_), *start.zone), std::nullopt});
            return;
        }
        // RDATE;VALUE=PERIOD: this occurrence's own start and end, or length.
        const auto begin = written_time(rdate, value.period.start, zones_);
        const auto end = icaltime_is_null_time(value.period.end) == 0
                             ? written_time(rdate, value.period.end, zones_).utc()
                             : begin.utc() + exact_duration(value.period.duration);
        series.starts.push_back({local_in(begin, *start.zone), end});
    });
    // Looked up in sorted order, not each against every start: a series may have tens
    // of thousands of starts and of EXDATEs.
    std::vector<greg::date> excluded_days;
    std::vector<pt::ptime> excluded_starts;
    for_each_property(event, ICAL_EXDATE_PROPERTY, [&](icalproperty* exdate) {
        const OccurrenceName name(written_time(exdate, icalproperty_get_exdate(exdate), zones_), start, zones_);
        if (name.day()) {
            excluded_days.push_back(*name.day());
        } else {
            excluded_starts.push_back(name.local());
        }
    });
    std::sort(excluded_days.begin(), excluded_days.end());
    std::sort(excluded_starts.begin(), excluded_starts.end());
    std::stable_sort(series.starts.begin(), series.starts.end(),
                     [](const SeriesStart& a, const SeriesStart& b) { return a.local < b.local; });
    series.starts.erase(std::unique(series.starts.begin(), series.starts.end(),
                                    [](const SeriesStart& a, const SeriesStart& b) { return a.local == b.local; }),
                        series.starts.end());
    std::erase_if(series.starts, [&](const SeriesStart& each) {
        return std::binary_search(excluded_days.begin(), excluded_days.end(), each.local.date()) ||
               std::binary_search(excluded_starts.begin(), excluded_starts.end(), each.local);
    });
    return series;
}

Occurrence occurrence_between(pt::ptime start, pt::ptime end, const ImportedZone& days_zone)
{
    const auto first = days_zone.to_local(start);
    const auto last = end > start ? days_zone.to_local(end) - pt::microseconds(1) : first;
    return {start, std::max(start, end), first.date(), last.date()};
}

bool in_window(const Occurrence& occurrence, const ExpansionWindow& window)
{
    return occurrence.first_day <= window.last && occurrence.last_day >= window.first;
}

}  // namespace planner::ical
