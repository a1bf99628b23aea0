#pragma once
// The application over the server: the route table of pages and API, and the one
// dispatcher every route goes through, which finds the viewer (session cookie or API
// token), checks the Origin and CSRF token of every POST, checks the route's Access,
// loads the meeting a meeting route names and checks that the viewer may read it,
// and adds the security headers to every response.

#include "access.hpp"
#include "app_routes.hpp"
#include "http_message.hpp"
#include "meeting_records.hpp"
#include "route.hpp"

#include <planner/date_format.hpp>
#include <planner/db/store.hpp>
#include <planner/services/accounts.hpp>
#include <planner/services/personal_links.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace planner::web {

struct Context {
    Context(const Request& request_, const PathParameters& path_, db::Store& store_, const AppSettings& settings_,
            boost::posix_time::ptime now_)
        : request(request_), path(path_), store(store_), settings(settings_), now(now_)
    {
    }

    const Request& request;
    const PathParameters& path;
    db::Store& store;
    const AppSettings& settings;
    boost::posix_time::ptime now;  // UTC
    Language language = Language::de;
    std::optional<Viewer> viewer;
    std::string csrf_token;  // for the forms of the page
    bool api_token = false;  // signed in by Authorization: Bearer
    std::optional<MeetingRecords> meeting;  // for Access::meeting_reader and meeting_changer routes
    std::optional<services::LinkHolder> link;  // for Access::answer_link routes
    NameValues response_headers;            // added to the response (Set-Cookie ...)
};

using PageHandler = std::function<Response(Context&)>;

struct PageRoute {
    Method method = Method::get;
    std::string pattern;
    Work work = Work::read;
    Access access = Access::signed_in;
    PageHandler handler;
};

// Every page and API route: the table the authorization test walks.
[[nodiscard]] std::vector<PageRoute> page_routes();
// The same, each wrapped in the dispatcher, for the server.
[[nodiscard]] std::vector<Route> routes_of(std::vector<PageRoute> pages, AppSettings settings);

// The session cookie's name: "__Host-" only where the browser reached us over https.
[[nodiscard]] std::string session_cookie_name(const Request& request);

}  // namespace planner::web
