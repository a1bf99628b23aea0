#include <planner/mail/calendar_part.hpp>

#include "encoding.hpp"

#include <planner/error.hpp>

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace planner::mail {
namespace {

using detail::iequals;
using detail::to_lower;
using detail::trim;

// A header's value and its parameters (RFC 2045 5.1), names in lower case.
struct FieldValue {
    std::string value;
    std::map<std::string, std::string> parameters;

    [[nodiscard]] std::string parameter(const std::string& name) const
    {
        const auto found = parameters.find(name);
        return found == parameters.end() ? std::string{} : found->second;
    }
};

// Reads `rest` from a parameter's value on: a quoted string with its backslash escapes
// (a boundary or file name may hold ';'), or a token up to the next ';'.
std::string parameter_value(std::string_view& rest)
{
    std::string value;
    if (rest.starts_with('"')) {
        std::size_t i = 1;
        for (; i < rest.size() && rest[i] != '"'; ++i) {
            if (rest[i] == '\\' && i + 1 < rest.size()) {
                ++i;
            }
            value += rest[i];
        }
        rest.remove_prefix(std::min(i + 1, rest.size()));
        return value;
    }
    const auto end = std::min(rest.find(';'), rest.size());
    value = std::string(trim(rest.substr(0, end)));
    rest.remove_prefix(end);
    return value;
}

FieldValue parse_field_value(std::string_view text)
{
    FieldValue field;
    const auto first = std::min(text.find(';'), text.size());
    field.value = to_lower(trim(text.substr(0, first)));
    auto rest = text.substr(first);
    while (!(rest = trim(rest)).empty()) {
        if (rest.front() == ';') {
            rest.remove_prefix(1);
            continue;
        }
        const auto equals = rest.find('=');
        if (equals == std::string_view::npos) {
            break;
        }
        auto name = to_lower(trim(rest.substr(0, equals)));
        rest.remove_prefix(equals + 1);
        rest = trim(rest);
        auto value = parameter_value(rest);
        if (name.ends_with('*')) {  // RFC 2231: charset'language'percent-encoded
            name.pop_back();
            const auto quote = value.find('\'', value.find('\'') + 1);
            value = detail::decode_hex_escapes(quote == std::string::npos ? value : value.substr(quote + 1), '%');
        }
        field.parameters.emplace(std::move(name), std::move(value));
    }
    return field;
}

bool is_header_field(std::string_view line)
{
    const auto colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) {
        return false;
    }
    for (const char c : line.substr(0, colon)) {
        if (c <= ' ' || c > '~') {
            return false;
        }
    }
    return true;
}

struct HeaderField {
    std::string value;     // unfolded
    std::size_t line = 0;  // index of the field's first line
};

struct Headers {
    std::map<std::string, HeaderField> fields;  // by lower-case name
    std::size_t body = 0;                       // index of the body's first line

    [[nodiscard]] std::string value(const std::string& name) const
    {
        const auto found = fields.find(name);
        return found == fields.end() ? std::string{} : found->second.value;
    }
};

// A leaf of the MIME tree: the headers and the lines of its body.
struct Part {
    FieldValue type;
    FieldValue disposition;
    std::string encoding;
    std::size_t header_line = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
};

class MailReader {
public:
    MailReader(std::vector<std::string_view> lines, std::string_view source)
        : lines_(std::move(lines)), source_(source)
    {
    }

    std::string calendar(std::size_t first_line)
    {
        collect(first_line, lines_.size(), 0);
        const Part* part = calendar_part();
        if (part == nullptr) {
            throw Error(fmt::format("{}: no text/calendar part in the mail; expected an answer to an invitation",
                                    source_));
        }
        return to_utf8(decoded(*part), *part);
    }

private:
    [[nodiscard]] std::string where(std::size_t line_index) const
    {
        return fmt::format("{}:{}", source_, line_index + 1);
    }

    [[nodiscard]] Headers read_headers(std::size_t begin, std::size_t end) const
    {
        Headers headers{{}, end};
        std::string* last = nullptr;
        for (std::size_t i = begin; i < end; ++i) {
            const auto line = lines_[i];
            if (line.empty()) {
                headers.body = i + 1;
                break;
            }
            if ((line.front() == ' ' || line.front() == '\t') && last != nullptr) {
                *last += ' ';
                *last += trim(line);
            } else if (is_header_field(line)) {
                const auto colon = line.find(':');
                // The first of repeated fields counts, as most readers take it.
                const auto [field, added] = headers.fields.emplace(
                    to_lower(line.substr(0, colon)), HeaderField{std::string(trim(line.substr(colon + 1))), i});
                last = added ? &field->second.value : nullptr;
            }
        }
        return headers;
    }

    // Walks the entity on lines [begin, end) and adds its leaves to parts_.
    void collect(std::size_t begin, std::size_t end, int depth)
    {
        const auto headers = read_headers(begin, end);
        auto type = parse_field_value(headers.value("content-type"));
        if (type.value.empty()) {
            type.value = "text/plain";  // RFC 2045 5.2
        }
        if (!type.value.starts_with("multipart/")) {
            parts_.push_back(Part{type, parse_field_value(headers.value("content-disposition")),
                                  to_lower(trim(headers.value("content-transfer-encoding"))), begin, headers.body,
                                  end});
            return;
        }
        const auto type_line = headers.fields.at("content-type").line;
        if (depth > 32) {
            throw Error(fmt::format("{}: multipart parts nested more than 32 deep", where(type_line)));
        }
        collect_multipart(type, type_line, headers.body, end, depth);
    }

    void collect_multipart(const FieldValue& type, std::size_t header_line, std::size_t begin, std::size_t end,
                           int depth)
    {
        const auto boundary = type.parameter("boundary");
        if (boundary.empty()) {
            throw Error(fmt::format("{}: {} without a boundary parameter", where(header_line), type.value));
        }
        const std::string delimiter = "--" + boundary;
        std::optional<std::size_t> part_begin;
        for (std::size_t i = begin; i < end; ++i) {
            // Delimiter lines may carry trailing blanks (RFC 2046 5.1.1).
            const auto line = lines_[i].substr(0, lines_[i].find_last_not_of(" \t") + 1);
            const bool closes = line == delimiter + "--";
            if (closes || line == delimiter) {
                if (part_begin) {
                    collect(*part_begin, i, depth + 1);
                }
                if (closes) {
                    return;
                }
                part_begin = i + 1;
            }
        }
        const auto before = end == lines_.size() ? std::string("the end of the mail") : fmt::format("line {}", end + 1);
        throw Error(fmt::format("{}: the {} declared here does not end; expected a line '{}--' before {}",
                                where(header_line), type.value, delimiter, before));
    }

    [[nodiscard]] const Part* calendar_part() const
    {
        for (const auto& part : parts_) {
            if (part.type.value == "text/calendar") {
                return &part;
            }
        }
        for (const auto& part : parts_) {
            auto name = to_lower(part.disposition.parameter("filename"));
            if (name.empty()) {
                name = to_lower(part.type.parameter("name"));
            }
            if (part.type.value == "application/ics" || name.ends_with(".ics")) {
                return &part;
            }
        }
        return nullptr;
    }

    [[nodiscard]] std::string decoded(const Part& part) const
    {
        auto end = part.end;
        while (end > part.begin && trim(lines_[end - 1]).empty()) {
            --end;  // blank lines before the next boundary are not content
        }
        if (part.encoding == "base64") {
            return base64_decoded(part, end);
        }
        const bool quoted_printable = part.encoding == "quoted-printable";
        if (!quoted_printable && !part.encoding.empty() && part.encoding != "7bit" && part.encoding != "8bit" &&
            part.encoding != "binary") {
            throw Error(fmt::format("{}: the {} part is encoded as '{}'; expected base64, quoted-printable, 7bit "
                                    "or 8bit",
                                    where(part.header_line), part.type.value, part.encoding));
        }
        std::string text;
        for (std::size_t i = part.begin; i < end; ++i) {
            bool soft_break = false;
            text += quoted_printable ? detail::decode_quoted_printable_line(lines_[i], soft_break)
                                     : std::string(lines_[i]);
            if (!soft_break) {
                text += "\r\n";  // iCalendar lines end in CRLF, however the mail was saved
            }
        }
        return text;
    }

    [[nodiscard]] std::string base64_decoded(const Part& part, std::size_t end) const
    {
        detail::Base64Decoder decoder;
        for (std::size_t i = part.begin; i < end; ++i) {
            const auto bad = decoder.feed(lines_[i]);
            if (bad != std::string_view::npos) {
                throw Error(fmt::format("{}: bad base64 in the {} part: '{}' at column {}", where(i), part.type.value,
                                        lines_[i].substr(bad, 1), bad + 1));
            }
        }
        if (!decoder.complete()) {
            throw Error(fmt::format("{}: bad base64 in the {} part: it ends in the middle of a byte",
                                    where(end == 0 ? 0 : end - 1), part.type.value));
        }
        return decoder.finish();
    }

    [[nodiscard]] std::string to_utf8(std::string text, const Part& part) const
    {
        const auto charset = to_lower(part.type.parameter("charset"));
        const bool latin = charset == "iso-8859-1" || charset == "iso8859-1" || charset == "latin1" ||
                           charset == "latin-1" || charset == "windows-1252" || charset == "cp1252";
        // Without a declared charset iCalendar is UTF-8; text that is not is taken for
        // Windows-1252, as older clients wrote it.
        if (latin || (charset.empty() && !detail::is_valid_utf8(text))) {
            text = detail::windows1252_to_utf8(text);
        } else if (charset != "utf-8" && charset != "utf8" && charset != "us-ascii" && !charset.empty() &&
                   !detail::is_valid_utf8(text)) {
            throw Error(fmt::format("{}: the {} part is in charset '{}'; expected UTF-8 or ISO-8859-1",
                                    where(part.header_line), part.type.value, charset));
        }
        if (text.starts_with("\xEF\xBB\xBF")) {
            text.erase(0, 3);
        }
        return text;
    }

    std::vector<std::string_view> lines_;
    std::string_view source_;
    std::vector<Part> parts_;
};

std::vector<std::string_view> split_lines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const auto end = std::min(text.find('\n', begin), text.size());
        auto line = text.substr(begin, end - begin);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        begin = end + 1;
    }
    return lines;
}

bool starts_with_calendar(std::string_view text)
{
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    text = trim(text);
    return text.size() >= 15 && iequals(text.substr(0, 15), "BEGIN:VCALENDAR");
}

}  // namespace

std::string calendar_part(std::string_view mail_or_calendar, std::string_view source)
{
    if (starts_with_calendar(mail_or_calendar)) {
        return std::string(mail_or_calendar);
    }
    auto lines = split_lines(mail_or_calendar);
    // An mbox file starts with a "From sender date" line before the headers.
    const std::size_t first = !lines.empty() && lines.front().starts_with("From ") ? 1 : 0;
    if (first >= lines.size() || !is_header_field(lines[first])) {
        const auto start = first < lines.size() ? lines[first].substr(0, 40) : std::string_view{};
        throw Error(fmt::format("{}:{}: neither a mail nor an iCalendar file (it starts with '{}'); expected an "
                                "answer to an invitation",
                                source, first + 1, start));
    }
    return MailReader(std::move(lines), source).calendar(first);
}

}  // namespace planner::mail
