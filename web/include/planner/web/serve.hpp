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

// The address at which the service configured by `config` is reached, as its links are
// built ([web] base_url, or http:// and [web] listen on loopback): for the command line
// to write the links the service's mails carry. Throws planner::Error for a bad file,
// and when it names no address a browser could reach.
[[nodiscard]] std::string public_address(const std::filesystem::path& config);
// The address the service's outbox sends from ([smtp] from), or nothing when the
// configuration sends no mail.
[[nodiscard]] std::optional<std::string> mail_sender(const std::filesystem::path& config);

}  // namespace planner::web
