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

// One field of a multipart/form-data body (RFC 7578), as a browser sends a form with a
// file: a file's content is its value, and `filename` the name it had on the sender's
// disk ("" for a field that is not a file).
struct FormPart {
    std::string name;
    std::string filename;
    std::string value;
};

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
    // The body as pairs of either type a browser sends: application/x-www-form-urlencoded,
    // or multipart/form-data (a file's content as its value); empty for another type, or
    // for a body that is not what its type says.
    [[nodiscard]] NameValues form() const;
    // The first value of a form field, or empty.
    [[nodiscard]] std::string form_value(std::string_view name) const;
    // The first part of that name of a multipart/form-data body, with its file name.
    [[nodiscard]] std::optional<FormPart> form_part(std::string_view name) const;
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

// The parts of a multipart/form-data body, whose Content-Type (with its boundary) is
// `content_type`; nothing when it is not that type, or the body is not well formed.
[[nodiscard]] std::optional<std::vector<FormPart>> multipart_parts(std::string_view content_type,
                                                                   std::string_view body);

// A response of plain text (text/plain; charset=utf-8): errors, health checks.
[[nodiscard]] Response text_response(unsigned status, std::string body);

}  // namespace planner::web
