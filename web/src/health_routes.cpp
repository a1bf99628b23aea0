#include "health_routes.hpp"

namespace planner::web {

std::vector<Route> health_routes()
{
    return {
        {Method::get, "/healthz", Work::read,
         [](const Request&, const PathParameters&, db::Store&) { return text_response(200, "ok"); }},
        {Method::get, "/readyz", Work::read,
         [](const Request&, const PathParameters&, db::Store& store) {
             try {
                 // A lookup by key reads the tables' pages, where the schema version
                 // would come from the first page, which the connection keeps cached.
                 static_cast<void>(store.person(PersonId("readyz-probe")));
                 return text_response(200, "ready");
             } catch (const std::exception&) {
                 // Locked, unreadable or gone: not ready, which is an answer, not a failure.
                 return text_response(503, "not ready: the store does not answer");
             }
         }},
    };
}

}  // namespace planner::web
