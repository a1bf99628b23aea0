#pragma once
// Threads that run the handlers, off the I/O thread, each with a store connection of
// its own, opened once when the pool starts: SQLite connections are not shared
// between threads, and opening one per request would cost more than most queries.

#include <planner/db/store.hpp>

#include <utility>  // before Asio: GCC 12 needs std::exchange declared first

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <filesystem>
#include <thread>
#include <vector>

namespace planner::web {

class WorkerPool {
public:
    // Opens `threads` connections to the store, which must exist (planner::Error
    // otherwise), and starts a thread for each.
    WorkerPool(const std::filesystem::path& store, std::size_t threads);
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    ~WorkerPool();

    // Work posted here runs on one of the pool's threads.
    [[nodiscard]] boost::asio::io_context::executor_type executor() { return context_.get_executor(); }
    // The connection of the pool thread that calls it (a logic error elsewhere).
    [[nodiscard]] static db::Store& store();

    // Runs what is queued, then joins the threads; idempotent.
    void stop();

private:
    boost::asio::io_context context_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> keep_running_;
    std::vector<std::thread> threads_;
};

}  // namespace planner::web
