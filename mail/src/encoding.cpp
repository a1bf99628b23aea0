#include "encoding.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace planner::mail::detail {
namespace {

constexpr std::string_view base64_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view hex_digits = "0123456789ABCDEF";

// The length of the UTF-8 sequence that starts with `lead`, or 0 for a byte that
// cannot start one.
std::size_t utf8_sequence_length(unsigned char lead)
{
    if (lead < 0x80) {
        return 1;
    }
    if (lead >= 0xc2 && lead <= 0xdf) {
        return 2;
    }
    if (lead >= 0xe0 && lead <= 0xef) {
        return 3;
    }
    if (lead >= 0xf0 && lead <= 0xf4) {
        return 4;
    }
    return 0;
}

// One character of a quoted-printable line, escaped where it must be, given the column
// of the output line it lands on.
std::string quoted_printable_piece(std::string_view line, std::size_t i, std::size_t column)
{
    const auto c = static_cast<unsigned char>(line[i]);
    bool escape = c == '=' || ((c < 0x21 || c > 0x7e) && c != ' ' && c != '\t');
    // Blanks at the end of a line vanish in transit (RFC 2045 6.7 rule 3).
    escape = escape || ((c == ' ' || c == '\t') && i + 1 == line.size());
    // A dot at the start of a line is what ends an SMTP message, and "From " what starts
    // one in an mbox file; escaping them keeps careless relays harmless.
    escape = escape || (column == 0 && (c == '.' || line.substr(i).starts_with("From ")));
    if (!escape) {
        return std::string(1, static_cast<char>(c));
    }
    return std::string{'=', hex_digits[c >> 4], hex_digits[c & 0xf]};
}

void encode_quoted_printable_line(std::string_view line, std::string& out)
{
    constexpr std::size_t max_line = 76;
    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        auto piece = quoted_printable_piece(line, i, column);
        // Every line but the last keeps room for the "=" of its soft line break.
        const std::size_t limit = i + 1 == line.size() ? max_line : max_line - 1;
        if (column + piece.size() > limit) {
            out += "=\r\n";
            column = 0;
            piece = quoted_printable_piece(line, i, column);
        }
        out += piece;
        column += piece.size();
    }
    out += "\r\n";
}

}  // namespace

std::string encode_base64(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            group = (group << 8) | (k < count ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        }
        for (std::size_t k = 0; k < 4; ++k) {
            out += k <= count ? base64_alphabet[(group >> (18 - 6 * k)) & 0x3f] : '=';
        }
    }
    return out;
}

std::string encode_base64_lines(std::string_view bytes)
{
    const std::string encoded = encode_base64(bytes);
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); i += 76) {
        out.append(encoded, i, 76);
        out += "\r\n";
    }
    return out;
}

std::string encode_quoted_printable(std::string_view text)
{
    std::string out;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        auto end = text.find('\n', begin);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        auto line = text.substr(begin, end - begin);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (end == text.size() && line.empty() && begin > 0) {
            break;  // the text ended with a line end
        }
        encode_quoted_printable_line(line, out);
        begin = end + 1;
    }
    return out;
}

std::vector<std::string> encoded_words(std::string_view utf8)
{
    // "=?UTF-8?B?" + 52 characters of base64 (39 bytes) + "?=" makes 64.
    constexpr std::size_t max_bytes = 39;
    std::vector<std::string> words;
    std::size_t begin = 0;
    while (begin < utf8.size()) {
        std::size_t end = begin;
        while (end < utf8.size()) {
            const std::size_t length =
                std::max<std::size_t>(1, utf8_sequence_length(static_cast<unsigned char>(utf8[end])));
            if (end + length - begin > max_bytes) {
                break;
            }
            end += length;
        }
        end = std::min(std::max(end, begin + 1), utf8.size());
        words.push_back("=?UTF-8?B?" + encode_base64(utf8.substr(begin, end - begin)) + "?=");
        begin = end;
    }
    return words;
}

bool is_valid_utf8(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8_sequence_length(static_cast<unsigned char>(text[i]));
        if (length == 0 || i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

std::string to_lower(std::string_view text)
{
    std::string out(text);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && to_lower(a) == to_lower(b);
}

std::string_view trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace planner::mail::detail
