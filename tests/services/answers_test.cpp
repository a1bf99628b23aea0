#include <planner/services/answers.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <planner/error.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
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

// Answers given by phone or letter, written down by an organiser.

const boost::posix_time::ptime noon_before(boost::gregorian::date(2012, 10, 1), boost::posix_time::hours(12));

TEST_F(AnswersServiceTest, AnAnswerWrittenDownByHandIsRecordedWithWhoWroteItDown)
{
    const HandAnswer given{MeetingId("kennenlernen-2012"), PersonId("frank-veser"), Answer::declined,
                           "krank, ruft zurück", "christine.ludwig"};
    const auto recorded = record_hand_answer(store, given, noon_before);
    EXPECT_EQ(recorded.answer, Answer::declined);
    EXPECT_EQ(recorded.sequence, store.meeting(MeetingId("kennenlernen-2012"))->sequence);
    EXPECT_EQ(recorded.recorded_by, std::optional<std::string>("christine.ludwig"));
    const auto stored = store.answers(MeetingId("kennenlernen-2012"));
    ASSERT_EQ(stored.size(), 1U);
    EXPECT_EQ(stored.front(), recorded);

    // Changed on the phone an hour later: the newer one counts.
    auto again = given;
    again.answer = Answer::accepted;
    again.comment.clear();
    static_cast<void>(record_hand_answer(store, again, noon_before + boost::posix_time::hours(1)));
    EXPECT_EQ(answer_of(store.answers(MeetingId("kennenlernen-2012")), PersonId("frank-veser"), std::nullopt),
              Answer::accepted);
}

TEST_F(AnswersServiceTest, AReplyReadLaterReplacesAnAnswerWrittenDownByHand)
{
    static_cast<void>(record_hand_answer(
        store, {MeetingId("kennenlernen-2012"), PersonId("frank-veser"), Answer::tentative, "", "christine.ludwig"},
        noon_before - boost::posix_time::hours(24)));
    // The reply's DTSTAMP is 2012-10-01 08:00, a day later.
    const std::vector<AnswerSource> sources{
        {"frank.ics", reply("frank.veser@sigmaringen.example.org", "ACCEPTED"), std::nullopt}};
    ASSERT_EQ(import_answers(store, sources).recorded.size(), 1U);
    const auto stored = store.answers(MeetingId("kennenlernen-2012"));
    ASSERT_EQ(stored.size(), 1U);
    EXPECT_EQ(stored.front().answer, Answer::accepted);
    EXPECT_EQ(stored.front().recorded_by, std::nullopt);
}

TEST_F(AnswersServiceTest, AnAnswerToOneMeetingOfASeriesIsRecordedForThatDay)
{
    const auto recorded = record_hand_answer(
        store, {MeetingId("sprecherrat-2013@2013-03-12"), PersonId("gerda-straub"), Answer::declined, "", "admin"},
        noon_before);
    EXPECT_EQ(recorded.meeting, MeetingId("sprecherrat-2013"));
    EXPECT_EQ(recorded.occurrence, std::optional(boost::gregorian::date(2013, 3, 12)));
    EXPECT_EQ(answer_of(store.answers(MeetingId("sprecherrat-2013")), PersonId("gerda-straub"),
                        boost::gregorian::date(2013, 3, 12)),
              Answer::declined);
}

TEST_F(AnswersServiceTest, AnAnswerThatCannotBeWrittenDownIsRefusedAndNothingIsWritten)
{
    const auto refused = [&](HandAnswer given) {
        try {
            static_cast<void>(record_hand_answer(store, given, noon_before));
        } catch (const Error& error) {
            EXPECT_TRUE(store.answers(MeetingId("kennenlernen-2012")).empty()) << error.what();
            EXPECT_TRUE(store.answers(MeetingId("sprecherrat-2013")).empty()) << error.what();
            return std::string(error.what());
        }
        return std::string("recorded");
    };
    const HandAnswer good{MeetingId("kennenlernen-2012"), PersonId("frank-veser"), Answer::accepted, "", "admin"};
    auto given = good;
    given.meeting = MeetingId("sprecherrat-2013");
    EXPECT_EQ(refused(given), "Frank Veser is not invited to meeting 'sprecherrat-2013'");
    given = good;
    given.person = PersonId("niemand");
    EXPECT_EQ(refused(given), "unknown person 'niemand'");
    given = good;
    given.meeting = MeetingId("nix");
    EXPECT_NE(refused(given).find("unknown meeting 'nix'"), std::string::npos);
    given = good;
    given.meeting = MeetingId("sprecherrat-2013@2013-03-13");  // not a day of the rule
    EXPECT_NE(refused(given).find("unknown meeting 'sprecherrat-2013@2013-03-13'"), std::string::npos);
    given = good;
    given.answer = Answer::delegated;
    EXPECT_EQ(refused(given), "'delegated' cannot be written down as an answer; expected accepted, tentative or declined");
    given = good;
    given.recorded_by.clear();
    EXPECT_EQ(refused(given), "say who wrote the answer down");
    given.recorded_by = "karin\x1b[31m";
    EXPECT_EQ(refused(given),
              "the name of who wrote it down holds a line end or another control character; write it on one line");
    given = good;
    given.comment = "erste Zeile\nzweite Zeile";
    EXPECT_EQ(refused(given), "the comment holds a line end or another control character; write it on one line");
    given = good;
    given.comment = std::string(250, 'a') + std::string(251, 'x');
    EXPECT_EQ(refused(given), "the comment has 501 characters; at most 500 are kept");
    given.comment = std::string(250, 'a');
    for (int i = 0; i < 250; ++i) {
        given.comment += "ä";  // two bytes, one character
    }
    EXPECT_EQ(refused(given), "recorded");
}

TEST_F(AnswersServiceTest, AnAnswerOlderThanOneRecordedAlreadyIsRefusedAndTheNewerKept)
{
    // Their reply is stamped 2012-10-01 08:00; the phone call is written down at 07:00,
    // as when a calendar's clock runs fast.
    const std::vector<AnswerSource> sources{
        {"frank.ics", reply("frank.veser@sigmaringen.example.org", "ACCEPTED"), std::nullopt}};
    ASSERT_EQ(import_answers(store, sources).recorded.size(), 1U);
    const HandAnswer earlier{MeetingId("kennenlernen-2012"), PersonId("frank-veser"), Answer::declined, "", "admin"};
    try {
        static_cast<void>(record_hand_answer(store, earlier, noon_before - boost::posix_time::hours(5)));
        ADD_FAILURE() << "an older answer was taken";
    } catch (const HandAnswerRefused& error) {
        EXPECT_EQ(std::string(error.what()),
                  "Frank Veser answered meeting 'kennenlernen-2012' later already (2012-10-01T08:00:00Z, a time still "
                  "ahead: their calendar's clock is fast); nothing was written");
    }
    EXPECT_EQ(answer_of(store.answers(MeetingId("kennenlernen-2012")), PersonId("frank-veser"), std::nullopt),
              Answer::accepted);
}

}  // namespace
}  // namespace planner::services
