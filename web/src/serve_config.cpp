#include "serve_config.hpp"

#include "forwarding.hpp"

#include <planner/error.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <charconv>
#include <fstream>
#include <sstream>

namespace planner::web {
namespace {

constexpr std::int64_t max_timeout_s = 3600;

// A URL's host, with the brackets of an IPv6 address: "https://[::1]:8443/x" -> "[::1]".
std::string_view url_host(std::string_view after_scheme)
{
    const auto authority = after_scheme.substr(0, after_scheme.find('/'));
    if (authority.starts_with('[')) {
        return authority.substr(0, authority.find(']') + 1);
    }
    return authority.substr(0, authority.find(':'));
}

class ConfigReader {
public:
    explicit ConfigReader(std::filesystem::path source) : source_(std::move(source)) {}

    ServeConfig read(std::string_view text) const
    {
        toml::table root;
        try {
            root = toml::parse(text, source_.string());
        } catch (const toml::parse_error& error) {
            throw Error(fmt::format("{}:{}:{}: {}", source_.string(), error.source().begin.line,
                                    error.source().begin.column, error.description()));
        }
        ServeConfig config;
        for (const auto& [key, node] : root) {
            const auto* table = node.as_table();
            if (key == "web" && table != nullptr) {
                read_web(*table, config);
            } else if (key == "limits" && table != nullptr) {
                read_limits(*table, config.server.limits);
            } else if (key == "smtp" && table != nullptr) {
                config.smtp = mail::parse_smtp_table(text, source_.string());
                if (config.smtp->from.empty()) {
                    throw Error(fmt::format("{}: [smtp] has no from: the service sends as one address of its "
                                            "own, e.g. from = \"planner@landkreis.example\"",
                                            where(node)));
                }
            } else if (key == "outbox" && table != nullptr) {
                read_outbox(*table, config.retry);
            } else if (key == "retention" && table != nullptr) {
                read_retention(*table, config);
            } else {
                throw Error(fmt::format("{}: unknown key '{}'; expected the tables [web], [limits], [smtp], "
                                        "[outbox] and [retention]",
                                        where(node), key.str()));
            }
        }
        if (config.smtp && config.retry.longest_wait < config.retry.first_wait) {
            throw Error(fmt::format("{}: [outbox] longest_retry_s is shorter than first_retry_s", source_.string()));
        }
        return config;
    }

private:
    void read_web(const toml::table& web, ServeConfig& config) const
    {
        for (const auto& [key, node] : web) {
            if (key == "listen") {
                set_listen_address(config.server, string(node, "listen"), where(node));
            } else if (key == "base_url") {
                config.base_url = base_url(node);
            } else if (key == "trusted_proxies") {
                config.server.trusted_proxies = proxies(node);
            } else if (key == "readers") {
                config.server.readers = static_cast<std::size_t>(integer(node, "[web] readers", 1, 64));
            } else if (key == "access_log") {
                const std::filesystem::path file = string(node, "access_log");
                config.access_log = file.is_absolute() ? file : source_.parent_path() / file;
            } else if (key == "static_folder") {
                const std::filesystem::path folder = string(node, "static_folder");
                config.static_folder = folder.is_absolute() ? folder : source_.parent_path() / folder;
            } else {
                throw Error(fmt::format("{}: unknown key '{}' in [web]; expected listen, base_url, trusted_proxies, "
                                        "readers, access_log or static_folder",
                                        where(node), key.str()));
            }
        }
    }

    void read_limits(const toml::table& limits_table, Limits& limits) const
    {
        const auto seconds = [&](const toml::node& node, std::string_view key) {
            return std::chrono::milliseconds(integer(node, key, 1, max_timeout_s) * 1000);
        };
        for (const auto& [key, node] : limits_table) {
            const auto name = fmt::format("[limits] {}", key.str());
            if (key == "header_bytes") {
                limits.header_bytes = static_cast<std::size_t>(integer(node, name, 1024, 1024 * 1024));
            } else if (key == "body_bytes") {
                // The body is held in memory while the handler reads it.
                limits.body_bytes = static_cast<std::uint64_t>(integer(node, name, 0, std::int64_t{256} * 1024 * 1024));
            } else if (key == "header_timeout_s") {
                limits.header_timeout = seconds(node, name);
            } else if (key == "body_timeout_s") {
                limits.body_timeout = seconds(node, name);
            } else if (key == "idle_timeout_s") {
                limits.idle_timeout = seconds(node, name);
            } else if (key == "write_timeout_s") {
                limits.write_timeout = seconds(node, name);
            } else if (key == "max_connections") {
                limits.max_connections = static_cast<std::size_t>(integer(node, name, 1, 65536));
            } else {
                throw Error(fmt::format("{}: unknown key '{}' in [limits]; expected header_bytes, body_bytes, "
                                        "header_timeout_s, body_timeout_s, idle_timeout_s, write_timeout_s or "
                                        "max_connections",
                                        where(node), key.str()));
            }
        }
    }

    void read_outbox(const toml::table& outbox, services::RetryPolicy& retry) const
    {
        for (const auto& [key, node] : outbox) {
            const auto name = fmt::format("[outbox] {}", key.str());
            if (key == "first_retry_s") {
                retry.first_wait = std::chrono::seconds(integer(node, name, 1, 24 * 3600));
            } else if (key == "longest_retry_s") {
                retry.longest_wait = std::chrono::seconds(integer(node, name, 1, 7 * 24 * 3600));
            } else if (key == "attempts") {
                retry.attempts = static_cast<int>(integer(node, name, 1, 100));
            } else {
                throw Error(fmt::format("{}: unknown key '{}' in [outbox]; expected first_retry_s, longest_retry_s "
                                        "or attempts",
                                        where(node), key.str()));
            }
        }
    }

    void read_retention(const toml::table& retention, ServeConfig& config) const
    {
        for (const auto& [key, node] : retention) {
            if (key == "closed_polls_days") {
                config.closed_polls_days = static_cast<int>(integer(node, "[retention] closed_polls_days", 1, 3650));
            } else {
                throw Error(fmt::format("{}: unknown key '{}' in [retention]; expected closed_polls_days", where(node),
                                        key.str()));
            }
        }
    }

    std::string base_url(const toml::node& node) const
    {
        auto url = string(node, "base_url");
        while (url.ends_with('/')) {
            url.pop_back();
        }
        const auto scheme_end = url.find("://");
        const auto scheme = url.substr(0, scheme_end == std::string::npos ? 0 : scheme_end);
        const auto host = scheme_end == std::string::npos ? std::string_view{}
                                                          : url_host(std::string_view(url).substr(scheme_end + 3));
        if ((scheme != "http" && scheme != "https") || host.empty() ||
            url.find_first_of(" \t\r\n?#@\\") != std::string::npos) {
            throw Error(fmt::format("{}: base_url '{}' is not the address of a web site; expected e.g. "
                                    "\"https://planner.example.org\"",
                                    where(node), url));
        }
        if (scheme == "http" && !is_loopback_host(host)) {
            throw Error(fmt::format("{}: base_url '{}' is plain http on a host that is not loopback; the planner's "
                                    "sign-in needs https there: put a TLS proxy in front (docs/nginx.conf) and give "
                                    "its https address",
                                    where(node), url));
        }
        return url;
    }

    std::vector<std::string> proxies(const toml::node& node) const
    {
        const auto* list = node.as_array();
        if (list == nullptr) {
            throw Error(fmt::format("{}: trusted_proxies must be a list of IP addresses, e.g. [\"127.0.0.1\"], not "
                                    "'{}'",
                                    where(node), quoted(node)));
        }
        std::vector<std::string> addresses;
        for (const auto& entry : *list) {
            const auto address = normalized_address(string(entry, "an entry of trusted_proxies"));
            if (!address) {
                throw Error(fmt::format("{}: trusted proxy '{}' is not an IP address; expected e.g. \"127.0.0.1\"",
                                        where(entry), quoted(entry)));
            }
            addresses.push_back(*address);
        }
        return addresses;
    }

    std::string where(const toml::node& node) const
    {
        return fmt::format("{}:{}:{}", source_.string(), node.source().begin.line, node.source().begin.column);
    }

    static std::string quoted(const toml::node& node)
    {
        if (const auto* text = node.as_string()) {
            return text->get();
        }
        std::ostringstream out;
        node.visit([&](const auto& value) { out << value; });
        return out.str();
    }

    std::string string(const toml::node& node, std::string_view key) const
    {
        const auto* text = node.as_string();
        if (text == nullptr) {
            throw Error(fmt::format("{}: {} must be a string, not '{}'", where(node), key, quoted(node)));
        }
        return text->get();
    }

    std::int64_t integer(const toml::node& node, std::string_view key, std::int64_t low, std::int64_t high) const
    {
        const auto* number = node.as_integer();
        if (number == nullptr || number->get() < low || number->get() > high) {
            throw Error(fmt::format("{}: {} must be a whole number from {} to {}, not '{}'", where(node), key, low,
                                    high, quoted(node)));
        }
        return number->get();
    }

    std::filesystem::path source_;
};

}  // namespace

ServeConfig read_serve_config(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("{}: cannot read the configuration", file.string()));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_serve_config(text.str(), file);
}

ServeConfig parse_serve_config(std::string_view text, const std::filesystem::path& source)
{
    return ConfigReader(source).read(text);
}

void set_listen_address(ServerSettings& settings, std::string_view text, std::string_view where)
{
    const auto refuse = [&] {
        return Error(fmt::format("{}: '{}' is not an address to listen on; expected HOST:PORT with an IP address, "
                                 "e.g. 127.0.0.1:8080 or [::1]:8080",
                                 where, text));
    };
    std::string_view host;
    std::string_view port;
    if (text.starts_with('[')) {
        const auto close = text.find("]:");
        if (close == std::string_view::npos) {
            throw refuse();
        }
        host = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos) {
            throw refuse();
        }
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (host.find(':') != std::string_view::npos) {
            throw refuse();  // an IPv6 address goes in brackets
        }
    }
    unsigned number = 0;
    const auto [end, problem] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (problem != std::errc{} || end != port.data() + port.size() || port.empty() || number > 65535) {
        throw refuse();
    }
    const auto address = host == "localhost" ? std::optional<std::string>("127.0.0.1") : normalized_address(host);
    if (!address) {
        throw refuse();
    }
    settings.host = *address;
    settings.port = static_cast<unsigned short>(number);
}

AppSettings app_settings(const ServeConfig& config, const std::string& listening_address)
{
    AppSettings settings;
    settings.static_folder = config.static_folder;
    settings.body_bytes = config.server.limits.body_bytes;
    settings.closed_polls_days = config.closed_polls_days;
    if (config.smtp) {
        settings.mail_sender = config.smtp->from;
    }
    if (config.base_url) {
        settings.base_url = *config.base_url;
        settings.plain_http_allowed = config.base_url->starts_with("http://");
        return settings;
    }
    if (!is_loopback_host(config.server.host)) {
        throw Error(fmt::format("listening on {} needs base_url in the configuration's [web]: the https address "
                                "the browser uses, e.g. base_url = \"https://planner.example.org\" (TLS belongs to "
                                "a proxy in front, see docs/nginx.conf)",
                                listening_address));
    }
    settings.base_url = "http://" + listening_address;
    settings.plain_http_allowed = true;
    return settings;
}

bool is_loopback_host(std::string_view host)
{
    if (host == "localhost") {
        return true;
    }
    if (host.starts_with('[') && host.ends_with(']')) {
        host = host.substr(1, host.size() - 2);
    }
    const auto address = normalized_address(host);
    return address && (address->starts_with("127.") || *address == "::1");
}

}  // namespace planner::web
