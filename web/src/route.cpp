#include "route.hpp"

#include <stdexcept>

namespace planner::web {
namespace {

// The next segment of a path or pattern that starts after a '/', and the rest after it.
std::string_view next_segment(std::string_view& rest)
{
    const auto end = rest.find('/');
    const auto segment = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    return segment;
}

bool is_parameter(std::string_view segment)
{
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

const std::string& PathParameters::operator[](std::string_view name) const
{
    for (const auto& [key, value] : values_) {
        if (key == name) {
            return value;
        }
    }
    throw std::out_of_range("the route's pattern has no parameter '" + std::string(name) + "'");
}

std::optional<PathParameters> match_pattern(std::string_view pattern, std::string_view path)
{
    if (!pattern.starts_with('/') || !path.starts_with('/')) {
        return std::nullopt;
    }
    NameValues values;
    // Both are walked segment by segment; each remaining text starts with its '/'.
    while (!pattern.empty() && !path.empty()) {
        pattern.remove_prefix(1);
        path.remove_prefix(1);
        const auto expected = next_segment(pattern);
        const auto given = next_segment(path);
        if (is_parameter(expected)) {
            if (given.empty()) {
                return std::nullopt;
            }
            values.emplace_back(std::string(expected.substr(1, expected.size() - 2)), std::string(given));
        } else if (expected != given) {
            return std::nullopt;
        }
    }
    if (!pattern.empty() || !path.empty()) {
        return std::nullopt;  // one has more segments than the other
    }
    return PathParameters(std::move(values));
}

}  // namespace planner::web
