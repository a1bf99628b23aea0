#pragma once

#include <string>
#include <string_view>

namespace planner::ical {

// RFC 5545 3.1: joins folded lines (CRLF or LF followed by a space or tab).
[[nodiscard]] std::string unfold_lines(std::string_view text);

// RFC 5545 3.1: every line ends in CRLF and is at most 75 octets; longer lines
// continue after CRLF and one space. A fold never splits a UTF-8 character.
[[nodiscard]] std::string fold_lines(std::string_view unfolded);

inline constexpr std::size_t max_line_octets = 75;

}  // namespace planner::ical
