#include "dispatch.hpp"

namespace planner::web {

std::optional<RequestTarget> read_target(std::string_view target)
{
    if (!target.starts_with('/')) {
        return std::nullopt;
    }
    const auto question = target.find('?');
    auto path = percent_decoded(target.substr(0, question), false);
    if (!path || path->find('\0') != std::string::npos) {
        return std::nullopt;
    }
    for (std::string_view rest = *path; !rest.empty();) {
        rest.remove_prefix(1);  // the '/' before the segment
        const auto end = rest.find('/');
        if (rest.substr(0, end) == "..") {
            return std::nullopt;
        }
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    }
    RequestTarget read{std::move(*path), {}};
    if (question != std::string_view::npos) {
        read.query = decoded_pairs(target.substr(question + 1));
    }
    return read;
}

RouteChoice choose_route(const std::vector<Route>& routes, std::optional<Method> method, std::string_view path)
{
    RouteChoice choice;
    bool get = false;
    bool post = false;
    const Route* get_for_head = nullptr;
    PathParameters get_parameters;
    for (const auto& route : routes) {
        auto parameters = match_pattern(route.pattern, path);
        if (!parameters) {
            continue;
        }
        if (method && route.method == *method) {
            return {&route, std::move(*parameters), {}};
        }
        if (method == Method::head && route.method == Method::get && get_for_head == nullptr) {
            get_for_head = &route;
            get_parameters = std::move(*parameters);
        }
        get = get || route.method == Method::get || route.method == Method::head;
        post = post || route.method == Method::post;
    }
    if (get_for_head != nullptr) {
        return {get_for_head, std::move(get_parameters), {}};
    }
    if (get && post) {
        choice.allowed = "GET, HEAD, POST";
    } else if (get) {
        choice.allowed = "GET, HEAD";
    } else if (post) {
        choice.allowed = "POST";
    }
    return choice;
}

}  // namespace planner::web
