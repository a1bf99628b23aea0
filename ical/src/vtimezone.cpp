#include "vtimezone.hpp"

#include <planner/error.hpp>
#include <planner/recurrence.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;

// The year the minimal VTIMEZONE's rules start in, as Outlook writes them.
constexpr int rules_since = 1970;

int seconds(pt::time_duration offset)
{
    return static_cast<int>(offset.total_seconds());
}

std::string yearly_rule(const TransitionRule& rule)
{
    const int week = rule.week == 5 ? -1 : rule.week;
    return fmt::format("FREQ=YEARLY;BYMONTH={};BYDAY={}{}", rule.month, week,
                       rrule_weekday(boost::gregorian::greg_weekday(static_cast<unsigned short>(rule.weekday))));
}

ComponentHandle observance(icalcomponent_kind kind, const TransitionRule& rule, pt::time_duration offset_from,
                           pt::time_duration offset_to, const std::string& abbreviation)
{
    ComponentHandle component(icalcomponent_new(kind));
    const pt::ptime first(transition_date(rules_since, rule), rule.local_time);
    add(component.get(), PropertyHandle(icalproperty_new_dtstart(to_icaltime(first, false))));
    add(component.get(), PropertyHandle(icalproperty_new_tzoffsetfrom(seconds(offset_from))));
    add(component.get(), PropertyHandle(icalproperty_new_tzoffsetto(seconds(offset_to))));
    add(component.get(), PropertyHandle(icalproperty_new_tzname(abbreviation.c_str())));
    add(component.get(),
        PropertyHandle(icalproperty_new_rrule(icalrecurrencetype_from_string(yearly_rule(rule).c_str()))));
    return component;
}

}  // namespace

icaltimetype to_icaltime(pt::ptime time, bool utc)
{
    icaltimetype result = icaltime_null_time();
    result.year = time.date().year();
    result.month = time.date().month();
    result.day = time.date().day();
    result.hour = static_cast<int>(time.time_of_day().hours());
    result.minute = static_cast<int>(time.time_of_day().minutes());
    result.second = static_cast<int>(time.time_of_day().seconds());
    result.is_date = 0;
    result.zone = utc ? icaltimezone_get_utc_timezone() : nullptr;
    return result;
}

pt::ptime from_icaltime(const icaltimetype& time)
{
    // libical keeps what a file writes (hour 25, 30 February, the year 0000), which
    // Boost would turn into the next day or an exception without a place.
    using calendar = boost::gregorian::gregorian_calendar;
    const bool date_exists = time.year >= 1400 && time.year <= 9999 && time.month >= 1 && time.month <= 12 &&
                             time.day >= 1 &&
                             time.day <= calendar::end_of_month_day(static_cast<unsigned short>(time.year),
                                                                    static_cast<unsigned short>(time.month));
    const bool time_exists = time.is_date != 0 || (time.hour >= 0 && time.hour <= 23 && time.minute >= 0 &&
                                                   time.minute <= 59 && time.second >= 0 && time.second <= 60);
    if (!date_exists || !time_exists) {
        throw Error(fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} is no date and time the planner can compute with",
                                time.year, time.month, time.day, time.hour, time.minute, time.second));
    }
    const boost::gregorian::date day(static_cast<unsigned short>(time.year), static_cast<unsigned short>(time.month),
                                     static_cast<unsigned short>(time.day));
    if (time.is_date != 0) {
        return pt::ptime(day);
    }
    return pt::ptime(day, pt::hours(time.hour) + pt::minutes(time.minute) + pt::seconds(time.second));
}

ComponentHandle make_vtimezone(const TimeZone& zone)
{
    ComponentHandle vtimezone(icalcomponent_new(ICAL_VTIMEZONE_COMPONENT));
    add(vtimezone.get(), PropertyHandle(icalproperty_new_tzid(zone.name().c_str())));
    const auto& dst = zone.daylight_saving();
    if (!dst) {
        ComponentHandle standard(icalcomponent_new(ICAL_XSTANDARD_COMPONENT));
        add(standard.get(), PropertyHandle(icalproperty_new_dtstart(
                                to_icaltime(pt::ptime(boost::gregorian::date(rules_since, 1, 1)), false))));
        add(standard.get(), PropertyHandle(icalproperty_new_tzoffsetfrom(seconds(zone.standard_offset()))));
        add(standard.get(), PropertyHandle(icalproperty_new_tzoffsetto(seconds(zone.standard_offset()))));
        add(standard.get(), PropertyHandle(icalproperty_new_tzname(zone.standard_abbreviation().c_str())));
        add(vtimezone.get(), std::move(standard));
        return vtimezone;
    }
    add(vtimezone.get(), observance(ICAL_XSTANDARD_COMPONENT, dst->ends, dst->utc_offset, zone.standard_offset(),
                                    zone.standard_abbreviation()));
    add(vtimezone.get(), observance(ICAL_XDAYLIGHT_COMPONENT, dst->starts, zone.standard_offset(), dst->utc_offset,
                                    dst->abbreviation));
    return vtimezone;
}

}  // namespace planner::ical
