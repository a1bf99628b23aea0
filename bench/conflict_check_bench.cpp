// The conflict check on synthetic regions: find_conflicts at growing sizes, naive
// pairwise double-booking checks as the baselines (plain, and tuned), the memory a check needs, and the
// whole `planner check` process on a store file (check_process_bench.cpp). Every
// check must find exactly the conflicts the generator planted. Then the slot finder
// on a year of busy calendars (find_slot_bench.cpp), after the regions are freed.
//
//   planner_bench [--planner_size=smoke|full] [benchmark flags]
//
// The size can also come from $PLANNER_BENCH_SIZE; full is the default.

#include "bench_common.hpp"

#include <planner/conflict_checker.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double mean(const std::vector<double>& values)
{
    double sum = 0;
    for (const auto value : values) {
        sum += value;
    }
    return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

double mib(long kb)
{
    return static_cast<double>(kb) / 1024.0;
}

struct Sizes {
    std::string_view name;
    std::size_t clean;                // a region without plants must give no conflict
    std::vector<std::size_t> fast;    // find_conflicts; the last one also measures memory
    std::vector<std::size_t> naive;   // the pairwise baseline
    std::size_t process;              // the planner process on a store file
    int process_runs;
};

const Sizes smoke{"smoke", 2'000, {2'000}, {2'000}, 2'000, 2};
const Sizes full{"full", 10'000, {10'000, 100'000, 1'000'000}, {10'000, 100'000}, 100'000, 5};

// -------------------------------------------------------------- benchmarks

void clean_region(benchmark::State& state, std::size_t meetings)
{
    const auto start = Clock::now();
    RegionShape shape;
    shape.meetings = meetings;
    shape.plants_per_kind = 0;
    const auto region = make_region(shape);
    state.counters["gen_s"] = seconds_since(start);
    std::vector<Conflict> conflicts;
    for (auto _ : state) {
        conflicts = find_conflicts(region.directory);
        benchmark::DoNotOptimize(conflicts.data());
    }
    state.counters["conflicts"] = static_cast<double>(conflicts.size());
    if (!conflicts.empty()) {
        fail(state, fmt::format("a region without plants has conflicts: {}; the first: {}",
                                describe(count_by_kind(conflicts)), conflicts.front().message));
    }
}

void fast_check(benchmark::State& state, std::size_t meetings, bool measure_memory)
{
    if (measure_memory) {
        drop_regions_except(meetings);
    }
    const auto& region = cached_region(meetings);
    state.counters["gen_s"] = figures().generation_s[meetings];

    const long rss_before = current_rss_kb();
    std::optional<PeakRss> peak;
    if (measure_memory) {
        peak.emplace();
    }
    std::vector<double> times;
    std::vector<Conflict> conflicts;
    for (auto _ : state) {
        conflicts.clear();
        const auto start = Clock::now();
        conflicts = find_conflicts(region.directory);
        times.push_back(seconds_since(start));
        benchmark::DoNotOptimize(conflicts.data());
    }
    figures().fast_s[meetings] = mean(times);
    state.counters["conflicts"] = static_cast<double>(conflicts.size());
    if (peak) {
        const auto peak_kb = peak->peak_kb();
        figures().memory = Figures::Memory{meetings, rss_before, peak_kb, peak->sampled()};
        state.counters["rss_before_MiB"] = mib(rss_before);
        state.counters["check_growth_MiB"] = mib(peak_kb - rss_before);
        state.counters["peak_rss_MiB"] = mib(process_peak_rss_kb());
    }

    const auto found = count_by_kind(conflicts);
    if (found != region.expected) {
        fail(state, fmt::format("found {}; planted {}", describe(found), describe(region.expected)));
    } else if (const auto difference = compare_with_plants(conflicts, region.planted); !difference.empty()) {
        fail(state, difference);
    }
}

// The two counts of a pairwise check as the planted conflicts are counted.
KindCounts double_booking_counts(std::size_t people, std::size_t venues)
{
    KindCounts counts;
    if (people > 0) {
        counts[ConflictKind::person_double_booked] = people;
    }
    if (venues > 0) {
        counts[ConflictKind::venue_double_booked] = venues;
    }
    return counts;
}

// The baseline: every pair of meetings, compared on time, then on venue and people.
// It finds only the double bookings, over a compact array so that it is not slowed
// by the directory's map, and still grows with the square of the meetings.
struct NaiveMeeting {
    TimeRange time;
    const VenueId* venue;
    std::vector<PersonId> people;
};

KindCounts naive_double_bookings(const Directory& directory)
{
    std::vector<NaiveMeeting> meetings;
    meetings.reserve(directory.meetings().size());
    for (const auto& [id, meeting] : directory.meetings()) {
        if (meeting.status != MeetingStatus::cancelled) {
            meetings.push_back({meeting.time, &meeting.venue, attendees_in_room(meeting)});
        }
    }
    std::size_t people = 0;
    std::size_t venues = 0;
    for (std::size_t i = 0; i < meetings.size(); ++i) {
        const auto& a = meetings[i];
        for (std::size_t j = i + 1; j < meetings.size(); ++j) {
            const auto& b = meetings[j];
            if (!a.time.overlaps(b.time)) {
                continue;
            }
            venues += *a.venue == *b.venue ? 1U : 0U;
            for (const auto& person : a.people) {
                for (const auto& other : b.people) {
                    people += person == other ? 1U : 0U;
                }
            }
        }
    }
    return double_booking_counts(people, venues);
}

// The plain baseline, as someone would first write it: every pair of the
// directory's meetings, and for each pair that overlaps, both lists of attendees
// worked out and compared person by person.
KindCounts plain_double_bookings(const Directory& directory)
{
    std::vector<const Meeting*> meetings;
    for (const auto& [id, meeting] : directory.meetings()) {
        if (meeting.status != MeetingStatus::cancelled) {
            meetings.push_back(&meeting);
        }
    }
    std::size_t people = 0;
    std::size_t venues = 0;
    for (std::size_t i = 0; i < meetings.size(); ++i) {
        for (std::size_t j = i + 1; j < meetings.size(); ++j) {
            const Meeting& a = *meetings[i];
            const Meeting& b = *meetings[j];
            if (!a.time.overlaps(b.time)) {
                continue;
            }
            venues += a.venue == b.venue ? 1U : 0U;
            for (const auto& person : attendees_in_room(a)) {
                for (const auto& other : attendees_in_room(b)) {
                    people += person == other ? 1U : 0U;
                }
            }
        }
    }
    return double_booking_counts(people, venues);
}

enum class Baseline { compact, plain };

void naive_check(benchmark::State& state, std::size_t meetings, Baseline baseline)
{
    const auto& region = cached_region(meetings);
    std::vector<double> times;
    KindCounts found;
    for (auto _ : state) {
        const auto start = Clock::now();
        found = baseline == Baseline::plain ? plain_double_bookings(region.directory)
                                            : naive_double_bookings(region.directory);
        times.push_back(seconds_since(start));
    }
    (baseline == Baseline::plain ? figures().plain_s : figures().naive_s)[meetings] = mean(times);
    if (const auto fast = figures().fast_s.find(meetings); fast != figures().fast_s.end() && fast->second > 0) {
        state.counters["speedup"] = mean(times) / fast->second;
    }

    KindCounts expected;
    for (const auto kind : {ConflictKind::person_double_booked, ConflictKind::venue_double_booked}) {
        if (const auto count = region.expected.find(kind); count != region.expected.end()) {
            expected.insert(*count);
        }
    }
    if (found != expected) {
        fail(state, fmt::format("found {}; planted {}", describe(found), describe(expected)));
    }
}

// ------------------------------------------------------------------ summary

std::string verdict(bool met)
{
    return met ? "met" : "MISSED";
}

void print_summary(const Sizes& sizes)
{
    const auto& f = figures();
    const bool full_size = sizes.name == full.name;
    std::printf("\nplanner bench summary (size %s)\n", std::string(sizes.name).c_str());
    for (const auto& [meetings, seconds] : f.generation_s) {
        std::printf("  generate %8zu meetings: %8.3f s\n", meetings, seconds);
    }
    for (const auto& [meetings, seconds] : f.fast_s) {
        std::printf("  find_conflicts %8zu:   %8.3f s", meetings, seconds);
        if (full_size && meetings == 1'000'000) {
            std::printf("   target < 3 s: %s", verdict(seconds < 3.0).c_str());
        }
        std::printf("\n");
    }
    for (const auto& [meetings, seconds] : f.plain_s) {
        std::printf("  naive pairwise %8zu:   %8.3f s", meetings, seconds);
        if (const auto fast = f.fast_s.find(meetings); fast != f.fast_s.end() && fast->second > 0) {
            const auto speedup = seconds / fast->second;
            std::printf("   speedup %.0fx", speedup);
            if (full_size && meetings == 100'000) {
                std::printf("   target >= 100x: %s", verdict(speedup >= 100).c_str());
            }
        }
        std::printf("\n");
    }
    // The stricter comparison: the same quadratic method tuned (compact array,
    // attendees worked out once), which a plain loop would not be.
    for (const auto& [meetings, seconds] : f.naive_s) {
        std::printf("  pairwise, compact %8zu: %8.3f s", meetings, seconds);
        if (const auto fast = f.fast_s.find(meetings); fast != f.fast_s.end() && fast->second > 0) {
            std::printf("   speedup %.0fx", seconds / fast->second);
        }
        std::printf("\n");
    }
    // The baseline grows with the square of the meetings; running it on the largest
    // region would take minutes, so its time there is only estimated.
    if (!f.naive_s.empty() && !f.fast_s.empty() && f.fast_s.rbegin()->first > f.naive_s.rbegin()->first) {
        const auto [measured, naive] = *f.naive_s.rbegin();
        const auto [largest, fast] = *f.fast_s.rbegin();
        const auto ratio = static_cast<double>(largest) / static_cast<double>(measured);
        const auto estimate = naive * ratio * ratio;
        std::printf("  pairwise, compact %8zu: ~%.0f s (estimated from %zu as n^2)   speedup ~%.0fx\n", largest,
                    estimate, measured, estimate / fast);
    }
    if (f.memory) {
        const auto peak = process_peak_rss_kb();
        std::printf("  memory at %zu meetings: RSS with the region %.0f MiB, growth during the check %.0f MiB%s\n",
                    f.memory->meetings, mib(f.memory->rss_before_check_kb),
                    mib(f.memory->peak_during_check_kb - f.memory->rss_before_check_kb),
                    f.memory->sampled ? " (sampled every ms)" : "");
        std::printf("  peak RSS of the run (ru_maxrss): %.0f MiB", mib(peak));
        if (full_size) {
            std::printf("   target < 2048 MiB: %s", verdict(mib(peak) < 2048).c_str());
        }
        std::printf("\n");
    }
    if (f.process && !f.process->runs_s.empty()) {
        const auto& p = *f.process;
        const auto average = mean(p.runs_s);
        std::printf("  store import %zu meetings (setup): %.3f s, store file %.1f MiB\n", p.meetings, p.import_s,
                    p.store_mib);
        std::printf("  planner --db FILE check --json, %zu meetings: mean %.3f s over %zu runs (min %.3f, max %.3f)",
                    p.meetings, average, p.runs_s.size(), *std::min_element(p.runs_s.begin(), p.runs_s.end()),
                    *std::max_element(p.runs_s.begin(), p.runs_s.end()));
        if (full_size) {
            std::printf("   target < 2 s: %s", verdict(average < 2.0).c_str());
        }
        std::printf("\n");
    }
    if (!full_size) {
        std::printf("  (the targets apply to the full size)\n");
    }
    std::printf("  result: %s\n", any_failure() ? "FAILED: a check did not find exactly the planted conflicts"
                                                : "every check found exactly the planted conflicts");
    std::fflush(stdout);
}

void register_benchmarks(const Sizes& sizes)
{
    const auto name = [](std::string_view what, std::size_t meetings) { return fmt::format("{}/{}", what, meetings); };
    benchmark::RegisterBenchmark(name("find_conflicts_clean", sizes.clean).c_str(),
                                 [meetings = sizes.clean](benchmark::State& state) { clean_region(state, meetings); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(3);
    for (const auto meetings : sizes.fast) {
        const bool largest = meetings == sizes.fast.back();
        // Before the largest, the smaller regions have had their naive and process runs.
        if (largest && meetings != sizes.process) {
            register_process_benchmark(sizes.process, sizes.process_runs);
        }
        benchmark::RegisterBenchmark(name("find_conflicts", meetings).c_str(),
                                     [meetings, largest](benchmark::State& state) { fast_check(state, meetings, largest); })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(meetings >= 1'000'000 ? 3 : meetings >= 100'000 ? 5 : 20);
        if (std::find(sizes.naive.begin(), sizes.naive.end(), meetings) != sizes.naive.end()) {
            benchmark::RegisterBenchmark(
                name("naive_pairwise", meetings).c_str(),
                [meetings](benchmark::State& state) { naive_check(state, meetings, Baseline::plain); })
                ->Unit(benchmark::kMillisecond)
                ->Iterations(1);
            benchmark::RegisterBenchmark(
                name("pairwise_compact", meetings).c_str(),
                [meetings](benchmark::State& state) { naive_check(state, meetings, Baseline::compact); })
                ->Unit(benchmark::kMillisecond)
                ->Iterations(meetings >= 100'000 ? 1 : 3);
        }
        if (largest && meetings == sizes.process) {
            register_process_benchmark(sizes.process, sizes.process_runs);
        }
    }
}

}  // namespace
}  // namespace planner::bench

int main(int argc, char** argv)
{
    using namespace planner::bench;
    std::string size = "full";
    if (const char* from_environment = std::getenv("PLANNER_BENCH_SIZE")) {
        size = from_environment;
    }
    // Our own flag is taken out before Google Benchmark sees the rest.
    constexpr std::string_view size_flag = "--planner_size=";
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg.starts_with(size_flag)) {
            size = std::string(arg.substr(size_flag.size()));
        } else {
            args.push_back(argv[i]);
        }
    }
    if (size != smoke.name && size != full.name) {
        std::fprintf(stderr, "planner_bench: --planner_size must be smoke or full, not '%s'\n", size.c_str());
        return 2;
    }
    const auto& sizes = size == smoke.name ? smoke : full;
    int count = static_cast<int>(args.size());
    args.push_back(nullptr);
    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data())) {
        return 2;
    }
    register_benchmarks(sizes);
    register_find_slot_benchmarks(&sizes == &smoke);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    print_summary(sizes);
    print_find_slot_summary(&sizes == &full);
    return any_failure() || find_slot_failed() ? 1 : 0;
}
