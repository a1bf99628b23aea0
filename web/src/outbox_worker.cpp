#include "outbox_worker.hpp"

#include "server_log.hpp"

#include <planner/db/store.hpp>
#include <planner/error.hpp>
#include <planner/services/polls.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <chrono>
#include <optional>

namespace planner::web {

namespace pt = boost::posix_time;

namespace {

// Between looks at the outbox: a message queued by a page goes out within this.
constexpr std::chrono::seconds poll_interval{1};

void log_line(std::ostream& log, std::string_view message)
{
    // One write per line: the server's own log lines go to the same stream.
    log << error_log_line(std::chrono::system_clock::now(), "-", "outbox", message) + "\n" << std::flush;
}

db::Store opened(const std::filesystem::path& store, std::ostream& log)
{
    db::Store opened(store, db::OpenMode::must_exist);
    if (const int unconfirmed = opened.unconfirm_interrupted_mail(); unconfirmed > 0) {
        log_line(log, fmt::format("{} message(s) were being handed to the mail server when the service stopped and "
                                  "may have gone out: they are unconfirmed, and sent again only when an organiser "
                                  "says so",
                                  unconfirmed));
    }
    return opened;
}

}  // namespace

OutboxWorker::OutboxWorker(const std::filesystem::path& store, mail::SmtpServer server, services::RetryPolicy retry,
                           int closed_polls_days, std::ostream& error_log)
    : server_(std::move(server)), retry_(retry), closed_polls_days_(closed_polls_days), error_log_(error_log),
      thread_([this, connection = opened(store, error_log)]() mutable { run(std::move(connection)); })
{
}

OutboxWorker::~OutboxWorker()
{
    stop();
}

void OutboxWorker::stop()
{
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void OutboxWorker::run(db::Store store)
{
    const auto clock = [] { return pt::microsec_clock::universal_time(); };
    // Closed date polls are deleted with their votes once they have been kept long
    // enough: looked for at the start, then daily.
    std::optional<pt::ptime> polls_forgotten;
    while (!stopping_) {
        try {
            if (!polls_forgotten || clock() - *polls_forgotten >= pt::hours(24)) {
                polls_forgotten = clock();
                static_cast<void>(services::forget_closed_polls(store, *polls_forgotten, closed_polls_days_));
            }
            static_cast<void>(services::send_due_mail(store, server_, retry_, clock, stopping_));
        } catch (const std::exception& error) {
            // A store that could not be written for a while (a lock held too long, a full
            // disk): a message not yet claimed is tried at the next look; one whose answer
            // could not be recorded stays sending, and the next start makes it
            // unconfirmed. The service goes on either way.
            log_line(error_log_, error.what());
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, poll_interval, [this] { return stopping_.load(); });
    }
}

}  // namespace planner::web
