#include "imported_zone.hpp"

#include "vtimezone.hpp"

#include <planner/error.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace planner::ical {

namespace pt = boost::posix_time;

ImportedZone::ImportedZone() : name_("UTC") {}

ImportedZone::ImportedZone(const TimeZone& zone, icaltimezone* history)
    : name_(zone.name()), rules_(&zone), libical_(history)
{
}

ImportedZone::ImportedZone(std::string name, icaltimezone* definition)
    : name_(std::move(name)), libical_(definition)
{
}

pt::time_duration ImportedZone::utc_offset_at(pt::ptime utc) const
{
    if (rules_ != nullptr && (rules_->rule_since().is_neg_infinity() || utc >= rules_->rule_since())) {
        return rules_->utc_offset_at(utc);
    }
    if (libical_ != nullptr) {
        auto time = to_icaltime(utc, false);
        int is_daylight = 0;
        return pt::seconds(icaltimezone_get_utc_offset_of_utc_time(libical_, &time, &is_daylight));
    }
    if (rules_ != nullptr) {
        throw Error(fmt::format("{} UTC is before {}, since when {} has its current rules, and neither the file nor "
                                "libical describes the zone's earlier rules",
                                pt::to_iso_extended_string(utc),
                                boost::gregorian::to_iso_extended_string(rules_->rule_since().date()), name_));
    }
    return pt::hours(0);
}

pt::ptime ImportedZone::to_local(pt::ptime utc) const
{
    return utc + utc_offset_at(utc);
}

pt::ptime ImportedZone::to_utc(pt::ptime local) const
{
    // The offsets a day before and a day after are the only two a wall-clock time can
    // have: no zone changes its clocks twice within two days.
    const auto offset_before = utc_offset_at(local - pt::hours(24));
    const auto offset_after = utc_offset_at(local + pt::hours(24));
    const auto as_before = local - offset_before;
    const auto as_after = local - offset_after;
    const bool before_fits = utc_offset_at(as_before) == offset_before;
    const bool after_fits = utc_offset_at(as_after) == offset_after;
    if (before_fits && after_fits) {
        return std::min(as_before, as_after);  // the first of a doubled hour
    }
    if (after_fits) {
        return as_after;
    }
    return as_before;  // fits, or lies in the gap: then read with the offset before it
}

}  // namespace planner::ical
