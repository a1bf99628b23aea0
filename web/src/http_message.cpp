#include "http_message.hpp"

#include <algorithm>
#include <cctype>

namespace planner::web {
namespace {

std::optional<int> hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return std::nullopt;
}

std::string_view trimmed(std::string_view text)
{
    const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view lower_case_name) const
{
    for (const auto& [name, value] : headers) {
        if (name == lower_case_name) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> Request::query_value(std::string_view name) const
{
    for (const auto& [key, value] : query) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view wanted) const
{
    // RFC 6265 5.4: "name=value; name2=value2". A proxy speaking HTTP/2 to the browser
    // may pass several Cookie lines, so every one is searched.
    for (const auto& [name, value] : headers) {
        if (name != "cookie") {
            continue;
        }
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto end = rest.find(';');
            const auto pair = trimmed(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            const auto equals = pair.find('=');
            if (equals == std::string_view::npos || trimmed(pair.substr(0, equals)) != wanted) {
                continue;
            }
            auto cookie_value = trimmed(pair.substr(equals + 1));
            if (cookie_value.size() >= 2 && cookie_value.front() == '"' && cookie_value.back() == '"') {
                cookie_value = cookie_value.substr(1, cookie_value.size() - 2);
            }
            return std::string(cookie_value);
        }
    }
    return std::nullopt;
}

NameValues Request::form() const
{
    const auto type = header("content-type");
    if (!type) {
        return {};
    }
    if (lower(trimmed(type->substr(0, type->find(';')))) == "application/x-www-form-urlencoded") {
        return decoded_pairs(body);
    }
    NameValues pairs;
    if (auto parts = multipart_parts(*type, body)) {
        for (auto& part : *parts) {
            pairs.emplace_back(std::move(part.name), std::move(part.value));
        }
    }
    return pairs;
}

std::optional<FormPart> Request::form_part(std::string_view name) const
{
    const auto type = header("content-type");
    if (!type) {
        return std::nullopt;
    }
    if (auto parts = multipart_parts(*type, body)) {
        for (auto& part : *parts) {
            if (part.name == name) {
                return std::move(part);
            }
        }
    }
    return std::nullopt;
}

std::string Request::form_value(std::string_view name) const
{
    for (auto& [key, value] : form()) {
        if (key == name) {
            return std::move(value);
        }
    }
    return {};
}

std::optional<std::string> percent_decoded(std::string_view text, bool plus_is_space)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) {  // fewer than two digits follow
                return std::nullopt;
            }
            const auto high = hex_digit(text[i + 1]);
            const auto low = hex_digit(text[i + 2]);
            if (!high || !low) {
                return std::nullopt;
            }
            out += static_cast<char>(*high * 16 + *low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

NameValues decoded_pairs(std::string_view text)
{
    NameValues pairs;
    while (!text.empty()) {
        const auto end = text.find('&');
        const auto pair = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (pair.empty()) {
            continue;
        }
        const auto equals = pair.find('=');
        auto name = percent_decoded(pair.substr(0, equals), true);
        auto value = equals == std::string_view::npos ? std::optional<std::string>(std::string{})
                                                      : percent_decoded(pair.substr(equals + 1), true);
        if (name && value) {
            pairs.emplace_back(std::move(*name), std::move(*value));
        }
    }
    return pairs;
}

namespace {

// The value of a parameter of a header such as `form-data; name="file"; filename="a.toml"`
// or `multipart/form-data; boundary=x`: a token, or a quoted string. Browsers write a
// quote in a name as %22 and a backslash as it is ("C:\fakepath\a.toml"), so nothing
// is an escape and a value ends at the next quote. Nothing when the parameter is
// missing or its quotes are not closed.
std::optional<std::string> header_parameter(std::string_view header, std::string_view wanted)
{
    auto rest = header.substr(std::min(header.find(';'), header.size()));
    while (!rest.empty()) {
        rest.remove_prefix(1);  // the ';'
        rest = trimmed(rest);
        const auto equals = rest.find('=');
        const auto semicolon = rest.find(';');
        if (equals == std::string_view::npos || equals > semicolon) {
            rest = rest.substr(std::min(semicolon, rest.size()));
            continue;
        }
        const auto name = lower(trimmed(rest.substr(0, equals)));
        rest = trimmed(rest.substr(equals + 1));
        std::string value;
        if (!rest.empty() && rest.front() == '"') {
            std::size_t i = 1;
            for (; i < rest.size() && rest[i] != '"'; ++i) {
                value += rest[i];
            }
            if (i >= rest.size()) {
                return std::nullopt;
            }
            rest = rest.substr(i + 1);
            rest = rest.substr(std::min(rest.find(';'), rest.size()));
        } else {
            const auto end = std::min(rest.find(';'), rest.size());
            value = std::string(trimmed(rest.substr(0, end)));
            rest = rest.substr(end);
        }
        if (name == wanted) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::vector<FormPart>> multipart_parts(std::string_view content_type, std::string_view body)
{
    if (lower(trimmed(content_type.substr(0, content_type.find(';')))) != "multipart/form-data") {
        return std::nullopt;
    }
    const auto boundary = header_parameter(content_type, "boundary");
    // RFC 2046 5.1.1: 1 to 70 characters.
    if (!boundary || boundary->empty() || boundary->size() > 70) {
        return std::nullopt;
    }
    const std::string delimiter = "--" + *boundary;
    const std::string next_delimiter = "\r\n" + delimiter;
    // The first delimiter opens the body, or a line after a preamble.
    std::size_t at = 0;
    if (body.substr(0, delimiter.size()) != delimiter) {
        at = body.find(next_delimiter);
        if (at == std::string_view::npos) {
            return std::nullopt;
        }
        at += 2;
    }
    at += delimiter.size();
    std::vector<FormPart> parts;
    while (true) {
        if (body.substr(at, 2) == "--") {
            return parts;  // the close delimiter; what follows is an epilogue
        }
        // Padding may follow a delimiter before its line ends (RFC 2046).
        while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) {
            ++at;
        }
        if (body.substr(at, 2) != "\r\n") {
            return std::nullopt;
        }
        at += 2;
        const auto headers_end = body.find("\r\n\r\n", at);
        if (headers_end == std::string_view::npos && body.substr(at, 2) != "\r\n") {
            return std::nullopt;
        }
        // A part without headers starts with its empty line at once.
        const auto headers = headers_end == std::string_view::npos || body.substr(at, 2) == "\r\n"
                                 ? std::string_view{}
                                 : body.substr(at, headers_end - at);
        const auto content_start = headers.empty() ? at + 2 : headers_end + 4;
        const auto content_end = body.find(next_delimiter, content_start);
        if (content_end == std::string_view::npos) {
            return std::nullopt;
        }
        FormPart part;
        bool named = false;
        std::string_view lines = headers;
        while (!lines.empty()) {
            const auto end = std::min(lines.find("\r\n"), lines.size());
            const auto line = lines.substr(0, end);
            lines = lines.substr(std::min(end + 2, lines.size()));
            const auto colon = line.find(':');
            if (colon == std::string_view::npos) {
                return std::nullopt;
            }
            if (lower(trimmed(line.substr(0, colon))) != "content-disposition") {
                continue;
            }
            const auto disposition = trimmed(line.substr(colon + 1));
            if (lower(trimmed(disposition.substr(0, disposition.find(';')))) != "form-data") {
                return std::nullopt;
            }
            auto name = header_parameter(disposition, "name");
            if (!name) {
                return std::nullopt;
            }
            part.name = std::move(*name);
            part.filename = header_parameter(disposition, "filename").value_or("");
            named = true;
        }
        if (!named) {
            return std::nullopt;  // RFC 7578 4.2: every part has a Content-Disposition with a name
        }
        part.value = std::string(body.substr(content_start, content_end - content_start));
        parts.push_back(std::move(part));
        at = content_end + next_delimiter.size();
    }
}

Response text_response(unsigned status, std::string body)
{
    Response response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.body = std::move(body);
    return response;
}

}  // namespace planner::web
