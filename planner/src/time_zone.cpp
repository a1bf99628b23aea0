#include <planner/time_zone.hpp>

#include <planner/error.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace planner {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

// Reads the pieces of a POSIX TZ string (IEEE 1003.1, 8.3) left to right.
class PosixRuleReader {
public:
    PosixRuleReader(std::string_view zone, std::string_view rule) : zone_(zone), rule_(rule) {}

    [[nodiscard]] bool at_end() const { return pos_ >= rule_.size(); }
    [[nodiscard]] bool next_is(char c) const { return !at_end() && rule_[pos_] == c; }

    void expect(char c)
    {
        if (!next_is(c)) {
            fail(fmt::format("expected '{}'", c));
        }
        ++pos_;
    }

    std::string abbreviation()
    {
        if (next_is('<')) {
            const auto close = rule_.find('>', pos_);
            if (close == std::string_view::npos) {
                fail("unterminated <abbreviation>");
            }
            std::string name(rule_.substr(pos_ + 1, close - pos_ - 1));
            pos_ = close + 1;
            return name;
        }
        const auto begin = pos_;
        while (!at_end() && std::isalpha(static_cast<unsigned char>(rule_[pos_])) != 0) {
            ++pos_;
        }
        if (pos_ - begin < 3) {
            fail("expected a zone abbreviation of at least three letters");
        }
        return std::string(rule_.substr(begin, pos_ - begin));
    }

    // [+-]hh[:mm[:ss]]
    pt::time_duration signed_time()
    {
        int sign = 1;
        if (next_is('+') || next_is('-')) {
            sign = next_is('-') ? -1 : 1;
            ++pos_;
        }
        const long hours = number();
        long minutes = 0;
        long seconds = 0;
        if (next_is(':')) {
            ++pos_;
            minutes = number();
            if (next_is(':')) {
                ++pos_;
                seconds = number();
            }
        }
        return (pt::hours(hours) + pt::minutes(minutes) + pt::seconds(seconds)) * sign;
    }

    // Mm.w.d[/time]; the Julian-day forms are not used by any zone the planner serves.
    TransitionRule transition()
    {
        if (!next_is('M')) {
            fail("only Mm.w.d transition rules are supported");
        }
        ++pos_;
        TransitionRule rule;
        rule.month = static_cast<int>(number());
        expect('.');
        rule.week = static_cast<int>(number());
        expect('.');
        rule.weekday = static_cast<int>(number());
        if (rule.month < 1 || rule.month > 12 || rule.week < 1 || rule.week > 5 || rule.weekday > 6) {
            fail("transition rule out of range");
        }
        rule.local_time = pt::hours(2);
        if (next_is('/')) {
            ++pos_;
            rule.local_time = signed_time();
        }
        return rule;
    }

    [[noreturn]] void fail(std::string_view what) const
    {
        throw Error(fmt::format("time zone '{}' has a rule '{}' that the planner cannot read: {} at "
                                "position {}",
                                zone_, rule_, what, pos_ + 1));
    }

private:
    long number()
    {
        const auto begin = pos_;
        long value = 0;
        while (!at_end() && std::isdigit(static_cast<unsigned char>(rule_[pos_])) != 0 && pos_ - begin < 4) {
            value = value * 10 + (rule_[pos_] - '0');
            ++pos_;
        }
        if (pos_ == begin) {
            fail("expected a number");
        }
        return value;
    }

    std::string_view zone_;
    std::string_view rule_;
    std::size_t pos_ = 0;
};

}  // namespace

greg::date transition_date(int year, const TransitionRule& rule)
{
    const auto greg_year = static_cast<unsigned short>(year);
    const auto month = static_cast<unsigned short>(rule.month);
    const auto weekday = greg::greg_weekday(static_cast<unsigned short>(rule.weekday));
    if (rule.week == 5) {
        return greg::last_day_of_the_week_in_month(weekday, month).get_date(greg_year);
    }
    using nth = greg::nth_day_of_the_week_in_month;
    return nth(static_cast<nth::week_num>(rule.week), weekday, month).get_date(greg_year);
}

namespace {

std::string local_text(pt::ptime local)
{
    return fmt::format("{} {}", greg::to_iso_extended_string(local.date()), format_clock(local.time_of_day()));
}

// What the planner takes from a TZif file (RFC 8536): the POSIX rule of its footer,
// and the recorded transitions, to tell since when that rule has been in force.
struct TzifData {
    std::string footer;
    std::vector<std::pair<std::int64_t, std::int32_t>> transitions;  // UTC seconds, UTC offset after
};

std::uint32_t read_be32(std::string_view data, std::size_t at)
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        value = (value << 8U) | static_cast<unsigned char>(data.at(at + i));
    }
    return value;
}

std::int64_t read_be64(std::string_view data, std::size_t at)
{
    const auto high = static_cast<std::uint64_t>(read_be32(data, at));
    return static_cast<std::int64_t>((high << 32U) | read_be32(data, at + 4));
}

// The transitions of the version 2 data block, which has 64-bit times.
std::vector<std::pair<std::int64_t, std::int32_t>> read_transitions(std::string_view data)
{
    constexpr std::size_t header_size = 44;
    const auto counts = [&](std::size_t header) {
        return std::array<std::size_t, 6>{read_be32(data, header + 20), read_be32(data, header + 24),
                                          read_be32(data, header + 28), read_be32(data, header + 32),
                                          read_be32(data, header + 36), read_be32(data, header + 40)};
    };
    // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    const auto v1 = counts(0);
    const std::size_t v1_size = v1[3] * 4 + v1[3] + v1[4] * 6 + v1[5] + v1[2] * 8 + v1[1] + v1[0];
    const std::size_t header = header_size + v1_size;
    const auto v2 = counts(header);
    const std::size_t times_at = header + header_size;
    const std::size_t indices_at = times_at + v2[3] * 8;
    const std::size_t types_at = indices_at + v2[3];
    std::vector<std::pair<std::int64_t, std::int32_t>> transitions;
    for (std::size_t i = 0; i < v2[3]; ++i) {
        const auto type = static_cast<unsigned char>(data.at(indices_at + i));
        const auto offset = static_cast<std::int32_t>(read_be32(data, types_at + type * std::size_t{6}));
        transitions.emplace_back(read_be64(data, times_at + i * 8), offset);
    }
    return transitions;
}

TzifData read_tzif(std::string_view iana_name)
{
    const bool safe_name = !iana_name.empty() && iana_name.front() != '/' &&
                           iana_name.find("..") == std::string_view::npos &&
                           std::all_of(iana_name.begin(), iana_name.end(), [](char c) {
                               return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                                      std::string_view("/_+-").find(c) != std::string_view::npos;
                           });
    const auto unknown = [&] {
        return Error(fmt::format("unknown time zone '{}', expected an IANA name like 'Europe/Berlin'", iana_name));
    };
    // Names come from other people's calendars: one that could leave the zone folder
    // is refused before anything is opened (a pipe elsewhere would block the open).
    if (!safe_name) {
        throw unknown();
    }
    const std::string path = fmt::format("/usr/share/zoneinfo/{}", iana_name);
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw unknown();
    }
    std::ostringstream content;
    content << file.rdbuf();
    const std::string data = content.str();
    // TZif version 2 and later end with "\n<POSIX TZ string>\n".
    if (data.size() < 6 || data.compare(0, 4, "TZif") != 0 || data[4] < '2' || data.back() != '\n') {
        throw Error(fmt::format("time zone '{}': {} is not a TZif file of version 2 or later",
                                iana_name, path));
    }
    const auto footer_start = data.rfind('\n', data.size() - 2);
    try {
        return {data.substr(footer_start + 1, data.size() - footer_start - 2), read_transitions(data)};
    } catch (const std::out_of_range&) {
        throw Error(fmt::format("time zone '{}': {} is truncated", iana_name, path));
    }
}

// The years whose changes are worked out in advance; others are computed on demand.
constexpr int first_cached_year = 1970;
constexpr int last_cached_year = 2200;

pt::ptime from_unix_seconds(std::int64_t seconds)
{
    return pt::ptime(greg::date(1970, 1, 1)) + pt::seconds(static_cast<long>(seconds));
}

// The first recorded transition from which on the rule predicts every recorded
// offset; before it, the zone followed other rules that the planner does not model.
pt::ptime rule_in_force_since(const TimeZone& rule, const TzifData& tzif)
{
    pt::ptime since(pt::neg_infin);
    for (auto t = tzif.transitions.rbegin(); t != tzif.transitions.rend(); ++t) {
        const auto at = from_unix_seconds(t->first);
        if (rule.utc_offset_at(at) != pt::seconds(t->second)) {
            return since.is_neg_infinity() ? at : since;
        }
        since = at;
    }
    return pt::ptime(pt::neg_infin);
}

}  // namespace

TimeZone::TimeZone(std::string name, std::string_view posix_rule, pt::ptime rule_since)
    : name_(std::move(name)), rule_since_(rule_since)
{
    PosixRuleReader reader(name_, posix_rule);
    standard_abbreviation_ = reader.abbreviation();
    // POSIX offsets count west of Greenwich: "CET-1" is one hour ahead of UTC.
    standard_offset_ = -reader.signed_time();
    if (reader.at_end()) {
        return;
    }
    DaylightSaving dst;
    dst.abbreviation = reader.abbreviation();
    dst.utc_offset = standard_offset_ + pt::hours(1);
    if (!reader.next_is(',')) {
        dst.utc_offset = -reader.signed_time();
    }
    reader.expect(',');
    dst.starts = reader.transition();
    reader.expect(',');
    dst.ends = reader.transition();
    if (!reader.at_end()) {
        reader.fail("unexpected text after the rule");
    }
    daylight_ = dst;
    for (int year = first_cached_year; year <= last_cached_year; ++year) {
        changes_.emplace_back(transition_utc(year, dst.starts, standard_offset_), true);
        changes_.emplace_back(transition_utc(year, dst.ends, dst.utc_offset), false);
    }
    std::sort(changes_.begin(), changes_.end());
}

pt::ptime TimeZone::transition_utc(int year, const TransitionRule& rule, pt::time_duration offset_before) const
{
    return pt::ptime(transition_date(year, rule), rule.local_time) - offset_before;
}

bool TimeZone::is_daylight_time(pt::ptime utc) const
{
    if (!daylight_) {
        return false;
    }
    if (changes_.size() > 2 && changes_.front().first <= utc && utc < changes_.back().first) {
        const auto after = std::upper_bound(changes_.begin(), changes_.end(), utc,
                                            [](pt::ptime t, const auto& change) { return t < change.first; });
        return std::prev(after)->second;
    }
    const int year = (utc + standard_offset_).date().year();
    const auto starts = transition_utc(year, daylight_->starts, standard_offset_);
    const auto ends = transition_utc(year, daylight_->ends, daylight_->utc_offset);
    if (starts < ends) {
        return starts <= utc && utc < ends;
    }
    // Southern hemisphere: daylight time spans the turn of the year.
    return utc >= starts || utc < ends;
}

pt::time_duration TimeZone::utc_offset_at(pt::ptime utc) const
{
    return is_daylight_time(utc) ? daylight_->utc_offset : standard_offset_;
}

pt::ptime TimeZone::to_local(pt::ptime utc) const
{
    return utc + utc_offset_at(utc);
}

void TimeZone::require_current_rules(pt::ptime local) const
{
    if (!rule_since_.is_neg_infinity() && local - standard_offset_ < rule_since_) {
        throw Error(fmt::format("local time {} is before {}, since when {} has its current rules; the planner "
                                "converts local times only under a zone's current rules",
                                local_text(local), greg::to_iso_extended_string(to_local(rule_since_).date()),
                                name_));
    }
}

pt::ptime TimeZone::to_utc(pt::ptime local) const
{
    require_current_rules(local);
    if (!daylight_) {
        return local - standard_offset_;
    }
    const auto as_standard = local - standard_offset_;
    const auto as_daylight = local - daylight_->utc_offset;
    const bool standard_fits = utc_offset_at(as_standard) == standard_offset_;
    const bool daylight_fits = utc_offset_at(as_daylight) == daylight_->utc_offset;
    if (standard_fits && daylight_fits) {
        throw Error(fmt::format(
            "local time {} happens twice in {} (the clocks go back, so it is both {} and {}); "
            "give the offset explicitly, e.g. {}T{}{}",
            local_text(local), name_, format_utc_offset(daylight_->utc_offset),
            format_utc_offset(standard_offset_), greg::to_iso_extended_string(local.date()),
            pt::to_simple_string(local.time_of_day()), format_utc_offset(standard_offset_)));
    }
    if (!standard_fits && !daylight_fits) {
        throw Error(fmt::format("local time {} does not exist in {} (the clocks spring forward over it)",
                                local_text(local), name_));
    }
    return standard_fits ? as_standard : as_daylight;
}

pt::ptime TimeZone::to_utc(pt::ptime local, pt::time_duration utc_offset) const
{
    const auto utc = local - utc_offset;
    require_current_rules(local);
    const auto actual = utc_offset_at(utc);
    if (actual != utc_offset) {
        throw Error(fmt::format("local time {} with offset {} is not a time of {}, which is at {} then",
                                local_text(local), format_utc_offset(utc_offset), name_,
                                format_utc_offset(actual)));
    }
    return utc;
}

const TimeZone& time_zone(std::string_view iana_name)
{
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<TimeZone>, std::less<>> cache;
    const std::lock_guard lock(mutex);
    if (const auto found = cache.find(iana_name); found != cache.end()) {
        return *found->second;
    }
    const auto tzif = read_tzif(iana_name);
    const TimeZone rule(std::string(iana_name), tzif.footer);
    auto zone = std::make_unique<TimeZone>(std::string(iana_name), tzif.footer, rule_in_force_since(rule, tzif));
    return *cache.emplace(std::string(iana_name), std::move(zone)).first->second;
}

std::string format_utc_offset(pt::time_duration offset)
{
    const char sign = offset.is_negative() ? '-' : '+';
    const auto magnitude = offset.is_negative() ? offset.invert_sign() : offset;
    return fmt::format("{}{:02}:{:02}", sign, magnitude.hours(), magnitude.minutes());
}

std::string format_iso8601(pt::ptime utc, const TimeZone& zone)
{
    const auto offset = zone.utc_offset_at(utc);
    return pt::to_iso_extended_string(utc + offset) + format_utc_offset(offset);
}

}  // namespace planner

#include <planner/time_range.hpp>

namespace planner {

std::string format_local_range(const TimeRange& range, const TimeZone& zone)
{
    const auto start = zone.to_local(range.start());
    const auto end = zone.to_local(range.end());
    if (start.date() == end.date()) {
        return fmt::format("{} {}\u2013{}", greg::to_iso_extended_string(start.date()),
                           format_clock(start.time_of_day()), format_clock(end.time_of_day()));
    }
    return fmt::format("{} {} \u2013 {} {}", greg::to_iso_extended_string(start.date()),
                       format_clock(start.time_of_day()), greg::to_iso_extended_string(end.date()),
                       format_clock(end.time_of_day()));
}

std::string format_local_times(const TimeRange& range, const TimeZone& zone)
{
    return fmt::format("{}\u2013{}", format_clock(zone.to_local(range.start()).time_of_day()),
                       format_clock(zone.to_local(range.end()).time_of_day()));
}

std::string format_clock(pt::time_duration time_of_day)
{
    return fmt::format("{:02}:{:02}", time_of_day.hours(), time_of_day.minutes());
}

}  // namespace planner
