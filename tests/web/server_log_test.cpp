#include "server_log.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace planner::web {
namespace {

// 2012-10-11T12:00:00.250Z
const auto immenstaad = std::chrono::system_clock::time_point(std::chrono::milliseconds(1349956800250));

TEST(UtcTimestampTest, IsIsoWithMilliseconds)
{
    EXPECT_EQ(utc_timestamp(immenstaad), "2012-10-11T12:00:00.250Z");
    EXPECT_EQ(utc_timestamp(std::chrono::system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

TEST(AccessLogLineTest, HoldsTheFieldsInAFixedOrder)
{
    const AccessRecord record{immenstaad, "00ff00ff00ff00ff", "GET", "/meetings/{id}", 200, 1234, 1.23456,
                              "203.0.113.9"};
    EXPECT_EQ(access_log_line(record),
              R"({"time":"2012-10-11T12:00:00.250Z","request_id":"00ff00ff00ff00ff","method":"GET",)"
              R"("route":"/meetings/{id}","status":200,"bytes":1234,"duration_ms":1.234,"client":"203.0.113.9"})");
}

TEST(ErrorLogLineTest, EscapesTheMessageAndSurvivesBytesThatAreNotUtf8)
{
    EXPECT_EQ(error_log_line(immenstaad, "ab", "/x", "line\nbreak \"quoted\" \xff"),
              R"({"time":"2012-10-11T12:00:00.250Z","level":"error","request_id":"ab","route":"/x",)"
              R"("message":"line\nbreak \"quoted\" )" "\xEF\xBF\xBD" R"("})");  // U+FFFD
}

TEST(ServerLogTest, WritesOneLinePerEntryToItsStream)
{
    std::ostringstream access;
    std::ostringstream errors;
    ServerLog log(access, errors);
    log.request({immenstaad, "1", "GET", "-", 404, 0, 0, "::1"});
    log.error("1", "-", "failed");
    EXPECT_EQ(access.str().find('\n'), access.str().size() - 1);
    EXPECT_NE(errors.str().find(R"("message":"failed"})"), std::string::npos);
    EXPECT_EQ(errors.str().back(), '\n');
}

}  // namespace
}  // namespace planner::web
