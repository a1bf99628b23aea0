#include "forwarding.hpp"

#include <planner/error.hpp>

#include <fmt/format.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace planner::web {
namespace {

using AddressBytes = std::array<unsigned char, 16>;

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// Both families as 16 bytes, IPv4 mapped into IPv6 (::ffff:a.b.c.d), so that one
// comparison serves both and a dual-stack socket's peer matches its IPv4 spelling.
std::optional<AddressBytes> address_bytes(std::string_view text)
{
    if (text.empty() || text.size() > INET6_ADDRSTRLEN) {
        return std::nullopt;
    }
    const std::string zero_terminated(text);
    AddressBytes bytes{};
    in_addr v4{};
    if (inet_pton(AF_INET, zero_terminated.c_str(), &v4) == 1) {
        bytes[10] = 0xff;
        bytes[11] = 0xff;
        std::memcpy(bytes.data() + 12, &v4, 4);
        return bytes;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, zero_terminated.c_str(), &v6) == 1) {
        std::memcpy(bytes.data(), &v6, 16);
        return bytes;
    }
    return std::nullopt;
}

bool is_v4_mapped(const AddressBytes& bytes)
{
    return std::all_of(bytes.begin(), bytes.begin() + 10, [](unsigned char b) { return b == 0; }) &&
           bytes[10] == 0xff && bytes[11] == 0xff;
}

std::string address_text(const AddressBytes& bytes)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (is_v4_mapped(bytes)) {
        inet_ntop(AF_INET, bytes.data() + 12, text, sizeof text);
    } else {
        inet_ntop(AF_INET6, bytes.data(), text, sizeof text);
    }
    return text;
}

// Every value of a header that may come on several lines, as one comma-separated list.
std::string joined_values(const NameValues& headers, std::string_view name)
{
    std::string joined;
    for (const auto& [key, value] : headers) {
        if (key == name) {
            joined += joined.empty() ? "" : ",";
            joined += value;
        }
    }
    return joined;
}

}  // namespace

std::optional<std::string> normalized_address(std::string_view text)
{
    const auto bytes = address_bytes(text);
    return bytes ? std::optional<std::string>(address_text(*bytes)) : std::nullopt;
}

ProxyTrust::ProxyTrust(const std::vector<std::string>& trusted_proxies)
{
    for (const auto& proxy : trusted_proxies) {
        const auto bytes = address_bytes(proxy);
        if (!bytes) {
            throw Error(fmt::format("trusted proxy '{}' is not an IP address; expected e.g. 127.0.0.1 or ::1", proxy));
        }
        proxies_.push_back(*bytes);
    }
}

bool ProxyTrust::trusts(std::string_view address) const
{
    const auto bytes = address_bytes(address);
    return bytes && std::find(proxies_.begin(), proxies_.end(), *bytes) != proxies_.end();
}

ClientOrigin ProxyTrust::origin(std::string_view peer, const NameValues& lower_case_headers) const
{
    ClientOrigin origin{normalized_address(peer).value_or(std::string(peer)), false};
    if (!trusts(peer)) {
        return origin;
    }
    // Right to left: each proxy appends the address it was reached from. The first
    // that is not one of ours is the client as our outermost proxy saw it. An entry
    // that is not an address ends the walk at the last one that was.
    const std::string forwarded_for = joined_values(lower_case_headers, "x-forwarded-for");
    std::string_view rest = forwarded_for;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        const auto entry = trimmed(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
        const auto address = normalized_address(entry);
        if (!address) {
            break;
        }
        origin.address = *address;
        if (!trusts(*address)) {
            break;
        }
    }
    // The last value is what our proxy set (nginx replaces it, others append).
    const auto protocols = joined_values(lower_case_headers, "x-forwarded-proto");
    const auto last_comma = protocols.rfind(',');
    std::string scheme(trimmed(std::string_view(protocols).substr(last_comma == std::string::npos ? 0 : last_comma + 1)));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    origin.secure = scheme == "https";
    return origin;
}

}  // namespace planner::web
