// `planner outbox MEETING`: what became of a meeting's mail that `planner serve` sends,
// read from the same store on the command line.

#include "run_planner.hpp"

#include <planner/db/store.hpp>
#include <planner/services/outbox.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace planner::testing {
namespace {

namespace pt = boost::posix_time;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

TEST(OutboxListing, SaysEachPersonsNewestMessageAndItsState)
{
    TemporaryDirectory dir;
    const auto store_file = (dir / "planner.db").string();
    ASSERT_EQ(run_planner({"--db", store_file, "import", immenstaad}).exit_code, 0);
    const auto empty = run_planner({"--db", store_file, "outbox", "kennenlernen-2012"});
    EXPECT_EQ(empty.out, "nothing of meeting 'kennenlernen-2012' went through the outbox\n");
    {
        db::Store store(store_file, db::OpenMode::must_exist);
        static_cast<void>(services::queue_letters_of(
            store, {"kennenlernen-2012", "karin", "planner@bodenseekreis.example", Language::de, {}}));
        const auto now = pt::second_clock::universal_time() + pt::seconds(1);
        const auto claimed = store.claim_mail(now);
        ASSERT_TRUE(claimed.has_value());
        ASSERT_TRUE(store.settle_mail(claimed->id, {db::MailOutcome::Kind::refused, "550 5.1.1 user unknown", now}, now));
    }
    const auto listed = run_planner({"--db", store_file, "outbox", "kennenlernen-2012"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'), 25);
    EXPECT_EQ(listed.out.find("sending"), std::string::npos);
    EXPECT_NE(listed.out.find(" refused     SEQUENCE 0  1 attempt  "), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("550 5.1.1 user unknown"), std::string::npos);

    const auto as_json = run_planner({"--db", store_file, "outbox", "kennenlernen-2012", "--json"});
    ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
    const auto parsed = nlohmann::json::parse(as_json.out);
    ASSERT_EQ(parsed["messages"].size(), 25U);
    const auto& messages = parsed["messages"];
    EXPECT_EQ(std::count_if(messages.begin(), messages.end(),
                            [](const nlohmann::json& message) { return message["state"] == "queued"; }),
              24);
    EXPECT_EQ(std::count_if(messages.begin(), messages.end(),
                            [](const nlohmann::json& message) { return message["state"] == "refused"; }),
              1);

    const auto unknown = run_planner({"--db", store_file, "outbox", "kein-treffen"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("unknown meeting 'kein-treffen'"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace planner::testing
