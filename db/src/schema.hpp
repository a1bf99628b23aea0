#pragma once

#include <span>
#include <string_view>

namespace planner::db {

// Migration N (1-based) brings a store from user_version N-1 to N. Migrations are
// only ever appended: a released one never changes.
[[nodiscard]] std::span<const std::string_view> migrations();

}  // namespace planner::db
