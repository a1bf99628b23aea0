#include <planner/ical/recurrence.hpp>

#include "calendar_parser.hpp"
#include "handles.hpp"
#include "rule_walk.hpp"
#include "vtimezone.hpp"

#include <planner/accepted_dates.hpp>
#include <planner/error.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <optional>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

const Recurrence& recurrence_of(const Meeting& series)
{
    if (!series.recurrence) {
        throw Error(fmt::format("meeting '{}' is not a series: it has no recurrence rule", series.id.str()));
    }
    return *series.recurrence;
}

// Whether a whole number written in `digits` (an optional sign, then digits) is larger
// in magnitude than `limit`; null when it is not such a number, which is libical's to judge.
std::optional<bool> exceeds(std::string_view digits, long long limit)
{
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
        digits.remove_prefix(1);
    }
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size()));
    constexpr std::size_t longest_compared = 18;  // fits a long long
    return digits.size() > longest_compared || (!digits.empty() && std::stoll(std::string(digits)) > limit);
}

// libical's reading of the series' rule. libical reports a rule it cannot read only
// by leaving FREQ unset, so that is what is checked.
icalrecurrencetype parse_rule(const Meeting& series)
{
    const auto& rule = recurrence_of(series).rule;
    if (const auto problem = rule_part_libical_would_misread(rule)) {
        throw Error(fmt::format("meeting '{}': in the recurrence rule '{}', {}", series.id.str(), rule, *problem));
    }
    const auto parsed = icalrecurrencetype_from_string(rule.c_str());
    if (parsed.freq == ICAL_NO_RECURRENCE) {
        throw Error(fmt::format("meeting '{}': libical cannot read the recurrence rule '{}'; expected an RFC 5545 "
                                "RRULE value such as 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231'",
                                series.id.str(), rule));
    }
    return parsed;
}

greg::date until_date(const icalrecurrencetype& rule)
{
    return from_icaltime(rule.until).date();
}

void require_date_or_utc_until(const icalrecurrencetype& rule, const Meeting& series)
{
    if (!icaltime_is_null_time(rule.until) && rule.until.is_date == 0 && icaltime_is_utc(rule.until) == 0) {
        throw Error(fmt::format("meeting '{}': the recurrence rule '{}' ends (UNTIL) at a local date-time without "
                                "zone; give a date (UNTIL=20131231) or a UTC date-time (UNTIL=20131231T230000Z)",
                                series.id.str(), recurrence_of(series).rule));
    }
}

// The last local time an occurrence may start at, for a rule with UNTIL. This is
// compared in the planner rather than by libical: libical compares a UTC UNTIL with
// the floating occurrences as if both were UTC, which is off by the zone's offset.
std::optional<pt::ptime> last_local_start(const icalrecurrencetype& rule, const Meeting& series,
                                          const TimeZone& zone)
{
    require_date_or_utc_until(rule, series);
    if (icaltime_is_null_time(rule.until)) {
        return std::nullopt;
    }
    if (rule.until.is_date != 0) {
        return pt::ptime(until_date(rule) + greg::days(1)) - pt::seconds(1);
    }
    return zone.to_local(from_icaltime(rule.until));
}

// The last UTC second whose local date in the zone is `day`. Not simply 23:59:59
// local: where clocks change at midnight (America/Santiago), that time can happen
// twice or midnight not at all.
pt::ptime end_of_local_day(greg::date day, const TimeZone& zone)
{
    const pt::ptime next_midnight(day + greg::days(1));
    std::array<pt::time_duration, 2> offsets{zone.standard_offset(), zone.standard_offset()};
    if (zone.daylight_saving()) {
        offsets[1] = zone.daylight_saving()->utc_offset;
    }
    // The next day begins at the earliest instant whose local time is at or after
    // its midnight; under the offset in force then, that instant is midnight itself
    // (or, if the clocks skip midnight, the change).
    pt::ptime next_day_begins(pt::pos_infin);
    for (const auto& offset : offsets) {
        const auto candidate = next_midnight - offset;
        if (zone.to_local(candidate) >= next_midnight) {
            next_day_begins = std::min(next_day_begins, candidate);
        }
    }
    return next_day_begins - pt::seconds(1);
}

}  // namespace

std::optional<std::string> rule_part_libical_would_misread(std::string_view rule)
{
    constexpr long long largest_short = 32767;       // INTERVAL and BYxxx values
    constexpr long long largest_int = 2147483647;    // COUNT
    constexpr long long largest_ordinal = 53;        // BYDAY=53MO, RFC 5545 3.3.10
    constexpr std::array by_number_parts{"BYSECOND", "BYMINUTE", "BYHOUR",   "BYMONTHDAY",
                                         "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS"};
    for (const auto part : parts_of(rule, ';')) {
        const auto equals = part.find('=');
        if (equals == std::string_view::npos) {
            continue;
        }
        const auto name = upper(part.substr(0, equals));
        const auto value = part.substr(equals + 1);
        if (name == "INTERVAL" || name == "COUNT") {
            const auto limit = name == "COUNT" ? largest_int : largest_short;
            if (exceeds(value, limit).value_or(false)) {
                return fmt::format("{} is more than libical can hold, at most {}", part, limit);
            }
            continue;
        }
        const bool by_day = name == "BYDAY";
        const bool by_number = std::find(by_number_parts.begin(), by_number_parts.end(), name) != by_number_parts.end();
        if (!by_day && !by_number) {
            continue;
        }
        for (auto item : parts_of(value, ',')) {
            if (by_day) {
                // An ordinal, then the weekday's two letters: "-1FR".
                item = item.substr(0, item.size() < 2 ? 0 : item.size() - 2);
                if (!item.empty() && exceeds(item, largest_ordinal).value_or(false)) {
                    return fmt::format("{}: the ordinal {} is out of range, from -{} to {}; libical wraps larger "
                                       "ones",
                                       part, item, largest_ordinal, largest_ordinal);
                }
            } else if (exceeds(item, largest_short).value_or(false)) {
                return fmt::format("{}: {} is more than libical can hold, at most {}", part, item, largest_short);
            }
        }
    }
    return std::nullopt;
}

std::vector<pt::ptime> expand_rule(const Meeting& series)
{
    return expand_rule_through(series, pt::ptime(pt::pos_infin));
}

std::vector<pt::ptime> expand_rule_through(const Meeting& series, pt::ptime last_local)
{
    const auto& zone = time_zone(series.time_zone);
    const auto first_start = zone.to_local(series.time.start());
    if (!series.recurrence) {
        return {first_start};
    }
    const auto rule = parse_rule(series);
    const auto last_start = last_local_start(rule, series, zone);
    const bool has_end = rule.count != 0 || last_start.has_value();
    const auto& text = series.recurrence->rule;
    std::vector<pt::ptime> starts;
    const bool expanded = walk_rule(rule, first_start, false, std::nullopt, [&](pt::ptime start) {
        if ((last_start && start > *last_start) || start > last_local) {
            return Walk::stop;
        }
        if (!is_accepted_year(start.date().year())) {
            if (!has_end) {
                return Walk::stop;  // a series without end is planned as far as dates are accepted
            }
            throw Error(fmt::format("meeting '{}': meeting {} of the recurrence '{}' would be on {}, but the planner "
                                    "accepts dates from {}; end the series earlier with COUNT or UNTIL",
                                    series.id.str(), starts.size() + 1, text,
                                    greg::to_iso_extended_string(start.date()), accepted_dates_text()));
        }
        if (starts.size() == max_series_occurrences) {
            throw Error(fmt::format("meeting '{}': the recurrence '{}' gives more than {} meetings{}; the planner "
                                    "checks every meeting of a series and takes at most {}, so end it earlier "
                                    "with COUNT or UNTIL",
                                    series.id.str(), text, max_series_occurrences,
                                    has_end ? std::string()
                                            : fmt::format(" by the end of {}, the last year the planner accepts",
                                                          last_accepted_year),
                                    max_series_occurrences));
        }
        starts.push_back(start);
        return Walk::on;
    });
    if (!expanded) {
        throw Error(fmt::format("meeting '{}': libical cannot expand the recurrence rule '{}' from {}: a part is out "
                                "of range or does not go with its FREQ",
                                series.id.str(), series.recurrence->rule, pt::to_iso_extended_string(first_start)));
    }
    return starts;
}

std::string invitation_rule(const Meeting& series)
{
    auto rule = parse_rule(series);
    require_date_or_utc_until(rule, series);
    if (!icaltime_is_null_time(rule.until) && rule.until.is_date != 0) {
        rule.until = to_icaltime(end_of_local_day(until_date(rule), time_zone(series.time_zone)), true);
    }
    const StringHandle text(icalrecurrencetype_as_string_r(&rule));
    if (!text) {
        throw Error(fmt::format("meeting '{}': libical cannot write the recurrence rule '{}'", series.id.str(),
                                series.recurrence->rule));
    }
    return text.get();
}

}  // namespace planner::ical
