#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace planner::cli {

// Exit codes of the `planner` command, the contract scripts rely on.
enum ExitCode : int {
    exit_success = 0,
    exit_error = 1,      // bad input, I/O
    exit_usage = 2,      // wrong command line
    exit_conflicts = 3,  // `check` found error-level conflicts
};

// Runs the planner command line (`args` without the program name) and returns the
// exit code. The one place where errors become messages on `err`.
[[nodiscard]] int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace planner::cli
