#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace planner {

// The largest file from someone else (a calendar export, a holiday calendar, an
// answer as .ics or .eml) that the planner reads. A year of a busy person's calendar
// with descriptions is a few megabytes; the parsers behind the readers (libical,
// GMime) take seconds per 100 MB of ordinary text and far longer on hostile text, so
// a file above this bound is refused before they see it.
inline constexpr std::size_t max_input_file_bytes = std::size_t{32} * 1024 * 1024;

// Throws planner::Error when `text` is longer than max_input_file_bytes:
// "export.ics: the file has 40000000 bytes; the planner reads a calendar export of at
// most 33554432 bytes (32 MiB)". `source` names the file, `what` says what it holds.
void require_input_size(std::string_view text, std::string_view source, std::string_view what);
// The same for a file of `bytes` not read yet, so that it need not be read to be refused.
void require_input_size(std::uintmax_t bytes, std::string_view source, std::string_view what);

// The most characters of a line of text a person writes into the planner: a title, a
// name, a comment. (A meeting's description may hold more.)
inline constexpr std::size_t max_line_characters = 500;

// The characters of UTF-8 text, not its bytes: a continuation byte (10xxxxxx) starts none.
[[nodiscard]] std::size_t characters_in(std::string_view utf8);

// What is wrong with a line a person writes (at most max_line_characters, without line
// ends or other control characters), said of `what` ("the comment has 612
// characters; ..."), or nothing when it is fine.
[[nodiscard]] std::optional<std::string> one_line_problem(std::string_view text, std::string_view what);

}  // namespace planner
