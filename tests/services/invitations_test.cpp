#include <planner/services/invitations.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <planner/error.hpp>

#include "run_planner.hpp"
#include "sink_server.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

namespace planner::services {
namespace {

using testing::SmtpSink;
using testing::TemporaryDirectory;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string meeting = "kennenlernen-2012";
const std::string frank = "frank.veser@sigmaringen.example.org";

class InvitationServiceTest : public ::testing::Test {
protected:
    void SetUp() override { static_cast<void>(import_meeting_file(store, immenstaad)); }

    // Both folders of files, in one go.
    [[nodiscard]] Delivery to_folders() const
    {
        Delivery delivery;
        delivery.postmen.push_back(std::make_unique<CalendarFolder>(dir / "ics", "calendars"));
        delivery.postmen.push_back(std::make_unique<MailFolder>(dir / "mail", "mails"));
        return delivery;
    }

    [[nodiscard]] Delivery to_server() const
    {
        Delivery delivery;
        delivery.postmen.push_back(std::make_unique<MailServer>(testing::sink_server(sink)));
        return delivery;
    }

    static long files_in(const std::filesystem::path& folder)
    {
        return std::distance(std::filesystem::directory_iterator(folder), {});
    }

    db::Store store = db::Store::in_memory();
    TemporaryDirectory dir;
    SmtpSink sink;
};

TEST_F(InvitationServiceTest, APreviewRecordsNobody)
{
    const auto invited = invite(store, {meeting}, Delivery{});
    ASSERT_TRUE(invited.delivered.preview);
    EXPECT_TRUE(invited.delivered.preview->starts_with("BEGIN:VCALENDAR\r\n"));
    EXPECT_TRUE(invited.delivered.reached.empty());
    EXPECT_TRUE(invited.delivered.handovers.empty());
    EXPECT_FALSE(invited.sent_before);
    EXPECT_EQ(invited.attendees, 25U);
    EXPECT_TRUE(store.sent_versions(MeetingId(meeting)).empty());
}

TEST_F(InvitationServiceTest, FilesInFoldersAreDeliveriesAndRecorded)
{
    const auto invited = invite(store, {meeting}, to_folders());
    EXPECT_FALSE(invited.delivered.preview);
    EXPECT_EQ(invited.delivered.reached.size(), 25U);
    EXPECT_EQ(invited.delivered.handovers.size(), 50U);  // a calendar and a mail each
    EXPECT_EQ(files_in(dir / "ics"), 25);
    EXPECT_EQ(files_in(dir / "mail"), 25);
    const auto& first = invited.delivered.handovers.front();
    EXPECT_EQ(first.way, Handover::Way::calendar_folder);
    EXPECT_EQ(*first.file, dir / "ics" / (first.person->id.str() + ".ics"));
    EXPECT_FALSE(invited.delivered.failed());
    EXPECT_EQ(store.sent_versions(MeetingId(meeting)).size(), 25U);
    // The same version again: nothing significant changed.
    const auto again = invite(store, {meeting}, to_folders());
    EXPECT_TRUE(again.sent_before);
    EXPECT_TRUE(again.plan.changes.empty());
    EXPECT_EQ(again.plan.sequence, 0);
}

TEST_F(InvitationServiceTest, ARehearsalNamesTheFilesAndWritesNone)
{
    auto delivery = to_folders();
    delivery.rehearsal = true;
    delivery.calendar_file = dir / "all.ics";
    const auto invited = invite(store, {meeting}, delivery);
    ASSERT_EQ(invited.delivered.handovers.size(), 51U);
    EXPECT_TRUE(std::all_of(invited.delivered.handovers.begin(), invited.delivered.handovers.end(),
                            [](const Handover& handover) { return handover.rehearsed; }));
    EXPECT_EQ(invited.delivered.handovers.back().way, Handover::Way::calendar_file);
    EXPECT_EQ(*invited.delivered.handovers.back().file, dir / "all.ics");
    EXPECT_FALSE(std::filesystem::exists(dir / "ics"));
    EXPECT_FALSE(std::filesystem::exists(dir / "all.ics"));
}

TEST_F(InvitationServiceTest, TheServerSaysWhoGotTheirsAndOnlyTheOthersAreSentAgain)
{
    sink.reject_recipient(frank);
    const auto first = invite(store, {meeting}, to_server());
    EXPECT_EQ(sink.messages().size(), 24U);
    EXPECT_EQ(first.delivered.reached.size(), 24U);
    EXPECT_FALSE(first.delivered.reached.contains(PersonId("frank-veser")));
    EXPECT_TRUE(first.delivered.failed());
    const auto refused = std::find_if(first.delivered.handovers.begin(), first.delivered.handovers.end(),
                                      [](const Handover& handover) { return !handover.accepted; });
    ASSERT_NE(refused, first.delivered.handovers.end());
    EXPECT_EQ(refused->person->id, PersonId("frank-veser"));
    EXPECT_NE(refused->refusal.find("550"), std::string::npos) << refused->refusal;
    // Nothing stays queued: each answer of the server was recorded.
    EXPECT_TRUE(store.queued_messages(MeetingId(meeting)).empty());

    const auto second = invite(store, {meeting}, to_server());
    ASSERT_EQ(second.delivered.handovers.size(), 1U);
    EXPECT_EQ(second.delivered.handovers.front().person->id, PersonId("frank-veser"));
    EXPECT_EQ(sink.messages().size(), 24U);
}

TEST_F(InvitationServiceTest, AMessageQueuedAndNeverSettledIsLeftOutUnlessAskedFor)
{
    const SentVersion queued{PersonId("frank-veser"), 0, "", false};
    store.record_queued(MeetingId(meeting), {&queued, 1});
    const auto invited = invite(store, {meeting}, to_server());
    ASSERT_EQ(invited.delivered.left_out.size(), 1U);
    EXPECT_EQ(invited.delivered.left_out.front().person.id, PersonId("frank-veser"));
    EXPECT_EQ(sink.messages().size(), 24U);
    auto resend = to_server();
    resend.resend_unconfirmed = true;
    const auto resent = invite(store, {meeting}, resend);
    EXPECT_TRUE(resent.delivered.left_out.empty());
    ASSERT_EQ(sink.messages().size(), 25U);
    EXPECT_EQ(sink.messages().back().recipients, std::vector<std::string>{frank});
}

TEST_F(InvitationServiceTest, AnErrorStopsTheDeliveryAndIsReturnedWithWhatWasDone)
{
    testing::write_file(dir / "mail", "a file where the folder should be");
    const auto invited = invite(store, {meeting}, to_folders());
    ASSERT_TRUE(invited.delivered.interrupted);
    EXPECT_EQ(*invited.delivered.interrupted, "mails " + (dir / "mail").string() + ": not a directory");
    EXPECT_TRUE(invited.delivered.reached.empty());
    EXPECT_TRUE(store.sent_versions(MeetingId(meeting)).empty());
}

TEST_F(InvitationServiceTest, SomeoneTakenOffTheListGetsACancellationBesideTheCalendar)
{
    ASSERT_FALSE(invite(store, {meeting}, to_folders()).delivered.failed());
    auto without_markus = testing::read_file(immenstaad);
    const std::string markus_line = "  { person = \"markus-rauch\", role = \"optional\" },\n";
    without_markus.erase(without_markus.find(markus_line), markus_line.size());
    testing::write_file(dir / "without-markus.toml", without_markus);
    static_cast<void>(import_meeting_file(store, dir / "without-markus.toml"));

    Delivery delivery;
    delivery.calendar_file = dir / "update.ics";
    const auto invited = invite(store, {meeting}, delivery);
    ASSERT_EQ(invited.removed.size(), 1U);
    EXPECT_EQ(invited.removed.front().id, PersonId("markus-rauch"));
    EXPECT_EQ(invited.plan.sequence, 1);
    EXPECT_EQ(invited.sequence_before, 0);
    const auto& handovers = invited.delivered.handovers;
    const auto beside = std::find_if(handovers.begin(), handovers.end(), [](const Handover& handover) {
        return handover.way == Handover::Way::calendar_beside;
    });
    ASSERT_NE(beside, handovers.end());
    EXPECT_EQ(*beside->file, dir / "update.cancel-markus-rauch.ics");
    EXPECT_NE(testing::read_file(dir / "update.cancel-markus-rauch.ics").find("METHOD:CANCEL"), std::string::npos);
    EXPECT_TRUE(invited.delivered.reached.contains(PersonId("markus-rauch")));
}

TEST_F(InvitationServiceTest, AnOccurrenceOrACancelledMeetingIsNotInvited)
{
    EXPECT_THROW(static_cast<void>(invite(store, {"sprecherrat-2013@2013-03-12"}, Delivery{})), Error);
    EXPECT_THROW(static_cast<void>(invite(store, {"niemand"}, Delivery{})), NotFound);
    static_cast<void>(cancel(store, {meeting, ""}, Delivery{}));
    EXPECT_THROW(static_cast<void>(invite(store, {meeting}, Delivery{})), Error);
}

TEST_F(InvitationServiceTest, ACancellationCallsTheMeetingOffBeforeAnyoneIsToldAndAPreviewTellsNobody)
{
    const auto previewed = cancel(store, {meeting, "Krankheit"}, Delivery{});
    ASSERT_TRUE(previewed.delivered.preview);
    EXPECT_NE(previewed.delivered.preview->find("COMMENT:Krankheit"), std::string::npos);
    EXPECT_EQ(previewed.sequence, 1);
    EXPECT_FALSE(previewed.cancelled_before);
    EXPECT_EQ(previewed.recipients.size(), 25U);
    EXPECT_TRUE(previewed.delivered.reached.empty());
    const auto stored = store.meeting(MeetingId(meeting));
    EXPECT_EQ(stored->status, MeetingStatus::cancelled);
    EXPECT_EQ(stored->sequence, 1);

    // Those not told are told by the next cancellation, at the same SEQUENCE.
    const auto told = cancel(store, {meeting, "Krankheit"}, to_server());
    EXPECT_TRUE(told.cancelled_before);
    EXPECT_EQ(told.sequence, 1);
    EXPECT_EQ(told.delivered.reached.size(), 25U);
    EXPECT_EQ(sink.messages().size(), 25U);
    EXPECT_NE(sink.messages().front().data.find("method=CANCEL"), std::string::npos);
    EXPECT_THROW(static_cast<void>(cancel(store, {meeting, ""}, to_server())), Error);
}

TEST_F(InvitationServiceTest, OneOccurrenceOfASeriesIsCalledOff)
{
    const auto cancelled = cancel(store, {"sprecherrat-2013@2013-03-12", "Raum belegt"}, to_folders());
    EXPECT_EQ(cancelled.meeting, MeetingId("sprecherrat-2013"));
    EXPECT_EQ(cancelled.occurrence, boost::gregorian::date(2013, 3, 12));
    EXPECT_EQ(cancelled.sequence, 1);
    EXPECT_EQ(cancelled.delivered.reached.size(), cancelled.recipients.size());
    const auto series = store.meeting(MeetingId("sprecherrat-2013"));
    const auto& changes = series->recurrence->changes;
    EXPECT_TRUE(std::any_of(changes.begin(), changes.end(), [](const OccurrenceChange& change) {
        return change.date == boost::gregorian::date(2013, 3, 12) && change.status == MeetingStatus::cancelled;
    }));
    EXPECT_EQ(series->status, MeetingStatus::confirmed);
    EXPECT_THROW(static_cast<void>(cancel(store, {"sprecherrat-2013@2013-03-12", ""}, Delivery{})), Error);
    EXPECT_THROW(static_cast<void>(cancel(store, {"sprecherrat-2013@2013-03-13", ""}, Delivery{})), Error);
}

}  // namespace
}  // namespace planner::services
