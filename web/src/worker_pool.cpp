#include "worker_pool.hpp"

#include <stdexcept>

namespace planner::web {
namespace {

// Set for the lifetime of each pool thread to the connection it owns.
thread_local db::Store* this_threads_store = nullptr;

}  // namespace

WorkerPool::WorkerPool(const std::filesystem::path& store, std::size_t threads)
    : context_(static_cast<int>(threads)), keep_running_(context_.get_executor())
{
    // Every connection is opened here, on the caller's thread, so that a missing or
    // unreadable store is an error of the constructor rather than of a thread.
    std::vector<db::Store> connections;
    connections.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) {
        connections.emplace_back(store, db::OpenMode::must_exist);
    }
    try {
        for (auto& connection : connections) {
            threads_.emplace_back([this, own = std::move(connection)]() mutable {
                this_threads_store = &own;
                context_.run();
                this_threads_store = nullptr;
            });
        }
    } catch (...) {
        stop();  // no destructor runs for a constructor that throws: join what started
        throw;
    }
}

WorkerPool::~WorkerPool()
{
    stop();
}

db::Store& WorkerPool::store()
{
    if (this_threads_store == nullptr) {
        throw std::logic_error("WorkerPool::store() called outside a worker thread");
    }
    return *this_threads_store;
}

void WorkerPool::stop()
{
    keep_running_.reset();
    for (auto& thread : threads_) {
        if (thread.joinable()) {
            thread.join();
        }
    }
}

}  // namespace planner::web
