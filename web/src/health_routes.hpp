#pragma once
// What a supervisor or load balancer asks: is the process alive, and can it answer.

#include "route.hpp"

#include <vector>

namespace planner::web {

// GET /healthz: 200 "ok" whenever a reader thread answers, without touching the store.
// GET /readyz: 200 "ready" once a query on the store answers, 503 otherwise.
[[nodiscard]] std::vector<Route> health_routes();

}  // namespace planner::web
