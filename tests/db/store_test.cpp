#include <planner/db/store.hpp>

#include "run_planner.hpp"

#include <planner/error.hpp>
#include <planner/ical/recurrence.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "error_message.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <chrono>
#include <regex>
#include <set>
#include <thread>

namespace planner::db {
namespace {

using planner::testing::error_message;

using planner::testing::TemporaryDirectory;

MeetingFile example()
{
    return read_meeting_file(std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml", Directory{}, ical::expand_rule);
}

TEST(StoreTest, ANewStoreHasTheCurrentSchema)
{
    const auto store = Store::in_memory();
    EXPECT_EQ(store.schema_version(), 17);
    EXPECT_TRUE(store.load().meetings().empty());
}

TEST(StoreTest, WhatIsImportedLoadsBackTheSame)
{
    auto store = Store::in_memory();
    const auto file = example();
    const auto report = store.import(file);
    EXPECT_EQ(report.meetings, (ImportCount{3, 0, 0}));
    EXPECT_EQ(report.people, (ImportCount{static_cast<int>(file.people.size()), 0, 0}));

    const auto loaded = store.load();
    for (const auto& person : file.people) {
        EXPECT_EQ(loaded.person(person.id), person);
    }
    for (const auto& venue : file.venues) {
        EXPECT_EQ(loaded.venue(venue.id), venue);
    }
    for (const auto& organisation : file.organisations) {
        EXPECT_EQ(loaded.organisation(organisation.id), organisation);
    }
    for (auto meeting : file.meetings) {
        const auto& stored = loaded.meeting(meeting.id);
        EXPECT_TRUE(std::regex_match(stored.uid, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                                            "[0-9a-f]{12}")))
            << stored.uid;
        meeting.uid = stored.uid;
        EXPECT_EQ(stored, meeting);
    }
}

TEST(StoreTest, ASeriesLoadsBackWithItsExceptionsAndChangedMeetings)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const auto loaded = store.load();
    const auto& series = loaded.meeting(MeetingId("sprecherrat-2013"));
    ASSERT_TRUE(series.recurrence.has_value());
    EXPECT_EQ(series.recurrence->exceptions.size(), 1U);
    ASSERT_EQ(series.recurrence->changes.size(), 2U);
    EXPECT_TRUE(series.recurrence->changes[0].time.has_value());
    EXPECT_EQ(series.recurrence->changes[1].status, MeetingStatus::cancelled);
}

TEST(StoreTest, UpdateWritesAMovedMeetingWithItsAgenda)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const auto before = store.load();
    auto project = moved(before.meeting(MeetingId("projekt-2013")), boost::posix_time::time_from_string("2013-02-05 09:00:00"));
    project.venue = VenueId("rathaus-immenstaad");
    store.update(project, before.meeting(project.id));
    const auto after = store.load();
    EXPECT_EQ(after.meeting(project.id), project);
    EXPECT_EQ(store.meeting(project.id), project);
    EXPECT_EQ(after.meeting(MeetingId("sprecherrat-2013")), before.meeting(MeetingId("sprecherrat-2013")));
    EXPECT_EQ(after.meetings().size(), before.meetings().size());
    auto unknown = project;
    unknown.id = MeetingId("gibt-es-nicht");
    EXPECT_EQ(error_message([&] { store.update(unknown, unknown); }), "unknown meeting 'gibt-es-nicht'");
    EXPECT_FALSE(store.meeting(unknown.id).has_value());
}

TEST(StoreTest, OneMeetingOrPersonReadsBackAsTheWholeStoreReadsIt)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const auto all = store.load();
    for (const auto& [id, meeting] : all.meetings()) {
        EXPECT_EQ(store.meeting(id), meeting) << id.str();
    }
    for (const auto& [id, person] : all.people()) {
        EXPECT_EQ(store.person(id), person) << id.str();
    }
    EXPECT_FALSE(store.person(PersonId("niemand")).has_value());
}

// Two commands at once are two connections to one store file.
TEST(StoreTest, AChangeBasedOnAStaleReadIsRefusedAndChangesNothing)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    auto first = Store(path, OpenMode::create_if_missing);
    static_cast<void>(first.import(example()));
    auto second = Store(path, OpenMode::must_exist);
    const auto read_by_first = first.load().meeting(MeetingId("projekt-2013"));

    auto renamed = second.load().meeting(MeetingId("projekt-2013"));
    renamed.title = "Projektgruppe (neu)";
    second.update(renamed, second.load().meeting(renamed.id));

    const auto moved_meeting =
        moved(read_by_first, boost::posix_time::time_from_string("2013-02-05 09:00:00"));
    const auto before = planner::testing::dump_store(path);
    EXPECT_EQ(error_message([&] { first.update(moved_meeting, read_by_first); }),
              "meeting 'projekt-2013' was changed by another command since this one read it; nothing was changed, "
              "run the command again");
    EXPECT_EQ(planner::testing::dump_store(path), before);
    EXPECT_EQ(first.meeting(renamed.id)->title, "Projektgruppe (neu)");
}

TEST(StoreTest, AnImportReadAgainstAStaleStoreKeepsTheSequenceSentMeanwhile)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    auto importer = Store(path, OpenMode::create_if_missing);
    static_cast<void>(importer.import(example()));
    const auto file_path = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
    const auto stale = importer.load();
    auto file = read_meeting_file(file_path, stale, ical::expand_rule);
    const MeetingId meeting("kennenlernen-2012");
    file.meetings.erase(std::remove_if(file.meetings.begin(), file.meetings.end(),
                                       [&](const Meeting& m) { return m.id != meeting; }),
                        file.meetings.end());
    file.meetings.front().title = "Kennenlernen (geändert)";

    // Meanwhile another command sends SEQUENCE 3 and a delegate joins.
    auto inviter = Store(path, OpenMode::must_exist);
    const std::vector<SentVersion> sent{{PersonId("axel-gossner"), 3, "time: a\n", false}};
    inviter.record_sent(meeting, sent);

    const auto report = importer.import(file, stale);
    EXPECT_EQ(report.meetings.updated, 1);
    const auto after = importer.meeting(meeting);
    EXPECT_EQ(after->sequence, 3);
    EXPECT_EQ(after->title, "Kennenlernen (geändert)");
}

TEST(StoreTest, ImportingTheSameRecordsAgainChangesNothing)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const auto before = store.load();
    const auto again = read_meeting_file(std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml", before, ical::expand_rule);
    const auto report = store.import(again);
    EXPECT_EQ(report.meetings, (ImportCount{0, 0, 3}));
    EXPECT_EQ(report.counties, (ImportCount{0, 0, 4}));
    EXPECT_EQ(store.load().meetings(), before.meetings());
}

TEST(StoreTest, AChangedMeetingIsUpdatedAndKeepsItsUid)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const auto before = store.load();
    auto changed = read_meeting_file(std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml", before, ical::expand_rule);
    changed.meetings[0].title = "Neuer Titel";
    changed.meetings[0].participants.pop_back();
    changed.meetings[0].agenda.pop_back();
    const auto report = store.import(changed);
    EXPECT_EQ(report.meetings, (ImportCount{0, 1, 2}));
    const auto loaded = store.load();
    const auto& stored = loaded.meeting(changed.meetings[0].id);
    EXPECT_EQ(stored, changed.meetings[0]);
    EXPECT_EQ(stored.uid, before.meeting(changed.meetings[0].id).uid);
}

TEST(StoreTest, AFailedImportWritesNothing)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const auto before = store.load();
    auto file = read_meeting_file(std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml", before, ical::expand_rule);
    file.people[0].name = "Geändert";
    // A meeting at a venue that exists nowhere: the reader would refuse it, so this
    // reaches the database's own foreign-key check, after the person was written.
    file.meetings.back().venue = VenueId("nirgendwo");
    file.meetings.back().title = "Geändert";
    EXPECT_THROW(static_cast<void>(store.import(file)), Error);
    const auto after = store.load();
    EXPECT_EQ(after.people(), before.people());
    EXPECT_EQ(after.meetings(), before.meetings());
}

TEST(StoreTest, AStoreFileIsPrivateAndUsesWal)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    {
        auto store = Store(path, OpenMode::create_if_missing);
        static_cast<void>(store.import(example()));
    }
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777U, 0600U);
    SQLite::Database db(path.string());
    EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
    EXPECT_EQ(Store(path, OpenMode::must_exist).load().meetings().size(), 3U);
}

TEST(StoreTest, ABackupWhileAnotherConnectionWritesIsOfOneMomentAndPassesTheCheck)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    Store store(path, OpenMode::create_if_missing);
    static_cast<void>(store.import(example()));
    // Another connection commits one write after another (a link each) all along.
    std::atomic<int> committed{0};
    std::atomic<bool> stopping{false};
    std::thread writer([&] {
        Store other(path, OpenMode::must_exist);
        for (int i = 0; !stopping; ++i) {
            PersonalLinkRow row;
            row.hash = fmt::format("{:064}", i);
            row.purpose = LinkPurpose::feed;
            row.person = PersonId("gerda-straub");
            row.created = boost::posix_time::second_clock::universal_time();
            other.add_personal_links({&row, 1});
            committed = i + 1;
        }
    });
    while (committed < 50) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const int before = committed;
    store.back_up(dir / "copy.db");
    const int after = committed;
    stopping = true;
    writer.join();
    EXPECT_GT(committed, before) << "the writer did not go on while the backup ran";

    Store copy(dir / "copy.db", OpenMode::must_exist);
    EXPECT_TRUE(copy.problems().empty());
    EXPECT_EQ(copy.load().meetings().size(), store.load().meetings().size());
    SQLite::Database copied((dir / "copy.db").string());
    const int links = copied.execAndGet("SELECT count(*) FROM personal_link").getInt();
    // Every write committed before the backup began, and whole ones only.
    EXPECT_GE(links, before);
    EXPECT_LE(links, after);
    EXPECT_EQ(copied.execAndGet("SELECT count(*) FROM personal_link WHERE CAST(hash AS INTEGER) >= " +
                                std::to_string(links))
                  .getInt(),
              0);
    // The store holds personal data: the copy is its owner's alone.
    EXPECT_EQ(std::filesystem::status(dir / "copy.db").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    // A backup never replaces a file.
    EXPECT_EQ(error_message([&] { store.back_up(dir / "copy.db"); }),
              (dir / "copy.db").string() + ": exists already; a backup goes to a new file");
    EXPECT_FALSE(std::filesystem::exists(dir / "copy.db.part"));
}

TEST(StoreTest, AMissingStoreIsNotCreatedWhenItMustExist)
{
    TemporaryDirectory dir;
    EXPECT_THROW(Store(dir / "none.db", OpenMode::must_exist), Error);
    EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
}

// Takes a store back from schema version 17 to 16: public meetings.
const char* const undo_published = "DROP INDEX meeting_published; ALTER TABLE meeting DROP COLUMN published; "
                                   "PRAGMA user_version = 16";

// Takes a store back from schema version 16 to 15: date polls.
const char* const undo_polls = "DROP TABLE poll_vote; DROP TABLE poll_candidate; DROP TABLE poll; ALTER TABLE outbox "
                               "DROP COLUMN kind; PRAGMA user_version = 15";

// Takes a store back from schema version 15 to 14: who sees whom.
const char* const undo_guest_lists =
    "ALTER TABLE meeting DROP COLUMN participants_see_each_other; PRAGMA user_version = 14";

// Takes a store back from schema version 14 to 13: personal links.
const char* const undo_personal_links =
    "DROP TABLE link_failure; DROP TABLE link_session; DROP TABLE personal_link; PRAGMA user_version = 13";

// Takes a store back from schema version 13 to 12: postal addresses.
const char* const undo_postal_addresses = "ALTER TABLE person DROP COLUMN postal_address; PRAGMA user_version = 12";

// Takes a store back from schema version 12 to 11: the service's outbox.
const char* const undo_outbox = "DROP TABLE outbox; PRAGMA user_version = 11";

// Takes a store back from schema version 11 to 10: meetings changed outside files.
const char* const undo_changes_outside_files =
    "ALTER TABLE meeting DROP COLUMN changed_outside_file; PRAGMA user_version = 10";

// Takes a store back from schema version 10 to 9: who wrote down an answer.
const char* const undo_answers_by_hand = "ALTER TABLE answer DROP COLUMN recorded_by; PRAGMA user_version = 9";

// Takes a store back from schema version 9 to 8: the people's copies of their meetings' times.
const char* const undo_people_by_time =
    "DROP TRIGGER organiser_takes_meeting_time; DROP TRIGGER participant_takes_meeting_time; "
    "DROP TRIGGER meeting_time_to_its_people; DROP INDEX organiser_by_person_and_time; "
    "DROP INDEX participant_by_person_and_time; DROP INDEX meeting_by_venue_and_time; "
    "ALTER TABLE meeting_organiser DROP COLUMN start_minute; ALTER TABLE meeting_organiser DROP COLUMN length_class; "
    "ALTER TABLE meeting_participant DROP COLUMN start_minute; ALTER TABLE meeting_participant DROP COLUMN length_class; "
    "CREATE INDEX organiser_by_person ON meeting_organiser(person); "
    "CREATE INDEX participant_by_person ON meeting_participant(person); "
    "CREATE INDEX meeting_by_venue ON meeting(venue, start_utc); PRAGMA user_version = 8";

// Takes a store back from schema version 8 to 7: the indexes for questions about a part
// of the store, and the column they need.
const char* const undo_part_questions =
    "DROP INDEX single_by_length_and_start; DROP INDEX series_by_start; DROP INDEX meeting_by_venue; DROP INDEX organiser_by_person; "
    "DROP INDEX person_by_organisation; DROP INDEX answer_by_delegate; DROP INDEX busy_by_length_and_start; "
    "ALTER TABLE meeting DROP COLUMN length_class; ALTER TABLE busy_period DROP COLUMN length_class; "
    "PRAGMA user_version = 7";

TEST(StoreTest, MigratingToOfficeHoursGivesOfficesTheirDefaultHours)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    {
        auto store = Store(path, OpenMode::create_if_missing);
        static_cast<void>(store.import(example()));
    }
    {
        // Back to the first schema, as a store written by the first release.
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec(undo_published);
        db.exec(undo_polls);
        db.exec(undo_guest_lists);
        db.exec(undo_personal_links);
        db.exec(undo_postal_addresses);
        db.exec(undo_outbox);
        db.exec(undo_changes_outside_files);
        db.exec(undo_answers_by_hand);
        db.exec(undo_people_by_time);
        db.exec(undo_part_questions);
        db.exec("DROP TABLE attendance; DROP TABLE invitation_sent; DROP TABLE answer; DROP TABLE busy_period; DROP TABLE listed_holiday; "
                "DROP TABLE meeting_exception; DROP TABLE meeting_occurrence; ALTER TABLE meeting DROP COLUMN "
                "recurrence; ALTER TABLE organisation DROP COLUMN office_hours; DROP TABLE invitation_queued; "
                "DROP TABLE session; DROP TABLE api_token; DROP TABLE login_failure; DROP TABLE account; "
                "PRAGMA user_version = 1");
    }
    const auto directory = Store(path, OpenMode::must_exist).load();
    EXPECT_EQ(directory.organisation(OrganisationId("lra-bodenseekreis")).office_hours,
              (OfficeHours{boost::posix_time::hours(8), boost::posix_time::hours(17)}));
    EXPECT_EQ(directory.organisation(OrganisationId("sprecherrat-bodenseekreis")).office_hours, std::nullopt);
}

TEST(StoreTest, TwoCommandsOpeningAnOlderStoreAtOnceMigrateItOnce)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    {
        auto store = Store(path, OpenMode::create_if_missing);
        static_cast<void>(store.import(example()));
    }
    SQLite::Database first(path.string(), SQLite::OPEN_READWRITE);
    first.exec(undo_published);
    first.exec(undo_polls);
    first.exec(undo_guest_lists);
    first.exec(undo_personal_links);
    first.exec(undo_postal_addresses);
    first.exec(undo_outbox);
    first.exec(undo_changes_outside_files);
    first.exec(undo_answers_by_hand);
    first.exec(undo_people_by_time);
    first.exec(undo_part_questions);
    first.exec("DROP TABLE invitation_queued; DROP TABLE session; DROP TABLE api_token; DROP TABLE login_failure; "
               "DROP TABLE account; PRAGMA user_version = 5");
    // The first command is migrating when the second opens the store.
    SQLite::Transaction migrating(first, SQLite::TransactionBehavior::IMMEDIATE);
    first.exec("CREATE TABLE invitation_queued (meeting TEXT, person TEXT, sequence INTEGER, queued_utc TEXT); "
               "PRAGMA user_version = 6");
    std::string opened;
    std::thread second([&] {
        try {
            opened = std::to_string(Store(path, OpenMode::must_exist).schema_version());
        } catch (const Error& error) {
            opened = error.what();
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    migrating.commit();
    second.join();
    EXPECT_EQ(opened, "17");
}

// Organiser and participant rows whose copy of their meeting's start minute and
// length_class (people_by_time in schema.cpp) is not the meeting's; and how many there are.
std::pair<int, int> people_rows_out_of_step(const std::filesystem::path& path)
{
    SQLite::Database db(path.string());
    const auto out_of_step = [&](const char* table) {
        return db
            .execAndGet(fmt::format("SELECT count(*) FROM {} p JOIN meeting m ON m.id = p.meeting WHERE "
                                    "p.start_minute IS NOT unixepoch(m.start_utc) / 60 OR p.length_class IS NOT "
                                    "m.length_class",
                                    table))
            .getInt();
    };
    const auto rows = db.execAndGet("SELECT (SELECT count(*) FROM meeting_organiser) + "
                                    "(SELECT count(*) FROM meeting_participant)")
                          .getInt();
    return {out_of_step("meeting_organiser") + out_of_step("meeting_participant"), rows};
}

TEST(StoreTest, EveryPersonsCopyOfAMeetingsTimeFollowsTheMeetingHoweverItIsWritten)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    const auto file = example();
    const auto& first = file.meetings.front();
    {
        auto store = Store(path, OpenMode::create_if_missing);
        static_cast<void>(store.import(file));
    }
    const auto [none, rows] = people_rows_out_of_step(path);
    EXPECT_EQ(none, 0);
    EXPECT_GT(rows, 10);
    {
        // Moved by the store's own writer to a week three days later.
        auto store = Store(path, OpenMode::must_exist);
        auto moved = read_meeting_file(std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml", store.load(),
                                       ical::expand_rule);
        const auto start = first.time.start() + boost::posix_time::hours(72);
        moved.meetings.front().time = TimeRange(start, start + boost::posix_time::hours(7 * 24));
        static_cast<void>(store.import(moved));
    }
    EXPECT_EQ(people_rows_out_of_step(path).first, 0);
    {
        // Written by another program, without the copies, and moved before 1970.
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        SQLite::Statement last(db, "SELECT position, person, role FROM meeting_participant WHERE meeting = ? "
                                   "ORDER BY position DESC LIMIT 1");
        last.bind(1, first.id.str());
        ASSERT_TRUE(last.executeStep());
        const int position = last.getColumn(0).getInt();
        const std::string again = fmt::format("'{}', {}, '{}', '{}'", first.id.str(), position,
                                              last.getColumn(1).getString(), last.getColumn(2).getString());
        last.reset();
        db.exec(fmt::format("DELETE FROM meeting_participant WHERE meeting = '{}' AND position = {}", first.id.str(),
                            position));
        db.exec("INSERT INTO meeting_participant (meeting, position, person, role) VALUES (" + again + ")");
        EXPECT_EQ(db.getChanges(), 1);
        db.exec(fmt::format("UPDATE meeting SET start_utc = '1969-12-31T23:59:30Z', end_utc = "
                            "'1970-02-15T00:00:00Z' WHERE id = '{}'",
                            first.id.str()));
    }
    EXPECT_EQ(people_rows_out_of_step(path).first, 0);
    {
        // Back to version 8, whose rows have no copies: the migration makes them.
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec(undo_published);
        db.exec(undo_polls);
        db.exec(undo_guest_lists);
        db.exec(undo_personal_links);
        db.exec(undo_postal_addresses);
        db.exec(undo_outbox);
        db.exec(undo_changes_outside_files);
        db.exec(undo_answers_by_hand);
        db.exec(undo_people_by_time);
    }
    EXPECT_EQ(Store(path, OpenMode::must_exist).schema_version(), 17);
    EXPECT_EQ(people_rows_out_of_step(path), std::pair(0, rows));
}

TEST(StoreTest, AStoreFromANewerPlannerIsRefused)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA user_version = 99");
    }
    EXPECT_EQ(error_message([&] { Store store(path, OpenMode::must_exist); }),
              path.string() + ": the store has schema version 99, but this planner "
                                                             "knows only up to 17; use a newer planner");
}

TEST(StoreTest, ForeignKeysAreEnforced)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    {
        auto store = Store(path, OpenMode::create_if_missing);
        static_cast<void>(store.import(example()));
    }
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA foreign_keys = ON");
    EXPECT_THROW(db.exec("DELETE FROM venue WHERE id = 'rathaus-immenstaad'"), SQLite::Exception);
}

TEST(StoreTest, WhatWasSentIsRecordedWithTheMeetingsNewSequence)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    auto meeting = store.load().meeting(MeetingId("kennenlernen-2012"));
    EXPECT_TRUE(store.sent_versions(meeting.id).empty());
    const std::vector<SentVersion> sent{{PersonId("axel-gossner"), 2, "time: a\n", true},
                                        {PersonId("frank-veser"), 1, "time: b\n", false}};
    store.record_sent(meeting.id, sent);
    EXPECT_EQ(store.sent_versions(meeting.id), sent);
    // Recording raises the SEQUENCE and writes nothing else of the meeting.
    meeting.sequence = 2;
    EXPECT_EQ(store.load().meeting(meeting.id), meeting);
    // A later record for a person replaces the earlier one; SEQUENCE never goes down.
    const std::vector<SentVersion> later{{PersonId("frank-veser"), 1, "time: a\n", true}};
    store.record_sent(meeting.id, later);
    EXPECT_EQ(store.meeting(meeting.id)->sequence, 2);
    EXPECT_EQ(store.sent_versions(meeting.id)[1], later[0]);
    // Importing the meeting file again keeps the SEQUENCE the store reached.
    static_cast<void>(store.import(read_meeting_file(std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml",
                                                     store.load(), ical::expand_rule)));
    EXPECT_EQ(store.load().meeting(meeting.id).sequence, 2);
}

TEST(StoreTest, ANewDelegateNeverOverwritesSomeoneAddedUnderTheSameIdMeanwhile)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const auto directory = store.load();
    const auto meeting = MeetingId("kennenlernen-2012");
    const auto organisation = directory.person(PersonId("knut-immeke")).organisation;
    // Read before another command added Frank Veser's namesake: the id is taken by then.
    const Person namesake{PersonId("frank-veser"), "F. Veser", EmailAddress("f.veser@elsewhere.example.org"),
                          organisation, "", Access::any, std::nullopt};
    try {
        store.record_answers({{namesake}, {{meeting, {namesake.id, Role::required}}}, {}});
        ADD_FAILURE() << "another person's record was written over";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("another command added a person 'frank-veser'"), std::string::npos)
            << error.what();
    }
    EXPECT_EQ(store.load().person(PersonId("frank-veser")), directory.person(PersonId("frank-veser")));
    EXPECT_EQ(store.load().meeting(meeting), directory.meeting(meeting));  // nobody joined

    // The same address is the same person: kept as stored, and the answer recorded.
    auto same = directory.person(PersonId("frank-veser"));
    same.name = "Frank V.";
    store.record_answers({{same}, {}, {}});
    EXPECT_EQ(store.load().person(PersonId("frank-veser")), directory.person(PersonId("frank-veser")));
}

TEST(StoreTest, AnswersReplaceEarlierOnesAndBringTheirDelegates)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const auto directory = store.load();
    auto meeting = directory.meeting(MeetingId("kennenlernen-2012"));
    const Person delegate{PersonId("jutta-weiss"), "Jutta Weiß", EmailAddress("jutta.weiss@example.org"),
                          directory.person(PersonId("knut-immeke")).organisation, "", Access::any, std::nullopt};
    meeting.participants.push_back({delegate.id, Role::required});
    const boost::posix_time::ptime noon(boost::gregorian::date(2012, 10, 1), boost::posix_time::hours(12));
    const RecordedAnswer delegated{meeting.id,   std::nullopt, PersonId("knut-immeke"), Answer::delegated, 0, noon,
                                   delegate.id, "Frau Weiß vertritt mich"};
    const RecordedAnswer first{meeting.id,  std::nullopt, PersonId("axel-gossner"), Answer::tentative, 0, noon,
                               std::nullopt, ""};
    store.record_answers({{delegate}, {{meeting.id, {delegate.id, Role::required}}}, {delegated, first}});
    EXPECT_EQ(store.load().person(delegate.id), delegate);
    EXPECT_EQ(store.load().meeting(meeting.id), meeting);
    EXPECT_EQ(store.delegates(), std::set<PersonId>{delegate.id});
    // Joining twice adds no second place.
    store.record_answers({{}, {{meeting.id, {delegate.id, Role::optional}}}, {}});
    EXPECT_EQ(store.load().meeting(meeting.id), meeting);

    auto accepted = first;
    accepted.answer = Answer::accepted;
    accepted.answered = noon + boost::posix_time::hours(1);
    store.record_answers({{}, {}, {accepted}});
    EXPECT_EQ(store.answers(meeting.id), (std::vector<RecordedAnswer>{accepted, delegated}));
    // An older answer recorded later (another command read the store before) loses.
    store.record_answers({{}, {}, {first}});
    EXPECT_EQ(store.answers(meeting.id), (std::vector<RecordedAnswer>{accepted, delegated}));

    // An answer for one occurrence of the series is kept apart from the series'.
    const RecordedAnswer march{MeetingId("sprecherrat-2013"),
                               boost::gregorian::date(2013, 3, 12),
                               PersonId("karin-bartholomaeus"),
                               Answer::declined,
                               0,
                               noon,
                               std::nullopt,
                               ""};
    store.record_answers({{}, {}, {march}});
    EXPECT_EQ(store.answers(MeetingId("sprecherrat-2013")), std::vector<RecordedAnswer>{march});
}

TEST(StoreTest, QueuedMessagesAreSettledWhenSentAndForgottenWhenRefused)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const MeetingId meeting("kennenlernen-2012");
    const std::vector<SentVersion> queued{{PersonId("axel-gossner"), 1, "time: a\n", false},
                                          {PersonId("frank-veser"), 1, "time: a\n", false},
                                          {PersonId("knut-immeke"), 1, "time: a\n", false}};
    store.record_queued(meeting, queued);
    // Queuing raises the SEQUENCE, so that a new version is never sent with an old one.
    EXPECT_EQ(store.meeting(meeting)->sequence, 1);
    ASSERT_EQ(store.queued_messages(meeting).size(), 3U);
    store.record_sent(meeting, {&queued[0], 1});
    const std::vector<PersonId> refused{PersonId("frank-veser")};
    store.forget_queued(meeting, refused);
    const auto left = store.queued_messages(meeting);
    ASSERT_EQ(left.size(), 1U);
    EXPECT_EQ(left[0].person, PersonId("knut-immeke"));
    EXPECT_EQ(left[0].sequence, 1);
    EXPECT_EQ(store.sent_versions(meeting), std::vector<SentVersion>{queued[0]});
}

TEST(StoreTest, BusyPeriodsAndDaysOffAreReplacedPerFile)
{
    auto store = Store::in_memory();
    static_cast<void>(store.import(example()));
    const auto at = [](unsigned short day, int hour) {
        return boost::posix_time::ptime(boost::gregorian::date(2013, 3, day), boost::posix_time::hours(hour));
    };
    const PersonId frank("frank-veser");
    const std::vector<BusyPeriod> outlook{{frank, TimeRange(at(12, 8), at(12, 10)), "Kreistag"},
                                          {frank, TimeRange(at(13, 8), at(13, 9)), "Zahnarzt"}};
    EXPECT_EQ(store.replace_busy_periods(frank, "/home/fv/outlook.ics", outlook), 0);
    EXPECT_EQ(store.replace_busy_periods(frank, "/home/fv/google.ics", {{{frank, TimeRange(at(14, 8), at(14, 9)), "Sport"}}}),
              0);
    EXPECT_EQ(store.replace_busy_periods(frank, "/home/fv/outlook.ics", {{outlook[1]}}), 2);
    EXPECT_EQ(store.busy_periods(),
              (std::vector<BusyPeriod>{{frank, TimeRange(at(13, 8), at(13, 9)), "'Zahnarzt' in outlook.ics"},
                                       {frank, TimeRange(at(14, 8), at(14, 9)), "'Sport' in google.ics"}}));

    const std::vector<Holiday> summer{{boost::gregorian::date(2013, 7, 25), "Sommerferien"},
                                      {boost::gregorian::date(2013, 7, 26), "Sommerferien"}};
    EXPECT_EQ(store.replace_listed_holidays("DE-BW", "/x/ferien.ics", summer), 0);
    EXPECT_EQ(store.replace_listed_holidays("DE-BW", "/x/ferien.ics", {{summer[0]}}), 2);
    EXPECT_EQ(store.listed_holidays(), (std::vector<ListedHoliday>{{"DE-BW", summer[0]}}));
}

TEST(StoreTest, NewUidsAreDistinctVersion4Uuids)
{
    const auto a = new_uid();
    const auto b = new_uid();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.size(), 36U);
    EXPECT_EQ(a[14], '4');
}

}  // namespace

void PrintTo(const StoreProblem& problem, std::ostream* out)
{
    *out << "{" << problem.table << ", " << (problem.row ? std::to_string(*problem.row) : "no row") << ", "
         << problem.problem << "}";
}

namespace {

// A store file holding the example, with one change made behind the planner's back:
// foreign keys off and CHECK constraints ignored, as a crash, a bug or a hand in the
// sqlite3 shell can leave it.
class DamagedStoreTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto store = Store(path, OpenMode::create_if_missing);
        static_cast<void>(store.import(example()));
    }

    // Runs `sql` on the store as it is; returns the rowid of `table` that `where` picks.
    std::int64_t damage(const std::string& sql, const std::string& table, const std::string& where)
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA foreign_keys = OFF");
        db.exec("PRAGMA ignore_check_constraints = ON");
        db.exec(sql);
        return db.execAndGet("SELECT rowid FROM " + table + " WHERE " + where).getInt64();
    }

    [[nodiscard]] std::string load_error() const
    {
        return error_message([&] { static_cast<void>(Store(path, OpenMode::must_exist).load()); });
    }

    [[nodiscard]] std::string named(std::int64_t row, const std::string& table, const std::string& problem) const
    {
        return path.string() + ": row " + std::to_string(row) + " of table " + table + ": " + problem +
               "; 'planner doctor' lists every problem of the store";
    }

    TemporaryDirectory dir;
    std::filesystem::path path = dir / "planner.db";
};

TEST_F(DamagedStoreTest, ASoundStoreHasNoProblems)
{
    EXPECT_EQ(Store(path, OpenMode::must_exist).problems(), std::vector<StoreProblem>{});
}

TEST_F(DamagedStoreTest, APersonsCopyOfTheMeetingsTimeOutOfStepIsNamedByTheProblems)
{
    // Written as by a program that knows nothing of the copies: the trigger fills
    // them on insert, so the row is changed afterwards.
    const auto row = damage("UPDATE meeting_participant SET start_minute = 0 WHERE person = 'frank-veser' AND "
                            "meeting = 'kennenlernen-2012'",
                            "meeting_participant", "person = 'frank-veser' AND meeting = 'kennenlernen-2012'");
    EXPECT_EQ(Store(path, OpenMode::must_exist).problems(),
              (std::vector<StoreProblem>{{"meeting_participant", row,
                                          "start_minute and length_class are not those of its meeting, so its people's "
                                          "conflicts leave the meeting out"}}));
}

TEST_F(DamagedStoreTest, AParticipantOfAMeetingThatDoesNotExistIsNamed)
{
    const auto row = damage("INSERT INTO meeting_participant (meeting, position, person, role) "
                            "VALUES ('ghost', 1, 'frank-veser', 'required')",
                            "meeting_participant", "meeting = 'ghost'");
    EXPECT_EQ(load_error(), named(row, "meeting_participant", "meeting 'ghost' does not exist"));
    EXPECT_EQ(Store(path, OpenMode::must_exist).problems(),
              (std::vector<StoreProblem>{{"meeting_participant", row, "meeting 'ghost' does not exist"}}));
}

TEST_F(DamagedStoreTest, EveryKindOfChildRowOfAMissingMeetingIsNamed)
{
    for (const auto& [table, insert] : std::vector<std::pair<std::string, std::string>>{
             {"meeting_organiser", "(meeting, position, person) VALUES ('ghost', 1, 'frank-veser')"},
             {"meeting_county", "(meeting, position, county) VALUES ('ghost', 1, 'konstanz')"},
             {"agenda_item", "(meeting, position, start_utc, end_utc, title) VALUES ('ghost', 1, "
                             "'2012-10-11T12:00:00Z', '2012-10-11T13:00:00Z', 'Begrüßung')"},
             {"meeting_exception", "(meeting, date) VALUES ('ghost', '2013-01-08')"},
             {"meeting_occurrence", "(meeting, date, status) VALUES ('ghost', '2013-01-08', 'cancelled')"}}) {
        SCOPED_TRACE(table);
        const auto row = damage("INSERT INTO " + table + " " + insert, table, "meeting = 'ghost'");
        EXPECT_EQ(load_error(), named(row, table, "meeting 'ghost' does not exist"));
        static_cast<void>(damage("DELETE FROM " + table + " WHERE meeting = 'ghost'", "county", "1"));
    }
}

struct DamagedValue {
    std::string name;
    std::string table;
    std::string where;  // picks the damaged row
    std::string sql;
    std::string problem;
    std::string sqlite_says = {};  // integrity_check's line, when a CHECK constraint is broken
};

std::ostream& operator<<(std::ostream& out, const DamagedValue& value)
{
    return out << value.name;
}

class DamagedValueTest : public DamagedStoreTest, public ::testing::WithParamInterface<DamagedValue> {};

TEST_P(DamagedValueTest, IsNamedWithItsTableAndRowByLoadAndByTheProblems)
{
    const auto& value = GetParam();
    const auto row = damage(value.sql, value.table, value.where);
    EXPECT_EQ(load_error(), named(row, value.table, value.problem));
    std::vector<StoreProblem> expected;
    if (!value.sqlite_says.empty()) {
        expected.push_back({"", std::nullopt, "integrity_check: " + value.sqlite_says});
    }
    expected.push_back({value.table, row, value.problem});
    EXPECT_EQ(Store(path, OpenMode::must_exist).problems(), expected);
}

INSTANTIATE_TEST_SUITE_P(
    Store, DamagedValueTest,
    ::testing::Values(
        DamagedValue{"UnknownStatus", "meeting", "id = 'kennenlernen-2012'",
                     "UPDATE meeting SET status = 'postponed' WHERE id = 'kennenlernen-2012'",
                     "unknown status 'postponed', expected confirmed, tentative or cancelled",
                     "CHECK constraint failed in meeting"},
        DamagedValue{"UnknownRole", "meeting_participant",
                     "meeting = 'kennenlernen-2012' AND person = 'frank-veser'",
                     "UPDATE meeting_participant SET role = 'boss' WHERE meeting = 'kennenlernen-2012' AND person = "
                     "'frank-veser'",
                     "unknown role 'boss', expected chair, required, optional or info",
                     "CHECK constraint failed in meeting_participant"},
        DamagedValue{"UnknownOrganisationKind", "organisation", "id = 'lra-konstanz'",
                     "UPDATE organisation SET kind = 'Landratsamt' WHERE id = 'lra-konstanz'",
                     "unknown organisation kind 'Landratsamt', expected district-office, contact-point, "
                     "self-help-group, civic-initiative, council or other"},
        DamagedValue{"EmptyTime", "meeting", "id = 'projekt-2013'",
                     "UPDATE meeting SET start_utc = '' WHERE id = 'projekt-2013'",
                     "'' is not a UTC time like 2012-10-11T12:00:00Z"},
        DamagedValue{"HourOutOfRange", "agenda_item", "meeting = 'kennenlernen-2012' AND position = "
                     "(SELECT min(position) FROM agenda_item WHERE meeting = 'kennenlernen-2012')",
                     "UPDATE agenda_item SET end_utc = '2012-10-11T25:00:00Z' WHERE meeting = 'kennenlernen-2012' "
                     "AND position = (SELECT min(position) FROM agenda_item WHERE meeting = 'kennenlernen-2012')",
                     "'2012-10-11T25:00:00Z' is not a UTC time like 2012-10-11T12:00:00Z"},
        DamagedValue{"DayTheMonthDoesNotHave", "meeting", "id = 'projekt-2013'",
                     "UPDATE meeting SET start_utc = '2013-02-30T08:00:00Z' WHERE id = 'projekt-2013'",
                     "'2013-02-30T08:00:00Z' is not a UTC time like 2012-10-11T12:00:00Z"},
        DamagedValue{"DayThatDoesNotExist", "meeting_exception", "meeting = 'sprecherrat-2013'",
                     "UPDATE meeting_exception SET date = '2013-02-30' WHERE meeting = 'sprecherrat-2013'",
                     "'2013-02-30' is not a date like 2012-10-11"},
        DamagedValue{"ExceptionOfAMeetingThatIsNoSeries", "meeting_exception", "meeting = 'kennenlernen-2012'",
                     "INSERT INTO meeting_exception (meeting, date) VALUES ('kennenlernen-2012', '2012-10-18')",
                     "meeting 'kennenlernen-2012' is not a series"},
        DamagedValue{"EndBeforeStart", "meeting", "id = 'projekt-2013'",
                     "UPDATE meeting SET end_utc = start_utc WHERE id = 'projekt-2013'",
                     "end 2013-04-16T08:00:00 is not after start 2013-04-16T08:00:00",
                     "CHECK constraint failed in meeting"},
        DamagedValue{"OfficeHoursThatDoNotParse", "organisation", "id = 'lra-konstanz'",
                     "UPDATE organisation SET office_hours = 'mornings' WHERE id = 'lra-konstanz'",
                     "unknown office hours 'mornings', expected hours like 08:00-17:00"}),
    [](const ::testing::TestParamInfo<DamagedValue>& param_info) { return param_info.param.name; });

TEST_F(DamagedStoreTest, TheProblemsListEveryDamagedRowOnceAndTheChildRowsOfARefusedMeetingNotAgain)
{
    const auto orphan = damage("INSERT INTO meeting_participant (meeting, position, person, role) "
                               "VALUES ('ghost', 1, 'frank-veser', 'required')",
                               "meeting_participant", "meeting = 'ghost'");
    const auto dangling = damage("UPDATE meeting_organiser SET person = 'nobody' WHERE rowid = "
                                 "(SELECT min(rowid) FROM meeting_organiser WHERE meeting = 'projekt-2013')",
                                 "meeting_organiser", "person = 'nobody'");
    const auto bad_status = damage("UPDATE meeting SET status = 'postponed' WHERE id = 'kennenlernen-2012'",
                                   "meeting", "id = 'kennenlernen-2012'");
    const auto problems = Store(path, OpenMode::must_exist).problems();
    EXPECT_EQ(problems, (std::vector<StoreProblem>{
                            {"", std::nullopt, "integrity_check: CHECK constraint failed in meeting"},
                            {"meeting_organiser", dangling, "person 'nobody' does not exist"},
                            {"meeting_participant", orphan, "meeting 'ghost' does not exist"},
                            {"meeting", bad_status, "unknown status 'postponed', expected confirmed, tentative or "
                                                    "cancelled"}}));
}

TEST_F(DamagedStoreTest, ACorruptPageIsAProblemOfTheFileNotACrash)
{
    std::int64_t page = 0;
    std::int64_t page_size = 0;
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        // A page of a table's rows (not of the schema, which every statement reads).
        page = db.execAndGet("SELECT rootpage FROM sqlite_schema WHERE name = 'meeting_participant'").getInt64();
        page_size = db.execAndGet("PRAGMA page_size").getInt64();
    }
    {
        // One page of a table's rows, overwritten.
        std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(static_cast<std::streamoff>((page - 1) * page_size));
        const std::string garbage(static_cast<std::size_t>(page_size), '\x5a');
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    const auto message = load_error();
    EXPECT_EQ(message, path.string() + ": cannot read the store: database disk image is malformed");
    const auto problems = Store(path, OpenMode::must_exist).problems();
    ASSERT_FALSE(problems.empty());
    EXPECT_TRUE(problems.front().problem.starts_with("integrity_check: ")) << problems.front().problem;
    EXPECT_EQ(problems.back().problem,
              "the checks stop here, SQLite cannot read on: database disk image is malformed");
}

// The store keeps its prepared statements for the next question; none of them may keep
// a read open after its question is answered, or the WAL could never be checkpointed
// back to the store file while a server runs.
TEST(StoreTest, NoQuestionLeavesAReadOpenForTheStatementsItKeeps)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    auto store = Store(path, OpenMode::create_if_missing);
    static_cast<void>(store.import(example()));
    const MeetingId meeting("kennenlernen-2012");
    for (int round = 0; round < 2; ++round) {
        const auto found = store.meeting(meeting);
        ASSERT_TRUE(found);
        static_cast<void>(store.answers(meeting));
        static_cast<void>(store.attendance(meeting));
        static_cast<void>(store.records_of(std::span(&*found, 1)));
        Involving involving;
        involving.people.insert(found->organisers.begin(), found->organisers.end());
        involving.venues.insert(found->venue);
        const TimeRange around(found->time.start() - boost::posix_time::hours(48),
                               found->time.end() + boost::posix_time::hours(48));
        EXPECT_TRUE(store.singles_extent(around, &involving));
        EXPECT_FALSE(store.singles_starting(around, &involving).empty());
        static_cast<void>(store.session("no such session"));
        static_cast<void>(store.meeting_ids(3));
    }
    SQLite::Database other(path.string(), SQLite::OPEN_READWRITE);
    SQLite::Statement checkpoint(other, "PRAGMA wal_checkpoint(TRUNCATE)");
    ASSERT_TRUE(checkpoint.executeStep());
    EXPECT_EQ(checkpoint.getColumn(0).getInt(), 0) << "a read of the store is still open";
}

// A question whose statement cannot be prepared (here its table is gone for a moment,
// as in a damaged store) fails, and is asked again once it can be: what the connection
// keeps of its statements holds nothing of the failed one.
TEST(StoreTest, AQuestionThatCouldNotBePreparedCanBeAskedAgain)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    static_cast<void>(Store(path, OpenMode::create_if_missing).import(example()));
    const MeetingId meeting("kennenlernen-2012");
    SQLite::Database other(path.string(), SQLite::OPEN_READWRITE);
    other.exec("ALTER TABLE answer RENAME TO answer_away");
    auto store = Store(path, OpenMode::must_exist);
    EXPECT_THROW(static_cast<void>(store.answers(meeting)), Error);
    EXPECT_THROW(static_cast<void>(store.answers(meeting)), Error);
    other.exec("ALTER TABLE answer_away RENAME TO answer");
    EXPECT_TRUE(store.answers(meeting).empty());
}

TEST(StoreTest, TheChangeMarkMovesWithEveryWriteOfAnyConnection)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    auto store = Store(path, OpenMode::create_if_missing);
    static_cast<void>(store.import(example()));
    auto other = Store(path, OpenMode::must_exist);
    EXPECT_NE(store.change_mark(), other.change_mark());  // two stores, never one mark

    const auto unchanged = store.change_mark();
    static_cast<void>(store.load());
    EXPECT_EQ(store.change_mark(), unchanged);  // reading changes nothing

    other.record_attendance(std::vector<AttendanceRecord>{
        {MeetingId("kennenlernen-2012"), std::nullopt, PersonId("frank-veser"), Presence::present, false}});
    const auto after_other = store.change_mark();
    EXPECT_NE(after_other, unchanged);  // another connection committed

    store.record_attendance(std::vector<AttendanceRecord>{
        {MeetingId("kennenlernen-2012"), std::nullopt, PersonId("axel-gossner"), Presence::present, false}});
    EXPECT_NE(store.change_mark(), after_other);  // this one wrote
}

}  // namespace
}  // namespace planner::db
