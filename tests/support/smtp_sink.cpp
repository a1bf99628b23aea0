#include "smtp_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <optional>
#include <string_view>
#include <system_error>

namespace planner::testing {
namespace {

constexpr int poll_interval_ms = 50;  // how soon the destructor is noticed
constexpr auto idle_limit = std::chrono::seconds(20);  // a client that says nothing is dropped

// Closes a client socket however the conversation ends.
class Socket {
public:
    explicit Socket(int fd) : fd_(fd) {}
    ~Socket() { ::close(fd_); }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    [[nodiscard]] int fd() const { return fd_; }

private:
    int fd_;
};

std::string upper(std::string_view text)
{
    std::string out(text);
    for (auto& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

// The address inside the angle brackets of "MAIL FROM:<a@b> SIZE=1".
std::string path_argument(std::string_view line)
{
    const auto open = line.find('<');
    const auto close = line.find('>', open);
    if (open == std::string_view::npos || close == std::string_view::npos) {
        return {};
    }
    return std::string(line.substr(open + 1, close - open - 1));
}

// "authzid NUL user NUL password" (RFC 4616): the user.
std::string plain_user(std::string_view credentials)
{
    const auto decoded = decode_base64(credentials);
    const auto first = decoded.find('\0');
    const auto second = decoded.find('\0', first + 1);
    return first == std::string::npos || second == std::string::npos ? std::string{}
                                                                     : decoded.substr(first + 1, second - first - 1);
}

// One SMTP conversation's input, line by line.
class LineReader {
public:
    LineReader(int fd, const std::atomic<bool>& stopping) : fd_(fd), stopping_(stopping) {}

    // The next line without its CRLF, or nothing once the client is gone, silent too
    // long, or the sink stops.
    std::optional<std::string> next()
    {
        auto idle_since = std::chrono::steady_clock::now();
        while (true) {
            const auto end = buffer_.find('\n');
            if (end != std::string::npos) {
                auto line = buffer_.substr(0, end);
                buffer_.erase(0, end + 1);
                if (!line.empty() && line.back() == '\r') {
                    line.pop_back();
                }
                return line;
            }
            if (stopping_ || std::chrono::steady_clock::now() - idle_since > idle_limit) {
                return std::nullopt;
            }
            pollfd wait{fd_, POLLIN, 0};
            const int ready = ::poll(&wait, 1, poll_interval_ms);
            if (ready < 0 && errno != EINTR) {
                return std::nullopt;
            }
            if (ready > 0) {
                char chunk[4096];
                const auto got = ::recv(fd_, chunk, sizeof chunk, 0);
                if (got <= 0) {
                    return std::nullopt;
                }
                buffer_.append(chunk, static_cast<std::size_t>(got));
                idle_since = std::chrono::steady_clock::now();
            }
        }
    }

private:
    int fd_;
    const std::atomic<bool>& stopping_;
    std::string buffer_;
};

void reply(int fd, std::string_view text)
{
    std::string line(text);
    line += "\r\n";
    std::size_t sent = 0;
    while (sent < line.size()) {
        const auto n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            return;  // the client is gone; the reader will notice
        }
        sent += static_cast<std::size_t>(n);
    }
}

}  // namespace

std::string decode_base64(std::string_view text)
{
    constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const char c : text) {
        const auto value = alphabet.find(c);
        if (value == std::string_view::npos) {
            continue;
        }
        bits = (bits << 6) | static_cast<unsigned>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xffu);
        }
    }
    return out;
}

SmtpSink::SmtpSink()
{
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) {
        throw std::system_error(errno, std::generic_category(), "SmtpSink: socket");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;  // the system picks a free port
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 8) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const int error = errno;
        ::close(listener_);
        throw std::system_error(error, std::generic_category(), "SmtpSink: bind/listen");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink()
{
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        holding_ = false;
    }
    hold_changed_.notify_all();
    thread_.join();
    ::close(listener_);
}

int SmtpSink::port() const
{
    return port_;
}

void SmtpSink::reject_recipient(const std::string& address)
{
    const std::lock_guard lock(mutex_);
    rejected_.insert(address);
}

void SmtpSink::defer_recipient(const std::string& address, int times)
{
    const std::lock_guard lock(mutex_);
    deferred_[address] = times;
}

void SmtpSink::delay_answers(std::chrono::milliseconds delay)
{
    const std::lock_guard lock(mutex_);
    answer_delay_ = delay;
}

void SmtpSink::drop_connection_after_data()
{
    const std::lock_guard lock(mutex_);
    drop_after_data_ = true;
}

void SmtpSink::reject_sender(const std::string& address)
{
    const std::lock_guard lock(mutex_);
    rejected_senders_.insert(address);
}

void SmtpSink::offer_auth_plain()
{
    const std::lock_guard lock(mutex_);
    auth_plain_ = true;
}

void SmtpSink::hold_answers()
{
    const std::lock_guard lock(mutex_);
    holding_ = true;
}

bool SmtpSink::wait_until_held(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    return hold_changed_.wait_for(lock, timeout, [this] { return held_ > 0; });
}

void SmtpSink::release()
{
    {
        const std::lock_guard lock(mutex_);
        holding_ = false;
    }
    hold_changed_.notify_all();
}

std::vector<SmtpSink::Received> SmtpSink::messages() const
{
    const std::lock_guard lock(mutex_);
    return received_;
}

void SmtpSink::serve()
{
    while (!stopping_) {
        pollfd wait{listener_, POLLIN, 0};
        if (::poll(&wait, 1, poll_interval_ms) <= 0) {
            continue;
        }
        const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client >= 0) {
            converse(client);
        }
    }
}

void SmtpSink::converse(int client)
{
    const Socket socket(client);
    LineReader reader(client, stopping_);
    Received message;
    reply(client, "220 planner-sink ESMTP ready");
    while (const auto line = reader.next()) {
        const auto verb = upper(std::string_view(*line).substr(0, line->find(' ')));
        const auto argument = line->size() > verb.size() ? line->substr(verb.size() + 1) : std::string{};
        bool offers_auth = false;
        bool rejected = false;
        bool deferred = false;
        bool sender_refused = false;
        {
            const std::lock_guard lock(mutex_);
            offers_auth = auth_plain_;
            rejected = rejected_.contains(path_argument(*line));
            sender_refused = verb == "MAIL" && rejected_senders_.contains(path_argument(*line));
            if (verb == "RCPT") {
                if (const auto found = deferred_.find(path_argument(*line)); found != deferred_.end() && found->second > 0) {
                    --found->second;
                    deferred = true;
                }
            }
        }
        if (verb == "EHLO") {
            reply(client, offers_auth ? "250-planner-sink\r\n250-AUTH PLAIN\r\n250 8BITMIME" : "250-planner-sink\r\n250 8BITMIME");
        } else if (verb == "HELO" || verb == "NOOP") {
            reply(client, "250 2.0.0 OK");
        } else if (verb == "AUTH" && offers_auth && upper(argument).starts_with("PLAIN")) {
            auto credentials = argument.size() > 6 ? argument.substr(6) : std::string{};
            if (credentials.empty()) {
                reply(client, "334 ");
                credentials = reader.next().value_or("");
            }
            message.user = plain_user(credentials);
            reply(client, "235 2.7.0 Authentication successful");
        } else if (verb == "MAIL" && sender_refused) {
            reply(client, "550 5.7.1 <" + path_argument(*line) + ">: not allowed to send");
        } else if (verb == "MAIL") {
            message = Received{path_argument(*line), {}, {}, message.user};
            reply(client, "250 2.1.0 OK");
        } else if (verb == "RCPT" && deferred) {
            reply(client, "451 4.3.0 <" + path_argument(*line) + ">: try again later");
        } else if (verb == "RCPT" && rejected) {
            reply(client, "550 5.1.1 <" + path_argument(*line) + ">: user unknown");
        } else if (verb == "RCPT") {
            message.recipients.push_back(path_argument(*line));
            reply(client, "250 2.1.5 OK");
        } else if (verb == "DATA" && message.recipients.empty()) {
            reply(client, "554 5.5.1 No valid recipients");
        } else if (verb == "DATA") {
            reply(client, "354 End data with <CR><LF>.<CR><LF>");
            std::optional<std::string> data_line;
            while ((data_line = reader.next()) && *data_line != ".") {
                message.data += (data_line->starts_with('.') ? data_line->substr(1) : *data_line) + "\r\n";
            }
            if (!data_line) {
                return;  // the client left in the middle of the data: nothing was delivered
            }
            std::chrono::milliseconds delay{0};
            bool drop = false;
            {
                std::unique_lock lock(mutex_);
                received_.push_back(message);
                delay = answer_delay_;
                drop = drop_after_data_;
                if (holding_) {
                    ++held_;
                    hold_changed_.notify_all();
                    hold_changed_.wait(lock, [this] { return !holding_; });
                }
            }
            if (drop) {
                return;  // received, and nobody told
            }
            message = Received{{}, {}, {}, message.user};
            std::this_thread::sleep_for(delay);
            reply(client, "250 2.0.0 OK: queued");
        } else if (verb == "RSET") {
            message = Received{{}, {}, {}, message.user};
            reply(client, "250 2.0.0 OK");
        } else if (verb == "QUIT") {
            reply(client, "221 2.0.0 Bye");
            return;
        } else if (verb == "STARTTLS") {
            reply(client, "454 4.7.0 TLS not available");
        } else {
            reply(client, "502 5.5.2 Command not recognised");
        }
    }
}

}  // namespace planner::testing
