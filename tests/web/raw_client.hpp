#pragma once
// A client on a plain socket, for the server tests: it sends exactly the bytes a test
// writes (half a request line, an oversized header, a body that never ends) and reads
// the answer without an HTTP library that would smooth over what the server did.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planner::testing {

struct RawResponse {
    unsigned status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;

    [[nodiscard]] std::optional<std::string> header(std::string_view lower_case_name) const;
};

class RawClient {
public:
    // Connects to 127.0.0.1:port; throws std::runtime_error when nobody listens. A
    // small `receive_buffer` (bytes) makes a client that does not read stall the
    // server's writes sooner.
    explicit RawClient(unsigned short port, int receive_buffer = 0);
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;
    ~RawClient();

    // Sends every byte; false when the server has closed the connection.
    bool send(std::string_view bytes);
    // The next response: status line, headers, and a body of Content-Length bytes
    // (none for a HEAD request, `expect_body` false). Nothing when the connection ends
    // or `timeout` passes first.
    std::optional<RawResponse> read_response(bool expect_body = true,
                                             std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // Reads and discards until the server closes the connection; false when it is still
    // open after `timeout`.
    bool closed_within(std::chrono::milliseconds timeout);
    // Everything until the connection ends or `timeout` passes.
    std::string read_all(std::chrono::milliseconds timeout);

private:
    // Reads more into the buffer; false on the end of the connection or the deadline.
    bool fill(std::chrono::steady_clock::time_point deadline);

    int socket_ = -1;
    std::string buffer_;
};

// true when a connection to 127.0.0.1:port is refused.
[[nodiscard]] bool connection_refused(unsigned short port);

}  // namespace planner::testing
