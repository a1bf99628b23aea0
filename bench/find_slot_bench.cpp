// planner::find_slots on a year of busy calendars: 10, 50 and 200 required people,
// each with 2,000 busy periods over 2013, asking for the first 10 slots of 2 hours,
// against a baseline that tests every grid position against every busy period (and
// two stricter variants of it: over a compact array, and stopping at the first
// overlap). Before anything is timed, find_slots and the baselines must give the same
// slots, or the program exits 1.
//
// The calendars (make_find_slot_case):
//
// - One county in Baden-Württemberg (DE-BW: its public holidays count), one
//   organisation, N people, one step-free venue with room for all of them; no
//   meetings, so only the busy periods stand in the way.
// - Team days: every other Wednesday from 2013-01-09 (26 of them). On each, everybody
//   keeps one shared core window clear: it starts at 09:00 or later on a 5-minute
//   step, lasts 2:15 to 2:45 and ends by 17:00, so that one to three starts of the
//   15-minute grid fit a 2-hour meeting in it. Around it each person has 2-4 busy
//   periods within 07:00-19:00, at least one before and one after; for about half
//   of the people the one before ends exactly where the window starts, and for about
//   half the one after starts where it ends (ranges are half-open, so they touch it
//   without taking it).
// - Other working days: 8-9 busy periods of 30-90 minutes (5-minute steps) laid at
//   random, without overlapping, into 07:00-19:00: about three quarters of the day,
//   leaving gaps of some 20 minutes on average. A person alone is free for a 2-hour
//   grid slot within 09:00-17:00 on about 2% of these days (at 0.13% of the grid
//   positions); ten or more people together never are.
// - Weekends: 0-2 periods between 09:00 and 18:00. Weekday public holidays: none.
// - Leave: three weeks a person, each one busy period from Monday 00:00 to Saturday
//   00:00, in weeks without a team day.
// - Two traps a finder must not fall into: the team day 2013-05-01 is Labour Day (a
//   public holiday), and person 0, who is required at every size, is on leave the
//   week of the team day 2013-02-06 (a period that began two days before).
//
// So the 10 slots are the team days from 2013-01-09 to 2013-06-12 less those two,
// each at the first grid start inside its core window; to reach them the finder
// walks about 110 working days, all but ten of them without a slot. Each person's
// periods are in order of their start, and the people follow each other, as one
// calendar import after another would give them. The same seed always gives the
// same calendars, and a person's calendar does not depend on N.

#include "bench_common.hpp"

#include <planner/busy_period.hpp>
#include <planner/directory.hpp>
#include <planner/holidays.hpp>
#include <planner/slot_finder.hpp>
#include <planner/time_zone.hpp>

#include <benchmark/benchmark.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace planner::bench {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;
using Clock = std::chrono::steady_clock;

constexpr int year = 2013;
constexpr std::string_view state_code = "DE-BW";
constexpr std::size_t periods_per_person = 2'000;
constexpr std::size_t slots_wanted = 10;
constexpr std::uint64_t seed = 2013;
const greg::date first_team_day(year, 1, 9);
const greg::date leave_trap_monday(year, 2, 4);  // the week of the team day 2013-02-06

// All times of day in minutes after local midnight.
constexpr long day_from = 7 * 60;
constexpr long day_to = 19 * 60;
constexpr long hours_from = 9 * 60;
constexpr long hours_to = 17 * 60;
constexpr long step = 5;  // calendars use 5-minute steps, not the 15-minute grid

class Random {
public:
    explicit Random(std::uint64_t value) : engine_(value) {}
    // Uniform enough for a benchmark; the modulo bias is negligible.
    long below(long bound) { return static_cast<long>(engine_() % static_cast<std::uint64_t>(bound)); }
    long between(long low, long high) { return low + below(high - low + 1); }  // both included
    bool coin() { return below(2) == 0; }

private:
    std::mt19937_64 engine_;
};

// ---------------------------------------------------------------- the data

struct TeamDay {
    greg::date day;
    long core_from = 0;  // the window everybody keeps clear, local minutes
    long core_to = 0;
};

struct FindSlotCase {
    std::size_t people = 0;
    Directory directory;
    std::vector<BusyPeriod> busy;
    SlotRequest request;
    std::vector<TeamDay> team_days;
    double generation_s = 0;
};

enum class DayKind { work, team, weekend, holiday, leave };

class CalendarGenerator {
public:
    explicit CalendarGenerator(std::size_t people) : people_(people), zone_(time_zone(default_time_zone))
    {
        Random shared(seed);
        for (auto day = first_team_day; day.year() == year; day += greg::days(14)) {
            const auto length = shared.between(27, 33) * step;  // 2:15-2:45
            const auto from = hours_from + shared.between(0, (hours_to - hours_from - length) / step) * step;
            team_days_.push_back({day, from, from + length});
        }
        for (auto day = greg::date(year, 1, 1); day.year() == year; day += greg::days(1)) {
            // Correct for every local time after the daylight-saving change of the day.
            noon_utc_.push_back(zone_.to_utc(pt::ptime(day, pt::hours(12))) - pt::hours(12));
            holiday_.push_back(public_holiday_on(state_code, day).has_value());
        }
    }

    FindSlotCase run()
    {
        FindSlotCase result;
        result.people = people_;
        result.team_days = team_days_;
        add_records(result);
        result.busy.reserve(people_ * periods_per_person);
        for (std::size_t p = 0; p < people_; ++p) {
            add_calendar(result.busy, p);
        }
        return result;
    }

private:
    [[nodiscard]] static std::string person_id(std::size_t p) { return fmt::format("p{:04}", p); }

    void add_records(FindSlotCase& result) const
    {
        auto& directory = result.directory;
        const CountyId county("lk-bw");
        const GeoPoint seat(47.66, 9.48);
        directory.add(County{county, "Bodenseekreis", "Friedrichshafen", std::string(state_code), seat});
        const OrganisationId organisation("lra-bw");
        directory.add(Organisation{organisation, "Landratsamt", county, OrganisationKind::district_office,
                                   std::nullopt, OfficeHours{pt::hours(8), pt::hours(17)}});
        const VenueId venue("saal");
        directory.add(Venue{venue, "Großer Saal", "Glärnischstraße 1, 88045 Friedrichshafen", county,
                            static_cast<unsigned>(people_ + 10), seat, Accessibility::step_free});
        auto& request = result.request;
        for (std::size_t p = 0; p < people_; ++p) {
            const PersonId id(person_id(p));
            directory.add(Person{id, fmt::format("Person {}", p), EmailAddress(fmt::format("{}@lk-bw.de", id.str())),
                                 organisation, "", Access::any, std::nullopt});
            request.required.push_back(id);
        }
        request.duration = pt::hours(2);
        request.first_day = greg::date(year, 1, 1);
        request.last_day = greg::date(year, 12, 31);
        request.venues = {venue};
        request.time_zone = std::string(default_time_zone);
        request.hours = DailyHours{pt::minutes(hours_from), pt::minutes(hours_to)};
        request.grid = pt::minutes(15);
        request.count = slots_wanted;
        request.weekends = Weekends::avoid;
        request.holidays = Holidays::avoid;
    }

    [[nodiscard]] pt::ptime utc(greg::date day, long minutes) const
    {
        return noon_utc_[static_cast<std::size_t>(day.day_of_year() - 1)] + pt::minutes(minutes);
    }

    // k periods of 30-90 minutes inside [from, to), in order, not overlapping. With
    // `touch_end` the last one ends at `to`, with `touch_start` the first begins at `from`.
    void place(std::vector<BusyPeriod>& out, const PersonId& person, const std::string& source, greg::date day,
               long from, long to, long k, bool touch_start, bool touch_end)
    {
        if (k <= 0) {
            return;
        }
        const long span = to - from;
        if (k * 30 > span) {
            throw std::logic_error(fmt::format("{} periods do not fit into {} minutes", k, span));
        }
        std::vector<long> lengths(static_cast<std::size_t>(k));
        long total = 0;
        for (int attempt = 0;; ++attempt) {
            total = 0;
            for (auto& length : lengths) {
                length = attempt < 100 ? random_.between(30 / step, 90 / step) * step : 30;
                total += length;
            }
            if (total <= span) {
                break;
            }
        }
        // The free minutes, split into k + 1 gaps at random cut points.
        const long free_steps = (span - total) / step;
        std::vector<long> cuts(static_cast<std::size_t>(k));
        for (auto& cut : cuts) {
            cut = random_.between(0, free_steps);
        }
        std::sort(cuts.begin(), cuts.end());
        std::vector<long> gaps(static_cast<std::size_t>(k) + 1);
        long previous = 0;
        for (std::size_t i = 0; i < cuts.size(); ++i) {
            gaps[i] = (cuts[i] - previous) * step;
            previous = cuts[i];
        }
        gaps.back() = (free_steps - previous) * step + (span - total) % step;
        if (touch_end) {
            gaps.front() += gaps.back();
            gaps.back() = 0;
        }
        if (touch_start) {
            gaps.back() += gaps.front();
            gaps.front() = 0;
        }
        long at = from;
        for (std::size_t i = 0; i < lengths.size(); ++i) {
            at += gaps[i];
            out.push_back({person, TimeRange(utc(day, at), utc(day, at + lengths[i])), source});
            at += lengths[i];
        }
    }

    void add_calendar(std::vector<BusyPeriod>& out, std::size_t p)
    {
        random_ = Random(seed * 1'000'003 + p);
        const PersonId person(person_id(p));
        const std::string source = fmt::format("Kalender {}", person.str());  // small enough for no allocation

        // Three weeks of leave in weeks without a team day (and the trap for person 0).
        std::vector<greg::date> leave;
        std::vector<greg::date> free_mondays;  // the Mondays of the weeks between team weeks
        for (auto monday = first_team_day + greg::days(5); monday + greg::days(4) <= greg::date(year, 12, 31);
             monday += greg::days(14)) {
            free_mondays.push_back(monday);
        }
        for (int i = 0; i < 3; ++i) {
            const auto pick = static_cast<std::size_t>(random_.below(static_cast<long>(free_mondays.size())));
            leave.push_back(free_mondays[pick]);
            free_mondays.erase(free_mondays.begin() + static_cast<std::ptrdiff_t>(pick));
        }
        if (p == 0) {
            leave.push_back(leave_trap_monday);
        }
        std::sort(leave.begin(), leave.end());

        // What each day is, and how many periods the fixed kinds of day take.
        std::vector<DayKind> kinds;
        std::vector<long> counts;
        std::size_t team = 0;
        std::size_t work_days = 0;
        long fixed = static_cast<long>(leave.size());
        for (auto day = greg::date(year, 1, 1); day.year() == year; day += greg::days(1)) {
            const auto weekday = day.day_of_week().as_number();
            const bool on_leave = std::any_of(leave.begin(), leave.end(), [&](greg::date monday) {
                return day >= monday && day < monday + greg::days(5);
            });
            const bool team_day = team < team_days_.size() && team_days_[team].day == day;
            team += team_day ? 1 : 0;
            DayKind kind = DayKind::work;
            long count = 0;
            if (weekday == 0 || weekday == 6) {
                kind = DayKind::weekend;
                count = random_.between(0, 2);
            } else if (holiday_[static_cast<std::size_t>(day.day_of_year() - 1)]) {
                kind = DayKind::holiday;
            } else if (on_leave) {
                kind = DayKind::leave;
            } else if (team_day) {
                kind = DayKind::team;
                count = random_.between(2, 4);
            } else {
                ++work_days;
            }
            fixed += count;
            kinds.push_back(kind);
            counts.push_back(count);
        }
        // The rest spread evenly over the other working days, the remainder at random.
        const auto rest = static_cast<long>(periods_per_person) - fixed;
        const auto each = rest / static_cast<long>(work_days);
        auto extra = rest % static_cast<long>(work_days);
        std::vector<std::size_t> work;
        for (std::size_t d = 0; d < kinds.size(); ++d) {
            if (kinds[d] == DayKind::work) {
                counts[d] = each;
                work.push_back(d);
            }
        }
        for (; extra > 0; --extra) {
            const auto pick = static_cast<std::size_t>(random_.below(static_cast<long>(work.size())));
            ++counts[work[pick]];
            work.erase(work.begin() + static_cast<std::ptrdiff_t>(pick));
        }

        const auto before = out.size();
        team = 0;
        auto next_leave = leave.begin();
        for (std::size_t d = 0; d < kinds.size(); ++d) {
            const auto day = greg::date(year, 1, 1) + greg::days(static_cast<long>(d));
            if (next_leave != leave.end() && *next_leave == day) {
                out.push_back({person, TimeRange(utc(day, 0), utc(day + greg::days(5), 0)), source});
                ++next_leave;
            }
            switch (kinds[d]) {
            case DayKind::weekend:
                place(out, person, source, day, 9 * 60, 18 * 60, counts[d], false, false);
                break;
            case DayKind::work:
                place(out, person, source, day, day_from, day_to, counts[d], false, false);
                break;
            case DayKind::team: {
                while (team_days_[team].day != day) {
                    ++team;
                }
                const auto& window = team_days_[team];
                const auto first = random_.between(1, counts[d] - 1);
                place(out, person, source, day, day_from, window.core_from, first, false, random_.coin());
                place(out, person, source, day, window.core_to, day_to, counts[d] - first, random_.coin(), false);
                break;
            }
            case DayKind::holiday:
            case DayKind::leave:
                break;
            }
        }
        if (out.size() - before != periods_per_person) {
            throw std::logic_error(fmt::format("person {} got {} busy periods, not {}", p, out.size() - before,
                                               periods_per_person));
        }
    }

    std::size_t people_;
    const TimeZone& zone_;
    std::vector<TeamDay> team_days_;
    std::vector<pt::ptime> noon_utc_;  // local midnight of each day as UTC, as if no change came before noon
    std::vector<bool> holiday_;        // by day of the year
    Random random_{seed};
};

FindSlotCase make_find_slot_case(std::size_t people)
{
    const auto start = Clock::now();
    auto result = CalendarGenerator(people).run();
    result.generation_s = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

// ------------------------------------------------------------ the baseline

enum class Baseline {
    plain,      // every grid position against every busy period of the input: the target's baseline
    compact,    // the same, over the required people's periods copied once into a compact array
    first_hit,  // the compact loop, stopping at the first busy period that overlaps
};
constexpr std::array<Baseline, 3> baselines{Baseline::plain, Baseline::compact, Baseline::first_hit};

constexpr std::string_view baseline_name(Baseline kind)
{
    switch (kind) {
    case Baseline::plain:
        return "find_slots_baseline";
    case Baseline::compact:
        return "find_slots_baseline_compact";
    case Baseline::first_hit:
        return "find_slots_baseline_first_hit";
    }
    return "";
}

constexpr std::string_view short_name(Baseline kind)
{
    switch (kind) {
    case Baseline::plain:
        return "baseline";
    case Baseline::compact:
        return "compact";
    case Baseline::first_hit:
        return "first hit";
    }
    return "";
}

struct BaselineResult {
    std::vector<TimeRange> slots;
    std::size_t days = 0;       // working days walked
    std::size_t positions = 0;  // grid positions tested
    std::uint64_t tests = 0;    // overlap tests made
};

// What someone would first write: walk the days of the window, skip weekends and the
// venue state's public holidays, and test each grid position of the day against
// every busy period, in input order; one that overlaps the position and belongs to a
// required person makes it busy. The first free position of a day is that day's slot
// (with no optional people the best start is the earliest); stop at `count` slots.
// The venue is checked once: with no meetings in the directory it is always free.
BaselineResult baseline_slots(const FindSlotCase& data, Baseline kind)
{
    const auto& request = data.request;
    const auto& venue = data.directory.venue(request.venues.front());
    const auto& state = data.directory.county(venue.county).state;
    const auto& zone = time_zone(request.time_zone);
    BaselineResult result;
    if (venue.capacity < request.required.size() + request.optional.size()) {
        return result;
    }
    const std::unordered_set<PersonId> required(request.required.begin(), request.required.end());
    std::vector<TimeRange> compact;
    if (kind != Baseline::plain) {
        for (const auto& period : data.busy) {
            if (required.contains(period.person)) {
                compact.push_back(period.time);
            }
        }
    }
    for (auto day = request.first_day; day <= request.last_day && result.slots.size() < request.count;
         day += greg::days(1)) {
        const auto weekday = day.day_of_week().as_number();
        if ((request.weekends == Weekends::avoid && (weekday == 0 || weekday == 6)) ||
            (request.holidays == Holidays::avoid && public_holiday_on(state, day))) {
            continue;
        }
        ++result.days;
        for (auto start = request.hours.from; start + request.duration <= request.hours.to; start += request.grid) {
            const TimeRange candidate(zone.to_utc(pt::ptime(day, start)),
                                      zone.to_utc(pt::ptime(day, start + request.duration)));
            ++result.positions;
            bool free = true;
            switch (kind) {
            case Baseline::plain:
                for (const auto& period : data.busy) {
                    if (period.time.overlaps(candidate) && required.contains(period.person)) {
                        free = false;
                    }
                }
                result.tests += data.busy.size();
                break;
            case Baseline::compact:
                for (const auto& period : compact) {
                    free &= !period.overlaps(candidate);
                }
                result.tests += compact.size();
                break;
            case Baseline::first_hit:
                for (const auto& period : compact) {
                    ++result.tests;
                    if (period.overlaps(candidate)) {
                        free = false;
                        break;
                    }
                }
                break;
            }
            if (free) {
                result.slots.push_back(candidate);
                break;
            }
        }
    }
    return result;
}

// -------------------------------------------------------------- benchmarks

struct SizeFigures {
    std::size_t busy_periods = 0;
    double generation_s = 0;
    double find_slots_s = 0;
    std::map<Baseline, double> baseline_s;
    std::map<Baseline, std::uint64_t> baseline_tests;
    std::size_t baseline_days = 0;
    std::size_t baseline_positions = 0;
    std::vector<TimeRange> slots;
    std::size_t on_team_days = 0;
    bool agreed = false;
};

std::map<std::size_t, SizeFigures>& slot_figures()
{
    static std::map<std::size_t, SizeFigures> instance;
    return instance;
}

bool slot_failed = false;


std::string local_slot(const TimeRange& time)
{
    return format_local_range(time, time_zone(default_time_zone));
}

std::string list_slots(const std::vector<TimeRange>& slots)
{
    std::string text;
    for (const auto& slot : slots) {
        text += fmt::format("{}{}", text.empty() ? "" : ", ", local_slot(slot));
    }
    return text.empty() ? "(none)" : text;
}

// The data of one size, generated once and checked once: find_slots and every
// baseline must give the same slot times, and as many as were asked for.
struct CheckedCase {
    FindSlotCase data;
    std::string error;  // empty when the answers agree
    bool reported = false;
};

// Marks the benchmark as failed (the program exits 1) and says why, once per size.
void slot_fail(benchmark::State& state, CheckedCase& checked)
{
    slot_failed = true;
    if (!checked.reported) {
        checked.reported = true;
        std::fprintf(stderr, "\nfind-slot benchmark FAILED: %s\n", checked.error.c_str());
        std::fflush(stderr);
    }
    state.SkipWithError(checked.error.c_str());
}

std::map<std::size_t, std::unique_ptr<CheckedCase>>& cases()
{
    static std::map<std::size_t, std::unique_ptr<CheckedCase>> cache;
    return cache;
}

CheckedCase& checked_case(std::size_t people)
{
    auto& slot = cases()[people];
    if (slot) {
        return *slot;
    }
    // The conflict check's regions are not needed any more; their memory is.
    drop_regions_except(0);
    slot = std::make_unique<CheckedCase>(CheckedCase{make_find_slot_case(people), {}});
    const auto& data = slot->data;
    auto& figures = slot_figures()[people];
    figures.busy_periods = data.busy.size();
    figures.generation_s = data.generation_s;

    const auto search = find_slots(data.directory, data.busy, data.request);
    std::vector<TimeRange> found;
    for (const auto& proposal : search.slots) {
        found.push_back(proposal.time);
        if (proposal.venue != data.request.venues.front() || !proposal.missing.empty()) {
            slot->error = fmt::format("{} people: find_slots proposed {} at venue '{}' with {} missing", people,
                                      local_slot(proposal.time), proposal.venue.str(), proposal.missing.size());
            return *slot;
        }
    }
    std::string answers = fmt::format("\n  {:<30} {}", "find_slots:", list_slots(found));
    bool differ = false;
    for (const auto kind : baselines) {
        const auto result = baseline_slots(data, kind);
        answers += fmt::format("\n  {:<30} {}", fmt::format("{}:", baseline_name(kind)), list_slots(result.slots));
        differ = differ || result.slots != found;
        if (kind == Baseline::plain) {
            figures.baseline_days = result.days;
            figures.baseline_positions = result.positions;
            figures.slots = result.slots;
        }
    }
    for (const auto& time : figures.slots) {
        const auto day = time_zone(default_time_zone).to_local(time.start()).date();
        figures.on_team_days += std::any_of(data.team_days.begin(), data.team_days.end(),
                                            [&](const TeamDay& team) { return team.day == day; })
                                    ? 1U
                                    : 0U;
    }
    if (differ) {
        slot->error = fmt::format("{} people: the answers differ, so nothing is timed.{}", people, answers);
    } else if (found.size() != data.request.count) {
        slot->error = fmt::format("{} people: {} slots instead of {}: {}{}", people, found.size(), data.request.count,
                                  list_slots(found),
                                  search.obstacles.empty() ? "" : "; first obstacle: " + search.obstacles.front().message);
    } else {
        figures.agreed = true;
    }
    return *slot;
}

double mean(const std::vector<double>& values)
{
    return values.empty() ? 0 : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

void find_slot_fast(benchmark::State& state, std::size_t people)
{
    auto& checked = checked_case(people);
    if (!checked.error.empty()) {
        slot_fail(state, checked);
        return;
    }
    const auto& data = checked.data;
    std::vector<double> times;
    for (auto _ : state) {
        const auto start = Clock::now();
        auto search = find_slots(data.directory, data.busy, data.request);
        times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        benchmark::DoNotOptimize(search.slots.data());
    }
    auto& figures = slot_figures()[people];
    figures.find_slots_s = mean(times);
    state.counters["busy_periods"] = static_cast<double>(data.busy.size());
    state.counters["slots"] = static_cast<double>(figures.slots.size());
    state.counters["gen_s"] = data.generation_s;
}

void find_slot_baseline(benchmark::State& state, std::size_t people, Baseline kind)
{
    auto& checked = checked_case(people);
    if (!checked.error.empty()) {
        slot_fail(state, checked);
        if (kind == baselines.back()) {
            cases().erase(people);
        }
        return;
    }
    std::vector<double> times;
    BaselineResult result;
    for (auto _ : state) {
        const auto start = Clock::now();
        result = baseline_slots(checked.data, kind);
        times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        benchmark::DoNotOptimize(result.slots.data());
    }
    auto& figures = slot_figures()[people];
    figures.baseline_s[kind] = mean(times);
    figures.baseline_tests[kind] = result.tests;
    state.counters["overlap_tests"] = static_cast<double>(result.tests);
    state.counters["positions"] = static_cast<double>(result.positions);
    if (figures.find_slots_s > 0) {
        state.counters["speedup"] = mean(times) / figures.find_slots_s;
    }
    if (kind == baselines.back()) {
        cases().erase(people);  // the next size's data takes its place
    }
}

}  // namespace

void register_find_slot_benchmarks(bool smoke)
{
    const std::vector<std::size_t> sizes = smoke ? std::vector<std::size_t>{10} : std::vector<std::size_t>{10, 50, 200};
    for (const auto people : sizes) {
        benchmark::RegisterBenchmark(fmt::format("find_slots/{}", people).c_str(),
                                     [people](benchmark::State& state) { find_slot_fast(state, people); })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(smoke ? 3 : 50);
        for (const auto kind : baselines) {
            const int iterations = smoke ? 1 : kind == Baseline::first_hit ? 20 : people >= 200 ? 1 : 3;
            benchmark::RegisterBenchmark(
                fmt::format("{}/{}", baseline_name(kind), people).c_str(),
                [people, kind](benchmark::State& state) { find_slot_baseline(state, people, kind); })
                ->Unit(benchmark::kMillisecond)
                ->Iterations(iterations);
        }
    }
}

bool find_slot_failed()
{
    return slot_failed;
}

void print_find_slot_summary(bool full_size)
{
    const auto& all = slot_figures();
    if (all.empty()) {
        return;
    }
    std::printf("\nfind-slot summary: DE-BW, 2013, %zu busy periods a person, first %zu slots of 2 h, 15 min grid\n",
                periods_per_person, slots_wanted);
    std::printf("  %6s %12s %11s  %23s  %23s  %23s\n", "people", "busy periods", "find_slots", "baseline (the target's)",
                "baseline, compact", "baseline, first hit");
    for (const auto& entry : all) {
        const auto& f = entry.second;
        const auto ms = [](double seconds) {
            return seconds > 0 ? fmt::format("{:.3f} ms", seconds * 1e3) : std::string("-");
        };
        std::string row = fmt::format("  {:>6} {:>12} {:>11}", entry.first, f.busy_periods, ms(f.find_slots_s));
        for (const auto kind : baselines) {
            const auto found = f.baseline_s.find(kind);
            const auto seconds = found == f.baseline_s.end() ? 0.0 : found->second;
            const auto ratio = seconds > 0 && f.find_slots_s > 0 ? fmt::format("{:.0f}x", seconds / f.find_slots_s)
                                                                 : std::string();
            row += fmt::format("  {:>14} {:>8}", ms(seconds), ratio);
        }
        std::printf("%s\n", row.c_str());
    }
    for (const auto& [people, f] : all) {
        if (!f.agreed) {
            continue;
        }
        std::string tests;
        for (const auto& [kind, count] : f.baseline_tests) {
            tests += fmt::format("{}{} {}", tests.empty() ? "" : ", ", short_name(kind), count);
        }
        std::printf("  %zu people: %zu working days walked, %zu grid positions, overlap tests (%s), %zu of %zu slots "
                    "on team days, generated in %.3f s\n",
                    people, f.baseline_days, f.baseline_positions, tests.empty() ? "-" : tests.c_str(), f.on_team_days,
                    f.slots.size(), f.generation_s);
    }
    const auto first = std::find_if(all.begin(), all.end(), [](const auto& entry) { return entry.second.agreed; });
    if (first != all.end()) {
        std::printf("  slots (%zu people): %s\n", first->first, list_slots(first->second.slots).c_str());
        for (auto other = std::next(first); other != all.end(); ++other) {
            if (other->second.agreed && other->second.slots != first->second.slots) {
                std::printf("  slots (%zu people): %s\n", other->first, list_slots(other->second.slots).c_str());
            }
        }
    }
    if (const auto at50 = all.find(50); full_size && at50 != all.end() && at50->second.find_slots_s > 0) {
        const auto& f = at50->second;
        std::printf("  target at 50 people: find_slots < 10 ms: %.3f ms, %s", f.find_slots_s * 1e3,
                    f.find_slots_s < 0.010 ? "met" : "MISSED");
        if (const auto plain = f.baseline_s.find(Baseline::plain); plain != f.baseline_s.end() && plain->second > 0) {
            const auto speedup = plain->second / f.find_slots_s;
            std::printf("; >= 50x the baseline: %.0fx, %s", speedup, speedup >= 50 ? "met" : "MISSED");
        }
        std::printf("\n");
    } else if (!full_size) {
        std::printf("  (the targets apply to the full size)\n");
    }
    std::printf("  result: %s\n", slot_failed ? "FAILED: find_slots and the baselines did not give the same slots"
                                              : "find_slots and every baseline gave the same slots at every size");
    std::fflush(stdout);
}

}  // namespace planner::bench
