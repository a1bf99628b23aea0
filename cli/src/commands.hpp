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

// The options of a slot search as typed: each is read and checked by the command,
// which names the option and the bad value in its message.
struct SlotOptions {
    std::string required;  // "frank-veser,andreas-koester"
    std::string optional;
    std::string duration;  // "2h", "90m", "1h30m"
    std::string from;      // "2013-01-07"
    std::string to;
    std::optional<std::string> venue;
    bool any_venue = false;
    std::string hours = "09:00-17:00";
    std::string grid = "15m";
    std::size_t count = 5;
    bool allow_weekends = false;
    bool allow_holidays = false;
    std::optional<std::string> time_zone;
    TravelModel travel;
};

int find_slot(const GlobalOptions& global, const SlotOptions& options, OutputFormat format, std::ostream& out);
// Places a tentative meeting in the `pick`-th slot found for its people.
int schedule(const GlobalOptions& global, const std::string& meeting, const SlotOptions& options, std::size_t pick,
             OutputFormat format, std::ostream& out);

struct VenueOptions {
    std::string required;
    std::string optional;
    std::size_t count = 10;
    TravelModel travel;
};

int suggest_venue(const GlobalOptions& global, const VenueOptions& options, OutputFormat format, std::ostream& out);
int invite(const GlobalOptions& global, const std::string& meeting, const std::optional<std::filesystem::path>& output,
           std::ostream& out, std::ostream& err);
int attendance(const GlobalOptions& global, const std::string& meeting, AttendanceFormat format,
               const std::optional<std::filesystem::path>& output, std::ostream& out);

}  // namespace planner::cli
