#include <planner/mail/smtp.hpp>

#include <planner/email_address.hpp>
#include <planner/error.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

namespace planner::mail {
namespace {

class ConfigReader {
public:
    explicit ConfigReader(std::string source) : source_(std::move(source)) {}

    std::optional<SmtpServer> read(std::string_view text) const
    {
        toml::table root;
        try {
            root = toml::parse(text, source_);
        } catch (const toml::parse_error& error) {
            throw Error(fmt::format("{}:{}:{}: {}", source_, error.source().begin.line, error.source().begin.column,
                                    error.description()));
        }
        const auto* smtp = root["smtp"].as_table();
        if (smtp == nullptr) {
            return std::nullopt;
        }
        return server(*smtp);
    }

private:
    SmtpServer server(const toml::table& smtp) const
    {
        SmtpServer server;
        bool port_given = false;
        for (const auto& [key, node] : smtp) {
            if (key == "host") {
                server.host = host(node);
            } else if (key == "port") {
                server.port = static_cast<int>(integer(node, "port", 1, 65535));
                port_given = true;
            } else if (key == "tls") {
                server.tls = tls(node);
            } else if (key == "user") {
                server.user = string(node, "user");
            } else if (key == "from") {
                server.from = from(node);
            } else if (key == "timeout") {
                server.timeout = std::chrono::seconds(integer(node, "timeout", 1, 3600));
            } else if (key == "password") {
                throw Error(fmt::format("{}: the password is not read from a file; set the environment "
                                        "variable PLANNER_SMTP_PASSWORD instead",
                                        where(node)));
            } else {
                throw Error(fmt::format("{}: unknown key '{}' in [smtp]; expected host, port, tls, user, timeout or from",
                                        where(node), key.str()));
            }
        }
        if (server.host.empty()) {
            throw Error(fmt::format("{}: [smtp] has no host; expected e.g. host = \"mail.example.org\"",
                                    where(smtp)));
        }
        if (!port_given) {
            server.port = default_port(server.tls);
        }
        server.password = password_from_environment();
        return server;
    }

    std::string where(const toml::node& node) const
    {
        return fmt::format("{}:{}:{}", source_, node.source().begin.line, node.source().begin.column);
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

    std::string host(const toml::node& node) const
    {
        auto name = string(node, "host");
        if (name.empty() || name.find_first_of(" \t\r\n/@?#") != std::string::npos) {
            throw Error(fmt::format("{}: '{}' is not a host name; expected e.g. mail.example.org", where(node), name));
        }
        return name;
    }

    std::string from(const toml::node& node) const
    {
        auto address = string(node, "from");
        try {
            return EmailAddress(address).str();
        } catch (const Error& error) {
            throw Error(fmt::format("{}: from: {}", where(node),
                                    error.what()));
        }
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

    Tls tls(const toml::node& node) const
    {
        const auto* text = node.as_string();
        if (const auto named = text == nullptr ? std::nullopt : tls_named(text->get())) {
            return *named;
        }
        throw Error(fmt::format("{}: unknown tls '{}'; expected \"none\", \"starttls\" or \"implicit\"", where(node),
                                quoted(node)));
    }

    std::string source_;
};

}  // namespace

SmtpServer read_smtp_config(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("{}: cannot read the SMTP configuration", file.string()));
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto server = ConfigReader(file.string()).read(text.str());
    if (!server) {
        throw Error(fmt::format("{}: no [smtp] table; expected one with host, port, tls and user", file.string()));
    }
    return *server;
}

std::optional<SmtpServer> parse_smtp_table(std::string_view text, const std::string& source)
{
    return ConfigReader(source).read(text);
}

std::optional<Tls> tls_named(std::string_view name)
{
    if (name == "none") {
        return Tls::none;
    }
    if (name == "starttls") {
        return Tls::starttls;
    }
    if (name == "implicit") {
        return Tls::implicit;
    }
    return std::nullopt;
}

int default_port(Tls tls)
{
    switch (tls) {
    case Tls::none: return 25;
    case Tls::starttls: return 587;
    case Tls::implicit: return 465;
    }
    return 587;
}

std::string password_from_environment()
{
    const char* password = std::getenv("PLANNER_SMTP_PASSWORD");
    return password == nullptr ? std::string() : std::string(password);
}

}  // namespace planner::mail
