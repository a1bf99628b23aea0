// planner::ical::read_busy_calendar on a series with many EXDATEs: a daily meeting
// held since 1958 (20,454 starts to the end of the 2013 window), read for 2013, with
// 0 (the baseline), 1,000, 5,000 and 20,000 of its early occurrences excluded, by
// EXDATEs or by cancelled overrides. The
// work that excluding adds over the baseline should grow with the number of starts
// and EXDATEs, not with their product (20,000 EXDATEs took 14 s before the EXDATEs
// were looked up in sorted order).
//
//   planner_reader_bench [--planner_size=smoke|full] [benchmark flags]
//
// Before anything is timed, each case must read the window's 365 occurrences and
// count the rest outside it, or the program exits 1.

#include <planner/ical/busy_calendar.hpp>

#include <benchmark/benchmark.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace greg = boost::gregorian;
using planner::ical::ExpansionWindow;
using planner::ical::FloatingZoneChoice;

const greg::date first_day(1958, 1, 1);
const ExpansionWindow year_2013{greg::date(2013, 1, 1), greg::date(2013, 12, 31)};

// How the first days are taken out of the series.
enum class Way : long {
    exdate = 0,           // an EXDATE line each
    exdate_missing = 1,   // an EXDATE line each, naming 10:00, when no meeting starts
    cancelled_override = 2  // an override with STATUS:CANCELLED each, as Google writes it
};

// The calendar, with the first `exdates` days taken out in the `way` given.
std::string series_with_exdates(std::size_t exdates, Way way)
{
    const bool missing = way == Way::exdate_missing;
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:jour-fixe@bench\r\n"
                       "SUMMARY:Jour fixe\r\nDTSTART:19580101T090000Z\r\nDTEND:19580101T100000Z\r\n"
                       "RRULE:FREQ=DAILY;UNTIL=20131231T235959Z\r\n";
    for (std::size_t k = 0; k < exdates && way != Way::cancelled_override; ++k) {
        text += fmt::format("EXDATE:{}T{}0000Z\r\n",
                            greg::to_iso_string(first_day + greg::days(static_cast<long>(k))), missing ? "10" : "09");
    }
    text += "END:VEVENT\r\n";
    for (std::size_t k = 0; k < exdates && way == Way::cancelled_override; ++k) {
        const auto day = greg::to_iso_string(first_day + greg::days(static_cast<long>(k)));
        text += fmt::format("BEGIN:VEVENT\r\nUID:jour-fixe@bench\r\nRECURRENCE-ID:{0}T090000Z\r\n"
                            "DTSTART:{0}T090000Z\r\nDTEND:{0}T100000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n",
                            day);
    }
    return text + "END:VCALENDAR\r\n";
}

// Mean seconds by way and number.
std::map<std::pair<long, std::size_t>, double>& seconds_by_exdates()
{
    static std::map<std::pair<long, std::size_t>, double> figures;
    return figures;
}

bool failed = false;

void read_series(benchmark::State& state)
{
    const auto exdates = static_cast<std::size_t>(state.range(0));
    const auto way = static_cast<Way>(state.range(1));
    const bool missing = way == Way::exdate_missing;
    const auto text = series_with_exdates(exdates, way);
    const FloatingZoneChoice berlin{std::nullopt, "Europe/Berlin"};
    const auto check = planner::ical::read_busy_calendar(text, "bench.ics", year_2013, berlin);
    const auto total = static_cast<std::size_t>((year_2013.last - first_day).days() + 1);
    const auto outside = total - 365 - (missing ? 0 : exdates);
    if (check.busy.size() != 365 || check.outside.occurrences != outside) {
        state.SkipWithError(fmt::format("read {} busy periods and {} outside; expected 365 and {}", check.busy.size(),
                                        check.outside.occurrences, outside)
                                .c_str());
        failed = true;
        return;
    }
    for (auto _ : state) {
        benchmark::DoNotOptimize(planner::ical::read_busy_calendar(text, "bench.ics", year_2013, berlin));
    }
}

// Keeps the mean CPU time of each run for the summary: the machines it runs on are
// shared, and the reader runs on one thread.
class Summary : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const auto& run : runs) {
            if (!run.error_occurred && run.iterations > 0) {
                // args is "NUMBER/WAY"
                const auto& args = run.run_name.args;
                const auto exdates = static_cast<std::size_t>(std::stoul(args.substr(0, args.find('/'))));
                const auto way = std::stol(args.substr(args.find('/') + 1));
                seconds_by_exdates()[{way, exdates}] = run.cpu_accumulated_time /
                                                            static_cast<double>(run.iterations);
            }
        }
        ConsoleReporter::ReportRuns(runs);
    }
};

}  // namespace

int main(int argc, char** argv)
{
    bool smoke = false;
    std::vector<char*> args;
    for (int k = 0; k < argc; ++k) {
        const std::string_view arg = argv[k];
        if (arg == "--planner_size=smoke") {
            smoke = true;
        } else if (arg != "--planner_size=full") {
            args.push_back(argv[k]);
        }
    }
    auto* bench = benchmark::RegisterBenchmark("read_busy_calendar/exdates", read_series);
    for (const long way : {0, 1, 2}) {
        for (const long exdates : smoke ? std::vector<long>{0, 1'000} : std::vector<long>{0, 1'000, 5'000, 20'000}) {
            if (exdates > 0 || way == 0) {
                bench->Args({exdates, way});
            }
        }
    }
    bench->Unit(benchmark::kMillisecond)->Iterations(smoke ? 1 : 3);
    int count = static_cast<int>(args.size());
    benchmark::Initialize(&count, args.data());
    Summary reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    const auto& figures = seconds_by_exdates();
    if (const auto baseline = figures.find({0, 0}); baseline != figures.end()) {
        std::printf("\nA daily series of 20,454 starts read for 2013, against the same series without EXDATE:\n");
        constexpr std::array<const char*, 3> ways{"EXDATEs naming a start each:", "EXDATEs naming no start:",
                                                  "cancelled overrides:"};
        for (const auto& [key, seconds] : figures) {
            std::printf("  %6zu %-28s %8.1f ms, %+8.1f ms over the baseline\n", key.second,
                        ways.at(static_cast<std::size_t>(key.first)), seconds * 1e3,
                        (seconds - baseline->second) * 1e3);
        }
    }
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
