#pragma once

// Runs the real `planner` binary the way a user or script does, for the end-to-end
// tests: arguments, standard output, standard error and exit code.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
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

// The binary running in the background, as `planner serve` does: its standard output
// is read line by line while it runs, its standard error is kept in a file.
class BackgroundPlanner {
public:
    explicit BackgroundPlanner(const std::vector<std::string>& args);
    BackgroundPlanner(const BackgroundPlanner&) = delete;
    BackgroundPlanner& operator=(const BackgroundPlanner&) = delete;
    // Kills the process if it still runs.
    ~BackgroundPlanner();

    // The next line of standard output, without its end; nothing when the output ends or
    // `timeout` passes first.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout);
    void signal(int signal_number);
    // The exit code (128 + the signal for a process killed by one); nothing when it
    // still runs after `timeout`.
    std::optional<int> wait(std::chrono::milliseconds timeout);
    // Standard error so far.
    [[nodiscard]] std::string err() const;

private:
    int pid_ = -1;
    int out_ = -1;  // the read end of the pipe on standard output
    std::string pending_;
    std::filesystem::path err_file_;
    std::filesystem::path capture_;
};

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
// `text` with the first `from` replaced by `to`; the test fails when there is none (a
// fixture that no longer holds what the test changes).
std::string replaced(std::string text, std::string_view from, std::string_view to);
// A shell command's standard output (pdftotext, pdfinfo); the test fails when it does not run.
std::string output_of(const std::string& command);
void write_file(const std::filesystem::path& file, const std::string& content);

// Every table of a store, row by row, and its schema version: two dumps are equal
// exactly when the stores hold the same data.
std::string dump_store(const std::filesystem::path& file);

}  // namespace planner::testing
