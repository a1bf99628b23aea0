// Bad meeting files through the real binary: each gets a message that says what and
// where (file:line:col), exit code 1, and leaves the store exactly as it was.

#include "run_planner.hpp"
#include "small_region.hpp"

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace planner::testing {
namespace {

// A small valid file; each case changes one thing in it.
const std::string valid_file = small_region + R"toml([[meeting]]
id = "treffen"
title = "Treffen"
start = 2012-10-11T14:00:00
end = 2012-10-11T17:00:00
venue = "rathaus-immenstaad"
organisers = ["ludwig"]
participants = ["koester"]

[[meeting.agenda]]
start = 14:00:00
end = 15:00:00
title = "Begrüßung"
)toml";

struct BadInput {
    std::string name;
    std::string replace;  // text of the valid file to change
    std::string with;
    std::string message;  // the whole line on standard error, after "planner: error: bad.toml"
};

std::ostream& operator<<(std::ostream& out, const BadInput& input)
{
    return out << input.name;
}

std::string changed(const BadInput& input)
{
    std::string text = valid_file;
    const auto at = text.find(input.replace);
    if (at == std::string::npos) {
        throw std::runtime_error("test case " + input.name + ": '" + input.replace + "' is not in the file");
    }
    return text.replace(at, input.replace.size(), input.with);
}

class BadInputTest : public ::testing::TestWithParam<BadInput> {
protected:
    TemporaryDirectory dir;
};

TEST_P(BadInputTest, IsReportedWithItsPlaceAndLeavesTheStoreUnchanged)
{
    const auto store = (dir / "planner.db").string();
    const auto example = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
    ASSERT_EQ(run_planner({"--db", store, "import", example}).exit_code, 0);
    const auto before = dump_store(store);

    write_file(dir / "bad.toml", changed(GetParam()));
    const auto result = run_planner({"--db", store, "import", (dir / "bad.toml").string()});

    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: " + (dir / "bad.toml").string() + GetParam().message + "\n");
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(dump_store(store), before);
}

TEST_P(BadInputTest, NeverCreatesAStore)
{
    write_file(dir / "bad.toml", changed(GetParam()));
    const auto result = run_planner({"--db", (dir / "new.db").string(), "import", (dir / "bad.toml").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_FALSE(std::filesystem::exists(dir / "new.db"));
}

TEST(BadInputTest, TheValidFileImports)
{
    TemporaryDirectory dir;
    write_file(dir / "good.toml", valid_file);
    const auto result = run_planner({"--db", (dir / "planner.db").string(), "import", (dir / "good.toml").string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
}

INSTANTIATE_TEST_SUITE_P(
    MeetingFiles, BadInputTest,
    ::testing::Values(
        BadInput{"SyntaxError", "title = \"Treffen\"", "title = \"Treffen",
                 ":36:17: Error while parsing string: unescaped control characters other than TAB (U+0009) are "
                 "explicitly prohibited"},
        BadInput{"WrongType", "capacity = 60", "capacity = \"sechzig\"",
                 ":31:12: 'capacity' must be a whole number of seats from 1 to 1000000, not a string"},
        BadInput{"NegativeCapacity", "capacity = 60", "capacity = -5",
                 ":31:12: 'capacity' must be a whole number of seats from 1 to 1000000, not -5"},
        BadInput{"MissingKey", "venue = \"rathaus-immenstaad\"\n", "",
                 ":34:1: meeting 'treffen' is missing 'venue'"},
        BadInput{"DuplicateId", "id = \"ludwig\"", "id = \"koester\"", ":21:6: duplicate person id 'koester'"},
        BadInput{"UnknownReference", "venue = \"rathaus-immenstaad\"", "venue = \"rathaus\"",
                 ":39:9: unknown venue 'rathaus', expected the id of a [[venue]] in this file or the store"},
        BadInput{"EndBeforeStart", "end = 2012-10-11T17:00:00", "end = 2012-10-11T13:00:00",
                 ":38:7: end 2012-10-11T11:00:00Z is not after start 2012-10-11T12:00:00Z"},
        BadInput{"NonexistentLocalTime", "start = 2012-10-11T14:00:00", "start = 2013-03-31T02:30:00",
                 ":37:9: local time 2013-03-31 02:30 does not exist in Europe/Berlin (the clocks spring forward "
                 "over it)"},
        BadInput{"AmbiguousLocalTime", "start = 2012-10-11T14:00:00\nend = 2012-10-11T17:00:00",
                 "start = 2012-10-28T02:30:00\nend = 2012-10-28T04:00:00",
                 ":37:9: local time 2012-10-28 02:30 happens twice in Europe/Berlin (the clocks go back, so it is "
                 "both +02:00 and +01:00); give the offset explicitly, e.g. 2012-10-28T02:30:00+01:00"},
        BadInput{"BeforeTheZonesCurrentRules", "start = 2012-10-11T14:00:00\nend = 2012-10-11T17:00:00",
                 "start = 1995-10-10T14:00:00\nend = 1995-10-10T17:00:00",
                 ":37:9: local time 1995-10-10 14:00 is before 1996-03-31, since when Europe/Berlin has its "
                 "current rules; the planner converts local times only under a zone's current rules"},
        BadInput{"WrongOffset", "start = 2012-10-11T14:00:00", "start = 2012-10-11T14:00:00+01:00",
                 ":37:9: local time 2012-10-11 14:00 with offset +01:00 is not a time of Europe/Berlin, which is "
                 "at +02:00 then"},
        BadInput{"UnknownZone", "title = \"Treffen\"", "title = \"Treffen\"\ntimezone = \"Europe/Berln\"",
                 ":37:12: unknown time zone 'Europe/Berln', expected an IANA name like 'Europe/Berlin'"},
        BadInput{"BadEmail", "email = \"andreas.koester@example.org\"",
                 "email = \"Andreas Köster <andreas.koester@example.org>\"",
                 ":17:9: 'Andreas Köster <andreas.koester@example.org>' is not an e-mail address, expected a bare "
                 "address like name@example.org"},
        BadInput{"LatitudeOutOfRange", "geo = [47.6665, 9.3700]", "geo = [147.6665, 9.3700]",
                 ":32:7: latitude 147.6665 is out of range, expected -90 to 90"},
        BadInput{"GeoNotAPair", "geo = [47.6665, 9.3700]", "geo = \"47.6665, 9.3700\"",
                 ":32:7: 'geo' must be [latitude, longitude] in decimal degrees, e.g. [47.66, 9.37]"},
        BadInput{"ParticipantListedTwice", "participants = [\"koester\"]",
                 "participants = [\"koester\", { person = \"koester\", role = \"chair\" }]",
                 ":41:28: person 'koester' is listed twice as participant of meeting 'treffen'"},
        BadInput{"EmptyTitle", "title = \"Treffen\"", "title = \"  \"",
                 ":36:9: 'title' of a meeting must not be empty"},
        BadInput{"UnknownRole", "participants = [\"koester\"]",
                 "participants = [{ person = \"koester\", role = \"boss\" }]",
                 ":41:46: unknown role 'boss', expected chair, required, optional or info"},
        BadInput{"UnknownKey", "title = \"Treffen\"", "titel = \"Treffen\"",
                 ":36:9: unknown key 'titel' in a [[meeting]], expected one of: id, uid, title, description, "
                 "start, end, timezone, venue, organisers, participants, status, counties, agenda, recurrence, "
                 "exceptions, occurrence, participants_see_each_other, public"},
        BadInput{"UnknownStatus", "title = \"Treffen\"", "title = \"Treffen\"\nstatus = \"postponed\"",
                 ":37:10: unknown status 'postponed', expected confirmed, tentative or cancelled"},
        BadInput{"NoOrganiser", "organisers = [\"ludwig\"]", "organisers = []",
                 ":40:14: meeting 'treffen' needs at least one organiser"},
        BadInput{"DateInsteadOfDateTime", "start = 2012-10-11T14:00:00", "start = 2012-10-11",
                 ":37:9: 'start' must be a local date-time like 2012-10-11T14:00:00, not a date"},
        BadInput{"AgendaTimeAsText", "start = 14:00:00", "start = \"14 Uhr\"",
                 ":44:9: 'start' of an agenda item must be a local time like 14:30:00, not a string"},
        BadInput{"UnknownOrganisationKind", "kind = \"district-office\"", "kind = \"Landratsamt\"",
                 ":12:8: unknown organisation kind 'Landratsamt', expected district-office, contact-point, "
                 "self-help-group, civic-initiative, council or other"},
        BadInput{"InvalidId", "id = \"treffen\"", "id = \"Treffen 2012\"",
                 ":35:6: meeting id 'Treffen 2012' is not valid, expected letters, digits, '-', '_' or '.'"},
        BadInput{"MisspeltRecurrence", "title = \"Treffen\"", "title = \"Treffen\"\nrecurrence = \"FREQ=MONTHY\"",
                 ":37:14: FREQ=MONTHY in the recurrence is not valid, expected DAILY, WEEKLY, MONTHLY or YEARLY"},
        BadInput{"SeriesStartingOffItsRule", "title = \"Treffen\"",
                 "title = \"Treffen\"\nrecurrence = \"FREQ=MONTHLY;BYDAY=2TU\"",
                 ":37:14: meeting 'treffen' starts on 2012-10-11, which is not a date of its recurrence "
                 "'FREQ=MONTHLY;BYDAY=2TU' (its first is 2012-11-13); a series starts with its first meeting"},
        BadInput{"ExceptionOffTheRule", "title = \"Treffen\"",
                 "title = \"Treffen\"\nrecurrence = \"FREQ=MONTHLY;BYDAY=2TH\"\nexceptions = [2012-11-09]",
                 ":38:15: 2012-11-09 is not a date of the recurrence 'FREQ=MONTHLY;BYDAY=2TH' of meeting 'treffen'"},
        BadInput{"ExceptionWithoutRecurrence", "title = \"Treffen\"", "title = \"Treffen\"\nexceptions = [2012-11-08]",
                 ":37:14: 'exceptions' belongs to a recurring meeting, but meeting 'treffen' has no 'recurrence'"},
        BadInput{"ChangedOccurrenceOffTheRule", "participants = [\"koester\"]",
                 "participants = [\"koester\"]\nrecurrence = \"FREQ=MONTHLY;BYDAY=2TH\"\n\n[[meeting.occurrence]]\n"
                 "date = 2012-11-09\nstatus = \"cancelled\"",
                 ":45:8: 2012-11-09 is not a date of the recurrence 'FREQ=MONTHLY;BYDAY=2TH' of meeting 'treffen'"},
        BadInput{"StateInLowerCase", "state = \"DE-BW\"", "state = \"de-bw\"",
                 ":5:9: state 'de-bw' must be written 'DE-BW'"},
        BadInput{"IdOfAHiddenFile", "id = \"koester\"", "id = \".koester\"",
                 ":15:6: person id '.koester' is not valid, expected it to start with a letter or digit"},
        BadInput{"IdThatReadsAsAnOption", "id = \"treffen\"", "id = \"-h\"",
                 ":35:6: meeting id '-h' is not valid, expected it to start with a letter or digit"},
        BadInput{"OverlongTitle", "title = \"Treffen\"", "title = \"" + std::string(100'000, 'T') + "\"",
                 ":36:9: 'title' is 100000 characters long, more than the limit of 500"}),
    [](const ::testing::TestParamInfo<BadInput>& param_info) { return param_info.param.name; });

TEST(BadInputTest, AMissingFileIsReported)
{
    TemporaryDirectory dir;
    const auto result = run_planner({"--db", (dir / "planner.db").string(), "import", (dir / "missing.toml").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: " + (dir / "missing.toml").string() + ": no such meeting file\n");
    EXPECT_FALSE(std::filesystem::exists(dir / "planner.db"));
}

TEST(BadInputTest, AFolderIsNotAMeetingFile)
{
    TemporaryDirectory dir;
    const auto result = run_planner({"--db", (dir / "planner.db").string(), "import", dir.path().string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: " + dir.path().string() + ": not a file; expected a TOML meeting file\n");
    EXPECT_FALSE(std::filesystem::exists(dir / "planner.db"));
}

TEST(BadInputTest, BinaryGarbageIsASyntaxError)
{
    TemporaryDirectory dir;
    write_file(dir / "garbage.toml", std::string("\0\x01\xff garbage", 11));
    const auto result = run_planner({"--db", (dir / "planner.db").string(), "import", (dir / "garbage.toml").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(result.err.starts_with("planner: error: " + (dir / "garbage.toml").string() + ":1:")) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "planner.db"));
}

TEST(BadInputTest, AFileThatIsNotADatabaseIsReportedAsTheStore)
{
    TemporaryDirectory dir;
    write_file(dir / "planner.db", "this is not a database, just text that is long enough to look like a header");
    const auto result = run_planner({"--db", (dir / "planner.db").string(), "meetings"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find((dir / "planner.db").string() + ": cannot open the store: file is not a database"),
              std::string::npos)
        << result.err;
}

TEST(BadInputTest, AKeyOfTensOfThousandsOfDottedPartsIsRefusedWithItsLine)
{
    TemporaryDirectory dir;
    const auto store = (dir / "planner.db").string();
    ASSERT_EQ(run_planner({"--db", store, "import", std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml"})
                  .exit_code,
              0);
    const auto before = dump_store(store);
    std::string key;
    for (int part = 0; part < 40'000; ++part) {
        key += "a.";
    }
    write_file(dir / "deep.toml", valid_file + key + "a = 1\n");
    const auto result = run_planner({"--db", store, "import", (dir / "deep.toml").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: " + (dir / "deep.toml").string() +
                              ":47: a key of more than 16 dotted parts; a meeting file nests three levels deep\n");
    EXPECT_EQ(dump_store(store), before);
}

TEST(BadInputTest, EveryFloatingPointOptionRefusesWhatIsNotAFiniteNumber)
{
    const std::vector<std::string> slot{"--required", "frank-veser", "--duration", "2h", "--from", "2013-01-07",
                                        "--to", "2013-01-11"};
    for (const auto& [command, option, value] : std::vector<std::tuple<std::vector<std::string>, std::string, std::string>>{
             {{"check"}, "--speed", "nan"},
             {{"check"}, "--road-factor", "NaN"},
             {{"suggest-venue", "--required", "frank-veser"}, "--speed", "-nan"},
             {{"find-slot"}, "--road-factor", "nan"},
             {{"schedule", "treffen", "--find-slot"}, "--speed", "nan"}}) {
        auto args = command;
        if (command.front() == "find-slot" || command.front() == "schedule") {
            args.insert(args.end(), slot.begin() + (command.front() == "schedule" ? 4 : 0), slot.end());
        }
        args.push_back(option);
        args.push_back(value);
        SCOPED_TRACE(args.front() + " " + option + " " + value);
        const auto result = run_planner(args);
        EXPECT_EQ(result.exit_code, 2);
        EXPECT_TRUE(result.err.starts_with(option + ": " + value + " is not a finite number")) << result.err;
    }
    // Infinity is out of every range too.
    const auto result = run_planner({"check", "--speed", "inf"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(result.err.starts_with("--speed: ")) << result.err;
}

// A store broken in one of the ways a crash, a full disk or a hand in the sqlite3 shell
// breaks it: every command says so in a message, never a crash or "internal error".
class DamagedStoreTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(run_planner({"--db", store.string(), "import", example}).exit_code, 0);
    }

    // What each command, named by its first word, gives on the store as it is now.
    [[nodiscard]] std::vector<std::pair<std::string, RunResult>> every_command() const
    {
        std::vector<std::pair<std::string, RunResult>> results;
        for (const auto& command : std::vector<std::vector<std::string>>{
                 {"meetings"},
                 {"show", "kennenlernen-2012"},
                 {"check"},
                 {"stats"},
                 {"attendance", "kennenlernen-2012"},
                 {"attend", "kennenlernen-2012", "frank-veser"},
                 {"suggest-venue", "--required", "frank-veser"},
                 {"invite", "kennenlernen-2012", "-o", (dir / "out.ics").string()},
                 {"import", example},
                 {"doctor"}}) {
            std::vector<std::string> args{"--db", store.string()};
            args.insert(args.end(), command.begin(), command.end());
            results.emplace_back(command.front(), run_planner(args));
        }
        return results;
    }

    TemporaryDirectory dir;
    std::filesystem::path store = dir / "planner.db";
    std::string example = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
};

TEST_F(DamagedStoreTest, AnOrphanRowIsNamedByEveryCommandWithItsTableAndRow)
{
    std::int64_t row = 0;
    {
        SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA foreign_keys = OFF");
        db.exec("INSERT INTO meeting_participant (meeting, position, person, role) "
                "VALUES ('ghost', 1, 'frank-veser', 'required')");
        row = db.getLastInsertRowid();
    }
    const auto before = dump_store(store);
    for (const auto& [command, result] : every_command()) {
        SCOPED_TRACE(command);
        if (command == "show" || command == "attendance" || command == "attend") {
            // A question about one meeting reads that meeting's rows alone: damage
            // elsewhere is for the commands that read everything to name (below).
            EXPECT_EQ(result.exit_code, 0) << result.err;
            continue;
        }
        EXPECT_EQ(result.exit_code, 1);
        if (command == "doctor") {
            continue;  // it lists the problem on standard output; see doctor_test.cpp
        }
        EXPECT_EQ(result.err, "planner: error: " + store.string() + ": row " + std::to_string(row) +
                                  " of table meeting_participant: meeting 'ghost' does not exist; 'planner doctor' "
                                  "lists every problem of the store\n");
    }
    // attend wrote its one record, and nothing else was written.
    {
        SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
        EXPECT_EQ(db.exec("DELETE FROM attendance WHERE meeting = 'kennenlernen-2012' AND person = 'frank-veser'"), 1);
    }
    EXPECT_EQ(dump_store(store), before);
}

TEST_F(DamagedStoreTest, ADamagedRowOfTheMeetingAskedAboutIsNamed)
{
    std::int64_t row = 0;
    {
        SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA ignore_check_constraints = ON");
        db.exec("UPDATE meeting SET status = 'postponed' WHERE id = 'kennenlernen-2012'");
        row = db.execAndGet("SELECT rowid FROM meeting WHERE id = 'kennenlernen-2012'").getInt64();
    }
    for (const auto& command : std::vector<std::vector<std::string>>{{"show", "kennenlernen-2012"},
                                                                     {"check", "kennenlernen-2012"},
                                                                     {"attendance", "kennenlernen-2012"},
                                                                     {"attend", "kennenlernen-2012", "frank-veser"}}) {
        SCOPED_TRACE(command.front());
        std::vector<std::string> args{"--db", store.string()};
        args.insert(args.end(), command.begin(), command.end());
        const auto result = run_planner(args);
        EXPECT_EQ(result.exit_code, 1);
        EXPECT_EQ(result.err, "planner: error: " + store.string() + ": row " + std::to_string(row) +
                                  " of table meeting: unknown status 'postponed', expected confirmed, tentative or "
                                  "cancelled; 'planner doctor' lists every problem of the store\n");
    }
}

TEST_F(DamagedStoreTest, AStoreOfRandomBytesIsNamedByEveryCommand)
{
    std::mt19937 random(12);
    std::string bytes(8192, '\0');
    for (auto& byte : bytes) {
        byte = static_cast<char>(random() & 0xFFU);
    }
    std::filesystem::remove(dir / "planner.db-wal");
    std::filesystem::remove(dir / "planner.db-shm");
    write_file(store, bytes);
    for (const auto& [command, result] : every_command()) {
        SCOPED_TRACE(command);
        EXPECT_EQ(result.exit_code, 1);
        EXPECT_EQ(result.err, "planner: error: " + store.string() + ": cannot open the store: file is not a "
                              "database\n");
    }
}

TEST_F(DamagedStoreTest, ATruncatedStoreIsNamedByEveryCommand)
{
    {
        SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::filesystem::resize_file(store, std::filesystem::file_size(store) / 2);
    for (const auto& [command, result] : every_command()) {
        SCOPED_TRACE(command);
        EXPECT_EQ(result.exit_code, 1);
        EXPECT_TRUE(result.err.starts_with("planner: error: " + store.string() + ": ")) << result.err;
        EXPECT_EQ(result.err.find("internal error"), std::string::npos) << result.err;
    }
}

}  // namespace
}  // namespace planner::testing
