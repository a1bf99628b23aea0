#pragma once
// Who the client is. Behind a proxy the peer is the proxy, and the client's address
// and scheme come in X-Forwarded-For and X-Forwarded-Proto; anyone can send those
// headers, so they are believed only from a proxy the configuration names.

#include "http_message.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::web {

struct ClientOrigin {
    std::string address;
    bool secure = false;  // the client reached the proxy over https
};

// An IPv4 or IPv6 address in its usual text ("::ffff:10.0.0.1", as a dual-stack socket
// shows an IPv4 peer, becomes "10.0.0.1"), or nothing for what is not an address.
[[nodiscard]] std::optional<std::string> normalized_address(std::string_view text);

class ProxyTrust {
public:
    // Throws planner::Error for an entry that is not an IP address.
    explicit ProxyTrust(const std::vector<std::string>& trusted_proxies);

    [[nodiscard]] bool trusts(std::string_view address) const;
    // From a trusted peer: the rightmost X-Forwarded-For address that is not itself a
    // trusted proxy (those to its left could be anything the client wrote), and whether
    // X-Forwarded-Proto is https. From any other peer: the peer, not secure.
    [[nodiscard]] ClientOrigin origin(std::string_view peer, const NameValues& lower_case_headers) const;

private:
    std::vector<std::array<unsigned char, 16>> proxies_;  // IPv4 as IPv4-mapped IPv6
};

}  // namespace planner::web
