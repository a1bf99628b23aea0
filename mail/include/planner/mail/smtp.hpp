#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace planner::mail {

// How the connection to the SMTP server is secured. implicit is TLS from the first
// byte (smtps://, port 465); starttls upgrades a plain connection and refuses to go on
// without TLS.
enum class Tls { none, starttls, implicit };

// "none", "starttls", "implicit", as the configuration and the options name them.
[[nodiscard]] std::optional<Tls> tls_named(std::string_view name);
// The port the security implies when none is given: 25, 587 or 465.
[[nodiscard]] int default_port(Tls tls);
// The SMTP password: only ever from the environment variable PLANNER_SMTP_PASSWORD,
// never from a file or the command line, where others could read it.
[[nodiscard]] std::string password_from_environment();

struct SmtpServer {
    std::string host;
    int port = 587;
    Tls tls = Tls::starttls;
    std::string user;      // empty: no authentication
    std::string password;  // never from a file: see read_smtp_config
    std::chrono::seconds timeout{30};
    // The address the account sends as: mails go From it, in the name of the
    // organiser's organisation, with the organiser as Reply-To. Empty: From the
    // organiser's own address (only where the server lets the account send as anyone).
    std::string from;
};

// What became of one message to one recipient.
struct Delivery {
    std::string recipient;
    bool delivered = false;
    std::string error;  // libcurl's message and the server's reply, e.g. "... 550 5.1.1 user unknown"
    // The server refused the recipient or the message for good (a 5xx reply to RCPT or
    // DATA): trying again cannot help. A 4xx reply, a server that could not be reached or
    // refused the account may accept it later.
    bool permanent = false;
    // The whole message was handed over and no answer came (a timeout, a broken
    // connection): the server may have accepted it, and sending it again may send it twice.
    bool uncertain = false;
};

// Sends `message` (RFC 5322 text, as compose() writes it) to one recipient, with the
// envelope MAIL FROM `from` and RCPT TO `recipient`. A failed delivery is not an
// exception: one unknown recipient must not stop the invitations to everyone else.
[[nodiscard]] Delivery send(const SmtpServer& server, const std::string& from, const std::string& recipient,
                            const std::string& message);

// The server of a TOML file's [smtp] table: host, port, tls = "none" | "starttls" |
// "implicit", user, timeout (seconds), from (an address). The password comes only from
// the environment variable PLANNER_SMTP_PASSWORD, never from the file. Throws
// planner::Error naming file:line:col and the bad value.
[[nodiscard]] SmtpServer read_smtp_config(const std::filesystem::path& file);
// The same from the text of a TOML file (`source` names it in messages); its other
// tables are left to the caller. Nothing when it has no [smtp] table.
[[nodiscard]] std::optional<SmtpServer> parse_smtp_table(std::string_view text, const std::string& source);

}  // namespace planner::mail
