#pragma once
// From a request line to a route, without a socket: the target read into a decoded path
// and query, and the route table searched for the path and method.

#include "route.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::web {

struct RequestTarget {
    std::string path;  // percent-decoded
    NameValues query;  // decoded, in order
};

// "/meetings/a%2Db?from=2012-10-01" as "/meetings/a-b" and [from=2012-10-01]. Nothing
// (the server answers 400) for a target that is not a path (an absolute URL, "*"), a
// broken escape, or a path that holds a NUL or a ".." segment once decoded: the path
// may reach a file name, and no route means either.
[[nodiscard]] std::optional<RequestTarget> read_target(std::string_view target);

struct RouteChoice {
    const Route* route = nullptr;  // null: 404 when `allowed` is empty, else 405
    PathParameters parameters;
    std::string allowed;  // the methods the path has routes for, as Allow lists them: "GET, HEAD"
};

// The first route whose pattern matches the path, for the method (nothing for a method
// the server does not know); HEAD takes a GET route.
[[nodiscard]] RouteChoice choose_route(const std::vector<Route>& routes, std::optional<Method> method,
                                       std::string_view path);

}  // namespace planner::web
