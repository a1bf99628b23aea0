#pragma once

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planner {

// When a zone changes between standard and daylight time, in the shape of a POSIX
// "Mm.w.d/time" rule: the w-th (5 = last) weekday d (0 = Sunday) of month m, at the
// given local time of the offset in force before the change.
struct TransitionRule {
    int month = 0;
    int week = 0;
    int weekday = 0;
    boost::posix_time::time_duration local_time;

    friend bool operator==(const TransitionRule&, const TransitionRule&) = default;
};

// The day a rule falls on in a given year.
[[nodiscard]] boost::gregorian::date transition_date(int year, const TransitionRule& rule);

struct DaylightSaving {
    std::string abbreviation;
    boost::posix_time::time_duration utc_offset;
    TransitionRule starts;
    TransitionRule ends;

    friend bool operator==(const DaylightSaving&, const DaylightSaving&) = default;
};

// An IANA time zone reduced to its current rule: the POSIX TZ string at the end of the
// system's TZif file. The same rule drives local-time conversion here and the
// VTIMEZONE in invitations, so the two cannot disagree. Local times before the rule took
// effect (1996 for Europe/Berlin, 2007 for America/New_York) are refused rather than
// converted wrongly.
class TimeZone {
public:
    // `posix_rule` as in TZ, e.g. "CET-1CEST,M3.5.0,M10.5.0/3", in force since
    // `rule_since` (UTC).
    TimeZone(std::string name, std::string_view posix_rule,
             boost::posix_time::ptime rule_since = boost::posix_time::ptime(boost::posix_time::neg_infin));

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] const std::string& standard_abbreviation() const noexcept { return standard_abbreviation_; }
    [[nodiscard]] boost::posix_time::time_duration standard_offset() const noexcept { return standard_offset_; }
    [[nodiscard]] const std::optional<DaylightSaving>& daylight_saving() const noexcept { return daylight_; }
    [[nodiscard]] boost::posix_time::ptime rule_since() const noexcept { return rule_since_; }

    [[nodiscard]] boost::posix_time::time_duration utc_offset_at(boost::posix_time::ptime utc) const;
    [[nodiscard]] boost::posix_time::ptime to_local(boost::posix_time::ptime utc) const;

    // Converts a wall-clock time. Throws planner::Error when the time does not exist
    // (skipped by the spring-forward change), happens twice (the autumn hour) and so
    // needs an explicit offset, or comes before the zone's current rule.
    [[nodiscard]] boost::posix_time::ptime to_utc(boost::posix_time::ptime local) const;
    // Converts a wall-clock time with an explicit offset, which must be one the zone
    // uses at that instant; this is how the doubled autumn hour is resolved.
    [[nodiscard]] boost::posix_time::ptime to_utc(boost::posix_time::ptime local,
                                                  boost::posix_time::time_duration utc_offset) const;

private:
    [[nodiscard]] boost::posix_time::ptime transition_utc(int year, const TransitionRule& rule,
                                                          boost::posix_time::time_duration offset_before) const;
    [[nodiscard]] bool is_daylight_time(boost::posix_time::ptime utc) const;
    void require_current_rules(boost::posix_time::ptime local) const;

    std::string name_;
    std::string standard_abbreviation_;
    boost::posix_time::time_duration standard_offset_;
    std::optional<DaylightSaving> daylight_;
    boost::posix_time::ptime rule_since_;
    // Every change of the years the planner is used for, worked out once: a check of a
    // million meetings asks for offsets millions of times. Each entry is a change and
    // whether daylight time begins there.
    std::vector<std::pair<boost::posix_time::ptime, bool>> changes_;
};

// The zone of that IANA name from the system's zone database (/usr/share/zoneinfo),
// loaded once and cached. This read-only lookup is the core's one contact with files,
// as with the C library's own localtime(). Throws planner::Error for an unknown name.
[[nodiscard]] const TimeZone& time_zone(std::string_view iana_name);

inline constexpr std::string_view default_time_zone = "Europe/Berlin";

// "2012-10-11T14:00:00+02:00": the instant as local time in the zone, with its offset.
[[nodiscard]] std::string format_iso8601(boost::posix_time::ptime utc, const TimeZone& zone);
// "+02:00"
[[nodiscard]] std::string format_utc_offset(boost::posix_time::time_duration offset);

}  // namespace planner

namespace planner {

class TimeRange;

// "2013-04-16 10:30–11:00", or with both dates when the range crosses midnight: how
// people read a meeting's time in its own zone.
[[nodiscard]] std::string format_local_range(const TimeRange& range, const TimeZone& zone);

// "10:30–11:00": only the times of day, as an agenda lists its items.
[[nodiscard]] std::string format_local_times(const TimeRange& range, const TimeZone& zone);

// "09:05": a time of day; every HH:MM the planner writes comes from here.
[[nodiscard]] std::string format_clock(boost::posix_time::time_duration time_of_day);

}  // namespace planner
