#pragma once
// The configuration of `planner serve`, a TOML file:
//
//   [web]
//   listen = "127.0.0.1:8080"
//   base_url = "https://planner.example.org"
//   trusted_proxies = ["127.0.0.1"]
//   readers = 4
//   access_log = "/var/log/planner/access.log"   # default: standard error
//   static_folder = "/srv/planner/static"         # the site's own files under /static/
//
//   [limits]
//   header_bytes = 8192
//   body_bytes = 1048576
//   header_timeout_s = 10
//   body_timeout_s = 30
//   idle_timeout_s = 60
//   write_timeout_s = 30
//   max_connections = 256
//
//   [smtp]                      # the outbox: without it, nothing is sent by mail
//   host = "mail.landkreis.example"
//   port = 587
//   tls = "starttls"
//   user = "planner"            # the password only from $PLANNER_SMTP_PASSWORD
//   from = "planner@landkreis.example"
//
//   [outbox]
//   first_retry_s = 60          # doubling after each failure
//   longest_retry_s = 14400
//   attempts = 8                # then given up
//
// Every key is optional; an unknown key or a value of the wrong type is an error that
// names the file, the line and the key.

#include "app_routes.hpp"
#include "server.hpp"

#include <planner/mail/smtp.hpp>
#include <planner/services/outbox.hpp>
#include <planner/services/polls.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace planner::web {

struct ServeConfig {
    ServerSettings server;
    std::optional<std::string> base_url;  // checked: http only on loopback
    std::optional<std::filesystem::path> access_log;  // relative to the file's folder
    std::optional<std::filesystem::path> static_folder;  // files served under /static/
    std::optional<mail::SmtpServer> smtp;                 // the outbox's server; none: no mail
    services::RetryPolicy retry;
    // [retention] closed_polls_days: how long a closed date poll is kept with its votes.
    int closed_polls_days = services::poll_kept_days;
};

[[nodiscard]] ServeConfig read_serve_config(const std::filesystem::path& file);
// The same from text; `source` names the file in messages and anchors relative paths.
[[nodiscard]] ServeConfig parse_serve_config(std::string_view text, const std::filesystem::path& source);

// "127.0.0.1:8080", "[::1]:0", "localhost:8080" into the settings' host and port;
// `where` names the text in the message of the error thrown for anything else
// ("--listen", "serve.toml:2:10").
void set_listen_address(ServerSettings& settings, std::string_view text, std::string_view where);

// What the pages are told: the configured base URL, or, without one, http:// and the
// address the server listens on, which must then be a loopback address (elsewhere the
// browser must come through a TLS proxy, whose address the configuration names).
[[nodiscard]] AppSettings app_settings(const ServeConfig& config, const std::string& listening_address);

// localhost, 127.0.0.0/8 and ::1.
[[nodiscard]] bool is_loopback_host(std::string_view host);

}  // namespace planner::web
