// The whole `planner --db FILE check --json` process on a store that holds a
// synthetic region: open the store, load every record, check, write JSON. This is
// what a user waits for, so it is timed as the real binary, spawned fresh each run.

#include "bench_common.hpp"

#include <planner/conflict.hpp>
#include <planner/db/store.hpp>

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#ifndef PLANNER_EXECUTABLE
#error "PLANNER_EXECUTABLE must name the planner binary (bench/CMakeLists.txt sets it)"
#endif

extern char** environ;

namespace planner::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int exit_conflicts = 3;  // `planner check` found an error-level conflict

// A store file in the temporary directory, removed with its WAL files at the end.
class TemporaryStore {
public:
    explicit TemporaryStore(std::size_t meetings)
        : path_(std::filesystem::temp_directory_path() /
                fmt::format("planner-bench-{}-{}.db", ::getpid(), meetings))
    {
        remove();
    }
    TemporaryStore(const TemporaryStore&) = delete;
    TemporaryStore& operator=(const TemporaryStore&) = delete;
    ~TemporaryStore() { remove(); }

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    void remove() noexcept
    {
        std::error_code ignored;
        for (const auto* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(path_.string() + suffix, ignored);
        }
    }

    std::filesystem::path path_;
};

struct Outcome {
    int exit_code = -1;
    double seconds = 0;
};

// Runs the planner with stdout to `output`; stderr stays the benchmark's.
Outcome run_planner(const std::filesystem::path& store, const std::string& output)
{
    std::string program = PLANNER_EXECUTABLE;
    std::string db_flag = "--db";
    std::string db_file = store.string();
    std::string command = "check";
    std::string json = "--json";
    std::array<char*, 6> argv{program.data(), db_flag.data(), db_file.data(), command.data(), json.data(), nullptr};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    Outcome outcome;
    const auto start = Clock::now();
    pid_t child = 0;
    const int spawned = posix_spawn(&child, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        return outcome;
    }
    int status = 0;
    if (waitpid(child, &status, 0) == child && WIFEXITED(status)) {
        outcome.exit_code = WEXITSTATUS(status);
    }
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return outcome;
}

// Conflicts by kind name in the output of `check --json` (nlohmann's dump(2):
// one `"kind": "person-double-booked",` line per conflict).
std::map<std::string, std::size_t> kinds_in_json(const std::filesystem::path& file)
{
    std::ifstream in(file);
    std::map<std::string, std::size_t> counts;
    std::string line;
    constexpr std::string_view key = "\"kind\": \"";
    while (std::getline(in, line)) {
        const auto at = line.find(key);
        if (at == std::string::npos) {
            continue;
        }
        const auto from = at + key.size();
        ++counts[line.substr(from, line.find('"', from) - from)];
    }
    return counts;
}

std::string describe(const std::map<std::string, std::size_t>& counts)
{
    std::string text;
    for (const auto& [kind, count] : counts) {
        text += fmt::format("{}{} {}", text.empty() ? "" : ", ", kind, count);
    }
    return text.empty() ? "none" : text;
}

void check_process(benchmark::State& state, std::size_t meetings)
{
    const auto& region = cached_region(meetings);
    const TemporaryStore store(meetings);
    Figures::Process figures_here{meetings, 0, 0, {}};
    {
        const auto start = Clock::now();
        db::Store writer(store.path(), db::OpenMode::create_if_missing);
        writer.import(meeting_file_of(region.directory));
        figures_here.import_s = std::chrono::duration<double>(Clock::now() - start).count();
    }
    std::error_code no_size;
    figures_here.store_mib = static_cast<double>(std::filesystem::file_size(store.path(), no_size)) / 1048576.0;
    state.counters["import_s"] = figures_here.import_s;

    const int expected_exit = region.expected.empty() ? 0 : exit_conflicts;
    bool runs_ok = true;
    for (auto _ : state) {
        const auto outcome = run_planner(store.path(), "/dev/null");
        state.SetIterationTime(outcome.seconds);
        figures_here.runs_s.push_back(outcome.seconds);
        if (outcome.exit_code != expected_exit) {
            fail(state, fmt::format("{} exited with {}, not {}", PLANNER_EXECUTABLE, outcome.exit_code,
                                    expected_exit));
            runs_ok = false;
            break;
        }
    }
    figures().process = figures_here;
    if (!runs_ok) {
        return;
    }

    // Once more, untimed, keeping the JSON: the store round trip must not change
    // what the check finds.
    const auto json = store.path().string() + ".json";
    static_cast<void>(run_planner(store.path(), json));
    std::map<std::string, std::size_t> found = kinds_in_json(json);
    std::filesystem::remove(json);
    std::map<std::string, std::size_t> expected;
    for (const auto& [kind, count] : region.expected) {
        expected[std::string(to_string(kind))] = count;
    }
    if (found != expected) {
        fail(state, fmt::format("planner check --json found {}; planted {}", describe(found), describe(expected)));
    }
}

}  // namespace

void register_process_benchmark(std::size_t meetings, int runs)
{
    benchmark::RegisterBenchmark(fmt::format("planner_check_process/{}", meetings).c_str(),
                                 [meetings](benchmark::State& state) { check_process(state, meetings); })
        ->Unit(benchmark::kMillisecond)
        ->UseManualTime()
        ->Iterations(runs);
}

}  // namespace planner::bench
