#pragma once

#include <string>
#include <string_view>
#include <vector>

// The transfer encodings of MIME (RFC 2045) and RFC 2047 encoded-words for the mail
// the planner writes, and the small text helpers of the mail library. Reading received
// mail is GMime's (calendar_part.cpp). Private to the mail library.
namespace planner::mail::detail {

// Base64 in lines of 76 characters, each ending in CRLF (RFC 2045 6.8).
[[nodiscard]] std::string encode_base64_lines(std::string_view bytes);
[[nodiscard]] std::string encode_base64(std::string_view bytes);

// Quoted-printable (RFC 2045 6.7) of UTF-8 text with '\n' line ends: CRLF hard line
// breaks, lines of at most 76 characters.
[[nodiscard]] std::string encode_quoted_printable(std::string_view text);

// RFC 2047 "B" encoded-words for UTF-8 text, each at most 64 characters so that one
// fits on a folded header line, never splitting a UTF-8 character between two.
[[nodiscard]] std::vector<std::string> encoded_words(std::string_view utf8);

[[nodiscard]] bool is_valid_utf8(std::string_view text);

[[nodiscard]] std::string to_lower(std::string_view text);
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);
[[nodiscard]] std::string_view trim(std::string_view text);

}  // namespace planner::mail::detail
