#include <planner/services/answers.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace planner::services {
namespace {

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

class AnswersServiceTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        static_cast<void>(import_meeting_file(store, immenstaad));
        uid = store.meeting(MeetingId("kennenlernen-2012"))->uid;
    }

    // An answer as a calendar client writes it, to SEQUENCE 0 of the Kennenlernen.
    [[nodiscard]] std::string reply(const std::string& attendee, const std::string& partstat,
                                    const std::string& parameters = {}) const
    {
        return "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:-//test//EN\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
               "ATTENDEE;PARTSTAT=" +
               partstat + parameters + ":mailto:" + attendee + "\r\nUID:" + uid +
               "\r\nSEQUENCE:0\r\nDTSTAMP:20121001T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    db::Store store = db::Store::in_memory();
    std::string uid;
};

TEST_F(AnswersServiceTest, AnAnswerIsRecordedWithWhoGaveIt)
{
    const std::vector<AnswerSource> sources{
        {"frank.ics", reply("frank.veser@sigmaringen.example.org", "ACCEPTED"), std::nullopt}};
    const auto imported = import_answers(store, sources);
    ASSERT_EQ(imported.recorded.size(), 1U);
    const auto& taken = imported.recorded.front();
    EXPECT_EQ(taken.file, "frank.ics");
    EXPECT_EQ(taken.person.id, PersonId("frank-veser"));
    EXPECT_EQ(taken.answer.answer, Answer::accepted);
    EXPECT_FALSE(taken.delegate);
    // Never sent by the planner: recorded, and the organiser is told.
    ASSERT_EQ(imported.warnings.size(), 1U);
    EXPECT_NE(imported.warnings.front().find("which the planner never sent them"), std::string::npos);
    const auto stored = store.answers(MeetingId("kennenlernen-2012"));
    ASSERT_EQ(stored.size(), 1U);
    EXPECT_EQ(stored.front(), taken.answer);
}

TEST_F(AnswersServiceTest, ADelegateOutsideTheOrganisationsJoinsAndIsFlagged)
{
    const std::vector<AnswerSource> sources{
        {"knut.ics",
         reply("knut.immeke@ravensburg.example.org", "DELEGATED",
               ";DELEGATED-TO=\"mailto:m.weiss@elsewhere.example.net\""),
         std::nullopt}};
    const auto imported = import_answers(store, sources);
    ASSERT_EQ(imported.recorded.size(), 1U);
    const auto& taken = imported.recorded.front();
    ASSERT_TRUE(taken.delegate);
    EXPECT_EQ(taken.delegate->id, PersonId("m-weiss"));
    EXPECT_TRUE(taken.delegate_outside);
    ASSERT_EQ(imported.new_people.size(), 1U);
    EXPECT_EQ(imported.new_people.front().id, PersonId("m-weiss"));
    EXPECT_TRUE(store.person(PersonId("m-weiss")));
}

TEST_F(AnswersServiceTest, SourcesWithoutAnAnswerAreSkippedInTheirPlaceAndTheRestRecorded)
{
    const std::vector<AnswerSource> sources{
        {"missing.ics", {}, "missing.ics: no such file"},
        {"urlaub.eml", "From: a@example.org\r\nSubject: Abwesend\r\n\r\nIch bin im Urlaub.\r\n", std::nullopt},
        {"frank.ics", reply("frank.veser@sigmaringen.example.org", "DECLINED"), std::nullopt},
        {"fremd.ics", reply("niemand@example.org", "ACCEPTED"), std::nullopt}};
    const auto imported = import_answers(store, sources);
    ASSERT_EQ(imported.files_skipped.size(), 2U);
    EXPECT_EQ(imported.files_skipped[0].file, "missing.ics");
    EXPECT_EQ(imported.files_skipped[0].reason, "missing.ics: no such file");
    EXPECT_EQ(imported.files_skipped[1].file, "urlaub.eml");
    ASSERT_EQ(imported.recorded.size(), 1U);
    EXPECT_EQ(imported.recorded.front().answer.answer, Answer::declined);
    // Someone not invited: the answer is skipped, with why.
    ASSERT_EQ(imported.skipped.size(), 1U);
    EXPECT_NE(imported.skipped.front().find("'niemand@example.org' is not invited"), std::string::npos)
        << imported.skipped.front();
}

}  // namespace
}  // namespace planner::services
