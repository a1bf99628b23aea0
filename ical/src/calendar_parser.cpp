#include "calendar_parser.hpp"

#include <planner/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace planner::ical {
namespace {

struct Place {
    std::size_t line = 1;
    std::size_t column = 1;
};

// The length of the UTF-8 sequence that starts with `lead`, or 0 when none does.
std::size_t utf8_length(unsigned char lead)
{
    if (lead < 0x80U) {
        return 1;
    }
    if (lead >= 0xC2U && lead <= 0xDFU) {
        return 2;
    }
    if (lead >= 0xE0U && lead <= 0xEFU) {
        return 3;
    }
    if (lead >= 0xF0U && lead <= 0xF4U) {
        return 4;
    }
    return 0;
}

// The bytes a second byte may take after `lead`: the narrower ranges rule out overlong
// forms, UTF-16 surrogates and code points above U+10FFFF (RFC 3629 4).
std::pair<unsigned char, unsigned char> second_byte_range(unsigned char lead)
{
    switch (lead) {
    case 0xE0U: return {0xA0U, 0xBFU};
    case 0xEDU: return {0x80U, 0x9FU};
    case 0xF0U: return {0x90U, 0xBFU};
    case 0xF4U: return {0x80U, 0x8FU};
    default: return {0x80U, 0xBFU};
    }
}

bool is_utf8_sequence(std::string_view bytes, std::size_t length)
{
    if (bytes.size() < length) {
        return false;  // the file ends inside the sequence
    }
    const auto [low, high] = second_byte_range(static_cast<unsigned char>(bytes[0]));
    for (std::size_t k = 1; k < length; ++k) {
        const auto byte = static_cast<unsigned char>(bytes[k]);
        if (byte < (k == 1 ? low : 0x80U) || byte > (k == 1 ? high : 0xBFU)) {
            return false;
        }
    }
    return true;
}

// Throws at the first byte that is not UTF-8 text, naming its line and column.
void require_text(std::string_view text, std::string_view source)
{
    Place place;
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const auto length = utf8_length(byte);
        if (byte == 0 || length == 0 || !is_utf8_sequence(text.substr(i, length), length)) {
            throw Error(fmt::format("{}:{}:{}: byte 0x{:02X} is not UTF-8 text; expected an iCalendar file", source,
                                    place.line, place.column, byte));
        }
        if (byte == '\n') {
            ++place.line;
            place.column = 1;
        } else {
            ++place.column;
        }
        i += length;
    }
}

std::size_t colon_of(std::string_view text)
{
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ':' && !quoted) {
            return i;
        }
        quoted = text[i] == '"' ? !quoted : quoted;
    }
    return std::string::npos;
}

std::vector<ContentLine> content_lines(std::string_view text)
{
    std::vector<ContentLine> lines;
    std::size_t line_number = 0;
    std::size_t begin = 0;
    while (begin < text.size()) {
        auto end = text.find('\n', begin);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        auto physical = text.substr(begin, end - begin);
        if (!physical.empty() && physical.back() == '\r') {
            physical.remove_suffix(1);
        }
        ++line_number;
        if (!physical.empty() && (physical.front() == ' ' || physical.front() == '\t') && !lines.empty()) {
            lines.back().text += physical.substr(1);
        } else {
            lines.push_back({line_number, std::string(physical), std::string::npos});
        }
        begin = end + 1;
    }
    while (!lines.empty() && std::all_of(lines.back().text.begin(), lines.back().text.end(),
                                         [](unsigned char c) { return std::isspace(c) != 0; })) {
        lines.pop_back();
    }
    for (auto& line : lines) {
        line.colon = colon_of(line.text);
    }
    return lines;
}

bool is_continuation_byte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// The start of a line for a message, cut before a character, never inside one: the
// message must stay UTF-8 text.
std::string quoted_start(std::string_view text)
{
    std::size_t shown = 40;
    if (text.size() <= shown) {
        return std::string(text);
    }
    while (shown > 0 && is_continuation_byte(text[shown])) {
        --shown;
    }
    return std::string(text.substr(0, shown)) + "...";
}

// Where the text ends: the line after the last line end, or the column after the
// last character of a line cut off in the middle.
Place end_of(std::string_view text)
{
    const auto last_break = text.rfind('\n');
    const auto last_line = last_break == std::string_view::npos ? text : text.substr(last_break + 1);
    const auto characters = std::count_if(last_line.begin(), last_line.end(),
                                          [](char c) { return !is_continuation_byte(c) && c != '\r'; });
    return {static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1,
            static_cast<std::size_t>(characters) + 1};
}

// BEGIN and END must nest, the first line must open the VCALENDAR and nothing may
// follow its END.
void require_structure(const std::vector<ContentLine>& lines, Place end, std::string_view source)
{
    if (lines.empty()) {
        throw Error(fmt::format("{}: the file is empty; expected an iCalendar file (BEGIN:VCALENDAR)", source));
    }
    if (upper(lines.front().text) != "BEGIN:VCALENDAR") {
        throw Error(fmt::format("{}:{}:1: found '{}'; expected BEGIN:VCALENDAR, as every iCalendar file begins",
                                source, lines.front().line, quoted_start(lines.front().text)));
    }
    struct Open {
        std::string name;
        std::size_t line;
    };
    std::vector<Open> open;
    bool calendar_ended = false;
    for (const auto& content_line : lines) {
        const auto& [line, content, colon] = content_line;
        if (calendar_ended) {
            throw Error(fmt::format("{}:{}:1: found '{}' after END:VCALENDAR; expected one calendar per file",
                                    source, line, quoted_start(content)));
        }
        if (colon == std::string::npos || colon == 0) {
            if (&content_line == &lines.back()) {
                break;  // a file cut off in the middle of a line: said below
            }
            throw Error(fmt::format("{}:{}:1: '{}' is not a content line; expected NAME:VALUE", source, line,
                                    quoted_start(content)));
        }
        const auto name = content_line.name();
        const auto value = upper(content_line.value());
        if (name == "BEGIN") {
            open.push_back({value, line});
        } else if (name == "END") {
            if (open.empty() || open.back().name != value) {
                throw Error(fmt::format("{}:{}:1: END:{} closes {}; the components do not nest", source, line, value,
                                        open.empty() ? std::string("nothing")
                                                     : fmt::format("BEGIN:{} of line {}", open.back().name,
                                                                   open.back().line)));
            }
            open.pop_back();
            calendar_ended = open.empty();
        }
    }
    if (!open.empty()) {
        throw Error(fmt::format("{}:{}:{}: the file ends inside {} (begun on line {}); is it cut off?", source,
                                end.line, end.column, open.back().name, open.back().line));
    }
}

}  // namespace

std::string upper(std::string_view text)
{
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return result;
}

std::string ContentLine::name() const
{
    return upper(std::string_view(text).substr(0, std::min(text.find(';'), colon)));
}

std::string_view ContentLine::value() const
{
    return colon < text.size() ? std::string_view(text).substr(colon + 1) : std::string_view();
}

ParsedCalendar parse_calendar_and_lines(std::string_view text, std::string_view source)
{
    constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
    if (text.substr(0, byte_order_mark.size()) == byte_order_mark) {
        text.remove_prefix(byte_order_mark.size());
    }
    require_text(text, source);
    auto lines = content_lines(text);
    require_structure(lines, end_of(text), source);
    const std::string copy(text);
    ComponentHandle calendar(icalparser_parse_string(copy.c_str()));
    if (!calendar || icalcomponent_isa(calendar.get()) != ICAL_VCALENDAR_COMPONENT) {
        throw Error(fmt::format("{}: libical could not read the calendar", source));
    }
    return {std::move(calendar), std::move(lines)};
}

ComponentHandle parse_calendar(std::string_view text, std::string_view source)
{
    return parse_calendar_and_lines(text, source).tree;
}

std::string libical_errors(icalcomponent* component)
{
    std::string errors;
    for (auto* property = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        errors += errors.empty() ? "" : "; ";
        errors += icalproperty_get_xlicerror(property);
    }
    return errors;
}

}  // namespace planner::ical
