// planner_region --meetings N --db FILE [--seed S]: writes a synthetic region (see
// synthetic_region.hpp: a year of meetings in German-like counties, their people and
// venues, and a known set of planted conflicts) into a new store file, so that anyone
// can reproduce the figures in RESULTS.md with the real `planner` on a store of any
// size. It prints what it wrote and how long that took.

#include "synthetic_region.hpp"

#include <planner/db/store.hpp>
#include <planner/error.hpp>

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using Clock = std::chrono::steady_clock;

constexpr int exit_usage = 2;
constexpr std::string_view usage = "usage: planner_region --meetings N --db FILE [--seed S]\n";

struct Options {
    std::size_t meetings = 0;
    std::filesystem::path store;
    std::uint64_t seed = planner::bench::RegionShape{}.seed;
};

// A whole number of the option; anything else is named with the option.
template <class Number>
Number number_of(std::string_view text, std::string_view option)
{
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
        throw std::invalid_argument(fmt::format("{} '{}' is not a whole number", option, text));
    }
    return value;
}

Options options_of(int argc, char** argv)
{
    Options options;
    bool meetings = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view option(argv[i]);
        if (i + 1 == argc) {
            throw std::invalid_argument(fmt::format("{} needs a value", option));
        }
        const std::string_view value(argv[++i]);
        if (option == "--meetings") {
            options.meetings = number_of<std::size_t>(value, option);
            meetings = true;
        } else if (option == "--db") {
            options.store = std::string(value);
        } else if (option == "--seed") {
            options.seed = number_of<std::uint64_t>(value, option);
        } else {
            throw std::invalid_argument(fmt::format("unknown option '{}'", option));
        }
    }
    if (!meetings || options.store.empty()) {
        throw std::invalid_argument("--meetings and --db are required");
    }
    return options;
}

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace planner;
    Options options;
    try {
        options = options_of(argc, argv);
    } catch (const std::invalid_argument& error) {
        fmt::print(stderr, "planner_region: {}\n{}", error.what(), usage);
        return exit_usage;
    }
    std::error_code status;
    if (std::filesystem::exists(options.store, status)) {
        fmt::print(stderr, "planner_region: {}: already exists; give a new file, the region is written into an "
                           "empty store\n",
                   options.store.string());
        return 1;
    }
    try {
        const auto start = Clock::now();
        bench::RegionShape shape;
        shape.meetings = options.meetings;
        shape.seed = options.seed;
        const auto region = bench::make_region(shape);
        const auto generated = seconds_since(start);

        const auto importing = Clock::now();
        db::ImportReport report;
        {
            // Closed before the file is measured: the last connection folds the WAL in.
            db::Store store(options.store, db::OpenMode::create_if_missing);
            report = store.import(bench::meeting_file_of(region.directory));
        }
        const auto imported = seconds_since(importing);

        fmt::print("wrote {}: {} meetings, {} people, {} venues, {} organisations, {} counties (seed {})\n",
                   options.store.string(), report.meetings.added, report.people.added, report.venues.added,
                   report.organisations.added, report.counties.added, options.seed);
        fmt::print("planted conflicts: {} ({} in all)\n", bench::describe(region.expected), region.planted.size());
        // One meeting of each kind, to ask `planner show` and `planner check` about.
        std::map<ConflictKind, const bench::PlantedConflict*> first;
        for (const auto& plant : region.planted) {
            first.try_emplace(plant.kind, &plant);
        }
        for (const auto& [kind, plant] : first) {
            std::string ids;
            for (const auto& id : plant->meetings) {
                ids += (ids.empty() ? "" : " ") + id.str();
            }
            fmt::print("  for example {}: {}\n", to_string(kind), ids);
        }
        fmt::print("took {:.2f} s: {:.2f} s to generate, {:.2f} s to write the store ({:.0f} MiB)\n",
                   seconds_since(start), generated, imported,
                   static_cast<double>(std::filesystem::file_size(options.store)) / (1024.0 * 1024.0));
        return 0;
    } catch (const std::invalid_argument& error) {
        // make_region: too few meetings for the plants.
        fmt::print(stderr, "planner_region: {}\n", error.what());
        return 1;
    } catch (const Error& error) {
        fmt::print(stderr, "planner_region: {}\n", error.what());
        return 1;
    }
}
