#include "run_planner.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace planner::testing {

namespace {

RunResult run(const std::vector<std::string>& args, const std::vector<std::string>& environment,
              const std::filesystem::path& input)
{
    // Output goes to files rather than pipes, so a large output cannot deadlock.
    TemporaryDirectory capture;
    const auto out_path = capture / "stdout";
    const auto err_path = capture / "stderr";

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 0, input.c_str(), O_RDONLY, 0);

    std::vector<std::string> argv_strings{PLANNER_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_strings) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);

    std::vector<std::string> env_strings;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (std::string_view(*entry).starts_with("PLANNER_DB=")) {
            continue;
        }
        env_strings.emplace_back(*entry);
    }
    env_strings.insert(env_strings.end(), environment.begin(), environment.end());
    std::vector<char*> envp;
    for (auto& entry : env_strings) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);

    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, PLANNER_BINARY, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        throw std::runtime_error("cannot start " PLANNER_BINARY);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    return result;
}

}  // namespace

RunResult run_planner(const std::vector<std::string>& args, const std::vector<std::string>& environment)
{
    return run(args, environment, "/dev/null");
}

RunResult run_planner_with_input(const std::vector<std::string>& args, const std::string& input)
{
    TemporaryDirectory feed;
    write_file(feed / "stdin", input);
    return run(args, {}, feed / "stdin");
}

BackgroundPlanner::BackgroundPlanner(const std::vector<std::string>& args)
    : capture_(std::filesystem::temp_directory_path() /
               ("planner-background-" + std::to_string(std::random_device{}()) + std::to_string(::getpid())))
{
    std::filesystem::create_directories(capture_);
    err_file_ = capture_ / "stderr";
    int pipe_ends[2];
    if (::pipe2(pipe_ends, O_CLOEXEC) != 0) {
        throw std::runtime_error("cannot create a pipe");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, err_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<std::string> argv_strings{PLANNER_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_strings) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, PLANNER_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_ends[1]);
    out_ = pipe_ends[0];
    if (spawned != 0) {
        ::close(out_);
        throw std::runtime_error("cannot start " PLANNER_BINARY);
    }
}

BackgroundPlanner::~BackgroundPlanner()
{
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    ::close(out_);
    std::error_code ignored;
    std::filesystem::remove_all(capture_, ignored);
}

std::optional<std::string> BackgroundPlanner::read_line(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (pending_.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd readable{out_, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) <= 0) {
            return std::nullopt;
        }
        char chunk[4096];
        const auto received = ::read(out_, chunk, sizeof chunk);
        if (received <= 0) {
            return std::nullopt;
        }
        pending_.append(chunk, static_cast<std::size_t>(received));
    }
    const auto end = pending_.find('\n');
    auto line = pending_.substr(0, end);
    pending_.erase(0, end + 1);
    return line;
}

void BackgroundPlanner::signal(int signal_number)
{
    if (pid_ > 0) {
        ::kill(pid_, signal_number);
    }
}

std::optional<int> BackgroundPlanner::wait(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (pid_ > 0) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (std::chrono::steady_clock::now() > deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
}

std::string BackgroundPlanner::err() const
{
    return read_file(err_file_);
}

TemporaryDirectory::TemporaryDirectory()
{
    std::random_device entropy;
    path_ = std::filesystem::temp_directory_path() / ("planner-test-" + std::to_string(entropy()) + std::to_string(entropy()));
    std::filesystem::create_directories(path_);
}

TemporaryDirectory::~TemporaryDirectory()
{
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string output_of(const std::string& command)
{
    const std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    EXPECT_NE(pipe, nullptr) << command;
    std::string text;
    std::array<char, 4096> buffer{};
    while (pipe && std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) {
        text += buffer.data();
    }
    return text;
}

std::string replaced(std::string text, std::string_view from, std::string_view to)
{
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string read_file(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + file.string());
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void write_file(const std::filesystem::path& file, const std::string& content)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) {
        throw std::runtime_error("cannot write " + file.string());
    }
}

std::string dump_store(const std::filesystem::path& file)
{
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    std::ostringstream dump;
    dump << "user_version " << db.execAndGet("PRAGMA user_version").getInt() << '\n';
    SQLite::Statement tables(db, "SELECT name, sql FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name");
    std::vector<std::string> names;
    while (tables.executeStep()) {
        dump << tables.getColumn(1).getString() << '\n';
        if (std::string(tables.getColumn(1).getString()).starts_with("CREATE TABLE")) {
            names.push_back(tables.getColumn(0).getString());
        }
    }
    for (const auto& name : names) {
        SQLite::Statement rows(db, "SELECT * FROM \"" + name + "\" ORDER BY 1, 2");
        while (rows.executeStep()) {
            dump << name;
            for (int column = 0; column < rows.getColumnCount(); ++column) {
                dump << '|' << (rows.getColumn(column).isNull() ? "NULL" : rows.getColumn(column).getString());
            }
            dump << '\n';
        }
    }
    return dump.str();
}

}  // namespace planner::testing
