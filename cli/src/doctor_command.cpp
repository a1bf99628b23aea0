#include "commands.hpp"

#include "command_support.hpp"
#include "json_output.hpp"
#include "terminal_text.hpp"

#include <planner/cli/run.hpp>
#include <planner/db/store.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace planner::cli {

int doctor(const GlobalOptions& global, OutputFormat format, std::ostream& out)
{
    const auto problems = open_existing(global).problems();
    if (format == OutputFormat::json) {
        Json list = Json::array();
        for (const auto& problem : problems) {
            list.push_back({{"table", problem.table.empty() ? Json(nullptr) : Json(problem.table)},
                            {"row", problem.row ? Json(*problem.row) : Json(nullptr)},
                            {"problem", problem.problem}});
        }
        print_json(out, Json{{"sound", problems.empty()}, {"problems", std::move(list)}});
    } else if (problems.empty()) {
        fmt::print(out, "the store is sound\n");
    } else {
        for (const auto& problem : problems) {
            // The values quoted come from a damaged file: no control character reaches the terminal.
            if (problem.table.empty()) {
                fmt::print(out, "{}\n", terminal_text(problem.problem));
            } else if (!problem.row) {
                fmt::print(out, "table {}: {}\n", terminal_text(problem.table), terminal_text(problem.problem));
            } else {
                fmt::print(out, "row {} of table {}: {}\n", *problem.row, terminal_text(problem.table),
                           terminal_text(problem.problem));
            }
        }
        fmt::print(out, "{} {}\n", problems.size(), problems.size() == 1 ? "problem" : "problems");
    }
    return problems.empty() ? exit_success : exit_error;
}

int back_up(const GlobalOptions& global, const std::filesystem::path& copy, std::ostream& out)
{
    open_existing(global).back_up(copy);
    fmt::print(out, "backed up {} to {}: a copy of one moment, which passes SQLite's integrity_check\n",
               global.store.string(), copy.string());
    return exit_success;
}

}  // namespace planner::cli
