#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace planner::detail {

// The names of an enum's values as files, JSON and messages write them; one table per
// enum serves both directions.
template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

template <class Enum, std::size_t N>
[[nodiscard]] std::string_view name_of(const EnumNames<Enum, N>& names, Enum value)
{
    const auto found =
        std::find_if(names.begin(), names.end(), [&](const auto& entry) { return entry.first == value; });
    return found == names.end() ? std::string_view{} : found->second;
}

template <class Enum, std::size_t N>
[[nodiscard]] std::optional<Enum> value_of(const EnumNames<Enum, N>& names, std::string_view text)
{
    const auto found =
        std::find_if(names.begin(), names.end(), [&](const auto& entry) { return entry.second == text; });
    return found == names.end() ? std::nullopt : std::optional<Enum>(found->first);
}

}  // namespace planner::detail
