#include <planner/id.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace planner {

std::optional<std::string> id_problem(std::string_view id)
{
    // ASCII only: std::isalnum in the "C" locale, whatever the user's locale.
    const auto letter_or_digit = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    if (id.empty()) {
        return "expected at least one letter or digit";
    }
    if (!std::all_of(id.begin(), id.end(), [&](char c) { return letter_or_digit(c) || c == '-' || c == '_' || c == '.'; })) {
        return "expected letters, digits, '-', '_' or '.'";
    }
    if (!letter_or_digit(id.front())) {
        return "expected it to start with a letter or digit";
    }
    if (id.size() > max_id_length) {
        return fmt::format("expected at most {} characters, not {}", max_id_length, id.size());
    }
    return std::nullopt;
}

}  // namespace planner
