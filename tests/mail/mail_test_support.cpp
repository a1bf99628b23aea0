#include "mail_test_support.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace planner::mail::testing {
namespace {

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return text;
}

// Splits "headers CRLF CRLF body" and unfolds the headers.
std::map<std::string, std::string> read_headers(std::string_view block, std::vector<std::string>* lines = nullptr)
{
    std::map<std::string, std::string> headers;
    std::string last;
    std::size_t begin = 0;
    while (begin < block.size()) {
        const auto end = std::min(block.find("\r\n", begin), block.size());
        const std::string line(block.substr(begin, end - begin));
        if (lines != nullptr) {
            lines->push_back(line);
        }
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            headers[last] += line;  // unfolding removes only the CRLF
        } else {
            const auto colon = line.find(':');
            last = lower(line.substr(0, colon));
            headers[last] = line.substr(std::min(colon + 2, line.size()));
        }
        begin = end + 2;
    }
    return headers;
}

std::string parameter(const std::string& value, const std::string& name)
{
    const auto at = value.find(name + "=");
    if (at == std::string::npos) {
        return {};
    }
    auto rest = value.substr(at + name.size() + 1);
    if (rest.starts_with('"')) {
        return rest.substr(1, rest.find('"', 1) - 1);
    }
    return rest.substr(0, rest.find(';'));
}

}  // namespace

ParsedMail parse_mail(const std::string& mail)
{
    ParsedMail parsed;
    const auto blank = mail.find("\r\n\r\n");
    if (blank == std::string::npos) {
        throw std::runtime_error("no blank line after the headers");
    }
    parsed.headers = read_headers(std::string_view(mail).substr(0, blank), &parsed.header_lines);
    // Each delimiter line starts with the CRLF that ends the line before it (RFC 2046
    // 5.1.1), so a part is what lies between "CRLF--boundary CRLF" and the next CRLF--.
    const auto delimiter = "\r\n--" + parameter(parsed.headers["content-type"], "boundary");
    const std::string body = "\r\n" + mail.substr(blank + 4);
    auto at = body.find(delimiter + "\r\n");
    while (at != std::string::npos) {
        const auto begin = at + delimiter.size() + 2;
        const auto next = body.find(delimiter, begin);
        if (next == std::string::npos) {
            throw std::runtime_error("a multipart without its closing delimiter");
        }
        const auto part = std::string_view(body).substr(begin, next - begin);
        const auto part_blank = part.find("\r\n\r\n");
        parsed.parts.push_back(
            ParsedPart{read_headers(part.substr(0, part_blank)), std::string(part.substr(part_blank + 4))});
        at = body.compare(next, delimiter.size() + 2, delimiter + "\r\n") == 0 ? next : std::string::npos;
    }
    return parsed;
}

std::string decode_quoted_printable(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
        } else if (text.substr(i + 1, 2) == "\r\n") {
            i += 2;  // soft line break
        } else {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        }
    }
    return out;
}

std::string decode_header(std::string_view value)
{
    std::string out;
    bool after_word = false;
    std::size_t i = 0;
    while (i < value.size()) {
        if (value.substr(i, 10) == "=?UTF-8?B?") {
            const auto end = value.find("?=", i + 10);
            out += decode_base64(value.substr(i + 10, end - i - 10));
            i = end + 2;
            after_word = true;
            continue;
        }
        const auto next = value.find("=?UTF-8?B?", i);
        const auto gap = value.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
        const bool blank = gap.find_first_not_of(" \t\r\n") == std::string_view::npos;
        if (!(after_word && blank && next != std::string_view::npos)) {
            out += gap;
        }
        i += gap.size();
        after_word = false;
    }
    return out;
}

}  // namespace planner::mail::testing
