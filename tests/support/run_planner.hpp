#pragma once

// Runs the real `planner` binary the way a user or script does, for the end-to-end
// tests: arguments, standard output, standard error and exit code.

#include <filesystem>
#include <string>
#include <vector>

namespace planner::testing {

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// `PLANNER_BINARY` is the built binary, given by CMake. Standard input is empty.
RunResult run_planner(const std::vector<std::string>& args, const std::vector<std::string>& environment = {});
// The same with `input` on standard input, as from a pipe.
RunResult run_planner_with_input(const std::vector<std::string>& args, const std::string& input);

// A fresh directory under the system's temporary directory, removed on destruction.
class TemporaryDirectory {
public:
    TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory();

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& file);
void write_file(const std::filesystem::path& file, const std::string& content);

// Every table of a store, row by row, and its schema version: two dumps are equal
// exactly when the stores hold the same data.
std::string dump_store(const std::filesystem::path& file);

}  // namespace planner::testing
