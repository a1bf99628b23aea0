#pragma once

#include "commands.hpp"

#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/services/files.hpp>
#include <planner/services/scheduling.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <filesystem>
#include <optional>
#include <span>
#include <ostream>
#include <string>
#include <string_view>

namespace planner::cli {

// What the commands share: the store, finding a meeting by id, and writing output.

db::Store open_existing(const GlobalOptions& global);
// Kept, or rolled back for --dry-run.
db::Writes writes_of(const GlobalOptions& global);

using services::FilePlace;

// Output goes to the named file (see services::write_file), or to `out` when none is named.
void deliver(const std::string& content, const std::optional<std::filesystem::path>& output, std::ostream& out,
             FilePlace place = FilePlace::named);

// Throws, naming the option, unless `name` is a time zone the system knows.
void require_time_zone(const std::string& name, std::string_view option);

// "2013-01-07"; a bad date is named with its option.
boost::gregorian::date date_of(const std::string& text, std::string_view option);

// The whole of a file a user gave; `expected` says what it should be, for the message
// when it is missing: "an answer (.ics or .eml)". A file above the planner's input bound
// is refused before it is read; `kind` names what the bound is for ("calendars").
std::string read_input_file(const std::filesystem::path& file, std::string_view expected, std::string_view kind);

// Who runs the command: the account of the system, as the audit of the command line
// names it too.
std::string command_line_user();

// The window of a slot search the options describe (commands.cpp); the people, and what
// they name, are the use case's to check.
services::SlotWindow slot_window(const SlotOptions& options);

}  // namespace planner::cli
