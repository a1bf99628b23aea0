#include <planner/services/attendance.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <planner/error.hpp>
#include <planner/meeting.hpp>

#include "run_planner.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

namespace planner::services {
namespace {

namespace greg = boost::gregorian;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

class AttendanceServiceTest : public ::testing::Test {
protected:
    void SetUp() override { static_cast<void>(import_meeting_file(store, immenstaad)); }

    db::Store store = db::Store::in_memory();
};

TEST_F(AttendanceServiceTest, FiguresCountTheMeetingsOfThePeriodOnly)
{
    const auto year_2012 = attendance_figures(store, {greg::date(2012, 1, 1), greg::date(2012, 12, 31), {}});
    EXPECT_EQ(year_2012.total.meetings, 1);
    EXPECT_EQ(year_2012.total.invited, 25);
    EXPECT_EQ(year_2012.total.attended, 0);
    const auto everything = attendance_figures(store, {});
    EXPECT_GT(everything.total.meetings, year_2012.total.meetings);
    const auto backwards = attendance_figures(store, {greg::date(2012, 12, 31), greg::date(2012, 1, 1), {}});
    EXPECT_EQ(backwards.total.meetings, 0);
}

TEST_F(AttendanceServiceTest, FiguresCountOnlyTheMeetingsAsked)
{
    // Each meeting of a series is asked about on its own, with the records it names.
    std::vector<std::string> asked;
    const auto without_may = attendance_figures(store, {greg::date(2013, 1, 1), greg::date(2013, 12, 31),
                                                        [&](const Meeting& meeting, const Directory& records) {
                                                            asked.push_back(meeting.id.str());
                                                            EXPECT_NE(records.find(meeting.venue), nullptr);
                                                            return meeting.id.str() != "sprecherrat-2013@2013-05-14";
                                                        }});
    const auto all = attendance_figures(store, {greg::date(2013, 1, 1), greg::date(2013, 12, 31), {}});
    EXPECT_EQ(without_may.total.meetings, all.total.meetings - 1);
    EXPECT_NE(std::find(asked.begin(), asked.end(), "sprecherrat-2013@2013-05-14"), asked.end());
}

TEST_F(AttendanceServiceTest, TheListIsADocumentOfItsFormatWithItsPeopleCounted)
{
    const auto text = attendance_list(store, {"kennenlernen-2012", ListFormat::text, false, {}});
    EXPECT_EQ(text.people, 25U);
    EXPECT_NE(text.content.find("Teilnehmerliste"), std::string::npos);
    const auto csv = attendance_list(store, {"kennenlernen-2012", ListFormat::csv, false, {}});
    EXPECT_TRUE(csv.content.starts_with("\xef\xbb\xbf"));  // the BOM German Excel needs
    const auto pdf = attendance_list(store, {"kennenlernen-2012", ListFormat::pdf, false, {}});
    EXPECT_TRUE(pdf.content.starts_with("%PDF-"));
    EXPECT_EQ(pdf.people, 25U);
}

TEST_F(AttendanceServiceTest, OnlyThoseWhoAcceptedAreListedWhenAsked)
{
    db::AnswerImport answers;
    answers.answers.push_back({MeetingId("kennenlernen-2012"), std::nullopt, PersonId("frank-veser"),
                               Answer::accepted, 0, boost::posix_time::time_from_string("2012-10-01 08:00:00"),
                               std::nullopt, ""});
    store.record_answers(answers);
    const auto accepted = attendance_list(store, {"kennenlernen-2012", ListFormat::csv, true, {}});
    EXPECT_EQ(accepted.people, 1U);
    EXPECT_NE(accepted.content.find("Frank Veser"), std::string::npos);
}

TEST_F(AttendanceServiceTest, ASeriesAsAWholeHasNoList)
{
    try {
        static_cast<void>(attendance_list(store, {"sprecherrat-2013", ListFormat::text, false, {}}));
        FAIL() << "a series was listed";
    } catch (const Error& error) {
        EXPECT_STREQ(error.what(), "meeting 'sprecherrat-2013' is a series; name one of its meetings, e.g. "
                                   "'sprecherrat-2013@2013-01-08'");
    }
}

TEST_F(AttendanceServiceTest, WhoCameIsRecordedWithWalkIns)
{
    const auto recorded = record_attendance(
        store, {"projekt-2013", {PersonId("knut-immeke"), PersonId("stefan-buehler")}, Presence::present});
    EXPECT_EQ(recorded.meeting, "projekt-2013");
    ASSERT_EQ(recorded.records.size(), 2U);
    EXPECT_FALSE(recorded.records[0].walk_in);
    EXPECT_TRUE(recorded.records[1].walk_in);  // Stefan Bühler is not invited to it
    ASSERT_EQ(recorded.walk_ins.size(), 1U);
    EXPECT_EQ(recorded.walk_ins.front().id, PersonId("stefan-buehler"));
    EXPECT_EQ(store.attendance(MeetingId("projekt-2013")), recorded.records);
}

TEST_F(AttendanceServiceTest, AnOccurrenceIsRecordedUnderItsSeries)
{
    const auto recorded =
        record_attendance(store, {"sprecherrat-2013@2013-06-11", {PersonId("karin-bartholomaeus")}, Presence::excused});
    ASSERT_EQ(recorded.records.size(), 1U);
    EXPECT_EQ(recorded.records.front().meeting, MeetingId("sprecherrat-2013"));
    EXPECT_EQ(recorded.records.front().occurrence, greg::date(2013, 6, 11));
}

TEST_F(AttendanceServiceTest, NothingIsRecordedWhenOnePersonCannotBe)
{
    // Stefan Bühler was not invited, so cannot be excused; nor can anyone be unknown.
    const std::vector<PersonId> invited_and_not{PersonId("knut-immeke"), PersonId("stefan-buehler")};
    EXPECT_THROW(static_cast<void>(record_attendance(store, {"projekt-2013", invited_and_not, Presence::excused})),
                 Error);
    EXPECT_THROW(static_cast<void>(record_attendance(
                     store, {"projekt-2013", {PersonId("knut-immeke"), PersonId("niemand")}, Presence::present})),
                 NotFound);
    EXPECT_THROW(static_cast<void>(record_attendance(store, {"sprecherrat-2013", {}, Presence::present})), Error);
    EXPECT_TRUE(store.attendance().empty());
}

// Two tablets at one door, each with its own connection to the store, tick people at
// the same moments: every tick is kept.
TEST(AttendanceAtTheDoor, TwoConnectionsTickingAtOnceLoseNothing)
{
    const testing::TemporaryDirectory directory;
    const auto file = directory / "planner.db";
    std::vector<PersonId> in_room;
    {
        db::Store store(file, db::OpenMode::create_if_missing);
        static_cast<void>(import_meeting_file(store, immenstaad));
        in_room = attendees_in_room(*store.meeting(MeetingId("kennenlernen-2012")));
    }
    ASSERT_GE(in_room.size(), 20U);
    const auto tablet = [&](std::size_t first) {
        db::Store store(file, db::OpenMode::must_exist);
        for (int round = 0; round < 6; ++round) {  // each round ticks everyone of its half again
            for (std::size_t i = first; i < in_room.size(); i += 2) {
                static_cast<void>(record_attendance(store, {"kennenlernen-2012", {in_room[i]},
                                                            round % 2 == 0 ? Presence::excused : Presence::present}));
            }
        }
    };
    std::thread first(tablet, 0);
    std::thread second(tablet, 1);
    first.join();
    second.join();
    const db::Store store(file, db::OpenMode::must_exist);
    const auto records = store.attendance(MeetingId("kennenlernen-2012"));
    ASSERT_EQ(records.size(), in_room.size());
    for (const auto& record : records) {
        EXPECT_EQ(record.presence, Presence::present) << record.person.str();  // the last round's
    }
}

TEST_F(AttendanceServiceTest, AWalkInNewToTheStoreIsAddedWithAnIdFromTheNameAndRecordedPresent)
{
    const auto recorded = record_new_walk_in(store, {"projekt-2013", "Zoë SStraße-Öz", OrganisationId("lra-konstanz"),
                                                     "zoe@example.org"});
    ASSERT_EQ(recorded.walk_ins.size(), 1U);
    EXPECT_EQ(recorded.walk_ins.front().id, PersonId("zo-sstrasse-oez"));
    EXPECT_EQ(store.person(PersonId("zo-sstrasse-oez"))->email->str(), "zoe@example.org");
    const auto kept = store.attendance(MeetingId("projekt-2013"));
    ASSERT_EQ(kept.size(), 1U);
    EXPECT_TRUE(kept.front().walk_in);
    EXPECT_EQ(kept.front().presence, Presence::present);
    // A name of nothing but signs still gets an id.
    const auto signs = record_new_walk_in(store, {"projekt-2013", "???", OrganisationId("lra-konstanz"), "x@example.org"});
    EXPECT_EQ(signs.walk_ins.front().id, PersonId("walk-in"));
    // A cancelled meeting had nobody at its door.
    EXPECT_THROW(static_cast<void>(record_new_walk_in(store, {"sprecherrat-2013@2013-12-10", "Anna", OrganisationId("lra-konstanz"),
                                                              "anna@example.org"})),
                 AttendanceRefused);
    EXPECT_FALSE(store.person(PersonId("anna")).has_value());
}

TEST_F(AttendanceServiceTest, TheDoorsSearchNeedsThreeLettersAndKeepsToTheCounties)
{
    const std::set<CountyId> bodensee{CountyId("bodenseekreis")};
    EXPECT_TRUE(people_at_the_door(store, "ba", bodensee, 10).empty());
    const auto found = people_at_the_door(store, "BAR", bodensee, 10);
    ASSERT_FALSE(found.empty());
    for (const auto& person : found) {
        EXPECT_NE(person.name.find("ar"), std::string::npos) << person.name;
    }
    EXPECT_TRUE(people_at_the_door(store, "Bartholom", {CountyId("konstanz")}, 10).empty());
    // LIKE's own signs are searched for as themselves.
    EXPECT_TRUE(people_at_the_door(store, "%%%", bodensee, 10).empty());
    EXPECT_TRUE(people_at_the_door(store, "___", bodensee, 10).empty());
    EXPECT_EQ(people_at_the_door(store, "bar", bodensee, 1).size(), 1U);  // at most the limit
}

}  // namespace
}  // namespace planner::services
