#pragma once
// The planner's SMTP settings for the loopback sink: plain SMTP to its port, a timeout a
// test can wait out, and the envelope sender the service's [smtp] from would give.

#include "smtp_sink.hpp"

#include <planner/mail/smtp.hpp>

#include <chrono>
#include <string>

namespace planner::testing {

[[nodiscard]] inline mail::SmtpServer sink_server(const SmtpSink& sink, std::string from = {})
{
    mail::SmtpServer server;
    server.host = "127.0.0.1";
    server.port = sink.port();
    server.tls = mail::Tls::none;
    server.timeout = std::chrono::seconds(10);
    server.from = std::move(from);
    return server;
}

}  // namespace planner::testing
