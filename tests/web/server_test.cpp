#include "server.hpp"

#include "raw_client.hpp"

#include <planner/db/store.hpp>
#include <planner/error.hpp>

#include <run_planner.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

namespace planner::web {
namespace {

using namespace std::chrono_literals;
using planner::testing::RawClient;
using planner::testing::RawResponse;
using planner::testing::TemporaryDirectory;
using Clock = std::chrono::steady_clock;

// Where a handler waits until the test lets it go, and counts who arrived.
class Gate {
public:
    void pass()
    {
        std::unique_lock lock(mutex_);
        ++arrived_;
        changed_.notify_all();
        changed_.wait_for(lock, 10s, [&] { return open_; });
    }
    bool wait_for_arrivals(int count, std::chrono::milliseconds timeout = 5s)
    {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return arrived_ >= count; });
    }
    int arrived()
    {
        const std::lock_guard lock(mutex_);
        return arrived_;
    }
    void open()
    {
        const std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int arrived_ = 0;
    bool open_ = false;
};

constexpr std::size_t big_body_bytes = std::size_t{32} * 1024 * 1024;

// The routes the tests ask for; each names what it shows.
struct TestRoutes {
    Gate read_gate;
    Gate write_gate;
    std::atomic<std::thread::id> handler_thread{};

    std::vector<Route> table()
    {
        const auto text = [](std::string body) {
            return [body](const Request&, const PathParameters&, db::Store&) { return text_response(200, body); };
        };
        return {
            {Method::get, "/hello", Work::read, text("hello")},
            {Method::get, "/items/{id}", Work::read, text("an item")},
            {Method::get, "/echo/{name}", Work::read, echo},
            {Method::post, "/echo", Work::write,
             [](const Request& request, const PathParameters&, db::Store&) { return text_response(200, request.body); }},
            {Method::get, "/thread", Work::read,
             [this](const Request&, const PathParameters&, db::Store&) {
                 handler_thread = std::this_thread::get_id();
                 return text_response(200, "seen");
             }},
            {Method::get, "/slow", Work::read,
             [this](const Request&, const PathParameters&, db::Store&) {
                 read_gate.pass();
                 return text_response(200, "finished");
             }},
            {Method::post, "/slow", Work::write,
             [this](const Request&, const PathParameters&, db::Store&) {
                 write_gate.pass();
                 return text_response(200, "written");
             }},
            {Method::get, "/fail", Work::read,
             [](const Request&, const PathParameters&, db::Store&) -> Response {
                 throw Error("the store is on fire");
             }},
            {Method::get, "/missing", Work::read,
             [](const Request&, const PathParameters&, db::Store&) -> Response {
                 throw NotFound("unknown meeting 'x'; the store has: private-meeting-1, private-meeting-2");
             }},
            {Method::get, "/big", Work::read,
             [](const Request&, const PathParameters&, db::Store&) {
                 return text_response(200, std::string(big_body_bytes, 'x'));
             }},
            {Method::get, "/cached", Work::read,
             [](const Request&, const PathParameters&, db::Store&) {
                 auto response = text_response(200, "static");
                 response.headers.emplace_back("Cache-Control", "max-age=60");
                 return response;
             }},
            {Method::get, "/split", Work::read,
             [](const Request&, const PathParameters&, db::Store&) {
                 auto response = text_response(200, "split");
                 response.headers.emplace_back("Location", "/x\r\nSet-Cookie: planted=1");
                 return response;
             }},
            {Method::get, "/delayed", Work::read,
             [](const Request&, const PathParameters&, db::Store&) {
                 auto response = text_response(401, "slowed");
                 response.delay = std::chrono::milliseconds(1500);
                 return response;
             }},
            {Method::get, "/store", Work::read,
             [](const Request&, const PathParameters&, db::Store& store) {
                 return text_response(200, std::to_string(store.schema_version()));
             }},
        };
    }

    // What the server made of the request, one line each.
    static Response echo(const Request& request, const PathParameters& parameters, db::Store&)
    {
        std::string body = "name=" + parameters["name"] + "\npath=" + request.path + "\ntarget=" + request.target +
                           "\nquery=";
        for (const auto& [name, value] : request.query) {
            body += name + ":" + value + ",";
        }
        for (const auto& [name, value] : request.headers) {
            body += "\nheader=" + name + ":" + value;
        }
        body += "\nclient=" + request.client_address + "\nsecure=" + (request.secure ? "1" : "0") +
                "\nrequest_id=" + request.request_id;
        return text_response(200, body);
    }
};

// A server on an ephemeral loopback port, running on its own thread, over a fresh
// store file.
class RunningServer {
public:
    explicit RunningServer(TestRoutes& routes, ServerSettings settings = {})
    {
        const auto store = directory_ / "planner.db";
        { db::Store create(store, db::OpenMode::create_if_missing); }
        settings.host = "127.0.0.1";
        settings.port = 0;
        server_.emplace(std::move(settings), routes.table(), store, access_, errors_);
        finished_ = std::async(std::launch::async, [this] { server_->run(); });
    }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;
    ~RunningServer() { static_cast<void>(stop_within(10s)); }

    [[nodiscard]] unsigned short port() const { return server_->port(); }
    [[nodiscard]] Server& server() { return *server_; }

    // Stops the server; true once run() has returned within `timeout`.
    bool stop_within(std::chrono::milliseconds timeout)
    {
        if (!finished_.valid()) {
            return true;
        }
        server_->stop();
        if (finished_.wait_for(timeout) != std::future_status::ready) {
            return false;
        }
        finished_.get();
        return true;
    }
    // Both logs; only once stopped, as the server writes them from its thread.
    [[nodiscard]] std::string access_log() const { return access_.str(); }
    [[nodiscard]] std::string error_log() const { return errors_.str(); }

private:
    TemporaryDirectory directory_;
    std::ostringstream access_;
    std::ostringstream errors_;
    std::optional<Server> server_;
    std::future<void> finished_;
};

std::string get(const std::string& target, const std::string& headers = "")
{
    return "GET " + target + " HTTP/1.1\r\nHost: planner.test\r\n" + headers + "\r\n";
}

std::string post(const std::string& target, const std::string& body, const std::string& headers = "")
{
    return "POST " + target + " HTTP/1.1\r\nHost: planner.test\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n" + headers + "\r\n" + body;
}

RawResponse exchange(unsigned short port, const std::string& request, bool expect_body = true)
{
    RawClient client(port);
    EXPECT_TRUE(client.send(request));
    auto response = client.read_response(expect_body);
    if (!response) {
        ADD_FAILURE() << "no response to " << request;
        return {};
    }
    return *response;
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (!condition()) {
        if (Clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST(ServerTest, AnswersWithTheHeadersEveryResponseCarries)
{
    TestRoutes routes;
    RunningServer server(routes);
    const auto response = exchange(server.port(), get("/hello"));
    EXPECT_EQ(response.status, 200U);
    EXPECT_EQ(response.body, "hello");
    EXPECT_EQ(response.header("content-type"), "text/plain; charset=utf-8");
    EXPECT_EQ(response.header("content-length"), "5");
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(response.header("cache-control"), "no-store");
    ASSERT_TRUE(response.header("x-request-id"));
    EXPECT_EQ(response.header("x-request-id")->size(), 16U);
    EXPECT_EQ(response.header("x-request-id")->find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_TRUE(response.header("date"));
}

TEST(ServerTest, EveryRequestHasItsOwnId)
{
    TestRoutes routes;
    RunningServer server(routes);
    EXPECT_NE(exchange(server.port(), get("/hello")).header("x-request-id"),
              exchange(server.port(), get("/hello")).header("x-request-id"));
}

TEST(ServerTest, KeepsACacheControlTheRouteSet)
{
    TestRoutes routes;
    RunningServer server(routes);
    const auto response = exchange(server.port(), get("/cached"));
    EXPECT_EQ(response.header("cache-control"), "max-age=60");
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
}

TEST(ServerTest, GivesTheHandlerADecodedRequest)
{
    TestRoutes routes;
    RunningServer server(routes);
    const auto response =
        exchange(server.port(), get("/echo/caf%C3%A9?b=2&a=x+y%26z", "X-Mixed-Case: Value\r\nCookie: s=1\r\n"));
    EXPECT_EQ(response.status, 200U);
    const auto& body = response.body;
    EXPECT_NE(body.find("name=café\n"), std::string::npos) << body;
    EXPECT_NE(body.find("path=/echo/café\n"), std::string::npos) << body;
    EXPECT_NE(body.find("target=/echo/caf%C3%A9?b=2&a=x+y%26z\n"), std::string::npos) << body;
    EXPECT_NE(body.find("query=b:2,a:x y&z,"), std::string::npos) << body;
    EXPECT_NE(body.find("header=x-mixed-case:Value\n"), std::string::npos) << body;
    EXPECT_NE(body.find("header=cookie:s=1\n"), std::string::npos) << body;
    EXPECT_NE(body.find("client=127.0.0.1\nsecure=0\n"), std::string::npos) << body;
    EXPECT_NE(body.find("request_id=" + response.header("x-request-id").value_or("?")), std::string::npos) << body;
}

TEST(ServerTest, BelievesForwardedHeadersFromATrustedProxyOnly)
{
    TestRoutes routes;
    const std::string forwarded = "X-Forwarded-For: 6.6.6.6, 203.0.113.9\r\nX-Forwarded-Proto: https\r\n";
    {
        RunningServer untrusting(routes);
        const auto response = exchange(untrusting.port(), get("/echo/x", forwarded));
        EXPECT_NE(response.body.find("client=127.0.0.1\nsecure=0\n"), std::string::npos) << response.body;
    }
    ServerSettings settings;
    settings.trusted_proxies = {"127.0.0.1"};
    RunningServer behind_proxy(routes, settings);
    const auto response = exchange(behind_proxy.port(), get("/echo/x", forwarded));
    EXPECT_NE(response.body.find("client=203.0.113.9\nsecure=1\n"), std::string::npos) << response.body;
    ASSERT_TRUE(behind_proxy.stop_within(5s));
    EXPECT_NE(behind_proxy.access_log().find(R"("client":"203.0.113.9")"), std::string::npos);
}

TEST(ServerTest, HandlersGetTheirOwnStoreConnection)
{
    TestRoutes routes;
    RunningServer server(routes);
    EXPECT_EQ(exchange(server.port(), get("/store")).body, std::to_string(db::Store::in_memory().schema_version()));
}

TEST(ServerTest, HeadIsAnsweredLikeGetWithoutTheBody)
{
    TestRoutes routes;
    RunningServer server(routes);
    RawClient client(server.port());
    ASSERT_TRUE(client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n" + get("/hello")));
    const auto head = client.read_response(false);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200U);
    EXPECT_EQ(head->header("content-length"), "5");
    // Had HEAD carried a body, the next response would start inside it.
    const auto next = client.read_response();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200U);
    EXPECT_EQ(next->body, "hello");
}

TEST(ServerTest, AnUnknownPathIsNotFoundAndAnotherMethodIsNotAllowed)
{
    TestRoutes routes;
    RunningServer server(routes);
    EXPECT_EQ(exchange(server.port(), get("/nothing")).status, 404U);
    const auto post_to_get = exchange(server.port(), post("/hello", "x"));
    EXPECT_EQ(post_to_get.status, 405U);
    EXPECT_EQ(post_to_get.header("allow"), "GET, HEAD");
    const auto delete_echo = exchange(server.port(), "DELETE /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(delete_echo.status, 405U);
    EXPECT_EQ(delete_echo.header("allow"), "POST");
}

TEST(ServerTest, RefusesPathsThatAreBrokenOrClimbOut)
{
    TestRoutes routes;
    RunningServer server(routes);
    EXPECT_EQ(exchange(server.port(), get("/items/%zz")).status, 400U);
    EXPECT_EQ(exchange(server.port(), get("/items/a%00b")).status, 400U);
    EXPECT_EQ(exchange(server.port(), get("/items/../hello")).status, 400U);
    EXPECT_EQ(exchange(server.port(), get("/items/%2E%2E")).status, 400U);
    EXPECT_EQ(exchange(server.port(), get("http://planner.test/hello")).status, 400U);
}

TEST(ServerTest, AnswersWhatIsNotHttpWith400AndCloses)
{
    TestRoutes routes;
    RunningServer server(routes);
    RawClient client(server.port());
    ASSERT_TRUE(client.send("HELLO WORLD\r\n\r\n"));
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400U);
    EXPECT_EQ(response->header("connection"), "close");
    EXPECT_TRUE(client.closed_within(3s));
}

TEST(ServerTest, AHandlersFailureIs500WithTheRequestIdAndIsLoggedWithoutThePath)
{
    TestRoutes routes;
    RunningServer server(routes);
    const auto response = exchange(server.port(), get("/fail?token=SECRET"));
    EXPECT_EQ(response.status, 500U);
    const auto id = response.header("x-request-id").value_or("?");
    EXPECT_NE(response.body.find(id), std::string::npos) << response.body;
    EXPECT_EQ(response.body.find("fire"), std::string::npos) << "the message is for the log, not the client";
    ASSERT_TRUE(server.stop_within(5s));
    const auto line = nlohmann::json::parse(server.error_log());
    EXPECT_EQ(line["level"], "error");
    EXPECT_EQ(line["request_id"], id);
    EXPECT_EQ(line["route"], "/fail");
    EXPECT_EQ(line["message"], "the store is on fire");
    EXPECT_EQ(server.error_log().find("SECRET"), std::string::npos);
}

TEST(ServerTest, ARecordTheHandlerDoesNotFindIs404WithoutItsMessage)
{
    TestRoutes routes;
    RunningServer server(routes);
    const auto response = exchange(server.port(), get("/missing"));
    EXPECT_EQ(response.status, 404U);
    EXPECT_EQ(response.body.find("private-meeting"), std::string::npos) << response.body;
    ASSERT_TRUE(server.stop_within(5s));
    EXPECT_EQ(server.error_log(), "");
}

TEST(ServerTest, AHeaderThatWouldSplitTheResponseIs500)
{
    TestRoutes routes;
    RunningServer server(routes);
    const auto response = exchange(server.port(), get("/split"));
    EXPECT_EQ(response.status, 500U);
    EXPECT_FALSE(response.header("set-cookie"));
    EXPECT_FALSE(response.header("location"));
}

TEST(ServerTest, ServesRequestsOneAfterAnotherOnOneConnection)
{
    TestRoutes routes;
    RunningServer server(routes);
    RawClient client(server.port());
    // Two at once (pipelined), then one more.
    ASSERT_TRUE(client.send(get("/hello") + get("/items/1")));
    EXPECT_EQ(client.read_response()->body, "hello");
    EXPECT_EQ(client.read_response()->body, "an item");
    ASSERT_TRUE(client.send(post("/echo", "again")));
    EXPECT_EQ(client.read_response()->body, "again");
}

TEST(ServerTest, ClosesAnHttp10ConnectionAfterItsResponse)
{
    TestRoutes routes;
    RunningServer server(routes);
    RawClient client(server.port());
    ASSERT_TRUE(client.send("GET /hello HTTP/1.0\r\n\r\n"));
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "hello");
    EXPECT_TRUE(client.closed_within(3s));
}

// Handlers run on the workers, never on the I/O thread.

TEST(ServerTest, HandlersDoNotRunOnTheIoThread)
{
    TestRoutes routes;
    RunningServer server(routes);
    EXPECT_EQ(exchange(server.port(), get("/thread")).status, 200U);
    const std::thread::id handler = routes.handler_thread;
    EXPECT_NE(handler, std::thread::id{});
    EXPECT_NE(server.server().io_thread_id(), std::thread::id{});
    EXPECT_NE(handler, server.server().io_thread_id());
}

TEST(ServerTest, ASlowReadHoldsUpNeitherOtherReadsNorTheIoThread)
{
    TestRoutes routes;
    ServerSettings settings;
    settings.readers = 2;
    RunningServer server(routes, settings);
    RawClient slow(server.port());
    ASSERT_TRUE(slow.send(get("/slow")));
    ASSERT_TRUE(routes.read_gate.wait_for_arrivals(1));
    const auto start = Clock::now();
    EXPECT_EQ(exchange(server.port(), get("/hello")).body, "hello");
    EXPECT_LT(seconds_since(start), 1.0);
    routes.read_gate.open();
    EXPECT_EQ(slow.read_response()->body, "finished");
}

TEST(ServerTest, ADelayedResponseWaitsOnATimerWithoutHoldingAWorker)
{
    TestRoutes routes;
    ServerSettings settings;
    settings.readers = 1;  // were the one reader asleep, /hello could not be answered
    RunningServer server(routes, settings);
    RawClient delayed(server.port());
    const auto start = Clock::now();
    ASSERT_TRUE(delayed.send(get("/delayed")));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(exchange(server.port(), get("/hello")).body, "hello");
    EXPECT_LT(seconds_since(start), 1.0);
    const auto answer = delayed.read_response();
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 401U);
    EXPECT_GE(seconds_since(start), 1.5);
}

TEST(ServerTest, ASlowWriteDoesNotHoldUpReads)
{
    TestRoutes routes;
    ServerSettings settings;
    settings.readers = 1;
    RunningServer server(routes, settings);
    RawClient writing(server.port());
    ASSERT_TRUE(writing.send(post("/slow", "")));
    ASSERT_TRUE(routes.write_gate.wait_for_arrivals(1));
    EXPECT_EQ(exchange(server.port(), get("/hello")).body, "hello");
    routes.write_gate.open();
    EXPECT_EQ(writing.read_response()->body, "written");
}

TEST(ServerTest, WritesRunOneAtATime)
{
    TestRoutes routes;
    RunningServer server(routes);
    RawClient first(server.port());
    RawClient second(server.port());
    ASSERT_TRUE(first.send(post("/slow", "")));
    ASSERT_TRUE(second.send(post("/slow", "")));
    ASSERT_TRUE(routes.write_gate.wait_for_arrivals(1));
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(routes.write_gate.arrived(), 1);
    routes.write_gate.open();
    EXPECT_EQ(first.read_response()->status, 200U);
    EXPECT_EQ(second.read_response()->status, 200U);
    EXPECT_EQ(routes.write_gate.arrived(), 2);
}

// Limits: sizes.

ServerSettings small_limits()
{
    ServerSettings settings;
    settings.limits.header_bytes = 1024;
    settings.limits.body_bytes = 1000;
    return settings;
}

TEST(ServerTest, HeadersBeyondTheLimitAre431)
{
    TestRoutes routes;
    RunningServer server(routes, small_limits());
    RawClient client(server.port());
    ASSERT_TRUE(client.send(get("/hello", "X-Long: " + std::string(2000, 'a') + "\r\n")));
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 431U);
    EXPECT_EQ(response->header("connection"), "close");
    EXPECT_TRUE(client.closed_within(3s));
    // Just within the limit is served.
    EXPECT_EQ(exchange(server.port(), get("/hello", "X-Long: " + std::string(900, 'a') + "\r\n")).status, 200U);
}

TEST(ServerTest, ABodyDeclaredBeyondTheLimitIs413BeforeItIsSent)
{
    TestRoutes routes;
    RunningServer server(routes, small_limits());
    RawClient client(server.port());
    ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"));
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413U);
    EXPECT_EQ(response->header("connection"), "close");
}

std::string chunked(const std::string& body, std::size_t chunk)
{
    std::ostringstream out;
    for (std::size_t at = 0; at < body.size(); at += chunk) {
        const auto piece = body.substr(at, chunk);
        out << std::hex << piece.size() << "\r\n" << piece << "\r\n";
    }
    out << "0\r\n\r\n";
    return out.str();
}

TEST(ServerTest, AChunkedBodyBeyondTheLimitIs413AsItIsRead)
{
    TestRoutes routes;
    RunningServer server(routes, small_limits());
    const std::string head = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    const auto too_long = exchange(server.port(), head + chunked(std::string(1500, 'b'), 400));
    EXPECT_EQ(too_long.status, 413U);
    const auto within = exchange(server.port(), head + chunked(std::string(1000, 'c'), 400));
    EXPECT_EQ(within.status, 200U);
    EXPECT_EQ(within.body, std::string(1000, 'c'));
}

TEST(ServerTest, AClientThatExpectsContinueIsToldToGoOn)
{
    TestRoutes routes;
    RunningServer server(routes);
    RawClient client(server.port());
    ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
    const auto go_on = client.read_response();
    ASSERT_TRUE(go_on);
    EXPECT_EQ(go_on->status, 100U);
    ASSERT_TRUE(client.send("body"));
    EXPECT_EQ(client.read_response()->body, "body");
}

// Limits: time.

TEST(ServerTest, ClosesAConnectionWhoseRequestLineNeverEnds)
{
    TestRoutes routes;
    ServerSettings settings;
    settings.limits.header_timeout = 1s;
    RunningServer server(routes, settings);
    RawClient client(server.port());
    const auto start = Clock::now();
    ASSERT_TRUE(client.send("GET /hel"));
    EXPECT_TRUE(client.closed_within(4s));
    EXPECT_GT(seconds_since(start), 0.8);
}

TEST(ServerTest, TheHeaderTimeoutCountsFromTheStartNotFromTheLastByte)
{
    // A client that sends a header line now and then never finishes its request.
    TestRoutes routes;
    ServerSettings settings;
    settings.limits.header_timeout = 1s;
    RunningServer server(routes, settings);
    RawClient client(server.port());
    const auto start = Clock::now();
    ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\n"));
    bool closed = false;
    while (!closed && seconds_since(start) < 5) {
        closed = !client.send("X-Drip: 1\r\n") || client.closed_within(200ms);
    }
    EXPECT_TRUE(closed);
    EXPECT_LT(seconds_since(start), 2.5);
}

TEST(ServerTest, ClosesAConnectionWhoseBodyNeverEnds)
{
    TestRoutes routes;
    ServerSettings settings;
    settings.limits.header_timeout = 10s;
    settings.limits.body_timeout = 1s;
    RunningServer server(routes, settings);
    RawClient client(server.port());
    ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"));
    const auto start = Clock::now();
    EXPECT_TRUE(client.closed_within(4s));
    EXPECT_GT(seconds_since(start), 0.8);
}

TEST(ServerTest, ClosesAKeptAliveConnectionThatStaysIdle)
{
    TestRoutes routes;
    ServerSettings settings;
    settings.limits.header_timeout = 10s;
    settings.limits.idle_timeout = 1s;
    RunningServer server(routes, settings);
    RawClient client(server.port());
    ASSERT_TRUE(client.send(get("/hello")));
    EXPECT_EQ(client.read_response()->status, 200U);
    std::this_thread::sleep_for(300ms);
    ASSERT_TRUE(client.send(get("/hello")));  // within the idle time: served
    EXPECT_EQ(client.read_response()->status, 200U);
    const auto start = Clock::now();
    EXPECT_TRUE(client.closed_within(4s));
    EXPECT_GT(seconds_since(start), 0.8);
}

TEST(ServerTest, ClosesAConnectionThatDoesNotReadItsResponse)
{
    TestRoutes routes;
    ServerSettings settings;
    settings.limits.write_timeout = 1s;
    RunningServer server(routes, settings);
    RawClient client(server.port(), 4096);
    ASSERT_TRUE(client.send(get("/big")));
    EXPECT_TRUE(wait_until([&] { return server.server().open_connections() == 1; }, 2s));
    EXPECT_TRUE(wait_until([&] { return server.server().open_connections() == 0; }, 6s));
    EXPECT_LT(client.read_all(2s).size(), big_body_bytes);
    ASSERT_TRUE(server.stop_within(5s));
    const auto line = nlohmann::json::parse(server.access_log());
    EXPECT_EQ(line["route"], "/big");
    EXPECT_LT(line["bytes"].get<std::uint64_t>(), big_body_bytes);
}

// Limits: connections.

TEST(ServerTest, AConnectionBeyondTheCapIsAnswered503AndClosed)
{
    TestRoutes routes;
    ServerSettings settings;
    settings.limits.max_connections = 2;
    RunningServer server(routes, settings);
    std::optional<RawClient> first(std::in_place, server.port());
    RawClient second(server.port());
    for (auto* client : {&*first, &second}) {
        ASSERT_TRUE(client->send(get("/hello")));
        EXPECT_EQ(client->read_response()->status, 200U);
    }
    RawClient third(server.port());
    ASSERT_TRUE(third.send(get("/hello")));
    const auto refused = third.read_response();
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503U);
    EXPECT_EQ(refused->header("connection"), "close");
    EXPECT_TRUE(refused->header("retry-after"));
    EXPECT_TRUE(third.closed_within(4s));

    // A place that frees up is taken again.
    first.reset();
    ASSERT_TRUE(wait_until([&] { return server.server().open_connections() < 2; }, 3s));
    EXPECT_EQ(exchange(server.port(), get("/hello")).status, 200U);
}

// Stopping.

TEST(ServerTest, StopsAcceptingAndFinishesTheRequestsInFlight)
{
    TestRoutes routes;
    RunningServer server(routes);
    RawClient idle(server.port());
    ASSERT_TRUE(idle.send(get("/hello")));
    EXPECT_EQ(idle.read_response()->status, 200U);
    std::optional<RawClient> slow(std::in_place, server.port());
    ASSERT_TRUE(slow->send(get("/slow")));
    ASSERT_TRUE(routes.read_gate.wait_for_arrivals(1));

    server.server().stop();
    EXPECT_TRUE(idle.closed_within(3s)) << "a connection between requests is closed at once";
    EXPECT_TRUE(wait_until([&] { return testing::connection_refused(server.port()); }, 3s));

    routes.read_gate.open();
    const auto response = slow->read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200U);
    EXPECT_EQ(response->body, "finished");
    EXPECT_EQ(response->header("connection"), "close");
    slow.reset();
    EXPECT_TRUE(server.stop_within(5s));
}

TEST(ServerTest, StopsBeforeItRuns)
{
    TestRoutes routes;
    TemporaryDirectory directory;
    { db::Store create(directory / "planner.db", db::OpenMode::create_if_missing); }
    std::ostringstream log;
    ServerSettings settings;
    settings.port = 0;
    Server server(settings, routes.table(), directory / "planner.db", log, log);
    const auto port = server.port();
    server.stop();
    server.run();  // returns at once
    EXPECT_TRUE(testing::connection_refused(port));
}

// The log.

TEST(ServerTest, TheAccessLogHoldsTheRouteButNoPathQueryCookieTokenOrBody)
{
    TestRoutes routes;
    RunningServer server(routes);
    const std::string secrets = "Cookie: __Host-session=SECRET-COOKIE\r\nAuthorization: Bearer SECRET-BEARER\r\n";
    EXPECT_EQ(exchange(server.port(), get("/items/secret-item-id?token=SECRET-QUERY", secrets)).status, 200U);
    EXPECT_EQ(exchange(server.port(), post("/echo", "password=SECRET-BODY", secrets)).status, 200U);
    EXPECT_EQ(exchange(server.port(), get("/nowhere/SECRET-PATH", secrets)).status, 404U);
    ASSERT_TRUE(server.stop_within(5s));

    const auto log = server.access_log();
    EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
    EXPECT_EQ(log.find("secret-item-id"), std::string::npos) << log;
    std::istringstream lines(log);
    std::vector<nlohmann::json> entries;
    for (std::string line; std::getline(lines, line);) {
        entries.push_back(nlohmann::json::parse(line));
    }
    ASSERT_EQ(entries.size(), 3U);
    EXPECT_EQ(entries[0]["route"], "/items/{id}");
    EXPECT_EQ(entries[0]["method"], "GET");
    EXPECT_EQ(entries[0]["status"], 200);
    EXPECT_EQ(entries[1]["route"], "/echo");
    EXPECT_EQ(entries[1]["method"], "POST");
    EXPECT_EQ(entries[2]["route"], "-");
    EXPECT_EQ(entries[2]["status"], 404);
    for (const auto& entry : entries) {
        std::vector<std::string> keys;
        for (const auto& [key, value] : entry.items()) {
            keys.push_back(key);
        }
        EXPECT_EQ(keys, (std::vector<std::string>{"bytes", "client", "duration_ms", "method", "request_id", "route",
                                                  "status", "time"}));
        EXPECT_EQ(entry["client"], "127.0.0.1");
        EXPECT_EQ(entry["request_id"].get<std::string>().size(), 16U);
        EXPECT_GT(entry["bytes"].get<std::uint64_t>(), 0U);
    }
}

TEST(ServerTest, AStoreThatDoesNotExistIsNamed)
{
    TestRoutes routes;
    TemporaryDirectory directory;
    std::ostringstream log;
    try {
        Server server(ServerSettings{}, routes.table(), directory / "missing.db", log, log);
        ADD_FAILURE() << "expected an error";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("missing.db: no such store"), std::string::npos) << error.what();
    }
}

TEST(ServerTest, AnAddressInUseIsNamed)
{
    TestRoutes routes;
    RunningServer running(routes);
    TemporaryDirectory directory;
    { db::Store create(directory / "planner.db", db::OpenMode::create_if_missing); }
    std::ostringstream log;
    ServerSettings settings;
    settings.port = running.port();
    try {
        Server second(settings, routes.table(), directory / "planner.db", log, log);
        ADD_FAILURE() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "cannot listen on 127.0.0.1:" + std::to_string(running.port()) + ": Address already in use");
    }
}

}  // namespace
}  // namespace planner::web
