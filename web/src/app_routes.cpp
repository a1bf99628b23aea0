#include "app_routes.hpp"

namespace planner::web {

std::vector<Route> app_routes(const AppSettings& /*settings*/)
{
    return {};  // the pages come next
}

}  // namespace planner::web
