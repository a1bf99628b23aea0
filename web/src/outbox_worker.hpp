#pragma once
// The thread of `planner serve` that sends the outbox: with a store connection of its
// own, it hands each due message to the mail server (services::send_due_mail), then
// looks again after a second, or at once when stopped.

#include <planner/mail/smtp.hpp>
#include <planner/services/outbox.hpp>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <thread>

namespace planner::web {

class OutboxWorker {
public:
    // Opens the store, marks the messages a stopped service left half-sent as
    // unconfirmed, and starts sending. Throws planner::Error when the store cannot be
    // opened. At its start and daily it deletes the date polls closed `closed_polls_days`
    // or more ago. `error_log` gets one line per failure and must outlive the worker.
    OutboxWorker(const std::filesystem::path& store, mail::SmtpServer server, services::RetryPolicy retry,
                 int closed_polls_days, std::ostream& error_log);
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;
    // stop().
    ~OutboxWorker();

    // Lets the message being handed over finish and be settled, then ends the thread.
    void stop();

private:
    void run(db::Store store);

    mail::SmtpServer server_;
    services::RetryPolicy retry_;
    int closed_polls_days_;
    std::ostream& error_log_;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;  // last: starts after everything it uses is ready
};

}  // namespace planner::web
