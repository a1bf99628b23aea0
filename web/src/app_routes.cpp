#include "app_routes.hpp"

#include "app.hpp"

namespace planner::web {

std::vector<Route> app_routes(const AppSettings& settings)
{
    return routes_of(page_routes(), settings);
}

}  // namespace planner::web
