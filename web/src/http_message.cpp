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
    if (!type || lower(trimmed(type->substr(0, type->find(';')))) != "application/x-www-form-urlencoded") {
        return {};
    }
    return decoded_pairs(body);
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

Response text_response(unsigned status, std::string body)
{
    Response response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.body = std::move(body);
    return response;
}

}  // namespace planner::web
