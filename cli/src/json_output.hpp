#pragma once

#include <planner/services/json.hpp>

#include <ostream>

namespace planner::cli {

// The shapes are the services' (the web's /api/v1 writes the same); the command only
// prints them.
using services::Json;
using services::conflicts_json;
using services::import_json;
using services::meeting_json;
using services::meetings_json;

// Writes `value` indented, and a line end; bytes that are not UTF-8 as U+FFFD.
inline void print_json(std::ostream& out, const Json& value)
{
    out << services::json_text(value);
}

}  // namespace planner::cli
