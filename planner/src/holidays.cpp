#include <planner/holidays.hpp>

#include <planner/error.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <tuple>
#include <unordered_map>

// The table below follows the state laws as they stand, checked against:
// - de.wikipedia.org, "Gesetzliche Feiertage in Deutschland" / "Feiertag (Deutschland)",
//   the overview table of all states ("gilt seit der Wiedervereinigung am 3. Oktober 1990").
// - The state laws themselves: Brandenburg FTG of 21 March 1991 § 2 (bravors.brandenburg.de;
//   names Ostersonntag and Pfingstsonntag), Hessen HFeiertagsG § 1 (declares every Sunday a
//   holiday and names neither Easter nor Whit Sunday, so they are not listed for DE-HE),
//   Berlin FTG § 1 (berlin.de; Frauentag), Bremen FTG § 2 (31 October 2017 as a one-off),
//   Thüringen ThürFGtG § 2 (Weltkindertag, Reformationstag statewide; Fronleichnam only in
//   the municipalities where it was kept in 1994).
// - Press reports of the introductions: Frauentag in Berlin from 2019 and in
//   Mecklenburg-Vorpommern from 2023 (Spiegel, June 2022), Weltkindertag in Thüringen
//   from 2019 (Zeit, February 2019), Reformationstag in HB, HH, NI, SH from 2018,
//   Heilige Drei Könige in Sachsen-Anhalt "seit 1993" (MDR, Stuttgarter Nachrichten),
//   Buß- und Bettag abolished from 1995 except in Sachsen to pay for the Pflegeversicherung.
// - Berlin's one-off days: 8 May 2020 and 8 May 2025 (75th and 80th anniversary of the
//   end of the war, berlin.de), and 17 June 2028 (GVBl. Berlin 2024,
//   pardok.parlament-berlin.de/starweb/adis/citat/VT/19/gvbl/g24280460.pdf; berlin.de school
//   calendar: "der 17. Juni 2028 ein einmaliger gesetzlicher Feiertag").
// For 1990 the post-reunification table is applied to the whole year; before 3 October
// 1990 the GDR's rules held in the east and 17 June (a Sunday that year) in the west.

namespace planner {
namespace {

namespace greg = boost::gregorian;

constexpr int first_table_year = 1990;
constexpr int last_calendar_year = 9999;  // boost::gregorian::date ends there
constexpr int first_gregorian_easter = 1583;

// One bit per code; index 0, "DE", stands for the rules that hold in every state.
constexpr std::array<std::string_view, 17> state_codes{
    "DE",    "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
    "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH"};

using StateSet = std::uint32_t;

constexpr StateSet bit(std::string_view code)
{
    for (std::size_t index = 0; index < state_codes.size(); ++index) {
        if (state_codes[index] == code) {
            return StateSet{1} << index;
        }
    }
    throw Error("unknown state code in the holiday table");  // a compile error: bit() only runs at compile time
}

constexpr StateSet bw = bit("DE-BW"), by = bit("DE-BY"), be = bit("DE-BE"), bb = bit("DE-BB"),
                   hb = bit("DE-HB"), hh = bit("DE-HH"), he = bit("DE-HE"), mv = bit("DE-MV"),
                   ni = bit("DE-NI"), nw = bit("DE-NW"), rp = bit("DE-RP"), sl = bit("DE-SL"),
                   sn = bit("DE-SN"), st = bit("DE-ST"), sh = bit("DE-SH"), th = bit("DE-TH");
constexpr StateSet everywhere = (StateSet{1} << state_codes.size()) - 1;
// The new states kept Reformationstag from reunification on.
constexpr StateSet reformation_east = bb | mv | sn | st | th;

enum class Anchor { fixed_date, easter, wednesday_before_23_november };

struct Rule {
    std::string_view name;
    Anchor anchor;
    int month;  // fixed_date only
    int day;    // fixed_date: day of month; easter: days after Easter Sunday
    StateSet states;
    int first_year;
    int last_year;
};

constexpr Rule fixed(std::string_view name, int month, int day, StateSet states, int first_year = first_table_year,
                     int last_year = last_calendar_year)
{
    return {name, Anchor::fixed_date, month, day, states, first_year, last_year};
}

constexpr Rule once(std::string_view name, int year, int month, int day, StateSet states)
{
    return fixed(name, month, day, states, year, year);
}

constexpr Rule easter(std::string_view name, int days_after, StateSet states, int first_year = first_table_year)
{
    return {name, Anchor::easter, 0, days_after, states, first_year, last_calendar_year};
}

constexpr Rule buss_und_bettag(StateSet states, int first_year, int last_year)
{
    return {"Buß- und Bettag", Anchor::wednesday_before_23_november, 0, 0, states, first_year, last_year};
}

// In calendar order, so that two holidays on one day keep this order after the stable
// sort (Tag der Arbeit before Christi Himmelfahrt on 1 May 2008).
constexpr std::array rules{
    fixed("Neujahr", 1, 1, everywhere),
    fixed("Heilige Drei Könige", 1, 6, bw | by),
    fixed("Heilige Drei Könige", 1, 6, st, 1993),
    fixed("Internationaler Frauentag", 3, 8, be, 2019),
    fixed("Internationaler Frauentag", 3, 8, mv, 2023),
    easter("Karfreitag", -2, everywhere),
    easter("Ostersonntag", 0, bb, 1991),  // Brandenburg's FTG of 21 March 1991
    easter("Ostermontag", 1, everywhere),
    fixed("Tag der Arbeit", 5, 1, everywhere),
    once("Tag der Befreiung", 2020, 5, 8, be),
    once("Tag der Befreiung", 2025, 5, 8, be),
    easter("Christi Himmelfahrt", 39, everywhere),
    easter("Pfingstsonntag", 49, bb, 1991),
    easter("Pfingstmontag", 50, everywhere),
    // Also in Catholic municipalities of Sachsen and Thüringen: not statewide.
    easter("Fronleichnam", 60, bw | by | he | nw | rp | sl),
    once("75. Jahrestag des Aufstandes vom 17. Juni 1953", 2028, 6, 17, be),
    // Also in Bavarian municipalities with a Catholic majority: not statewide.
    fixed("Mariä Himmelfahrt", 8, 15, sl),
    fixed("Weltkindertag", 9, 20, th, 2019),
    fixed("Tag der Deutschen Einheit", 10, 3, everywhere),
    fixed("Reformationstag", 10, 31, reformation_east),
    once("Reformationstag", 2017, 10, 31, everywhere & ~reformation_east),  // 500 years of the Reformation
    fixed("Reformationstag", 10, 31, hb | hh | ni | sh, 2018),
    fixed("Allerheiligen", 11, 1, bw | by | nw | rp | sl),
    buss_und_bettag(everywhere, first_table_year, 1994),
    buss_und_bettag(sn, 1995, last_calendar_year),
    fixed("1. Weihnachtstag", 12, 25, everywhere),
    fixed("2. Weihnachtstag", 12, 26, everywhere),
};

greg::date calendar_date(int year, int month, int day)
{
    return {static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day)};
}

greg::date date_of(const Rule& rule, int year, greg::date easter_day)
{
    switch (rule.anchor) {
    case Anchor::fixed_date:
        return calendar_date(year, rule.month, rule.day);
    case Anchor::easter:
        return easter_day + greg::days(rule.day);
    case Anchor::wednesday_before_23_november: {
        const auto latest = calendar_date(year, 11, 22);
        constexpr int wednesday = 3;  // boost counts from Sunday = 0
        return latest - greg::days((latest.day_of_week().as_number() - wednesday + 7) % 7);
    }
    }
    throw Error("unknown holiday rule");  // unreachable: the switch covers every Anchor
}

void require_table_year(int year)
{
    if (year < first_table_year) {
        throw Error(fmt::format("no public holidays for {}: the table starts in {}", year, first_table_year));
    }
    if (year > last_calendar_year) {
        throw Error(fmt::format("no public holidays for {}: the calendar ends in {}", year, last_calendar_year));
    }
}

std::optional<std::size_t> state_index(std::string_view code)
{
    const auto* found = std::find(state_codes.begin(), state_codes.end(), code);
    if (found == state_codes.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(found - state_codes.begin());
}

std::vector<Holiday> compute(std::size_t state, int year)
{
    const StateSet wanted = StateSet{1} << state;
    const auto easter_day = easter_sunday(year);
    std::vector<Holiday> holidays;
    for (const auto& rule : rules) {
        if ((rule.states & wanted) != 0 && rule.first_year <= year && year <= rule.last_year) {
            holidays.push_back({date_of(rule, year, easter_day), std::string(rule.name)});
        }
    }
    std::stable_sort(holidays.begin(), holidays.end(),
                     [](const Holiday& left, const Holiday& right) { return left.date < right.date; });
    return holidays;
}

// Lists are computed on first use and never changed or erased afterwards, and
// unordered_map keeps references to its elements valid when it grows, so a reference
// handed out under the shared lock stays good after the lock is released.
class HolidayCache {
public:
    const std::vector<Holiday>& lists(std::size_t state, int year)
    {
        const int key = year * static_cast<int>(state_codes.size()) + static_cast<int>(state);
        {
            const std::shared_lock lock(mutex_);
            if (const auto found = lists_.find(key); found != lists_.end()) {
                return found->second;
            }
        }
        auto computed = compute(state, year);
        const std::unique_lock lock(mutex_);
        // Another thread may have filled it meanwhile; the first one stays.
        return lists_.try_emplace(key, std::move(computed)).first->second;
    }

private:
    std::shared_mutex mutex_;
    std::unordered_map<int, std::vector<Holiday>> lists_;
};

HolidayCache& cache()
{
    static HolidayCache instance;
    return instance;
}

}  // namespace

std::vector<Holiday> public_holidays(std::string_view state, int year)
{
    require_table_year(year);
    const auto index = state_index(state);
    if (!index) {
        return {};
    }
    return cache().lists(*index, year);
}

std::optional<Holiday> public_holiday_on(std::string_view state, boost::gregorian::date day)
{
    if (day.is_special()) {
        return std::nullopt;
    }
    const int year = day.year();
    require_table_year(year);
    const auto index = state_index(state);
    if (!index) {
        return std::nullopt;
    }
    const auto& holidays = cache().lists(*index, year);
    const auto found = std::lower_bound(holidays.begin(), holidays.end(), day,
                                        [](const Holiday& holiday, greg::date wanted) { return holiday.date < wanted; });
    if (found == holidays.end() || found->date != day) {
        return std::nullopt;
    }
    return *found;
}

std::int64_t HolidayLookup::day_number(greg::date date)
{
    return (date - greg::date(1970, 1, 1)).days();
}

HolidayLookup::HolidayLookup(std::span<const ListedHoliday> listed)
{
    for (const auto& [region, holiday] : listed) {
        listed_[region].emplace_back(day_number(holiday.date), holiday);
    }
    for (auto& [region, days] : listed_) {
        std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) {
            return std::tie(a.first, a.second.name) < std::tie(b.first, b.second.name);
        });
    }
}

const Holiday* HolidayLookup::listed_on(std::string_view state, std::int64_t day) const
{
    const auto region = listed_.find(state);
    if (region == listed_.end()) {
        return nullptr;
    }
    const auto& days = region->second;
    const auto found = std::lower_bound(days.begin(), days.end(), day,
                                        [](const auto& entry, std::int64_t d) { return entry.first < d; });
    return found != days.end() && found->first == day ? &found->second : nullptr;
}

const Holiday* HolidayLookup::on(std::string_view state, std::int64_t day)
{
    auto found_state = states_.find(state);
    if (found_state == states_.end()) {
        found_state = states_.emplace(std::string(state), StateYears{}).first;
    }
    auto& known = found_state->second;
    if (day < known.from_day || day > known.to_day) {
        // Widen to every year from the first to the last one asked about.
        const auto year_of = [](std::int64_t d) {
            return static_cast<int>((greg::date(1970, 1, 1) + greg::days(static_cast<long>(d))).year());
        };
        const bool empty = known.to_day < known.from_day;
        const int first = empty ? year_of(day) : std::min(year_of(day), year_of(known.from_day));
        const int last = empty ? year_of(day) : std::max(year_of(day), year_of(known.to_day));
        known.days.clear();
        for (int year = std::max(first, first_table_year); year <= last; ++year) {
            for (auto& holiday : public_holidays(state, year)) {
                known.days.emplace_back(day_number(holiday.date), std::move(holiday));
            }
        }
        known.from_day = day_number(calendar_date(first, 1, 1));
        known.to_day = day_number(calendar_date(last, 12, 31));
    }
    const auto found = std::lower_bound(known.days.begin(), known.days.end(), day,
                                        [](const auto& entry, std::int64_t d) { return entry.first < d; });
    return found != known.days.end() && found->first == day ? &found->second : nullptr;
}

// The anonymous Gregorian algorithm (Meeus, "Astronomical Algorithms", ch. 8), exact for
// every Gregorian year.
boost::gregorian::date easter_sunday(int year)
{
    if (year < first_gregorian_easter || year > last_calendar_year) {
        throw Error(fmt::format("no Easter date for {}: the Gregorian computation covers {} to {}", year,
                                first_gregorian_easter, last_calendar_year));
    }
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return calendar_date(year, month, day);
}

}  // namespace planner
