#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The transfer encodings of MIME (RFC 2045), RFC 2047 encoded-words and the one
// legacy charset the planner converts. Private to the mail library.
namespace planner::mail::detail {

// Base64 in lines of 76 characters, each ending in CRLF (RFC 2045 6.8).
[[nodiscard]] std::string encode_base64_lines(std::string_view bytes);
[[nodiscard]] std::string encode_base64(std::string_view bytes);

// Decodes base64 fed line by line, so that an error can name its line.
class Base64Decoder {
public:
    // The index of the first character of `line` that is not base64, or npos.
    [[nodiscard]] std::size_t feed(std::string_view line);
    // False when the input stopped in the middle of a byte.
    [[nodiscard]] bool complete() const noexcept { return sextets_ != 1; }
    // The bytes; a last group of two or three characters without its padding counts.
    [[nodiscard]] std::string finish();

private:
    std::string bytes_;
    std::uint32_t bits_ = 0;
    int sextets_ = 0;
    bool padded_ = false;
};

// Quoted-printable (RFC 2045 6.7) of UTF-8 text with '\n' line ends: CRLF hard line
// breaks, lines of at most 76 characters.
[[nodiscard]] std::string encode_quoted_printable(std::string_view text);
// One encoded line decoded; `soft_break` tells whether it ended with "=" (no line end).
[[nodiscard]] std::string decode_quoted_printable_line(std::string_view line, bool& soft_break);

// `text` with every `escape` and two hex digits ("=3D" in quoted-printable, "%20" in an
// RFC 2231 parameter) replaced by its byte; an escape without two hex digits after it
// stands for itself, as robust decoders read it.
[[nodiscard]] std::string decode_hex_escapes(std::string_view text, char escape);

// RFC 2047 "B" encoded-words for UTF-8 text, each at most 64 characters so that one
// fits on a folded header line, never splitting a UTF-8 character between two.
[[nodiscard]] std::vector<std::string> encoded_words(std::string_view utf8);

[[nodiscard]] bool is_valid_utf8(std::string_view text);
// Windows-1252, the superset that mails labelled ISO-8859-1 really use (as the WHATWG
// encoding standard decodes them), to UTF-8.
[[nodiscard]] std::string windows1252_to_utf8(std::string_view text);

[[nodiscard]] std::string to_lower(std::string_view text);
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);
[[nodiscard]] std::string_view trim(std::string_view text);

}  // namespace planner::mail::detail
