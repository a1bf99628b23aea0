#pragma once
// `planner serve`: the planner as a web service over one store.

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

namespace planner::web {

struct ServeOptions {
    std::filesystem::path store;                   // must exist
    std::optional<std::string> listen;             // HOST:PORT, over the configuration's [web] listen
    std::optional<std::filesystem::path> config;  // TOML: [web] and [limits]
};

// Serves until SIGTERM or SIGINT, then finishes the requests in flight and returns the
// exit code (0). Prints "listening on http://HOST:PORT" to `out` once connections are
// taken; the access log (unless the configuration names a file) and errors go to
// `err`, one JSON line each. Throws planner::Error for a bad configuration, a missing
// store or an address it cannot listen on.
int serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace planner::web
