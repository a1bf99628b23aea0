#pragma once
// The HTTP/1.1 server: Boost.Beast on one I/O thread with C++20 coroutines, the
// handlers on worker threads that each hold their own store connection (a pool of
// readers, one writer). Everything of Beast and Asio stays in server.cpp (a pimpl), so
// that only that one source pays for compiling them.

#include "route.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace planner::web {

// What one connection may cost the server: the bounds that keep a slow or hostile
// client from holding a connection, a thread or memory for ever.
struct Limits {
    std::size_t header_bytes = std::size_t{8} * 1024;      // request line and headers: 431 beyond
    std::uint64_t body_bytes = std::uint64_t{1024} * 1024;  // 413 beyond
    // From the first byte of a request (the accept, for a connection's first) to its
    // last header line.
    std::chrono::milliseconds header_timeout{10'000};
    std::chrono::milliseconds body_timeout{30'000};  // from the end of the headers to the end of the body
    std::chrono::milliseconds idle_timeout{60'000};  // between requests on a kept-alive connection
    std::chrono::milliseconds write_timeout{30'000};  // a response's writing making no progress
    std::size_t max_connections = 256;                // one more is answered 503 and closed
};

struct ServerSettings {
    std::string host = "127.0.0.1";  // an IP address; "localhost" means 127.0.0.1
    unsigned short port = 8080;      // 0: any free port (see Server::port)
    // The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: IP addresses.
    std::vector<std::string> trusted_proxies;
    std::size_t readers = 4;  // threads, and store connections, for Work::read
    Limits limits;
};

class Server {
public:
    // Opens the store (which must exist) once for every reader and once for the writer,
    // then binds and listens; throws planner::Error when either fails. Connections wait
    // in the listen queue until run(). Both logs must outlive the server: one JSON line
    // per request goes to `access_log`, one per handler failure to `error_log`.
    Server(ServerSettings settings, std::vector<Route> routes, const std::filesystem::path& store,
           std::ostream& access_log, std::ostream& error_log);
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server();

    // The bound port: the one asked for, or the one the system chose for port 0.
    [[nodiscard]] unsigned short port() const;
    // "127.0.0.1:8080", "[::1]:8080": what a URL names after http://.
    [[nodiscard]] std::string address() const;

    // More routes, after those given to the constructor; only before run(), since the
    // table is read without a lock while the server runs.
    void add_routes(std::vector<Route> routes);
    // SIGTERM and SIGINT call stop() (for `planner serve`; tests call stop() themselves).
    void stop_on_signals();

    // Serves on the calling thread (the I/O thread) until stop(); then finishes the
    // requests in flight and returns once every connection is closed.
    void run();
    // Stops accepting, closes the connections that wait for a request, and lets every
    // request already being read or handled finish (its response says Connection:
    // close). Safe from any thread, at any time, also before run().
    void stop();

    // The thread that runs run(), for the test that handlers never run there.
    [[nodiscard]] std::thread::id io_thread_id() const;
    [[nodiscard]] std::size_t open_connections() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace planner::web
