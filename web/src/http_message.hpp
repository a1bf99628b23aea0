#pragma once
// A request and its response as the pages see them: plain values, with nothing of
// Boost.Beast, so that a route can be tested without a socket and the server's parser
// is the only code that reads bytes from the network.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planner::web {

enum class Method { get, head, post };

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct Request {
    Method method = Method::get;
    std::string target;  // as received, for nothing but matching: "/meetings?from=2012-10-01"
    std::string path;    // percent-decoded, without the query: "/meetings"
    NameValues query;    // decoded, in order
    NameValues headers;  // names in lower case
    std::string body;
    // The client: the peer's address, or the X-Forwarded-For address a trusted proxy gave.
    std::string client_address;
    // Whether the client reached the proxy over https (X-Forwarded-Proto from a trusted
    // proxy); false for a direct connection.
    bool secure = false;
    // Unique per request, in the access log and the X-Request-Id header of the response.
    std::string request_id;

    [[nodiscard]] std::optional<std::string_view> header(std::string_view lower_case_name) const;
    [[nodiscard]] std::optional<std::string_view> query_value(std::string_view name) const;
    [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
    // The body as application/x-www-form-urlencoded pairs, decoded; empty for another type.
    [[nodiscard]] NameValues form() const;
    // The first value of a form field, or empty.
    [[nodiscard]] std::string form_value(std::string_view name) const;
};

struct Response {
    unsigned status = 200;
    std::string content_type = "text/html; charset=utf-8";
    NameValues headers;  // Set-Cookie, Location, Content-Disposition, ...
    std::string body;
    // Held back this long before it is sent, by the I/O thread's timer and not by a
    // worker: a failed login is slowed without slowing anyone else.
    std::chrono::milliseconds delay{0};
};

// Decodes %XX and, in a query or form, '+' as a space. Returns nothing for a broken escape.
[[nodiscard]] std::optional<std::string> percent_decoded(std::string_view text, bool plus_is_space);
// "a=1&b=x%20y" as pairs; a pair that does not decode is left out.
[[nodiscard]] NameValues decoded_pairs(std::string_view text);

// A response of plain text (text/plain; charset=utf-8): errors, health checks.
[[nodiscard]] Response text_response(unsigned status, std::string body);

}  // namespace planner::web
