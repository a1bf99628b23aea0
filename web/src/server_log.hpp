#pragma once
// The server's two logs, as JSON lines: the access log (one line per request) and the
// errors of handlers. A line holds the route's pattern, never the path, and never the
// query, a cookie, a header or the body: ids and tokens in paths and queries, and
// sessions in cookies, stay out of the log, and so do the names a page shows.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace planner::web {

struct AccessRecord {
    std::chrono::system_clock::time_point time;  // when the request began
    std::string request_id;
    std::string method;  // as received: "GET"
    std::string route;   // the pattern, "/meetings/{id}"; "-" when none matched
    unsigned status = 0;
    std::uint64_t bytes = 0;  // of the response, as written: fewer when the client went away
    double duration_ms = 0;
    std::string client;  // see Request::client_address
};

// {"time":"2012-10-11T12:00:00.000Z","request_id":...,"method":...,"route":...,
// "status":200,"bytes":1234,"duration_ms":1.5,"client":"127.0.0.1"}, without the line end.
[[nodiscard]] std::string access_log_line(const AccessRecord& record);
// {"time":...,"level":"error","request_id":...,"route":...,"message":...}
[[nodiscard]] std::string error_log_line(std::chrono::system_clock::time_point time, std::string_view request_id,
                                         std::string_view route, std::string_view message);
// "2012-10-11T12:00:00.123Z"
[[nodiscard]] std::string utc_timestamp(std::chrono::system_clock::time_point time);

class ServerLog {
public:
    // Both streams must outlive the log; they may be the same.
    ServerLog(std::ostream& access, std::ostream& errors) : access_(access), errors_(errors) {}

    void request(const AccessRecord& record);
    void error(std::string_view request_id, std::string_view route, std::string_view message);

private:
    std::mutex mutex_;  // one line at a time, whichever thread writes
    std::ostream& access_;
    std::ostream& errors_;
};

}  // namespace planner::web
