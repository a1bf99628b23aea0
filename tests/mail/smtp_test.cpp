#include <planner/mail/calendar_part.hpp>
#include <planner/mail/message.hpp>
#include <planner/mail/smtp.hpp>

#include "error_message.hpp"
#include "smtp_sink.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace planner::mail {
namespace {

using planner::testing::error_message;
using planner::testing::SmtpSink;

const std::string calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//planner//EN\r\nMETHOD:REQUEST\r\n"
                             "BEGIN:VEVENT\r\nUID:kennenlernen-2012@planner.invalid\r\n"
                             "SUMMARY:Gedanken- und Erfahrungsaustausch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

std::string invitation_to(const std::string& name, const std::string& address)
{
    CalendarMessage message;
    message.from = {"Christine Ludwig", "christine.ludwig@example.org"};
    message.to = {name, address};
    message.subject = "Einladung: Gedanken- und Erfahrungsaustausch";
    message.text = "Guten Tag,\n.\nbis bald\n";  // a lone dot, which SMTP must not take for the end
    message.calendar = calendar;
    message.method = "REQUEST";
    message.date = boost::posix_time::ptime(boost::gregorian::date(2012, 10, 1), boost::posix_time::hours(8));
    message.message_id = "kennenlernen-2012.0." + address;
    return compose(message);
}

SmtpServer sink_server(const SmtpSink& sink)
{
    return SmtpServer{"127.0.0.1", sink.port(), Tls::none, {}, {}, std::chrono::seconds(10), {}};
}

// A port nobody listens on: bound once by us, then closed.
int closed_port()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

TEST(SmtpSendTest, DeliversOneMessagePerRecipient)
{
    SmtpSink sink;
    const auto to_juergen = invitation_to("Jürgen Weiß", "juergen.weiss@example.org");
    const auto to_gerda = invitation_to("Gerda Straub", "gerda.straub@example.org");
    const auto first = send(sink_server(sink), "christine.ludwig@example.org", "juergen.weiss@example.org", to_juergen);
    const auto second = send(sink_server(sink), "christine.ludwig@example.org", "gerda.straub@example.org", to_gerda);
    EXPECT_TRUE(first.delivered) << first.error;
    EXPECT_TRUE(second.delivered) << second.error;
    EXPECT_EQ(first.recipient, "juergen.weiss@example.org");
    EXPECT_EQ(first.error, "");

    const auto received = sink.messages();
    ASSERT_EQ(received.size(), 2u);
    EXPECT_EQ(received[0].from, "christine.ludwig@example.org");
    EXPECT_EQ(received[0].recipients, std::vector<std::string>{"juergen.weiss@example.org"});
    EXPECT_EQ(received[0].data, to_juergen);  // byte for byte, dots unstuffed
    EXPECT_EQ(received[1].recipients, std::vector<std::string>{"gerda.straub@example.org"});
    EXPECT_EQ(received[1].data, to_gerda);
    EXPECT_NE(received[1].data.find("\r\nTo: Gerda Straub <gerda.straub@example.org>\r\n"), std::string::npos);
    EXPECT_EQ(calendar_part(received[1].data, "received.eml"), calendar);
    EXPECT_EQ(received[0].user, "");
}

TEST(SmtpSendTest, ReportsARejectedRecipientAndGoesOn)
{
    SmtpSink sink;
    sink.reject_recipient("nobody@example.org");
    const auto rejected = send(sink_server(sink), "christine.ludwig@example.org", "nobody@example.org",
                               invitation_to("", "nobody@example.org"));
    const auto accepted = send(sink_server(sink), "christine.ludwig@example.org", "gerda.straub@example.org",
                               invitation_to("Gerda Straub", "gerda.straub@example.org"));
    EXPECT_FALSE(rejected.delivered);
    EXPECT_EQ(rejected.error, "nobody@example.org via smtp://127.0.0.1:" + std::to_string(sink.port()) +
                                  ": RCPT failed: 550 (the server replied '550 5.1.1 <nobody@example.org>: user "
                                  "unknown')");
    EXPECT_TRUE(rejected.permanent);  // that recipient, for good
    EXPECT_FALSE(rejected.uncertain);
    EXPECT_TRUE(accepted.delivered) << accepted.error;
    ASSERT_EQ(sink.messages().size(), 1u);
    EXPECT_EQ(sink.messages()[0].recipients, std::vector<std::string>{"gerda.straub@example.org"});
}

TEST(SmtpSendTest, ReportsAServerThatIsNotListening)
{
    const int port = closed_port();
    const auto delivery = send(SmtpServer{"127.0.0.1", port, Tls::none, {}, {}, std::chrono::seconds(5), {}},
                               "christine.ludwig@example.org", "gerda.straub@example.org",
                               invitation_to("Gerda Straub", "gerda.straub@example.org"));
    EXPECT_FALSE(delivery.delivered);
    // libcurl says how many milliseconds it tried: "... after 0 ms: Couldn't connect to server".
    EXPECT_TRUE(delivery.error.starts_with("gerda.straub@example.org via smtp://127.0.0.1:" + std::to_string(port) +
                                           ": Failed to connect to 127.0.0.1 port " + std::to_string(port)))
        << delivery.error;
    EXPECT_TRUE(delivery.error.ends_with(" ms: Couldn't connect to server")) << delivery.error;
    EXPECT_FALSE(delivery.permanent);  // it may listen later
    EXPECT_FALSE(delivery.uncertain);
}

TEST(SmtpSendTest, ASenderTheServerRefusesIsNoRefusalOfTheMessage)
{
    SmtpSink sink;
    sink.reject_sender("planner@example.org");
    const auto delivery = send(sink_server(sink), "planner@example.org", "gerda.straub@example.org",
                               invitation_to("Gerda Straub", "gerda.straub@example.org"));
    EXPECT_FALSE(delivery.delivered);
    EXPECT_NE(delivery.error.find("550 5.7.1"), std::string::npos) << delivery.error;
    // The account or its address is wrong, which the administrator can put right: the
    // message is not refused for good.
    EXPECT_FALSE(delivery.permanent);
    EXPECT_FALSE(delivery.uncertain);
    EXPECT_TRUE(sink.messages().empty());
}

TEST(SmtpSendTest, AConnectionLostAfterTheWholeMessageMayHaveDeliveredIt)
{
    SmtpSink sink;
    sink.drop_connection_after_data();
    const auto delivery = send(sink_server(sink), "planner@example.org", "gerda.straub@example.org",
                               invitation_to("Gerda Straub", "gerda.straub@example.org"));
    EXPECT_FALSE(delivery.delivered);
    EXPECT_TRUE(delivery.uncertain) << delivery.error;
    EXPECT_FALSE(delivery.permanent);
    EXPECT_EQ(sink.messages().size(), 1u);
}

TEST(SmtpSendTest, AuthenticatesWithUserAndPassword)
{
    SmtpSink sink;
    sink.offer_auth_plain();
    auto server = sink_server(sink);
    server.user = "christine.ludwig";
    server.password = "geheim";
    const auto delivery = send(server, "christine.ludwig@example.org", "gerda.straub@example.org",
                               invitation_to("Gerda Straub", "gerda.straub@example.org"));
    EXPECT_TRUE(delivery.delivered) << delivery.error;
    ASSERT_EQ(sink.messages().size(), 1u);
    EXPECT_EQ(sink.messages()[0].user, "christine.ludwig");
}

TEST(SmtpSendTest, StarttlsRefusesToSendInClearText)
{
    SmtpSink sink;  // offers no STARTTLS
    auto server = sink_server(sink);
    server.tls = Tls::starttls;
    const auto delivery = send(server, "christine.ludwig@example.org", "gerda.straub@example.org",
                               invitation_to("Gerda Straub", "gerda.straub@example.org"));
    EXPECT_FALSE(delivery.delivered);
    EXPECT_EQ(delivery.error, "gerda.straub@example.org via smtp://127.0.0.1:" + std::to_string(sink.port()) +
                                  ": STARTTLS not supported.");
    EXPECT_TRUE(sink.messages().empty());
}

// read_smtp_config, on files in a temporary directory.
class SmtpConfigTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        directory_ = std::filesystem::temp_directory_path() / ("planner-smtp-config-" + std::to_string(::getpid()));
        std::filesystem::create_directories(directory_);
        ::unsetenv("PLANNER_SMTP_PASSWORD");
    }
    void TearDown() override
    {
        std::filesystem::remove_all(directory_);
        ::unsetenv("PLANNER_SMTP_PASSWORD");
    }

    std::filesystem::path write(const std::string& text)
    {
        const auto file = directory_ / "planner.toml";
        std::ofstream(file) << text;
        return file;
    }

    std::string error_of(const std::string& text)
    {
        const auto file = write(text);
        auto message = error_message([&] { static_cast<void>(read_smtp_config(file)); });
        const auto prefix = file.string();
        return message.starts_with(prefix) ? "planner.toml" + message.substr(prefix.size()) : message;
    }

    std::filesystem::path directory_;
};

TEST_F(SmtpConfigTest, ReadsTheSmtpTableAndThePasswordFromTheEnvironment)
{
    ::setenv("PLANNER_SMTP_PASSWORD", "geheim", 1);
    const auto server = read_smtp_config(write("[smtp]\nhost = \"mail.bodenseekreis.example.org\"\nport = 465\n"
                                               "tls = \"implicit\"\nuser = \"christine.ludwig\"\ntimeout = 20\n"));
    EXPECT_EQ(server.host, "mail.bodenseekreis.example.org");
    EXPECT_EQ(server.port, 465);
    EXPECT_EQ(server.tls, Tls::implicit);
    EXPECT_EQ(server.user, "christine.ludwig");
    EXPECT_EQ(server.password, "geheim");
    EXPECT_EQ(server.timeout, std::chrono::seconds(20));
}

TEST_F(SmtpConfigTest, DefaultsToStarttlsOnPort587)
{
    const auto server = read_smtp_config(write("[smtp]\nhost = \"mail.example.org\"\n"));
    EXPECT_EQ(server.port, 587);
    EXPECT_EQ(server.tls, Tls::starttls);
    EXPECT_EQ(server.user, "");
    EXPECT_EQ(server.password, "");
    EXPECT_EQ(read_smtp_config(write("[smtp]\nhost = \"mail.example.org\"\ntls = \"implicit\"\n")).port, 465);
    EXPECT_EQ(read_smtp_config(write("[smtp]\nhost = \"localhost\"\ntls = \"none\"\n")).port, 25);
}

TEST(SmtpSettingsTest, NamesAndDefaultPortsOfTheSecurity)
{
    EXPECT_EQ(tls_named("none"), Tls::none);
    EXPECT_EQ(tls_named("starttls"), Tls::starttls);
    EXPECT_EQ(tls_named("implicit"), Tls::implicit);
    EXPECT_EQ(tls_named("STARTTLS"), std::nullopt);
    EXPECT_EQ(default_port(Tls::none), 25);
    EXPECT_EQ(default_port(Tls::starttls), 587);
    EXPECT_EQ(default_port(Tls::implicit), 465);
}

TEST_F(SmtpConfigTest, NamesThePlaceOfEveryBadValue)
{
    EXPECT_EQ(error_of("[smtp]\nhost = \"mail.example.org\"\ntls = \"ssl\"\n"),
              "planner.toml:3:7: unknown tls 'ssl'; expected \"none\", \"starttls\" or \"implicit\"");
    EXPECT_EQ(error_of("[smtp]\nhost = \"mail.example.org\"\nport = 70000\n"),
              "planner.toml:3:8: port must be a whole number from 1 to 65535, not '70000'");
    EXPECT_EQ(error_of("[smtp]\nhost = \"mail.example.org\"\nport = \"587\"\n"),
              "planner.toml:3:8: port must be a whole number from 1 to 65535, not '587'");
    EXPECT_EQ(error_of("[smtp]\nhost = \"mail example.org\"\n"),
              "planner.toml:2:8: 'mail example.org' is not a host name; expected e.g. mail.example.org");
    EXPECT_EQ(error_of("[smtp]\nhots = \"mail.example.org\"\n"),
              "planner.toml:2:8: unknown key 'hots' in [smtp]; expected host, port, tls, user, timeout or from");
    EXPECT_EQ(error_of("[smtp]\nport = 25\n"),
              "planner.toml:1:1: [smtp] has no host; expected e.g. host = \"mail.example.org\"");
    EXPECT_EQ(error_of("[mail]\nhost = \"mail.example.org\"\n"),
              "planner.toml: no [smtp] table; expected one with host, port, tls and user");
    EXPECT_EQ(error_of("[smtp]\nhost = mail.example.org\n"),
              "planner.toml:2:8: Error while parsing value: could not determine value type");
}

TEST_F(SmtpConfigTest, RefusesAPasswordInTheFile)
{
    EXPECT_EQ(error_of("[smtp]\nhost = \"mail.example.org\"\npassword = \"geheim\"\n"),
              "planner.toml:3:12: the password is not read from a file; set the environment variable "
              "PLANNER_SMTP_PASSWORD instead");
}

TEST(SmtpConfigFileTest, SaysWhenTheFileCannotBeRead)
{
    EXPECT_EQ(error_message([] { static_cast<void>(read_smtp_config("/nonexistent/planner.toml")); }),
              "/nonexistent/planner.toml: cannot read the SMTP configuration");
}

}  // namespace
}  // namespace planner::mail
