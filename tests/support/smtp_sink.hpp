#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace planner::testing {

// A tiny SMTP server (RFC 5321, what libcurl needs) on 127.0.0.1 at an ephemeral port,
// in a background thread, that keeps every message it receives. Connections are
// served one after another, as libcurl makes one per message. The destructor stops
// and joins the thread.
class SmtpSink {
public:
    SmtpSink();
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    [[nodiscard]] int port() const;
    // RCPT TO for this address gets "550 5.1.1 <addr>: user unknown".
    void reject_recipient(const std::string& address);
    // RCPT TO for this address gets "451 4.3.0 ... try again later" the next `times` times.
    void defer_recipient(const std::string& address, int times);
    // Each message received waits this long for the server's answer, as a busy server
    // makes its clients wait: a window in which a sender may stop.
    void delay_answers(std::chrono::milliseconds delay);
    // Each message is received whole and the connection closed without an answer, as a
    // server that crashed or a network that broke at that moment leaves it.
    void drop_connection_after_data();
    // MAIL FROM this address gets "550 5.7.1 ... not allowed to send": the account's
    // fault, not the recipient's.
    void reject_sender(const std::string& address);
    // EHLO offers AUTH PLAIN, and any user and password are accepted.
    void offer_auth_plain();
    // A slow server: each message received is kept waiting for the server's answer
    // (the client is told nothing) until release(), so that a test can act while a
    // sender waits. The message is already in messages().
    void hold_answers();
    // Waits until a message is held; false after `timeout`.
    bool wait_until_held(std::chrono::milliseconds timeout);
    // Answers the held message and stops holding.
    void release();

    struct Received {
        std::string from;
        std::vector<std::string> recipients;
        std::string data;  // without the final ".\r\n", dot-unstuffed
        std::string user;  // who authenticated with AUTH PLAIN; empty without
    };
    // A snapshot, safe while the sink is serving.
    [[nodiscard]] std::vector<Received> messages() const;

private:
    void serve();
    void converse(int client);

    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::set<std::string> rejected_;
    std::map<std::string, int> deferred_;
    std::chrono::milliseconds answer_delay_{0};
    bool drop_after_data_ = false;
    std::set<std::string> rejected_senders_;
    bool auth_plain_ = false;
    bool holding_ = false;
    int held_ = 0;
    std::condition_variable hold_changed_;
    std::vector<Received> received_;
    std::thread thread_;  // last: starts after everything it uses is ready
};

// The bytes of base64 text; characters outside the alphabet (line ends, padding) are
// skipped. The sink reads AUTH PLAIN with it; the mail tests read composed mails with it,
// independent of the mail library's own decoder.
[[nodiscard]] std::string decode_base64(std::string_view text);

}  // namespace planner::testing
