#include "raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <stdexcept>

namespace planner::testing {
namespace {

int connected_socket(unsigned short port, int receive_buffer)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        throw std::runtime_error("cannot create a socket");
    }
    if (receive_buffer > 0) {
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace

std::optional<std::string> RawResponse::header(std::string_view lower_case_name) const
{
    for (const auto& [name, value] : headers) {
        if (name == lower_case_name) {
            return value;
        }
    }
    return std::nullopt;
}

RawClient::RawClient(unsigned short port, int receive_buffer) : socket_(connected_socket(port, receive_buffer))
{
    if (socket_ < 0) {
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
}

RawClient::~RawClient()
{
    ::close(socket_);
}

bool RawClient::send(std::string_view bytes)
{
    while (!bytes.empty()) {
        const auto sent = ::send(socket_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) {
            continue;
        }
        if (sent <= 0) {
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

bool RawClient::fill(std::chrono::steady_clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
        return false;
    }
    pollfd waiting{socket_, POLLIN, 0};
    if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) {
        return false;
    }
    char chunk[65536];
    const auto received = ::recv(socket_, chunk, sizeof chunk, 0);
    if (received <= 0) {
        return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(received));
    return true;
}

std::optional<RawResponse> RawClient::read_response(bool expect_body, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t header_end = 0;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill(deadline)) {
            return std::nullopt;
        }
    }
    RawResponse response;
    const std::string head = buffer_.substr(0, header_end);
    buffer_.erase(0, header_end + 4);
    std::size_t line_start = 0;
    bool status_line = true;
    while (line_start <= head.size()) {
        auto line_end = head.find("\r\n", line_start);
        if (line_end == std::string::npos) {
            line_end = head.size();
        }
        const auto line = head.substr(line_start, line_end - line_start);
        if (status_line) {
            // "HTTP/1.1 200 OK"
            response.status = static_cast<unsigned>(std::stoul(line.substr(line.find(' ') + 1, 3)));
            status_line = false;
        } else if (const auto colon = line.find(':'); colon != std::string::npos) {
            auto value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            response.headers.emplace_back(lower(line.substr(0, colon)), value);
        }
        line_start = line_end + 2;
    }
    if (response.status < 200) {
        return response;  // 100 Continue: no body, the final response follows
    }
    const auto length = response.header("content-length");
    const std::size_t body_length = expect_body && length ? std::stoul(*length) : 0;
    while (buffer_.size() < body_length) {
        if (!fill(deadline)) {
            return std::nullopt;
        }
    }
    response.body = buffer_.substr(0, body_length);
    buffer_.erase(0, body_length);
    return response;
}

bool RawClient::closed_within(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd waiting{socket_, POLLIN, 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (::poll(&waiting, 1, static_cast<int>(std::max<long>(left.count(), 0))) <= 0) {
            return false;
        }
        char chunk[65536];
        if (::recv(socket_, chunk, sizeof chunk, 0) <= 0) {
            return true;  // the end, or a reset
        }
    }
    return false;
}

std::string RawClient::read_all(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (fill(deadline)) {
    }
    return std::exchange(buffer_, {});
}

bool connection_refused(unsigned short port)
{
    const int fd = connected_socket(port, 0);
    if (fd < 0) {
        return true;
    }
    ::close(fd);
    return false;
}

}  // namespace planner::testing
