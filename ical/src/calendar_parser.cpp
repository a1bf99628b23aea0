#include "calendar_parser.hpp"

#include <planner/error.hpp>
#include <planner/input_size.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>
#include <span>
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

bool is_blank(std::string_view line)
{
    return std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c) != 0; });
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

// libical takes time quadratic in the length of a line (10 s for 10 MB): a longer one
// is refused before it sees it.
void require_line_length(const ContentLine& line, std::string_view source)
{
    if (line.text.size() > max_content_line_bytes) {
        throw Error(fmt::format("{}:{}:1: the content line '{}' has {} bytes unfolded; the planner reads content "
                                "lines of at most {} bytes (1 MiB)",
                                source, line.line, quoted_start(line.text), line.text.size(),
                                max_content_line_bytes));
    }
}

// The unfolded content lines, without blank ones: Teams and older Mozilla and KDE
// exports have them between components, and every other parser skips them.
std::vector<ContentLine> content_lines(std::string_view text, std::string_view source)
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
        begin = end + 1;
        if (!physical.empty() && (physical.front() == ' ' || physical.front() == '\t') && !lines.empty()) {
            lines.back().text += physical.substr(1);
            require_line_length(lines.back(), source);
        } else if (!is_blank(physical)) {
            lines.push_back({line_number, std::string(physical), std::string::npos, {}});
            require_line_length(lines.back(), source);
        }
    }
    for (auto& line : lines) {
        line.colon = colon_of(line.text);
        line.upper_name = upper(std::string_view(line.text).substr(0, std::min(line.text.find(';'), line.colon)));
    }
    return lines;
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

// BEGIN and END must nest, the first line must open a VCALENDAR and only another
// VCALENDAR may follow its END. Returns where each VCALENDAR's lines end (one past
// its END line).
std::vector<std::size_t> require_structure(const std::vector<ContentLine>& lines, Place end, std::string_view source)
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
    std::vector<std::size_t> calendar_ends;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const auto& [line, content, colon, name] = lines[k];
        if (open.empty() && upper(content) != "BEGIN:VCALENDAR") {
            throw Error(fmt::format("{}:{}:1: found '{}' after END:VCALENDAR; expected another BEGIN:VCALENDAR or "
                                    "the end of the file",
                                    source, line, quoted_start(content)));
        }
        if (colon == std::string::npos || colon == 0) {
            if (k + 1 == lines.size()) {
                break;  // a file cut off in the middle of a line: said below
            }
            throw Error(fmt::format("{}:{}:1: '{}' is not a content line; expected NAME:VALUE", source, line,
                                    quoted_start(content)));
        }
        const auto value = upper(lines[k].value());
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
            if (open.empty()) {
                calendar_ends.push_back(k + 1);
            }
        }
    }
    if (!open.empty()) {
        throw Error(fmt::format("{}:{}:{}: the file ends inside {} (begun on line {}); is it cut off?", source,
                                end.line, end.column, open.back().name, open.back().line));
    }
    return calendar_ends;
}

// libical reads the unfolded lines of one VCALENDAR: it never sees a blank line, and
// long lines need no folding.
ComponentHandle libical_tree(std::span<const ContentLine> lines, std::string_view source)
{
    std::string text;
    for (const auto& line : lines) {
        text += line.text;
        text += "\r\n";
    }
    ComponentHandle calendar(icalparser_parse_string(text.c_str()));
    if (!calendar || icalcomponent_isa(calendar.get()) != ICAL_VCALENDAR_COMPONENT) {
        throw Error(fmt::format("{}:{}: libical could not read the calendar begun here", source, lines.front().line));
    }
    return calendar;
}

bool can_read_alone(const TextProperty& property, icalproperty_kind kind)
{
    const auto text = fmt::format("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                                  property.text);
    const ComponentHandle calendar(icalparser_parse_string(text.c_str()));
    auto* event = calendar ? icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT) : nullptr;
    return event != nullptr && icalcomponent_get_first_property(event, kind) != nullptr;
}


bool all_digits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

int number(std::string_view digits)
{
    int value = 0;
    for (const char digit : digits) {
        value = value * 10 + (digit - '0');
    }
    return value;
}

// The year and month are checked first: Boost's calendar takes any Gregorian year.
int days_in_month(int year, int month)
{
    return boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                   static_cast<unsigned short>(month));
}

// Why a DATE (20130312) or DATE-TIME (20130312T090000, with or without Z) is no time
// the planner reads; nullopt for a good one and for text of another shape.
std::optional<std::string> date_time_problem(std::string_view value)
{
    if (value.ends_with('Z')) {
        value.remove_suffix(1);
    }
    const bool has_time = value.size() == 15 && value[8] == 'T' && all_digits(value.substr(9));
    if (!all_digits(value.substr(0, 8)) || (value.size() != 8 && !has_time)) {
        return std::nullopt;
    }
    const int year = number(value.substr(0, 4));
    const int month = number(value.substr(4, 2));
    const int day = number(value.substr(6, 2));
    if (year < first_readable_year || year > last_readable_year) {
        return fmt::format("the year {:04} is not one of {} to {}, the years the planner reads", year,
                           first_readable_year, last_readable_year);
    }
    if (month < 1 || month > 12) {
        return fmt::format("month {:02} does not exist (01 to 12)", month);
    }
    if (day < 1 || day > days_in_month(year, month)) {
        return fmt::format("day {:02} does not exist in {:04}-{:02} (01 to {})", day, year, month,
                           days_in_month(year, month));
    }
    if (!has_time) {
        return std::nullopt;
    }
    const int hour = number(value.substr(9, 2));
    const int minute = number(value.substr(11, 2));
    const int second = number(value.substr(13, 2));
    if (hour > 23) {
        return fmt::format("hour {:02} does not exist (00 to 23)", hour);
    }
    if (minute > 59) {
        return fmt::format("minute {:02} does not exist (00 to 59)", minute);
    }
    if (second > 60) {
        return fmt::format("second {:02} does not exist (00 to 59, or 60 for a leap second)", second);
    }
    return std::nullopt;
}

// Why a DURATION (RFC 5545 3.3.6: P2W, -P1D, PT1H30M, P1DT12H) is one the planner
// cannot compute with; nullopt for a good one and for text of another shape.
std::optional<std::string> duration_problem(std::string_view value)
{
    // Ten thousand years: longer than any date the planner reads is from another.
    constexpr std::uint64_t longest_seconds = std::uint64_t{10'000} * 366 * 24 * 3600;
    if (value.starts_with('+') || value.starts_with('-')) {
        value.remove_prefix(1);
    }
    if (!value.starts_with('P')) {
        return std::nullopt;
    }
    std::uint64_t seconds = 0;
    bool in_time = false;
    std::size_t digits_begin = 1;
    for (std::size_t i = 1; i < value.size(); ++i) {
        const char c = value[i];
        if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
            continue;
        }
        if (c == 'T') {
            in_time = true;
            digits_begin = i + 1;
            continue;
        }
        const auto digits = value.substr(digits_begin, i - digits_begin);
        std::uint64_t unit = 0;
        switch (c) {
        case 'W': unit = 7 * 24 * 3600; break;
        case 'D': unit = 24 * 3600; break;
        case 'H': unit = 3600; break;
        case 'M': unit = in_time ? 60 : 0; break;
        case 'S': unit = 1; break;
        default: break;
        }
        if (unit == 0 || !all_digits(digits)) {
            return std::nullopt;  // not a duration: libical's to say
        }
        // More than twelve digits is beyond the bound in any unit, and would overflow.
        if (digits.size() > 12 || (seconds += std::stoull(std::string(digits)) * unit) > longest_seconds) {
            return std::string("it is longer than 10000 years");
        }
        digits_begin = i + 1;
    }
    return std::nullopt;
}

// The values of a property's text that are dates, date-times or periods, each with
// its offset in the value: a list is comma-separated (EXDATE, RDATE, FREEBUSY), a
// period is START/END or START/DURATION, and an RRULE holds one in UNTIL.
std::vector<std::pair<std::size_t, std::string_view>> time_values(std::string_view name, std::string_view value)
{
    std::vector<std::pair<std::size_t, std::string_view>> values;
    const auto split = [&](char separator, std::size_t offset, std::string_view text, auto add) {
        for (const auto part : parts_of(text, separator)) {
            add(offset + static_cast<std::size_t>(part.data() - text.data()), part);
        }
    };
    if (name == "RRULE") {
        split(';', 0, value, [&](std::size_t at, std::string_view part) {
            if (upper(part.substr(0, 6)) == "UNTIL=") {
                values.emplace_back(at + 6, part.substr(6));
            }
        });
        return values;
    }
    split(',', 0, value, [&](std::size_t at, std::string_view item) {
        split('/', at, item, [&](std::size_t part_at, std::string_view part) { values.emplace_back(part_at, part); });
    });
    return values;
}

}  // namespace

std::string upper(std::string_view text)
{
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return result;
}

std::vector<std::string_view> parts_of(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    for (std::size_t begin = 0; begin <= text.size();) {
        const auto end = std::min(text.find(separator, begin), text.size());
        parts.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return parts;
}

std::string_view ContentLine::value() const
{
    return colon < text.size() ? std::string_view(text).substr(colon + 1) : std::string_view();
}

std::string_view TextProperty::value() const
{
    return std::string_view(text).substr(std::min(value_column - 1, text.size()));
}

std::vector<ParsedCalendar> parse_calendars(std::string_view text, std::string_view source)
{
    constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
    if (text.substr(0, byte_order_mark.size()) == byte_order_mark) {
        text.remove_prefix(byte_order_mark.size());
    }
    require_input_size(text, source, "calendars");
    require_text(text, source);
    auto lines = content_lines(text, source);
    std::vector<ParsedCalendar> calendars;
    std::size_t begin = 0;
    for (const auto end : require_structure(lines, end_of(text), source)) {
        const std::span<const ContentLine> own(lines.data() + begin, end - begin);
        calendars.push_back({libical_tree(own, source), {own.begin(), own.end()}});
        begin = end;
    }
    return calendars;
}

std::vector<ComponentText> components_in_text(const std::vector<ContentLine>& lines, std::string_view kind)
{
    std::vector<ComponentText> found;
    int depth = 0;
    bool inside = false;  // a component of that kind, at depth 2
    for (const auto& line : lines) {
        const auto& name = line.name();
        if (name == "BEGIN") {
            ++depth;
            if (depth == 2) {
                inside = upper(line.value()) == kind;
                if (inside) {
                    found.push_back({line.line, {}});
                }
            }
        } else if (name == "END") {
            --depth;
        } else if (inside && depth == 2) {
            found.back().properties.push_back({line.line, line.colon + 2, name, line.text});
        }
    }
    return found;
}

std::optional<UnreadValue> first_unread_value(icalcomponent* component, const ComponentText& text,
                                              std::span<const ValueForm> forms)
{
    std::optional<UnreadValue> first;
    for (const auto& [kind, name, form] : forms) {
        const auto written = std::count_if(text.properties.begin(), text.properties.end(),
                                           [name = name](const TextProperty& p) { return p.name == name; });
        if (icalcomponent_count_properties(component, kind) >= static_cast<int>(written)) {
            continue;  // libical kept every one (a list of values may even give more)
        }
        // Which one it dropped, libical does not say: each is tried alone, and should
        // none fail alone, the first is named.
        const TextProperty* first_written = nullptr;
        const TextProperty* dropped = nullptr;
        for (const auto& property : text.properties) {
            if (property.name != name) {
                continue;
            }
            first_written = first_written != nullptr ? first_written : &property;
            if (!can_read_alone(property, kind)) {
                dropped = &property;
                break;
            }
        }
        dropped = dropped != nullptr ? dropped : first_written;
        if (dropped != nullptr && (!first || dropped->line < first->property->line)) {
            first = UnreadValue{dropped, form};
        }
    }
    return first;
}

std::string BadTimeValue::text() const
{
    return fmt::format("{} value '{}' is out of range: {}", property->name, value, why);
}

std::optional<BadTimeValue> first_bad_time_value(const ComponentText& text, std::span<const ValueForm> forms)
{
    for (const auto& property : text.properties) {
        if (std::none_of(forms.begin(), forms.end(), [&](const ValueForm& form) { return form.name == property.name; })) {
            continue;
        }
        for (const auto& [offset, value] : time_values(property.name, property.value())) {
            auto why = date_time_problem(value);
            if (!why) {
                why = duration_problem(value);
            }
            if (why) {
                return BadTimeValue{&property, property.value_column + offset, std::string(value), *why};
            }
        }
    }
    return std::nullopt;
}

}  // namespace planner::ical
