#include <planner/services/attendance.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <planner/error.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <string>
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
    const auto year_2012 = attendance_figures(store, {greg::date(2012, 1, 1), greg::date(2012, 12, 31)});
    EXPECT_EQ(year_2012.total.meetings, 1);
    EXPECT_EQ(year_2012.total.invited, 25);
    EXPECT_EQ(year_2012.total.attended, 0);
    const auto everything = attendance_figures(store, {});
    EXPECT_GT(everything.total.meetings, year_2012.total.meetings);
    const auto backwards = attendance_figures(store, {greg::date(2012, 12, 31), greg::date(2012, 1, 1)});
    EXPECT_EQ(backwards.total.meetings, 0);
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

}  // namespace
}  // namespace planner::services
