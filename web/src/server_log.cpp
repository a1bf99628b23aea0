#include "server_log.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>

namespace planner::web {
namespace {

// Text from the network may not be UTF-8: it is replaced, not allowed to throw.
std::string dumped(const nlohmann::ordered_json& value)
{
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

std::string utc_timestamp(std::chrono::system_clock::time_point time)
{
    const auto since_epoch = time.time_since_epoch();
    const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
    const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
    const std::time_t whole = static_cast<std::time_t>(seconds.count());
    std::tm utc{};
    gmtime_r(&whole, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min, utc.tm_sec, milliseconds);
}

std::string access_log_line(const AccessRecord& record)
{
    nlohmann::ordered_json line;
    line["time"] = utc_timestamp(record.time);
    line["request_id"] = record.request_id;
    line["method"] = record.method;
    line["route"] = record.route;
    line["status"] = record.status;
    line["bytes"] = record.bytes;
    // Microseconds are noise in a log; three decimals keep the lines short.
    line["duration_ms"] = static_cast<double>(static_cast<std::int64_t>(record.duration_ms * 1000.0)) / 1000.0;
    line["client"] = record.client;
    return dumped(line);
}

std::string error_log_line(std::chrono::system_clock::time_point time, std::string_view request_id,
                           std::string_view route, std::string_view message)
{
    nlohmann::ordered_json line;
    line["time"] = utc_timestamp(time);
    line["level"] = "error";
    line["request_id"] = request_id;
    line["route"] = route;
    line["message"] = message;
    return dumped(line);
}

void ServerLog::request(const AccessRecord& record)
{
    const auto line = access_log_line(record);
    const std::lock_guard lock(mutex_);
    access_ << line << '\n' << std::flush;
}

void ServerLog::error(std::string_view request_id, std::string_view route, std::string_view message)
{
    const auto line = error_log_line(std::chrono::system_clock::now(), request_id, route, message);
    const std::lock_guard lock(mutex_);
    errors_ << line << '\n' << std::flush;
}

}  // namespace planner::web
