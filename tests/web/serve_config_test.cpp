#include "serve_config.hpp"

#include <error_message.hpp>
#include <run_planner.hpp>

#include <gtest/gtest.h>

namespace planner::web {
namespace {

using namespace std::chrono_literals;
using planner::testing::error_message;

ServeConfig parsed(const std::string& text)
{
    return parse_serve_config(text, "/etc/planner/serve.toml");
}

TEST(ServeConfigTest, WithoutAFileEverythingHasItsDefault)
{
    const ServeConfig config;
    EXPECT_EQ(config.server.host, "127.0.0.1");
    EXPECT_EQ(config.server.port, 8080);
    EXPECT_EQ(config.server.readers, 4U);
    EXPECT_TRUE(config.server.trusted_proxies.empty());
    EXPECT_EQ(config.server.limits.header_bytes, 8192U);
    EXPECT_EQ(config.server.limits.body_bytes, 1048576U);
    EXPECT_EQ(config.server.limits.header_timeout, 10s);
    EXPECT_EQ(config.server.limits.body_timeout, 30s);
    EXPECT_EQ(config.server.limits.idle_timeout, 60s);
    EXPECT_EQ(config.server.limits.write_timeout, 30s);
    EXPECT_EQ(config.server.limits.max_connections, 256U);
    EXPECT_EQ(config.base_url, std::nullopt);
    EXPECT_EQ(config.access_log, std::nullopt);
    EXPECT_EQ(parsed("").server.port, 8080);
}

TEST(ServeConfigTest, ReadsEveryKey)
{
    const auto config = parsed(R"(
[web]
listen = "[::1]:9090"
base_url = "https://planner.example.org/"
trusted_proxies = ["127.0.0.1", "::ffff:10.0.0.2"]
readers = 8
access_log = "logs/access.log"

[limits]
header_bytes = 16384
body_bytes = 2097152
header_timeout_s = 5
body_timeout_s = 20
idle_timeout_s = 120
write_timeout_s = 15
max_connections = 1000
)");
    EXPECT_EQ(config.server.host, "::1");
    EXPECT_EQ(config.server.port, 9090);
    EXPECT_EQ(config.base_url, "https://planner.example.org");
    EXPECT_EQ(config.server.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "10.0.0.2"}));
    EXPECT_EQ(config.server.readers, 8U);
    EXPECT_EQ(config.access_log, std::filesystem::path("/etc/planner/logs/access.log"));
    EXPECT_EQ(config.server.limits.header_bytes, 16384U);
    EXPECT_EQ(config.server.limits.body_bytes, 2097152U);
    EXPECT_EQ(config.server.limits.header_timeout, 5s);
    EXPECT_EQ(config.server.limits.body_timeout, 20s);
    EXPECT_EQ(config.server.limits.idle_timeout, 120s);
    EXPECT_EQ(config.server.limits.write_timeout, 15s);
    EXPECT_EQ(config.server.limits.max_connections, 1000U);
    EXPECT_EQ(parsed("[web]\naccess_log = \"/var/log/planner.log\"\n").access_log,
              std::filesystem::path("/var/log/planner.log"));
}

TEST(ServeConfigTest, TheStaticFolderIsAnchoredAtTheFile)
{
    EXPECT_EQ(parsed("[web]\nstatic_folder = \"static\"\n").static_folder,
              std::filesystem::path("/etc/planner/static"));
    EXPECT_EQ(app_settings(parsed("[web]\nstatic_folder = \"/srv/planner\"\n"), "127.0.0.1:8080").static_folder,
              std::filesystem::path("/srv/planner"));
}

TEST(ServeConfigTest, NamesAnUnknownKeyWithItsLine)
{
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[web]\nlisten = \"127.0.0.1:80\"\nport = 80\n")); }),
              "/etc/planner/serve.toml:3:8: unknown key 'port' in [web]; expected listen, base_url, trusted_proxies, "
              "readers, access_log or static_folder");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[limits]\nbody_size = 10\n")); }),
              "/etc/planner/serve.toml:2:13: unknown key 'body_size' in [limits]; expected header_bytes, body_bytes, "
              "header_timeout_s, body_timeout_s, idle_timeout_s, write_timeout_s or max_connections");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[mail]\nhost = \"x\"\n")); }),
              "/etc/planner/serve.toml:1:1: unknown key 'mail'; expected the tables [web], [limits], [smtp], "
              "[outbox] and [retention]");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("web = 1\n")); }),
              "/etc/planner/serve.toml:1:7: unknown key 'web'; expected the tables [web], [limits], [smtp], "
              "[outbox] and [retention]");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[outbox]\nretries = 3\n")); }),
              "/etc/planner/serve.toml:2:11: unknown key 'retries' in [outbox]; expected first_retry_s, "
              "longest_retry_s or attempts");
}

TEST(ServeConfigTest, ReadsHowLongClosedPollsAreKept)
{
    EXPECT_EQ(parsed("").closed_polls_days, 30);
    const auto config = parsed("[retention]\nclosed_polls_days = 7\n");
    EXPECT_EQ(config.closed_polls_days, 7);
    EXPECT_EQ(app_settings(config, "127.0.0.1:8080").closed_polls_days, 7);
    EXPECT_NE(error_message([] { static_cast<void>(parsed("[retention]\nclosed_polls_days = 0\n")); }).find(
                  "closed_polls_days"),
              std::string::npos);
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[retention]\nattendance_days = 3\n")); }),
              "/etc/planner/serve.toml:2:19: unknown key 'attendance_days' in [retention]; expected closed_polls_days");
}

TEST(ServeConfigTest, ReadsTheOutboxServerAndRetries)
{
    const auto config = parsed("[smtp]\nhost = \"mail.lrakn.example\"\ntls = \"implicit\"\nuser = \"planner\"\n"
                               "from = \"planner@lrakn.example\"\n[outbox]\nfirst_retry_s = 30\nattempts = 5\n");
    ASSERT_TRUE(config.smtp.has_value());
    EXPECT_EQ(config.smtp->host, "mail.lrakn.example");
    EXPECT_EQ(config.smtp->port, 465);
    EXPECT_EQ(config.smtp->from, "planner@lrakn.example");
    EXPECT_EQ(config.retry.first_wait, std::chrono::seconds(30));
    EXPECT_EQ(config.retry.attempts, 5);
    EXPECT_EQ(app_settings(config, "127.0.0.1:8080").mail_sender, "planner@lrakn.example");
    EXPECT_EQ(app_settings(parsed(""), "127.0.0.1:8080").mail_sender, std::nullopt);
    // The service sends as one address of its own, never as whoever organises.
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[smtp]\nhost = \"x\"\n")); }),
              "/etc/planner/serve.toml:1:1: [smtp] has no from: the service sends as one address of its own, e.g. "
              "from = \"planner@landkreis.example\"");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[smtp]\nhost = \"x\"\nfrom = \"Planner <p@x.de>\"\n")); }),
              "/etc/planner/serve.toml:3:8: from: 'Planner <p@x.de>' is not an e-mail address, expected a bare "
              "address like name@example.org");
}

TEST(ServeConfigTest, NamesAValueOfTheWrongTypeOrRange)
{
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[web]\nreaders = \"four\"\n")); }),
              "/etc/planner/serve.toml:2:11: [web] readers must be a whole number from 1 to 64, not 'four'");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[limits]\nidle_timeout_s = 0\n")); }),
              "/etc/planner/serve.toml:2:18: [limits] idle_timeout_s must be a whole number from 1 to 3600, not '0'");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[limits]\nheader_bytes = 1.5\n")); }),
              "/etc/planner/serve.toml:2:16: [limits] header_bytes must be a whole number from 1024 to 1048576, not "
              "'1.5'");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[web]\nlisten = 8080\n")); }),
              "/etc/planner/serve.toml:2:10: listen must be a string, not '8080'");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[web]\ntrusted_proxies = \"127.0.0.1\"\n")); }),
              "/etc/planner/serve.toml:2:19: trusted_proxies must be a list of IP addresses, e.g. [\"127.0.0.1\"], "
              "not '127.0.0.1'");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[web]\ntrusted_proxies = [\"nginx\"]\n")); }),
              "/etc/planner/serve.toml:2:20: trusted proxy 'nginx' is not an IP address; expected e.g. \"127.0.0.1\"");
}

TEST(ServeConfigTest, NamesTheLineOfTomlThatDoesNotParse)
{
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[web]\nlisten = \n")); }).substr(0, 28),
              "/etc/planner/serve.toml:2:10");
}

TEST(ServeConfigTest, ABaseUrlIsHttpsOrLoopback)
{
    EXPECT_EQ(parsed("[web]\nbase_url = \"http://localhost:8080\"\n").base_url, "http://localhost:8080");
    EXPECT_EQ(parsed("[web]\nbase_url = \"http://[::1]:8080\"\n").base_url, "http://[::1]:8080");
    EXPECT_EQ(parsed("[web]\nbase_url = \"https://planner.example.org/planner\"\n").base_url,
              "https://planner.example.org/planner");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[web]\nbase_url = \"http://planner.example.org\"\n")); }),
              "/etc/planner/serve.toml:2:12: base_url 'http://planner.example.org' is plain http on a host that is not "
              "loopback; the planner's sign-in needs https there: put a TLS proxy in front (docs/nginx.conf) and give "
              "its https address");
    EXPECT_EQ(error_message([] { static_cast<void>(parsed("[web]\nbase_url = \"planner.example.org\"\n")); }),
              "/etc/planner/serve.toml:2:12: base_url 'planner.example.org' is not the address of a web site; "
              "expected e.g. \"https://planner.example.org\"");
    EXPECT_NE(error_message([] { static_cast<void>(parsed("[web]\nbase_url = \"https://x.org/?a=1\"\n")); }), "");
    EXPECT_NE(error_message([] { static_cast<void>(parsed("[web]\nbase_url = \"ftp://x.org\"\n")); }), "");
}

TEST(ServeConfigTest, ReadsAFileAndNamesOneItCannotRead)
{
    planner::testing::TemporaryDirectory directory;
    planner::testing::write_file(directory / "serve.toml", "[limits]\nmax_connections = 3\n");
    EXPECT_EQ(read_serve_config(directory / "serve.toml").server.limits.max_connections, 3U);
    const auto missing = directory / "missing.toml";
    EXPECT_EQ(error_message([&] { static_cast<void>(read_serve_config(missing)); }),
              missing.string() + ": cannot read the configuration");
}

TEST(ListenAddressTest, ReadsHostAndPort)
{
    ServerSettings settings;
    set_listen_address(settings, "0.0.0.0:80", "--listen");
    EXPECT_EQ(settings.host, "0.0.0.0");
    EXPECT_EQ(settings.port, 80);
    set_listen_address(settings, "[::]:0", "--listen");
    EXPECT_EQ(settings.host, "::");
    EXPECT_EQ(settings.port, 0);
    set_listen_address(settings, "localhost:65535", "--listen");
    EXPECT_EQ(settings.host, "127.0.0.1");
    EXPECT_EQ(settings.port, 65535);
}

TEST(ListenAddressTest, NamesWhatIsNotHostAndPort)
{
    for (const std::string bad : {"8080", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:http", ":8080",
                                  "planner.example.org:80", "::1:8080", "[::1]8080", "127.0.0.1:-1"}) {
        ServerSettings settings;
        EXPECT_EQ(error_message([&] { set_listen_address(settings, bad, "--listen"); }),
                  "--listen: '" + bad +
                      "' is not an address to listen on; expected HOST:PORT with an IP address, e.g. "
                      "127.0.0.1:8080 or [::1]:8080")
            << bad;
    }
}

TEST(AppSettingsTest, WithoutABaseUrlLoopbackIsPlainHttp)
{
    ServeConfig config;
    const auto app = app_settings(config, "127.0.0.1:41234");
    EXPECT_EQ(app.base_url, "http://127.0.0.1:41234");
    EXPECT_TRUE(app.plain_http_allowed);
    config.server.host = "::1";
    EXPECT_EQ(app_settings(config, "[::1]:8080").base_url, "http://[::1]:8080");
}

TEST(AppSettingsTest, ListeningElsewhereNeedsTheProxysAddress)
{
    ServeConfig config;
    config.server.host = "0.0.0.0";
    EXPECT_EQ(error_message([&] { static_cast<void>(app_settings(config, "0.0.0.0:8080")); }),
              "listening on 0.0.0.0:8080 needs base_url in the configuration's [web]: the https address the browser "
              "uses, e.g. base_url = \"https://planner.example.org\" (TLS belongs to a proxy in front, see "
              "docs/nginx.conf)");
    config.base_url = "https://planner.example.org";
    const auto app = app_settings(config, "0.0.0.0:8080");
    EXPECT_EQ(app.base_url, "https://planner.example.org");
    EXPECT_FALSE(app.plain_http_allowed);
}

TEST(LoopbackHostTest, KnowsTheLoopbackAddresses)
{
    EXPECT_TRUE(is_loopback_host("localhost"));
    EXPECT_TRUE(is_loopback_host("127.0.0.1"));
    EXPECT_TRUE(is_loopback_host("127.1.2.3"));
    EXPECT_TRUE(is_loopback_host("[::1]"));
    EXPECT_TRUE(is_loopback_host("::1"));
    EXPECT_FALSE(is_loopback_host("127.0.0.1.example.org"));
    EXPECT_FALSE(is_loopback_host("10.0.0.1"));
    EXPECT_FALSE(is_loopback_host("::"));
}

}  // namespace
}  // namespace planner::web
