#include <planner/services/json.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <string>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;

TEST(JsonTest, TextIsIndentedEndsWithALineAndReplacesWhatIsNotUtf8)
{
    const Json value{{"name", std::string("Gro\xdf")}};
    EXPECT_EQ(json_text(value), "{\n  \"name\": \"Gro\xef\xbf\xbd\"\n}\n");
}

TEST(JsonTest, ConflictsKeepTheirShapeAndCountErrorsAndWarnings)
{
    const Conflict conflict{ConflictKind::person_double_booked,
                            Severity::error,
                            {MeetingId("a"), MeetingId("b")},
                            {PersonId("frank-veser")},
                            std::nullopt,
                            TimeRange(pt::ptime(boost::gregorian::date(2013, 3, 12), pt::hours(8)),
                                      pt::ptime(boost::gregorian::date(2013, 3, 12), pt::hours(9))),
                            "Europe/Berlin",
                            "Frank Veser is in two meetings"};
    const auto json = conflicts_json({conflict});
    EXPECT_EQ(json.dump(), R"({"conflicts":[{"kind":"person-double-booked","severity":"error","meetings":["a","b"],)"
                           R"("people":["frank-veser"],"venue":null,"start":"2013-03-12T09:00:00+01:00",)"
                           R"("end":"2013-03-12T10:00:00+01:00","message":"Frank Veser is in two meetings"}],)"
                           R"("errors":1,"warnings":0})");
}

}  // namespace
}  // namespace planner::services
