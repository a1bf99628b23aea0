#pragma once

#include <planner/conflict.hpp>
#include <planner/db/store.hpp>
#include <planner/directory.hpp>

#include <ostream>
#include <vector>

namespace planner::cli {

// What people read in the terminal; scripts use the JSON shapes instead.
void write_meetings(const Directory& directory, std::ostream& out);
void write_meeting(const Directory& directory, const Meeting& meeting, std::ostream& out);
void write_conflicts(const Directory& directory, const std::vector<Conflict>& conflicts, std::ostream& out);
void write_import_report(const db::ImportReport& report, std::ostream& out);

}  // namespace planner::cli
