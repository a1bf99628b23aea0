#include "bench_common.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <string_view>
#include <thread>

namespace planner::bench {
namespace {

std::map<std::size_t, std::unique_ptr<SyntheticRegion>>& regions()
{
    static std::map<std::size_t, std::unique_ptr<SyntheticRegion>> cache;
    return cache;
}

bool failed = false;
long peak_before_reset_kb = 0;

// A "Name:   123 kB" line of /proc/self/status.
long status_kb(std::string_view name)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with(name) && line.size() > name.size() && line[name.size()] == ':') {
            return std::stol(line.substr(name.size() + 1));
        }
    }
    return 0;
}

long ru_maxrss_kb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace

const SyntheticRegion& cached_region(std::size_t meetings)
{
    auto& slot = regions()[meetings];
    if (!slot) {
        const auto start = std::chrono::steady_clock::now();
        RegionShape shape;
        shape.meetings = meetings;
        slot = std::make_unique<SyntheticRegion>(make_region(shape));
        figures().generation_s[meetings] =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    return *slot;
}

void drop_regions_except(std::size_t meetings)
{
    std::erase_if(regions(), [&](const auto& entry) { return entry.first != meetings; });
}

Figures& figures()
{
    static Figures instance;
    return instance;
}

void fail(benchmark::State& state, const std::string& why)
{
    failed = true;
    state.SkipWithError(why.c_str());
}

bool any_failure()
{
    return failed;
}

long current_rss_kb()
{
    return status_kb("VmRSS");
}

long process_peak_rss_kb()
{
    return std::max({peak_before_reset_kb, ru_maxrss_kb(), status_kb("VmHWM")});
}

struct PeakRss::Sampler {
    std::atomic<bool> running{true};
    std::atomic<long> peak{0};
    std::thread thread;
};

PeakRss::PeakRss()
{
    peak_before_reset_kb = process_peak_rss_kb();
    // Writing 5 restarts VmHWM and ru_maxrss at the current RSS (Linux 4.0 and later).
    std::ofstream clear_refs("/proc/self/clear_refs");
    clear_refs << "5" << std::flush;
    if (clear_refs && status_kb("VmHWM") <= current_rss_kb() + 1024) {
        return;
    }
    sampled_ = true;
    sampler_ = std::make_unique<Sampler>();
    sampler_->peak = current_rss_kb();
    sampler_->thread = std::thread([sampler = sampler_.get()] {
        while (sampler->running) {
            const auto now = current_rss_kb();
            long seen = sampler->peak;
            while (now > seen && !sampler->peak.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
}

PeakRss::~PeakRss()
{
    if (sampler_) {
        sampler_->running = false;
        sampler_->thread.join();
    }
}

long PeakRss::peak_kb()
{
    return sampled_ ? sampler_->peak.load() : status_kb("VmHWM");
}

}  // namespace planner::bench
