// The read side's questions (planner::services: a week's page of meetings, one meeting's
// page, one meeting's conflicts, a day's and a week's conflicts) on the store of a
// synthetic region, each against the same question answered from Store::load(), as
// every command did before, in the same run. Each answer is compared with its
// baseline's once, before the timing: a difference fails the run (exit 1).
//
//   planner_queries_bench [--planner_db=FILE] [--planner_meetings=N] [--planner_meeting=ID]
//                         [--planner_size=smoke] [Google Benchmark flags]
//
// Without --planner_db, a region of N meetings (100,000; 2,000 at the smoke size) is
// written into a temporary store first.

#include "synthetic_region.hpp"
#include "whole_store_page.hpp"

#include <planner/conflict_checker.hpp>
#include <planner/db/store.hpp>
#include <planner/delegation_circle.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>
#include <planner/services/meeting_queries.hpp>

#include <benchmark/benchmark.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace planner::bench {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

struct Setup {
    std::filesystem::path store_file;
    bool temporary = false;
    std::optional<db::Store> store;
    db::MeetingQuery week;         // a week of June 2013, the first page of 50
    db::MeetingQuery week_staff;   // the same, as staff of one organisation and county see it
    TimeRange day{pt::ptime(greg::date(2013, 6, 5)), pt::ptime(greg::date(2013, 6, 6))};
    TimeRange week_range{pt::ptime(greg::date(2013, 6, 3)), pt::ptime(greg::date(2013, 6, 10))};
    MeetingId meeting{"m0000000"};
    TravelModel travel;
    bool failed = false;
};

Setup& setup()
{
    static Setup instance;
    return instance;
}

void fail(benchmark::State& state, const std::string& why)
{
    setup().failed = true;
    state.SkipWithError(why.c_str());
}

// ------------------------------------------------------------ the baselines

// The store as every command read it: everything, every series expanded.
Directory everything()
{
    auto directory = setup().store->load();
    expand_series(directory, ical::expand_rule);
    return directory;
}

db::MeetingPage baseline_list(const db::MeetingQuery& query)
{
    return whole_store_page(setup().store->load(), query);
}

services::MeetingDetails baseline_details(const MeetingId& id)
{
    const auto& store = *setup().store;
    auto all = store.load();
    services::MeetingDetails details{all.meeting(id), {}, {}, store.answers(id), {}, store.attendance(id)};
    if (details.meeting.recurrence) {
        details.occurrences = occurrences(details.meeting, ical::expand_rule);
    }
    details.delegates_outside = delegates_outside(all, details.meeting, details.answers, store.delegates());
    details.records = std::move(all);
    return details;
}

std::vector<Conflict> baseline_check(const std::optional<MeetingId>& meeting, const std::optional<TimeRange>& window)
{
    const auto& store = *setup().store;
    const auto all = everything();
    const auto busy = store.busy_periods();
    const auto days_off = store.listed_holidays();
    CheckInput input;
    input.busy_periods = busy;
    input.listed_holidays = days_off;
    input.travel = setup().travel;
    input.meeting = meeting;
    auto conflicts = find_conflicts(all, input);
    if (window) {
        std::erase_if(conflicts, [&](const Conflict& conflict) {
            return std::none_of(conflict.meetings.begin(), conflict.meetings.end(),
                                [&](const MeetingId& id) { return all.meeting(id).time.overlaps(*window); });
        });
    }
    return conflicts;
}

// --------------------------------------------------------------- the runs

template <class Ask, class Baseline>
void compare_once(benchmark::State& state, bool& compared, Ask ask, Baseline baseline)
{
    if (!compared) {
        compared = true;
        if (!(ask() == baseline())) {
            fail(state, "the answer differs from the one read from the whole store");
        }
    }
}

void list_week(benchmark::State& state, const db::MeetingQuery& query)
{
    static bool compared = false;
    compare_once(state, compared, [&] { return services::list_meetings(*setup().store, query); },
                 [&] { return baseline_list(query); });
    std::size_t shown = 0;
    for (auto _ : state) {
        const auto page = services::list_meetings(*setup().store, query);
        shown = page.meetings.size();
        state.counters["total"] = static_cast<double>(page.total);
    }
    state.counters["shown"] = static_cast<double>(shown);
}

void details(benchmark::State& state)
{
    static bool compared = false;
    const auto& id = setup().meeting;
    compare_once(
        state, compared,
        [&] {
            const auto d = services::meeting_details(*setup().store, id);
            return std::make_tuple(d.meeting, d.occurrences, d.answers, d.delegates_outside, d.attendance);
        },
        [&] {
            const auto d = baseline_details(id);
            return std::make_tuple(d.meeting, d.occurrences, d.answers, d.delegates_outside, d.attendance);
        });
    for (auto _ : state) {
        benchmark::DoNotOptimize(services::meeting_details(*setup().store, id));
    }
}

void conflicts_of_meeting(benchmark::State& state)
{
    static bool compared = false;
    const auto& id = setup().meeting;
    compare_once(state, compared,
                 [&] { return services::conflicts_of_meeting(*setup().store, id, setup().travel).conflicts; },
                 [&] { return baseline_check(id, std::nullopt); });
    for (auto _ : state) {
        state.counters["conflicts"] = static_cast<double>(
            services::conflicts_of_meeting(*setup().store, id, setup().travel).conflicts.size());
    }
}

void conflicts_between(benchmark::State& state, const TimeRange& window)
{
    static std::map<pt::ptime, bool> compared_by_start;
    compare_once(state, compared_by_start[window.start()],
                 [&] { return services::conflicts_between(*setup().store, window, setup().travel).conflicts; },
                 [&] { return baseline_check(std::nullopt, window); });
    for (auto _ : state) {
        state.counters["conflicts"] = static_cast<double>(
            services::conflicts_between(*setup().store, window, setup().travel).conflicts.size());
    }
}

template <class Run>
void baseline(benchmark::State& state, Run run)
{
    for (auto _ : state) {
        benchmark::DoNotOptimize(run());
    }
}

void register_benchmarks(int baseline_iterations)
{
    auto& s = setup();
    const auto fast = [](benchmark::internal::Benchmark* b) { b->Unit(benchmark::kMillisecond)->MinTime(0.5); };
    const auto slow = [&](benchmark::internal::Benchmark* b) {
        b->Unit(benchmark::kMillisecond)->Iterations(baseline_iterations);
    };
    fast(benchmark::RegisterBenchmark("list_meetings/week", [&](benchmark::State& st) { list_week(st, s.week); }));
    fast(benchmark::RegisterBenchmark("list_meetings/week_staff",
                                      [&](benchmark::State& st) { list_week(st, s.week_staff); }));
    slow(benchmark::RegisterBenchmark("baseline_load_list/week",
                                      [&](benchmark::State& st) { baseline(st, [&] { return baseline_list(s.week); }); }));
    fast(benchmark::RegisterBenchmark("meeting_details", details));
    slow(benchmark::RegisterBenchmark("baseline_load_details", [&](benchmark::State& st) {
        baseline(st, [&] { return baseline_details(s.meeting).answers.size(); });
    }));
    fast(benchmark::RegisterBenchmark("conflicts_of_meeting", conflicts_of_meeting));
    slow(benchmark::RegisterBenchmark("baseline_load_check_meeting", [&](benchmark::State& st) {
        baseline(st, [&] { return baseline_check(s.meeting, std::nullopt); });
    }));
    fast(benchmark::RegisterBenchmark("conflicts_between/day",
                                      [&](benchmark::State& st) { conflicts_between(st, s.day); }));
    fast(benchmark::RegisterBenchmark("conflicts_between/week",
                                      [&](benchmark::State& st) { conflicts_between(st, s.week_range); }));
    slow(benchmark::RegisterBenchmark("baseline_load_check/week", [&](benchmark::State& st) {
        baseline(st, [&] { return baseline_check(std::nullopt, s.week_range); });
    }));
}

}  // namespace
}  // namespace planner::bench

int main(int argc, char** argv)
{
    using namespace planner;
    using namespace planner::bench;
    auto& s = setup();
    std::size_t meetings = 100'000;
    std::optional<std::string> meeting;
    bool smoke = false;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        const auto value = [&](std::string_view flag) { return std::string(arg.substr(flag.size())); };
        if (arg.starts_with("--planner_db=")) {
            s.store_file = value("--planner_db=");
        } else if (arg.starts_with("--planner_meetings=")) {
            meetings = std::stoul(value("--planner_meetings="));
        } else if (arg.starts_with("--planner_meeting=")) {
            meeting = value("--planner_meeting=");
        } else if (arg == "--planner_size=smoke") {
            smoke = true;
            meetings = 2'000;
        } else {
            args.push_back(argv[i]);
        }
    }
    int count = static_cast<int>(args.size());
    args.push_back(nullptr);
    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data())) {
        return 2;
    }
    try {
        if (s.store_file.empty()) {
            s.store_file = std::filesystem::temp_directory_path() /
                           fmt::format("planner-queries-{}-{}.db", ::getpid(), meetings);
            s.temporary = true;
            const auto start = std::chrono::steady_clock::now();
            RegionShape shape;
            shape.meetings = meetings;
            db::Store(s.store_file, db::OpenMode::create_if_missing)
                .import(meeting_file_of(make_region(shape).directory));
            fmt::print("wrote a region of {} meetings into {} in {:.1f} s\n", meetings, s.store_file.string(),
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        s.store.emplace(s.store_file, db::OpenMode::must_exist);
        s.week.from = s.week_range.start();
        s.week.to = s.week_range.end();
        s.week.limit = 50;
        const auto page = services::list_meetings(*s.store, s.week);
        if (page.meetings.empty()) {
            fmt::print(stderr, "planner_queries_bench: the store has no meetings in the week of 2013-06-03\n");
            return 1;
        }
        // A meeting from the middle of the week's page, and the staff of its first
        // organiser's organisation and its venue's county.
        const auto& middle = page.meetings[page.meetings.size() / 2];
        s.meeting = meeting ? MeetingId(*meeting) : middle.id;
        const std::vector asked{*s.store->meeting(middle.id)};
        const auto records = s.store->records_of(asked);
        s.week_staff = s.week;
        s.week_staff.visible_to = db::Visibility{records.person(asked.front().organisers.front()).organisation,
                                                 records.venue(middle.venue).county};
        fmt::print("store {}: {} meetings; the week's page has {} of {}; meeting {}\n", s.store_file.string(),
                   s.store->meeting_count(), page.meetings.size(), page.total, s.meeting.str());
        register_benchmarks(smoke ? 1 : 2);
        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
    } catch (const std::exception& error) {
        fmt::print(stderr, "planner_queries_bench: {}\n", error.what());
        s.failed = true;
    }
    s.store.reset();
    if (s.temporary) {
        std::error_code ignored;
        for (const auto* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(s.store_file.string() + suffix, ignored);
        }
    }
    return s.failed ? 1 : 0;
}
