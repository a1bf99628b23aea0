#pragma once

#include <planner/conflict.hpp>
#include <planner/travel.hpp>

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

namespace planner::cli {

enum class OutputFormat { text, json };
enum class AttendanceFormat { text, csv };

struct GlobalOptions {
    std::filesystem::path store = "planner.db";
};

// Each command returns its exit code; errors are thrown as planner::Error.
int import_file(const GlobalOptions& global, const std::filesystem::path& file, OutputFormat format, std::ostream& out);
int list_meetings(const GlobalOptions& global, OutputFormat format, std::ostream& out);
int show_meeting(const GlobalOptions& global, const std::string& meeting, OutputFormat format, std::ostream& out);
struct CheckOptions {
    std::optional<std::string> meeting;
    Severity minimum_severity = Severity::warning;
    TravelModel travel;
};

int check(const GlobalOptions& global, const CheckOptions& options, OutputFormat format, std::ostream& out);
int invite(const GlobalOptions& global, const std::string& meeting, const std::optional<std::filesystem::path>& output,
           std::ostream& out, std::ostream& err);
int attendance(const GlobalOptions& global, const std::string& meeting, AttendanceFormat format,
               const std::optional<std::filesystem::path>& output, std::ostream& out);

}  // namespace planner::cli
