#pragma once

#include "synthetic_region.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace planner::bench {

// Regions are generated once per run, outside every timed loop, and shared by the
// benchmarks that use the same size.
[[nodiscard]] const SyntheticRegion& cached_region(std::size_t meetings);
// Frees every cached region except that of `meetings`, so that the memory figures of
// the largest region are not inflated by the smaller ones kept from before.
void drop_regions_except(std::size_t meetings);

// What the run measured, for the summary printed after the benchmarks. Times are the
// mean over the timed iterations, in seconds; memory in KiB.
struct Figures {
    std::map<std::size_t, double> generation_s;
    std::map<std::size_t, double> fast_s;
    std::map<std::size_t, double> naive_s;    // pairwise over a compact array
    std::map<std::size_t, double> plain_s;    // pairwise on the directory's meetings
    struct Memory {
        std::size_t meetings = 0;
        long rss_before_check_kb = 0;  // the process holding the region, before checking it
        long peak_during_check_kb = 0;
        bool sampled = false;  // true: the peak was sampled every millisecond, not read from the kernel
    };
    std::optional<Memory> memory;
    struct Process {
        std::size_t meetings = 0;
        double import_s = 0;  // writing the store: setup, not part of the timed runs
        double store_mib = 0;
        std::vector<double> runs_s;
    };
    std::optional<Process> process;
};
[[nodiscard]] Figures& figures();

// Marks the benchmark as failed: it is reported as an error and the program exits 1.
void fail(benchmark::State& state, const std::string& why);
[[nodiscard]] bool any_failure();

// Resident set size now, and the process's peak over the whole run (the kernel's
// high-water mark, which reset_peak_rss() restarts, together with every peak seen
// before a restart).
[[nodiscard]] long current_rss_kb();
[[nodiscard]] long process_peak_rss_kb();

// Measures the peak RSS while it lives: it restarts the kernel's high-water mark
// (/proc/self/clear_refs) or, where that is not allowed, samples the RSS every
// millisecond on a thread of its own.
class PeakRss {
public:
    PeakRss();
    PeakRss(const PeakRss&) = delete;
    PeakRss& operator=(const PeakRss&) = delete;
    ~PeakRss();

    [[nodiscard]] long peak_kb();
    [[nodiscard]] bool sampled() const noexcept { return sampled_; }

private:
    struct Sampler;
    bool sampled_ = false;
    std::unique_ptr<Sampler> sampler_;
};

// Registered by check_process_bench.cpp: writes a region of `meetings` into a store
// file and times `planner --db FILE check --json > /dev/null`, `runs` times.
void register_process_benchmark(std::size_t meetings, int runs);

// Registered by find_slot_bench.cpp: planner::find_slots for 10, 50 and 200 required
// people (10 at the smoke size) against a baseline that tests every grid position
// against every busy period. Its summary is printed apart, after the conflict check's.
void register_find_slot_benchmarks(bool smoke);
void print_find_slot_summary(bool full_size);
// True when find_slots and the baselines gave different slots at some size.
[[nodiscard]] bool find_slot_failed();

}  // namespace planner::bench
