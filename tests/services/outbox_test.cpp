#include <planner/services/outbox.hpp>

#include <planner/services/invitations.hpp>
#include <planner/services/meeting_file_import.hpp>

#include "run_planner.hpp"
#include "sink_server.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;
using db::MailState;
using testing::SmtpSink;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string meeting = "kennenlernen-2012";
const std::string frank = "frank.veser@sigmaringen.example.org";
const std::string service_address = "planner@bodenseekreis.example";

// The calendar a received mail carries (its base64 text/calendar part), decoded.
std::string calendar_in(const std::string& mail)
{
    const auto part = mail.find("Content-Type: text/calendar");
    const auto body = mail.find("\r\n\r\n", part);
    const auto end = mail.find("\r\n--", body);
    if (part == std::string::npos || body == std::string::npos || end == std::string::npos) {
        return {};
    }
    return testing::decode_base64(std::string_view(mail).substr(body + 4, end - body - 4));
}

class OutboxTest : public ::testing::Test {
protected:
    void SetUp() override { static_cast<void>(import_meeting_file(store, immenstaad)); }

    [[nodiscard]] mail::SmtpServer server() const { return testing::sink_server(sink, service_address); }

    QueuedLetters press_send() { return queue_letters_of(store, {meeting, "karin", service_address, Language::de, {}}); }

    // Sends what is due at the test's clock.
    int send_due() { return send_due_mail(store, server(), retry, [this] { return now; }, stopping); }

    // The meeting moved as the form saves it; returns it as stored.
    Meeting move_meeting_by(pt::time_duration by)
    {
        const auto before = *store.meeting(MeetingId(meeting));
        auto moved = before;
        moved.time = TimeRange(before.time.start() + by, before.time.end() + by);
        store.update(moved, before);
        return moved;
    }

    [[nodiscard]] std::vector<db::OutboxMessage> newest() const { return newest_mail_of(store, MeetingId(meeting)); }

    [[nodiscard]] const db::OutboxMessage& newest_to(const std::string& address) const
    {
        static std::vector<db::OutboxMessage> kept;
        kept = newest();
        const auto found = std::find_if(kept.begin(), kept.end(),
                                        [&](const db::OutboxMessage& message) { return message.recipient == address; });
        EXPECT_NE(found, kept.end()) << address;
        return *found;
    }

    [[nodiscard]] long count_in(MailState state) const
    {
        const auto messages = newest();
        return std::count_if(messages.begin(), messages.end(),
                             [&](const db::OutboxMessage& message) { return message.state == state; });
    }

    [[nodiscard]] long received_by(const std::string& address) const
    {
        const auto received = sink.messages();
        return std::count_if(received.begin(), received.end(), [&](const SmtpSink::Received& message) {
            return std::find(message.recipients.begin(), message.recipients.end(), address) !=
                   message.recipients.end();
        });
    }

    db::Store store = db::Store::in_memory();
    SmtpSink sink;
    RetryPolicy retry{std::chrono::seconds(60), std::chrono::seconds(600), 4};
    // From the real clock: the button queues messages due at once.
    pt::ptime now = pt::second_clock::universal_time() + pt::seconds(1);
    std::atomic<bool> stopping{false};
};

TEST_F(OutboxTest, TheButtonQueuesAndNobodyHasTheInvitationBeforeTheServerAcceptedIt)
{
    const auto queued = press_send();
    EXPECT_FALSE(queued.cancellation);
    EXPECT_EQ(queued.sequence, 0);
    EXPECT_EQ(queued.delivered.queued.size(), 25U);
    EXPECT_TRUE(queued.delivered.reached.empty());
    EXPECT_EQ(count_in(MailState::queued), 25);
    EXPECT_TRUE(store.sent_versions(MeetingId(meeting)).empty());
    EXPECT_TRUE(sink.messages().empty());

    EXPECT_EQ(send_due(), 25);
    EXPECT_EQ(count_in(MailState::sent), 25);
    EXPECT_EQ(store.sent_versions(MeetingId(meeting)).size(), 25U);
    ASSERT_EQ(sink.messages().size(), 25U);
    for (const auto& received : sink.messages()) {
        EXPECT_EQ(received.from, service_address);
        ASSERT_EQ(received.recipients.size(), 1U);
        // The service's own address in From, the organiser's as Reply-To.
        EXPECT_NE(received.data.find("From: "), std::string::npos);
        EXPECT_NE(received.data.find("<" + service_address + ">"), std::string::npos);
        EXPECT_NE(received.data.find("Reply-To: "), std::string::npos);
        EXPECT_NE(received.data.find("<karin.bartholomaeus@example.org>"), std::string::npos);
        EXPECT_NE(received.data.find("method=REQUEST"), std::string::npos);
    }
    EXPECT_EQ(received_by(frank), 1);
    // Everyone has it: pressing again queues nothing.
    const auto again = press_send();
    EXPECT_TRUE(again.everyone_has_it);
    EXPECT_TRUE(again.delivered.queued.empty());
    EXPECT_EQ(send_due(), 0);
}

TEST_F(OutboxTest, PressingTwiceBeforeItWentQueuesEachMessageOnce)
{
    static_cast<void>(press_send());
    const auto second = press_send();
    EXPECT_TRUE(second.everyone_has_it);
    EXPECT_TRUE(second.delivered.queued.empty());
    EXPECT_EQ(store.mail_of_meeting(MeetingId(meeting)).size(), 25U);
    EXPECT_EQ(send_due(), 25);
    EXPECT_EQ(received_by(frank), 1);
}

TEST_F(OutboxTest, PressingAgainWhileAnUpdateWaitsRaisesNoSequenceAndQueuesNothing)
{
    static_cast<void>(press_send());
    static_cast<void>(send_due());
    move_meeting_by(pt::hours(1));
    EXPECT_EQ(press_send().sequence, 1);
    for (int press = 0; press < 2; ++press) {
        const auto again = press_send();
        EXPECT_EQ(again.sequence, 1);
        EXPECT_TRUE(again.everyone_has_it);
    }
    EXPECT_EQ(store.meeting(MeetingId(meeting))->sequence, 1);
    EXPECT_EQ(send_due(), 25);
    EXPECT_EQ(received_by(frank), 2);
}

TEST_F(OutboxTest, AChangeBeforeTheFirstTryReplacesTheWaitingMessage)
{
    static_cast<void>(press_send());
    const auto moved = move_meeting_by(pt::hours(1));
    const auto second = press_send();
    EXPECT_EQ(second.delivered.queued.size(), 25U);
    // Only the newest version waits, and goes once, as the invitation it is to them.
    EXPECT_EQ(count_in(MailState::queued), 25);
    EXPECT_EQ(store.mail_of_meeting(MeetingId(meeting)).size(), 50U);
    EXPECT_EQ(send_due(), 25);
    EXPECT_EQ(received_by(frank), 1);
    EXPECT_NE(sink.messages().front().data.find("Subject: Einladung: "), std::string::npos);
    const auto sent = store.sent_versions(MeetingId(meeting));
    EXPECT_TRUE(std::all_of(sent.begin(), sent.end(),
                            [&](const SentVersion& version) { return version.content == significant_content(moved); }));
}

TEST_F(OutboxTest, ARetryIsSupersededByANewerVersionAndNeverSetsItBack)
{
    sink.defer_recipient(frank, 1);
    static_cast<void>(press_send());
    EXPECT_EQ(send_due(), 25);
    EXPECT_EQ(newest_to(frank).state, MailState::queued);  // waiting for its retry
    const auto moved = move_meeting_by(pt::hours(1));
    static_cast<void>(press_send());
    now += pt::minutes(5);
    EXPECT_EQ(send_due(), 25);  // the update to all; Frank's retry of the old one is gone
    EXPECT_EQ(received_by(frank), 1);
    const auto sent = store.sent_versions(MeetingId(meeting));
    const auto franks = std::find_if(sent.begin(), sent.end(),
                                     [](const SentVersion& version) { return version.person == PersonId("frank-veser"); });
    ASSERT_NE(franks, sent.end());
    EXPECT_EQ(franks->content, significant_content(moved));
    // A late record of an older message leaves the newer one standing.
    auto older = *franks;
    older.sequence = 0;
    older.content = "older";
    store.record_sent(MeetingId(meeting), {&older, 1});
    EXPECT_EQ(store.sent_versions(MeetingId(meeting)), sent);
}

TEST_F(OutboxTest, SomeoneTakenOffTheListBeforeTheirInvitationWentGetsNothing)
{
    static_cast<void>(press_send());
    const auto before = *store.meeting(MeetingId(meeting));
    auto smaller = before;
    std::erase_if(smaller.participants,
                  [](const Participant& participant) { return participant.person == PersonId("frank-veser"); });
    store.update(smaller, before);
    const auto queued = press_send();
    EXPECT_TRUE(queued.everyone_has_it);
    EXPECT_EQ(newest_to(frank).state, MailState::superseded);
    EXPECT_EQ(send_due(), 24);
    EXPECT_EQ(received_by(frank), 0);
}

TEST_F(OutboxTest, TheCommandLineLeavesOutWhatWaitsInTheOutbox)
{
    static_cast<void>(press_send());
    Delivery to_server;
    to_server.postmen.push_back(std::make_unique<MailServer>(server()));
    const auto invited = invite(store, {meeting}, to_server);
    EXPECT_EQ(invited.delivered.left_out.size(), 25U);
    EXPECT_TRUE(sink.messages().empty());
}

TEST_F(OutboxTest, AnUpdateGoesToEveryoneWithTheSequenceRaised)
{
    static_cast<void>(press_send());
    static_cast<void>(send_due());
    static_cast<void>(move_meeting_by(pt::hours(1)));
    const auto update = press_send();
    EXPECT_EQ(update.sequence, 1);
    EXPECT_EQ(update.delivered.queued.size(), 25U);
    EXPECT_EQ(send_due(), 25);
    EXPECT_EQ(received_by(frank), 2);
    EXPECT_NE(calendar_in(sink.messages().back().data).find("SEQUENCE:1\r\n"), std::string::npos);
    EXPECT_EQ(store.meeting(MeetingId(meeting))->sequence, 1);
}

TEST_F(OutboxTest, ARefusalIsKeptInTheServersWordsAndSentAgainOnlyWhenAsked)
{
    sink.reject_recipient(frank);
    static_cast<void>(press_send());
    EXPECT_EQ(send_due(), 25);
    const auto refused = newest_to(frank);
    EXPECT_EQ(refused.state, MailState::refused);
    EXPECT_NE(refused.server_said.find("550 5.1.1"), std::string::npos) << refused.server_said;
    EXPECT_EQ(count_in(MailState::sent), 24);
    const auto sent = store.sent_versions(MeetingId(meeting));
    EXPECT_EQ(sent.size(), 24U);
    // Not tried again by itself; the button queues only who lacks it and has nothing
    // waiting: Frank's refusal is settled, so he is queued again.
    EXPECT_EQ(send_due(), 0);
    const auto again = press_send();
    ASSERT_EQ(again.delivered.queued.size(), 1U);
    EXPECT_EQ(again.delivered.queued.front().email->str(), frank);
}

TEST_F(OutboxTest, AServerThatAsksToWaitIsTriedAgainLaterAndWaitsLongerEachTime)
{
    sink.defer_recipient(frank, 2);
    static_cast<void>(press_send());
    EXPECT_EQ(send_due(), 25);
    auto waiting = newest_to(frank);
    EXPECT_EQ(waiting.state, MailState::queued);
    EXPECT_EQ(waiting.attempts, 1);
    EXPECT_EQ(waiting.next_try, now + pt::seconds(60));
    EXPECT_NE(waiting.server_said.find("451"), std::string::npos);
    EXPECT_EQ(store.next_mail_due(), now + pt::seconds(60));
    // Not before its time.
    now += pt::seconds(59);
    EXPECT_EQ(send_due(), 0);
    now += pt::seconds(1);
    EXPECT_EQ(send_due(), 1);
    waiting = newest_to(frank);
    EXPECT_EQ(waiting.attempts, 2);
    EXPECT_EQ(waiting.next_try, now + pt::seconds(120));
    now += pt::seconds(120);
    EXPECT_EQ(send_due(), 1);
    EXPECT_EQ(newest_to(frank).state, MailState::sent);
    EXPECT_EQ(received_by(frank), 1);
    EXPECT_EQ(store.next_mail_due(), std::nullopt);
}

TEST_F(OutboxTest, AfterTheLastTryTheMessageIsGivenUp)
{
    sink.defer_recipient(frank, 10);
    static_cast<void>(press_send());
    for (int attempt = 0; attempt < retry.attempts; ++attempt) {
        static_cast<void>(send_due());
        now += pt::seconds(600);
    }
    const auto given_up = newest_to(frank);
    EXPECT_EQ(given_up.state, MailState::given_up);
    EXPECT_EQ(given_up.attempts, retry.attempts);
    EXPECT_TRUE(given_up.settled.has_value());
    EXPECT_EQ(send_due(), 0);
    EXPECT_TRUE(store.queue_mail_again(MeetingId(meeting), given_up.id, now));
    static_cast<void>(send_due());
    EXPECT_EQ(newest_to(frank).state, MailState::queued);  // still deferred: tried again later
}

TEST_F(OutboxTest, AServerThatCannotBeReachedIsTriedAgain)
{
    static_cast<void>(press_send());
    auto unreachable = server();
    unreachable.port = 9;  // discard: nothing listens there
    unreachable.timeout = std::chrono::seconds(2);
    EXPECT_EQ(send_due_mail(store, unreachable, retry, [this] { return now; }, stopping), 25);
    EXPECT_EQ(count_in(MailState::queued), 25);
    EXPECT_TRUE(store.sent_versions(MeetingId(meeting)).empty());
    now += pt::seconds(60);
    EXPECT_EQ(send_due(), 25);
    EXPECT_EQ(count_in(MailState::sent), 25);
}

TEST_F(OutboxTest, AMessageHalfSentWhenTheServiceStoppedIsUnconfirmedAndNotSentTwice)
{
    static_cast<void>(press_send());
    const auto claimed = store.claim_mail(now);  // handed over; then the service stopped
    ASSERT_TRUE(claimed.has_value());
    EXPECT_EQ(store.unconfirm_interrupted_mail(), 1);
    EXPECT_EQ(send_due(), 24);
    const auto unconfirmed = newest_to(claimed->recipient);
    EXPECT_EQ(unconfirmed.state, MailState::unconfirmed);
    // The button leaves it out, as it may have arrived ...
    const auto again = press_send();
    EXPECT_TRUE(again.everyone_has_it);
    EXPECT_TRUE(again.delivered.queued.empty());
    // ... until an organiser sends it again; an answer that came late is no answer.
    EXPECT_FALSE(store.settle_mail(claimed->id, {db::MailOutcome::Kind::accepted, {}, now}, now));
    EXPECT_TRUE(store.queue_mail_again(MeetingId(meeting), claimed->id, now));
    EXPECT_FALSE(store.queue_mail_again(MeetingId(meeting), claimed->id, now));
    EXPECT_EQ(send_due(), 1);
    EXPECT_EQ(count_in(MailState::sent), 25);
    EXPECT_EQ(received_by(claimed->recipient), 1);
}

TEST_F(OutboxTest, AConnectionLostAfterTheWholeMessageLeavesItUnconfirmed)
{
    sink.drop_connection_after_data();
    static_cast<void>(press_send());
    EXPECT_EQ(send_due(), 25);
    EXPECT_EQ(count_in(MailState::unconfirmed), 25);
    EXPECT_EQ(sink.messages().size(), 25U);  // the server has them all: sending again would double them
    EXPECT_TRUE(store.sent_versions(MeetingId(meeting)).empty());
    EXPECT_NE(newest_to(frank).server_said.find("may have arrived"), std::string::npos);
}

TEST_F(OutboxTest, OnlyTheNewestMessageToAPersonOfThatMeetingCanGoAgain)
{
    sink.reject_recipient(frank);
    static_cast<void>(press_send());
    static_cast<void>(send_due());
    const auto refused = newest_to(frank);
    ASSERT_EQ(refused.state, MailState::refused);
    // Another meeting's path does not reach it.
    EXPECT_FALSE(store.queue_mail_again(MeetingId("sprecherrat-2013"), refused.id, now));
    static_cast<void>(move_meeting_by(pt::hours(1)));
    static_cast<void>(press_send());
    EXPECT_NE(newest_to(frank).id, refused.id);
    EXPECT_FALSE(store.queue_mail_again(MeetingId(meeting), refused.id, now));
}

TEST_F(OutboxTest, ACancellationAfterSomeoneWasTakenOffStillGoesOneSequenceHigher)
{
    static_cast<void>(press_send());
    static_cast<void>(send_due());
    auto before = *store.meeting(MeetingId(meeting));
    auto smaller = before;
    std::erase_if(smaller.participants,
                  [](const Participant& participant) { return participant.person == PersonId("frank-veser"); });
    store.update(smaller, before);
    EXPECT_EQ(press_send().sequence, 1);  // the update, and Frank's own cancellation
    static_cast<void>(send_due());
    before = *store.meeting(MeetingId(meeting));
    auto cancelled = before;
    cancelled.status = MeetingStatus::cancelled;
    store.update(cancelled, before);
    const auto queued = press_send();
    EXPECT_TRUE(queued.cancellation);
    EXPECT_EQ(queued.sequence, 2);
}

TEST_F(OutboxTest, ACancelledMeetingSendsItsCancellationOneSequenceHigher)
{
    static_cast<void>(press_send());
    static_cast<void>(send_due());
    const auto before = *store.meeting(MeetingId(meeting));
    auto cancelled = before;
    cancelled.status = MeetingStatus::cancelled;
    store.update(cancelled, before);  // as the form saves it
    const auto queued = press_send();
    EXPECT_TRUE(queued.cancellation);
    EXPECT_EQ(queued.sequence, 1);
    EXPECT_EQ(queued.delivered.queued.size(), 25U);
    EXPECT_EQ(send_due(), 25);
    const auto last = sink.messages().back().data;
    EXPECT_NE(last.find("method=CANCEL"), std::string::npos);
    EXPECT_NE(calendar_in(last).find("SEQUENCE:1\r\n"), std::string::npos);
    EXPECT_NE(calendar_in(last).find("METHOD:CANCEL\r\n"), std::string::npos);
    // Everyone told: nothing left to send.
    EXPECT_THROW(static_cast<void>(press_send()), NothingToSend);
}

TEST(RetryPolicyTest, WaitsDoubleUpToTheLongestAndTheLastTryGivesUp)
{
    const RetryPolicy retry{std::chrono::seconds(60), std::chrono::seconds(300), 6};
    const auto now = pt::time_from_string("2012-09-20 08:00:00");
    const mail::Delivery later{"a@b.de", false, "451 try again", false, false};
    const auto wait_after = [&](int attempt) { return outcome_of(later, attempt, retry, now).next_try - now; };
    EXPECT_EQ(wait_after(1), pt::seconds(60));
    EXPECT_EQ(wait_after(2), pt::seconds(120));
    EXPECT_EQ(wait_after(3), pt::seconds(240));
    EXPECT_EQ(wait_after(4), pt::seconds(300));
    EXPECT_EQ(outcome_of(later, 6, retry, now).kind, db::MailOutcome::Kind::given_up);
    EXPECT_EQ(outcome_of({"a@b.de", false, "550 no", true, false}, 1, retry, now).kind, db::MailOutcome::Kind::refused);
    EXPECT_EQ(outcome_of({"a@b.de", true, "", false, false}, 1, retry, now).kind, db::MailOutcome::Kind::accepted);
    EXPECT_EQ(outcome_of({"a@b.de", false, "timeout", false, true}, 1, retry, now).kind,
              db::MailOutcome::Kind::unconfirmed);
}

}  // namespace
}  // namespace planner::services
