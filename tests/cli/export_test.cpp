// `planner export`: the store, or some meetings, as a meeting file that imports back to
// the same records.

#include "run_planner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace planner::testing {
namespace {

const std::string examples = PLANNER_EXAMPLES_DIR;

TEST(ExportTest, TheWholeStoreImportsIntoAnEmptyOneAsTheSameRecords)
{
    const TemporaryDirectory dir;
    const auto first = (dir / "first.db").string();
    ASSERT_EQ(run_planner({"--db", first, "import", examples + "/immenstaad-2012.toml"}).exit_code, 0);
    ASSERT_EQ(run_planner({"--db", first, "import", examples + "/conflicts-2013.toml"}).exit_code, 0);
    const auto exported = run_planner({"--db", first, "export", "-o", (dir / "all.toml").string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_EQ(exported.out, "wrote the meeting file to " + (dir / "all.toml").string() + "\n");

    const auto second = (dir / "second.db").string();
    const auto imported = run_planner({"--db", second, "import", (dir / "all.toml").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(dump_store(second), dump_store(first));
    // Standard output holds the same file.
    EXPECT_EQ(run_planner({"--db", first, "export"}).out, read_file(dir / "all.toml"));
}

TEST(ExportTest, OneMeetingComesWithEveryRecordItNames)
{
    const TemporaryDirectory dir;
    const auto store = (dir / "planner.db").string();
    ASSERT_EQ(run_planner({"--db", store, "import", examples + "/immenstaad-2012.toml"}).exit_code, 0);
    const auto exported = run_planner({"--db", store, "export", "sprecherrat-2013"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.out.find("recurrence = \"FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231\""), std::string::npos)
        << exported.out;
    EXPECT_EQ(exported.out.find("kennenlernen-2012"), std::string::npos);
    write_file(dir / "one.toml", exported.out);
    const auto empty = (dir / "empty.db").string();
    const auto imported = run_planner({"--db", empty, "import", (dir / "one.toml").string(), "--json"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto shown = run_planner({"--db", empty, "show", "sprecherrat-2013", "--json"});
    EXPECT_EQ(shown.out, run_planner({"--db", store, "show", "sprecherrat-2013", "--json"}).out);

    const auto unknown = run_planner({"--db", store, "export", "gibt-es-nicht"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_TRUE(unknown.err.starts_with("planner: error: unknown meeting 'gibt-es-nicht'")) << unknown.err;
}

// The office cancelled the meeting (or changed it in the browser); the organiser's
// meeting file still has it as it was. Importing that file again must not silently
// take the cancellation back.
TEST(ReimportTest, AMeetingChangedSinceTheFileWasImportedIsKeptUnlessOverwritten)
{
    const TemporaryDirectory dir;
    const auto store = (dir / "planner.db").string();
    const auto file = examples + "/immenstaad-2012.toml";
    ASSERT_EQ(run_planner({"--db", store, "import", file}).exit_code, 0);
    const auto cancelled = run_planner({"--db", store, "cancel", "kennenlernen-2012", "-o", (dir / "c.ics").string()});
    ASSERT_EQ(cancelled.exit_code, 0) << cancelled.err;
    const auto status = [&] {
        return nlohmann::json::parse(run_planner({"--db", store, "show", "kennenlernen-2012", "--json"}).out)["status"];
    };
    ASSERT_EQ(status(), "cancelled");

    const auto again = run_planner({"--db", store, "import", file});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("kept 1 meeting(s) changed since the file was last imported (in the browser, by schedule "
                             "or cancel), which the file has otherwise: kennenlernen-2012; 'import --overwrite' takes "
                             "the file's\n"),
              std::string::npos)
        << again.out;
    EXPECT_EQ(status(), "cancelled");
    const auto as_json = nlohmann::json::parse(run_planner({"--db", store, "import", file, "--json"}).out);
    EXPECT_EQ(as_json["kept_changed"], nlohmann::json::array({"kennenlernen-2012"}));

    // A dry run says, record by record, what the import would do and with which keys.
    const auto preview = run_planner({"--db", store, "import", file, "--dry-run"});
    ASSERT_EQ(preview.exit_code, 0) << preview.err;
    EXPECT_NE(preview.out.find("meeting kennenlernen-2012 (Gedanken- und Erfahrungsaustausch Selbsthilfe und "
                               "Sozialverwaltung): changed here and in the file: kept\n    status: \"cancelled\" -> "
                               "\"confirmed\"\n"),
              std::string::npos)
        << preview.out;
    EXPECT_NE(run_planner({"--db", store, "import", file, "--dry-run", "--overwrite"})
                  .out.find("changed here and in the file: overwritten\n"),
              std::string::npos);
    EXPECT_EQ(status(), "cancelled");

    const auto overwritten = run_planner({"--db", store, "import", file, "--overwrite"});
    ASSERT_EQ(overwritten.exit_code, 0) << overwritten.err;
    EXPECT_EQ(overwritten.out.find("kept"), std::string::npos);
    EXPECT_EQ(status(), "confirmed");
    // The file wrote it: it is the file's again, and a later import changes nothing.
    const auto after = nlohmann::json::parse(run_planner({"--db", store, "import", file, "--json"}).out);
    EXPECT_EQ(after["kept_changed"], nlohmann::json::array());
    EXPECT_EQ(after["meetings"]["updated"], 0);
}

}  // namespace
}  // namespace planner::testing
