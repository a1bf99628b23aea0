#include "server.hpp"

#include "dispatch.hpp"
#include "forwarding.hpp"
#include "server_log.hpp"
#include "worker_pool.hpp"

#include <planner/error.hpp>

#include <fmt/format.h>

#include <utility>  // before Asio: GCC 12 needs std::exchange declared first

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <csignal>
#include <ctime>
#include <list>
#include <optional>
#include <random>

namespace planner::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using WallClock = std::chrono::system_clock;

// After a response that ends the connection (an error, Connection: close), the server
// stops sending and reads what the client still sends for this long, up to this much,
// before it closes: closing a socket with unread input makes the kernel send a reset,
// which can destroy the response before the client has read it.
constexpr auto linger_time = std::chrono::seconds(2);
constexpr std::size_t linger_bytes = std::size_t{1024} * 1024;
// How long the acceptor pauses after a failed accept (out of file descriptors).
constexpr auto accept_retry = std::chrono::milliseconds(100);

std::optional<Method> method_of(http::verb verb)
{
    switch (verb) {
    case http::verb::get: return Method::get;
    case http::verb::head: return Method::head;
    case http::verb::post: return Method::post;
    default: return std::nullopt;
    }
}

// Parse errors of the request (an answer of 400 is due) as against the connection's
// own end, a timeout or a reset (nobody to answer).
bool is_bad_request(const beast::error_code& error)
{
    return error.category() == http::make_error_code(http::error::bad_target).category() &&
           error != http::error::end_of_stream && error != http::error::partial_message;
}

bool breaks_header(std::string_view text)
{
    return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool is_token(std::string_view name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) !=
                                           std::string_view::npos;
    });
}

bool iequal(std::string_view a, std::string_view b)
{
    return beast::iequals(a, b);
}

// RFC 9110's IMF-fixdate: "Thu, 11 Oct 2012 12:00:00 GMT".
std::string http_date(WallClock::time_point time)
{
    const std::time_t now = WallClock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&now, &utc);
    static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", days.at(static_cast<std::size_t>(utc.tm_wday)),
                       utc.tm_mday, months.at(static_cast<std::size_t>(utc.tm_mon)), utc.tm_year + 1900, utc.tm_hour,
                       utc.tm_min, utc.tm_sec);
}

// The response as Beast writes it, with the headers every response carries. A header
// that would break the message (a line end, a name that is not a token) is the
// handler's error, not something to send.
http::response<http::string_body> to_message(Response response, unsigned version, const std::string& request_id,
                                             bool keep_alive)
{
    if (response.status < 100 || response.status > 599) {
        throw Error(fmt::format("the handler answered status {}, which is not an HTTP status", response.status));
    }
    if (breaks_header(response.content_type)) {
        throw Error("the handler's content type holds a line end");
    }
    http::response<http::string_body> message;
    message.version(version);
    message.result(response.status);
    // A 304 has no body, and so no type of one.
    if (!response.content_type.empty()) {
        message.set(http::field::content_type, response.content_type);
    }
    bool cache_control = false;
    for (const auto& [name, value] : response.headers) {
        if (!is_token(name) || breaks_header(value)) {
            throw Error(fmt::format("the handler's header '{}' is not a header name, or its value holds a line end",
                                    name));
        }
        cache_control = cache_control || iequal(name, "cache-control");
        message.insert(name, value);
    }
    message.set("X-Content-Type-Options", "nosniff");
    if (!cache_control) {
        message.set(http::field::cache_control, "no-store");
    }
    message.set("X-Request-Id", request_id);
    message.set(http::field::date, http_date(WallClock::now()));
    message.keep_alive(keep_alive);
    message.body() = std::move(response.body);
    message.prepare_payload();
    return message;
}

std::string endpoint_text(const tcp::endpoint& endpoint)
{
    const auto address = endpoint.address();
    return address.is_v6() ? fmt::format("[{}]:{}", address.to_string(), endpoint.port())
                            : fmt::format("{}:{}", address.to_string(), endpoint.port());
}

// What the exchange of one request leaves the connection to do.
enum class After { next_request, close_after_linger, close };

// A connection as stop() sees it: while it waits for the start of a request it holds
// nothing in flight and is closed at once.
struct OpenConnection {
    beast::tcp_stream* stream = nullptr;
    bool waiting_for_request = true;
};

}  // namespace

struct Server::State {
    State(ServerSettings server_settings, std::vector<Route> route_table, const std::filesystem::path& store,
          std::ostream& access_log, std::ostream& error_log)
        : settings(std::move(server_settings)),
          routes(std::move(route_table)),
          trust(settings.trusted_proxies),
          log(access_log, error_log),
          readers(store, std::max<std::size_t>(settings.readers, 1)),
          writer(store, 1),
          acceptor(io)
    {
        listen();
    }
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    ~State()
    {
        // The pools' last completions are posted to `io`, which outlives this body.
        readers.stop();
        writer.stop();
    }

    void listen();
    void begin_stop();
    std::string new_request_id() { return fmt::format("{:016x}", request_ids()); }

    asio::awaitable<void> accept_connections();
    asio::awaitable<void> serve_connection(tcp::socket socket);
    asio::awaitable<void> refuse_connection(tcp::socket socket);
    asio::awaitable<After> exchange(beast::tcp_stream& stream, beast::flat_buffer& buffer, const std::string& peer,
                                    Clock::time_point header_deadline);
    asio::awaitable<Response> handled(const Route& route, const Request& request, const PathParameters& parameters);
    asio::awaitable<After> respond(beast::tcp_stream& stream, AccessRecord& record, Clock::time_point began,
                                   Response response, unsigned version, bool keep_alive, bool head);
    asio::awaitable<void> linger_and_close(beast::tcp_stream& stream);

    ServerSettings settings;
    std::vector<Route> routes;
    ProxyTrust trust;
    ServerLog log;
    WorkerPool readers;
    WorkerPool writer;
    asio::io_context io{1};  // one I/O thread: what follows is touched by it alone
    tcp::acceptor acceptor;
    tcp::endpoint bound;  // kept: the acceptor forgets it when stop() closes it
    std::optional<asio::signal_set> signals;
    bool stopping = false;
    std::list<OpenConnection*> open;
    std::size_t refusing = 0;
    std::mt19937_64 request_ids{std::random_device{}()};
    std::atomic<std::size_t> connections{0};  // read by tests from other threads
    std::atomic<std::thread::id> io_thread{};
};

void Server::State::listen()
{
    const auto where = fmt::format("{}:{}", settings.host, settings.port);
    beast::error_code error;
    const auto address = asio::ip::make_address(settings.host == "localhost" ? "127.0.0.1" : settings.host, error);
    if (error) {
        throw Error(fmt::format("cannot listen on {}: '{}' is not an IP address", where, settings.host));
    }
    const tcp::endpoint endpoint(address, settings.port);
    acceptor.open(endpoint.protocol(), error);
    if (!error) {
        acceptor.set_option(asio::socket_base::reuse_address(true), error);
    }
    if (!error) {
        acceptor.bind(endpoint, error);
    }
    if (!error) {
        acceptor.listen(asio::socket_base::max_listen_connections, error);
    }
    if (!error) {
        bound = acceptor.local_endpoint(error);
    }
    if (error) {
        throw Error(fmt::format("cannot listen on {}: {}", where, error.message()));
    }
}

void Server::State::begin_stop()
{
    if (stopping) {
        return;
    }
    stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    if (signals) {
        signals->cancel(ignored);
    }
    for (auto* connection : open) {
        if (connection->waiting_for_request) {
            connection->stream->cancel();
        }
    }
}

asio::awaitable<void> Server::State::accept_connections()
{
    while (!stopping) {
        beast::error_code error;
        auto socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, error));
        if (stopping) {
            break;
        }
        if (error) {
            // Out of file descriptors, most likely: wait rather than spin.
            log.error("-", "-", fmt::format("cannot accept a connection: {}", error.message()));
            asio::steady_timer pause(io, accept_retry);
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, error));
            continue;
        }
        if (connections.load() >= settings.limits.max_connections) {
            // Beyond the cap, answered 503 while the refusals are few; closed unanswered
            // once they are as many as the connections served.
            if (refusing < settings.limits.max_connections) {
                asio::co_spawn(io, refuse_connection(std::move(socket)), asio::detached);
            }
            continue;
        }
        ++connections;
        asio::co_spawn(io, serve_connection(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> Server::State::serve_connection(tcp::socket socket)
{
    const auto accepted = Clock::now();
    beast::tcp_stream stream(std::move(socket));
    OpenConnection connection{&stream, true};
    open.push_front(&connection);
    const auto registered = open.begin();
    try {
        beast::error_code error;
        const auto peer_endpoint = stream.socket().remote_endpoint(error);
        const std::string peer = error ? std::string("-") : peer_endpoint.address().to_string();
        beast::flat_buffer buffer;
        bool first = true;
        auto after = After::next_request;
        while (after == After::next_request && !stopping) {
            // Wait for the first byte of a request: on a kept-alive connection this is
            // the idle time, and stop() may close the connection meanwhile.
            if (buffer.size() == 0) {
                connection.waiting_for_request = true;
                stream.expires_at(first ? accepted + settings.limits.header_timeout
                                        : Clock::now() + settings.limits.idle_timeout);
                const auto received = co_await stream.async_read_some(
                    buffer.prepare(settings.limits.header_bytes), asio::redirect_error(asio::use_awaitable, error));
                connection.waiting_for_request = false;
                if (error) {
                    break;
                }
                buffer.commit(received);
            }
            const auto header_deadline = first ? accepted + settings.limits.header_timeout
                                               : Clock::now() + settings.limits.header_timeout;
            first = false;
            after = co_await exchange(stream, buffer, peer, header_deadline);
        }
        if (after == After::close_after_linger) {
            co_await linger_and_close(stream);
        }
    } catch (const std::exception& failure) {
        log.error("-", "-", fmt::format("connection dropped: {}", failure.what()));
    }
    open.erase(registered);
    --connections;
}

asio::awaitable<void> Server::State::refuse_connection(tcp::socket socket)
{
    ++refusing;
    try {
        beast::tcp_stream stream(std::move(socket));
        beast::error_code error;
        const auto peer = stream.socket().remote_endpoint(error);
        AccessRecord record{WallClock::now(), new_request_id(), "-", "-", 0, 0, 0,
                            error ? std::string("-") : peer.address().to_string()};
        auto busy = text_response(503, "The planner is busy. Please try again in a moment.\n");
        busy.headers.emplace_back("Retry-After", "5");
        if (co_await respond(stream, record, Clock::now(), std::move(busy), 11, false, false) != After::close) {
            co_await linger_and_close(stream);
        }
    } catch (const std::exception& failure) {
        log.error("-", "-", fmt::format("connection dropped: {}", failure.what()));
    }
    --refusing;
}

asio::awaitable<After> Server::State::exchange(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                               const std::string& peer, Clock::time_point header_deadline)
{
    const auto began = Clock::now();
    AccessRecord record{WallClock::now(), new_request_id(), "-", "-", 0, 0, 0, peer};
    const auto refuse = [&](unsigned status, std::string text) -> asio::awaitable<After> {
        const auto after = co_await respond(stream, record, began, text_response(status, std::move(text)), 11, false,
                                            false);
        co_return after == After::close ? After::close : After::close_after_linger;
    };

    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(settings.limits.header_bytes));
    parser.body_limit(settings.limits.body_bytes);
    beast::error_code error;
    stream.expires_at(header_deadline);
    co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
    if (parser.is_header_done()) {
        record.method = std::string(parser.get().method_string());
    }
    if (error == http::error::header_limit) {
        co_return co_await refuse(431, fmt::format("The request's headers are longer than the {} bytes allowed.\n",
                                                   settings.limits.header_bytes));
    }
    if (error == http::error::body_limit) {
        co_return co_await refuse(413, fmt::format("The request's body is longer than the {} bytes allowed.\n",
                                                   settings.limits.body_bytes));
    }
    if (error) {
        co_return is_bad_request(error) ? co_await refuse(400, "The request is not HTTP/1.1.\n") : After::close;
    }

    if (!parser.is_done()) {
        if (iequal(parser.get()[http::field::expect], "100-continue")) {
            http::response<http::empty_body> go_on(http::status::continue_, parser.get().version());
            stream.expires_after(settings.limits.write_timeout);
            co_await http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, error));
            if (error) {
                co_return After::close;
            }
        }
        stream.expires_after(settings.limits.body_timeout);
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
        if (error == http::error::body_limit) {
            co_return co_await refuse(413, fmt::format("The request's body is longer than the {} bytes allowed.\n",
                                                       settings.limits.body_bytes));
        }
        if (error) {
            co_return is_bad_request(error) ? co_await refuse(400, "The request's body is not HTTP/1.1.\n")
                                            : After::close;
        }
    }

    auto message = parser.release();
    const bool keep_alive = message.keep_alive() && !stopping;
    const bool head = message.method() == http::verb::head;
    const auto answer = [&](Response response) {
        return respond(stream, record, began, std::move(response), message.version(), keep_alive, head);
    };
    const auto target = read_target(message.target());
    if (!target) {
        co_return co_await answer(text_response(400, "The request's path is not one the planner serves.\n"));
    }
    auto choice = choose_route(routes, method_of(message.method()), target->path);
    if (choice.route == nullptr) {
        if (choice.allowed.empty()) {
            co_return co_await answer(text_response(404, "Not found.\n"));
        }
        auto not_allowed = text_response(405, "The method is not allowed here.\n");
        not_allowed.headers.emplace_back("Allow", choice.allowed);
        co_return co_await answer(std::move(not_allowed));
    }
    record.route = choice.route->pattern;

    Request request;
    request.method = *method_of(message.method());
    request.target = std::string(message.target());
    request.path = target->path;
    request.query = target->query;
    for (const auto& field : message) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(message.body());
    auto origin = trust.origin(peer, request.headers);
    record.client = origin.address;
    request.client_address = std::move(origin.address);
    request.secure = origin.secure;
    request.request_id = record.request_id;

    Response response;
    try {
        response = co_await handled(*choice.route, request, choice.parameters);
    } catch (const NotFound&) {
        // Not logged, and its message is not shown: it may name other records.
        response = text_response(404, "Not found.\n");
    } catch (const std::exception& failure) {
        log.error(record.request_id, record.route, failure.what());
        response = text_response(500, fmt::format("The planner failed to answer this request. If it happens again, "
                                                  "tell the administrator the request id {}.\n",
                                                  record.request_id));
    }
    if (response.delay.count() > 0) {
        asio::steady_timer pause(co_await asio::this_coro::executor, response.delay);
        beast::error_code ignored;
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    }
    co_return co_await answer(std::move(response));
}

asio::awaitable<Response> Server::State::handled(const Route& route, const Request& request,
                                                 const PathParameters& parameters)
{
    // The handler runs on a worker with its own store connection; this coroutine
    // waits, without holding the I/O thread, and resumes on it with the response or
    // the handler's exception.
    auto& pool = route.work == Work::write ? writer : readers;
    co_return co_await asio::co_spawn(
        pool.executor(),
        [&route, &request, &parameters]() -> asio::awaitable<Response> {
            co_return route.handler(request, parameters, WorkerPool::store());
        },
        asio::use_awaitable);
}

asio::awaitable<After> Server::State::respond(beast::tcp_stream& stream, AccessRecord& record,
                                              Clock::time_point began, Response response, unsigned version,
                                              bool keep_alive, bool head)
{
    keep_alive = keep_alive && !stopping;  // stop() may have come while the handler ran
    http::response<http::string_body> message;
    try {
        message = to_message(std::move(response), version, record.request_id, keep_alive);
    } catch (const std::exception& failure) {
        log.error(record.request_id, record.route, failure.what());
        message = to_message(text_response(500, "The planner failed to answer this request.\n"), version,
                             record.request_id, keep_alive);
    }
    if (head) {
        message.body().clear();  // Content-Length stays that of the GET
    }
    record.status = message.result_int();

    // The timeout is for progress: a large response to a slow client may take long, a
    // client that reads nothing is dropped after write_timeout.
    http::response_serializer<http::string_body> serializer(message);
    beast::error_code error;
    while (!serializer.is_done() && !error) {
        stream.expires_after(settings.limits.write_timeout);
        record.bytes += co_await http::async_write_some(stream, serializer,
                                                        asio::redirect_error(asio::use_awaitable, error));
    }
    record.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - began).count();
    log.request(record);
    if (error) {
        co_return After::close;
    }
    co_return keep_alive ? After::next_request : After::close_after_linger;
}

asio::awaitable<void> Server::State::linger_and_close(beast::tcp_stream& stream)
{
    beast::error_code error;
    stream.socket().shutdown(tcp::socket::shutdown_send, error);
    stream.expires_after(linger_time);
    std::array<char, 4096> discarded{};
    std::size_t drained = 0;
    while (!error && drained < linger_bytes) {
        drained += co_await stream.async_read_some(asio::buffer(discarded),
                                                   asio::redirect_error(asio::use_awaitable, error));
    }
    stream.close();
}

Server::Server(ServerSettings settings, std::vector<Route> routes, const std::filesystem::path& store,
               std::ostream& access_log, std::ostream& error_log)
    : state_(std::make_unique<State>(std::move(settings), std::move(routes), store, access_log, error_log))
{
}

Server::~Server() = default;

unsigned short Server::port() const
{
    return state_->bound.port();
}

std::string Server::address() const
{
    return endpoint_text(state_->bound);
}

void Server::add_routes(std::vector<Route> routes)
{
    std::move(routes.begin(), routes.end(), std::back_inserter(state_->routes));
}

void Server::stop_on_signals()
{
    auto& state = *state_;
    state.signals.emplace(state.io, SIGTERM, SIGINT);
    state.signals->async_wait([&state](const beast::error_code& error, int) {
        if (!error) {
            state.begin_stop();
        }
    });
}

void Server::run()
{
    auto& state = *state_;
    state.io_thread = std::this_thread::get_id();
    asio::co_spawn(state.io, state.accept_connections(), asio::detached);
    state.io.run();
}

void Server::stop()
{
    asio::post(state_->io, [&state = *state_] { state.begin_stop(); });
}

std::thread::id Server::io_thread_id() const
{
    return state_->io_thread.load();
}

std::size_t Server::open_connections() const
{
    return state_->connections.load();
}

}  // namespace planner::web
