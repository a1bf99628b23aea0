#pragma once
// The planner's own pages and API, after the health routes: what `planner serve`
// serves besides /healthz and /readyz.

#include "route.hpp"

#include <planner/services/accounts.hpp>
#include <planner/services/polls.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>

#include <string>
#include <vector>

namespace planner::web {

// What the configuration tells the pages.
struct AppSettings {
    // The address the browser uses, without a trailing slash: "https://planner.example.org",
    // or "http://127.0.0.1:8080" on loopback. Links in mails (each person's link to
    // answer) and the Origin check use it.
    std::string base_url;
    // Whether cookies may go without Secure: only when base_url is plain http on a
    // loopback address (development and tests); behind a proxy it is https.
    bool plain_http_allowed = false;
    services::SessionLimits sessions;
    services::LoginLimits logins;
    services::LinkLimits links;
    services::PasswordCost password_cost;
    // Files of the site's own (a logo, an imprint) served under /static/ to anyone.
    std::optional<std::filesystem::path> static_folder;
    // The address the outbox sends from ([smtp] from of the configuration); none: the
    // service sends no mail, and the meeting page offers no button for it.
    std::optional<std::string> mail_sender;
    // The largest request body the server reads ([limits] body_bytes): an uploaded
    // meeting file goes back with the form that imports it, one byte longer a line.
    std::uint64_t body_bytes = std::uint64_t{1024} * 1024;
    // How long a closed date poll is kept ([retention] closed_polls_days), as its page says.
    int closed_polls_days = services::poll_kept_days;
};

[[nodiscard]] std::vector<Route> app_routes(const AppSettings& settings);

}  // namespace planner::web
