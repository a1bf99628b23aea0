// `planner doctor` through the real binary: a sound store, a store with damaged rows,
// and files that are not a sound SQLite store at all; and `planner backup`, whose copy
// doctor finds sound.

#include "run_planner.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <string>

namespace planner::testing {
namespace {

class DoctorTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(run_planner({"--db", store.string(), "import", std::string(PLANNER_EXAMPLES_DIR) +
                                                                    "/immenstaad-2012.toml"})
                      .exit_code,
                  0);
    }

    // Runs `sql` with foreign keys off and CHECK constraints ignored; returns the
    // rowid that `select` gives.
    std::int64_t damage(const std::string& sql, const std::string& select)
    {
        SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA foreign_keys = OFF");
        db.exec("PRAGMA ignore_check_constraints = ON");
        db.exec(sql);
        return db.execAndGet(select).getInt64();
    }

    [[nodiscard]] RunResult doctor(const std::vector<std::string>& options = {}) const
    {
        std::vector<std::string> args{"--db", store.string(), "doctor"};
        args.insert(args.end(), options.begin(), options.end());
        return run_planner(args);
    }

    TemporaryDirectory dir;
    std::filesystem::path store = dir / "planner.db";
};

TEST_F(DoctorTest, ASoundStoreIsSaidToBeSound)
{
    const auto before = dump_store(store);
    const auto result = doctor();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "the store is sound\n");
    EXPECT_EQ(result.err, "");

    const auto json = doctor({"--json"});
    EXPECT_EQ(json.exit_code, 0);
    EXPECT_EQ(nlohmann::json::parse(json.out), nlohmann::json::parse(R"({"sound": true, "problems": []})"));
    EXPECT_EQ(dump_store(store), before);
}

TEST_F(DoctorTest, ABackupIsASoundCopyInANewFile)
{
    const auto copy = dir / "backup.db";
    const auto made = run_planner({"--db", store.string(), "backup", copy.string()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_EQ(made.out, "backed up " + store.string() + " to " + copy.string() +
                            ": a copy of one moment, which passes SQLite's integrity_check\n");
    EXPECT_EQ(dump_store(copy), dump_store(store));
    EXPECT_EQ(run_planner({"--db", copy.string(), "doctor"}).out, "the store is sound\n");
    const auto again = run_planner({"--db", store.string(), "backup", copy.string()});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_EQ(again.err, "planner: error: " + copy.string() + ": exists already; a backup goes to a new file\n");
    const auto nowhere = run_planner({"--db", store.string(), "backup", (dir / "no" / "such" / "folder.db").string()});
    EXPECT_EQ(nowhere.exit_code, 1);
    EXPECT_NE(nowhere.err.find("cannot be written"), std::string::npos) << nowhere.err;
}

TEST_F(DoctorTest, EachProblemIsListedWithItsTableAndRow)
{
    const auto orphan = damage("INSERT INTO meeting_participant (meeting, position, person, role) "
                               "VALUES ('ghost', 1, 'frank-veser', 'required')",
                               "SELECT rowid FROM meeting_participant WHERE meeting = 'ghost'");
    const auto status = damage("UPDATE meeting SET status = 'postponed' WHERE id = 'projekt-2013'",
                               "SELECT rowid FROM meeting WHERE id = 'projekt-2013'");
    const auto before = dump_store(store);

    const auto result = doctor();
    EXPECT_EQ(result.exit_code, 1);
    // SQLite finds the broken CHECK constraint of the status; the planner names the row.
    EXPECT_EQ(result.out, "integrity_check: CHECK constraint failed in meeting\n"
                          "row " + std::to_string(orphan) +
                              " of table meeting_participant: meeting 'ghost' does not exist\n"
                              "row " + std::to_string(status) +
                              " of table meeting: unknown status 'postponed', expected confirmed, tentative or "
                              "cancelled\n"
                              "3 problems\n");
    EXPECT_EQ(result.err, "");

    const auto json = doctor({"--json"});
    EXPECT_EQ(json.exit_code, 1);
    EXPECT_EQ(nlohmann::json::parse(json.out),
              (nlohmann::json{{"sound", false},
                              {"problems",
                               {{{"table", nullptr}, {"row", nullptr},
                                 {"problem", "integrity_check: CHECK constraint failed in meeting"}},
                                {{"table", "meeting_participant"}, {"row", orphan},
                                 {"problem", "meeting 'ghost' does not exist"}},
                                {{"table", "meeting"}, {"row", status},
                                 {"problem", "unknown status 'postponed', expected confirmed, tentative or cancelled"}}}}}));
    EXPECT_EQ(dump_store(store), before);
}

TEST_F(DoctorTest, ControlCharactersInADamagedRowDoNotReachTheTerminal)
{
    const auto row = damage("UPDATE meeting SET status = 'x' || char(27) || '[2J' WHERE id = 'projekt-2013'",
                            "SELECT rowid FROM meeting WHERE id = 'projekt-2013'");
    const auto result = doctor();
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "integrity_check: CHECK constraint failed in meeting\nrow " + std::to_string(row) +
                              " of table meeting: unknown status 'x?[2J', expected confirmed, tentative or "
                              "cancelled\n2 problems\n");
}

TEST_F(DoctorTest, DamagedPagesAreProblemsOfTheFile)
{
    std::int64_t page = 0;
    std::int64_t page_size = 0;
    {
        SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        // A page of a table's rows (not of the schema, which every statement reads).
        page = db.execAndGet("SELECT rootpage FROM sqlite_schema WHERE name = 'meeting_participant'").getInt64();
        page_size = db.execAndGet("PRAGMA page_size").getInt64();
    }
    {
        std::fstream file(store, std::ios::in | std::ios::out | std::ios::binary);
        // One page of a table's rows, overwritten.
        file.seekp(static_cast<std::streamoff>((page - 1) * page_size));
        const std::string garbage(static_cast<std::size_t>(page_size), '\x5a');
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    const auto result = doctor();
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(result.out.starts_with("integrity_check: ")) << result.out;
    EXPECT_NE(result.out.find("\nthe checks stop here, SQLite cannot read on: database disk image is malformed\n"),
              std::string::npos)
        << result.out;
    EXPECT_EQ(result.err, "");
}

TEST_F(DoctorTest, AFileThatIsNotAStoreIsAnError)
{
    write_file(dir / "notes.txt", std::string(4096, 'x'));
    const auto result = run_planner({"--db", (dir / "notes.txt").string(), "doctor"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: " + (dir / "notes.txt").string() +
                              ": cannot open the store: file is not a database\n");
}

TEST_F(DoctorTest, AMissingStoreIsNotCreated)
{
    const auto result = run_planner({"--db", (dir / "missing.db").string(), "doctor"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
}

}  // namespace
}  // namespace planner::testing
