#include <planner/web/serve.hpp>

#include "app_routes.hpp"
#include "health_routes.hpp"
#include "outbox_worker.hpp"
#include "serve_config.hpp"
#include "server.hpp"

#include <planner/error.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

namespace planner::web {

int serve(const ServeOptions& options, std::ostream& out, std::ostream& err)
{
    auto config = options.config ? read_serve_config(*options.config) : ServeConfig{};
    if (options.listen) {
        set_listen_address(config.server, *options.listen, "--listen");
    }
    std::ofstream access_file;
    if (config.access_log) {
        // Created readable by its owner only, as the store is: it holds clients' addresses.
        const int created = ::open(config.access_log->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (created >= 0) {
            ::close(created);
            access_file.open(*config.access_log, std::ios::app);
        }
        if (created < 0 || !access_file) {
            throw Error(fmt::format("{}: cannot open the access log: {}", config.access_log->string(),
                                    std::strerror(errno)));
        }
    }
    Server server(config.server, health_routes(), options.store, config.access_log ? access_file : err, err);
    // The base URL takes the port the system chose when port 0 was asked for.
    server.add_routes(app_routes(app_settings(config, server.address())));
    server.stop_on_signals();
    std::optional<OutboxWorker> outbox;
    if (config.smtp) {
        outbox.emplace(options.store, *config.smtp, config.retry, config.closed_polls_days, err);
    }
    fmt::print(out, "listening on http://{}\n", server.address());
    out.flush();
    server.run();
    // After the last request: the message being handed over is settled before the end.
    if (outbox) {
        outbox->stop();
    }
    return 0;
}

std::string public_address(const std::filesystem::path& config)
{
    const auto read = read_serve_config(config);
    return app_settings(read, fmt::format("{}:{}", read.server.host, read.server.port)).base_url;
}

std::optional<std::string> mail_sender(const std::filesystem::path& config)
{
    const auto read = read_serve_config(config);
    return read.smtp ? std::optional(read.smtp->from) : std::nullopt;
}

}  // namespace planner::web
