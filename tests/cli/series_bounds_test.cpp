// A long series through the real `planner` binary: the check, the listing and the
// invitation see every meeting of it, not the first thousand.

#include "run_planner.hpp"
#include "small_region.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace planner::testing {
namespace {

using nlohmann::json;

// Every Tuesday for 1,100 weeks from 8 January 2013, and one meeting on the Tuesday of
// the 1,096th, 3 January 2034, in another room, that shares Andreas Köster with it.
const std::string long_series = small_region + R"toml(
[[venue]]
id = "besprechungszimmer"
name = "Besprechungszimmer"
address = "Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee"
county = "bodenseekreis"
capacity = 8
geo = [47.6665, 9.3700]

[[meeting]]
id = "jour-fixe"
title = "Jour fixe"
start = 2013-01-08T10:00:00
end = 2013-01-08T11:00:00
venue = "rathaus-immenstaad"
organisers = ["ludwig"]
participants = ["koester"]
recurrence = "FREQ=WEEKLY;COUNT=1100"

[[meeting]]
id = "abstimmung"
title = "Abstimmung"
start = 2034-01-03T10:30:00
end = 2034-01-03T12:00:00
venue = "besprechungszimmer"
organisers = ["ludwig"]
participants = ["koester"]
)toml";

class SeriesBoundsTest : public ::testing::Test {
protected:
    SeriesBoundsTest()
    {
        write_file(dir / "series.toml", long_series);
        const auto result = planner({"import", (dir / "series.toml").string()});
        EXPECT_EQ(result.exit_code, 0) << result.err;
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", (dir / "planner.db").string()});
        return run_planner(args);
    }

    TemporaryDirectory dir;
};

TEST_F(SeriesBoundsTest, CheckFindsAConflictWithTheSeriesLateOccurrence)
{
    const auto result = planner({"check", "--json"});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    const auto report = json::parse(result.out);
    const auto& conflicts = report["conflicts"];
    const bool found = std::any_of(conflicts.begin(), conflicts.end(), [](const json& conflict) {
        const auto meetings = conflict["meetings"].get<std::vector<std::string>>();
        return conflict["kind"] == "person-double-booked" &&
               std::find(meetings.begin(), meetings.end(), "jour-fixe@2034-01-03") != meetings.end() &&
               std::find(meetings.begin(), meetings.end(), "abstimmung") != meetings.end();
    });
    EXPECT_TRUE(found) << report.dump(2);
}

TEST_F(SeriesBoundsTest, ShowListsEveryMeetingOfTheSeries)
{
    const auto result = planner({"show", "jour-fixe", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto meeting = json::parse(result.out);
    const auto& all = meeting["occurrences"];
    ASSERT_EQ(all.size(), 1100U);
    EXPECT_EQ(all[1095]["id"], "jour-fixe@2034-01-03");
    EXPECT_EQ(all[1099]["date"], "2034-01-31");
}

TEST_F(SeriesBoundsTest, TheInvitationCarriesTheSameSeries)
{
    const auto invitation = dir / "jour-fixe.ics";
    const auto result = planner({"invite", "jour-fixe", "-o", invitation.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(read_file(invitation).find("RRULE:FREQ=WEEKLY;COUNT=1100\r\n"), std::string::npos);
}

}  // namespace
}  // namespace planner::testing
