#include "imported_zone.hpp"

#include "vtimezone.hpp"

#include <planner/error.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
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

namespace {

// RFC 5545 3.3.14: +HHMM or +HHMMSS, and a day has 24 hours.
bool is_offset(std::string_view value)
{
    if (value.size() != 5 && value.size() != 7) {
        return false;
    }
    if (value[0] != '+' && value[0] != '-') {
        return false;
    }
    const auto digits = value.substr(1);
    if (!std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return false;
    }
    const auto two = [&](std::size_t at) { return (digits[at] - '0') * 10 + (digits[at + 1] - '0'); };
    return two(0) < 24 && two(2) < 60 && (digits.size() == 4 || two(4) < 60);
}

// Why an observance's RRULE would make libical walk too many changes, if it would.
std::optional<std::string> rule_problem(std::string_view rule)
{
    bool yearly = false;
    for (const auto written : parts_of(rule, ';')) {
        const auto part = upper(written);
        yearly = yearly || part == "FREQ=YEARLY";
        // Lotus Notes writes BYHOUR=3;BYMINUTE=0: one value is the time of the change.
        for (const std::string_view by : {"BYHOUR=", "BYMINUTE=", "BYSECOND="}) {
            if (part.starts_with(by) && part.find(',') != std::string::npos) {
                return fmt::format("changes the offset several times a day ({})", by.substr(0, by.size() - 1));
            }
        }
    }
    if (!yearly) {
        return std::string("is not yearly (FREQ=YEARLY), as the rules of every zone are");
    }
    return std::nullopt;
}

// One VTIMEZONE as the text is read.
struct VtimezoneText {
    std::size_t line = 0;
    std::string tzid;
    std::size_t observances = 0;
    std::string observance;  // the one open: STANDARD or DAYLIGHT
    std::size_t observance_line = 0;
    bool has_offset_to = false;
    std::optional<std::string> problem;
};

}  // namespace

std::map<std::string, std::string, std::less<>> unusable_vtimezones(const std::vector<ContentLine>& lines)
{
    std::map<std::string, std::string, std::less<>> unusable;
    std::optional<VtimezoneText> zone;
    int depth = 0;
    for (const auto& line : lines) {
        const auto& name = line.name();
        const auto value = line.value();
        if (name == "BEGIN") {
            ++depth;
            const auto kind = upper(value);
            if (depth == 2 && kind == "VTIMEZONE") {
                zone = VtimezoneText{line.line, {}, 0, {}, 0, false, std::nullopt};
            } else if (zone && depth == 3 && (kind == "STANDARD" || kind == "DAYLIGHT")) {
                ++zone->observances;
                zone->observance = kind;
                zone->observance_line = line.line;
                zone->has_offset_to = false;
                if (zone->observances > max_observances && !zone->problem) {
                    zone->problem = fmt::format("it has more than {} STANDARD and DAYLIGHT parts", max_observances);
                }
            }
        } else if (name == "END") {
            if (zone && depth == 3 && !zone->observance.empty()) {
                if (!zone->has_offset_to && !zone->problem) {
                    zone->problem = fmt::format("its {} of line {} has no TZOFFSETTO", zone->observance,
                                                zone->observance_line);
                }
                zone->observance.clear();
            } else if (zone && depth == 2) {
                if (zone->observances == 0 && !zone->problem) {
                    zone->problem = std::string("it has no STANDARD or DAYLIGHT part, so it gives no offset");
                }
                if (zone->problem) {
                    unusable.try_emplace(zone->tzid, fmt::format("has a VTIMEZONE (line {}) that cannot be used: {}",
                                                                 zone->line, *zone->problem));
                }
                zone.reset();
            }
            --depth;
        } else if (zone && depth == 2 && name == "TZID") {
            zone->tzid = std::string(value);
        } else if (zone && depth == 3 && !zone->observance.empty() && !zone->problem) {
            if (name == "TZOFFSETTO" || name == "TZOFFSETFROM") {
                zone->has_offset_to = zone->has_offset_to || name == "TZOFFSETTO";
                if (!is_offset(value)) {
                    zone->problem = fmt::format("its {} '{}' (line {}) is not a UTC offset under 24 hours (+0100, "
                                                "-0500, +053000)",
                                                name, value, line.line);
                }
            } else if (name == "RRULE") {
                if (const auto why = rule_problem(value)) {
                    zone->problem = fmt::format("its RRULE '{}' (line {}) {}; libical would walk it change by change",
                                                value, line.line, *why);
                }
            }
        }
    }
    return unusable;
}

}  // namespace planner::ical
