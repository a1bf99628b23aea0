#include <planner/services/outbox.hpp>

#include <planner/error.hpp>
#include <planner/services/invitations.hpp>

#include "letters.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <algorithm>
#include <set>
#include <thread>

namespace planner::services {

namespace pt = boost::posix_time;

db::MailOutcome outcome_of(const mail::Delivery& delivery, int attempt, const RetryPolicy& retry, pt::ptime now)
{
    using Kind = db::MailOutcome::Kind;
    if (delivery.delivered) {
        return {Kind::accepted, {}, now};
    }
    if (delivery.permanent) {
        return {Kind::refused, delivery.error, now};
    }
    if (delivery.uncertain) {
        return {Kind::unconfirmed, "no answer after the whole message was handed over: it may have arrived (" +
                                       delivery.error + ")",
                now};
    }
    if (attempt >= retry.attempts) {
        return {Kind::given_up, delivery.error, now};
    }
    auto wait = retry.first_wait;
    for (int i = 1; i < attempt && wait < retry.longest_wait; ++i) {
        wait *= 2;
    }
    wait = std::min(wait, retry.longest_wait);
    return {Kind::retry, delivery.error, now + pt::seconds(static_cast<long>(wait.count()))};
}

namespace {

constexpr int settle_attempts = 5;

}  // namespace

int send_due_mail(db::Store& store, const mail::SmtpServer& server, const RetryPolicy& retry,
                  const std::function<pt::ptime()>& clock, const std::atomic<bool>& stopping)
{
    int handed_over = 0;
    while (!stopping) {
        const auto message = store.claim_mail(clock());
        if (!message) {
            break;
        }
        const auto delivery = mail::send(server, message->envelope_from, message->recipient, message->message);
        ++handed_over;
        const auto now = clock();
        // Settled even while stopping: the answer is known now, and would be lost. A store
        // busy beyond its timeout is tried again for a while; should it stay so, the
        // message stays sending and the next start makes it unconfirmed.
        const auto outcome = outcome_of(delivery, message->attempts, retry, now);
        for (int attempt = 1;; ++attempt) {
            try {
                static_cast<void>(store.settle_mail(message->id, outcome, now));
                break;
            } catch (const Error&) {
                if (attempt == settle_attempts) {
                    throw;
                }
                std::this_thread::sleep_for(std::chrono::seconds(1));
            }
        }
    }
    return handed_over;
}

namespace {

// A meeting cancelled in the form carries the SEQUENCE of its last invitation; its
// cancellation is a significant change and goes one higher, as `planner cancel` sends it,
// whenever an invitation at that SEQUENCE was sent or may have arrived.
void raise_for_cancellation(db::Store& store, const Meeting& meeting)
{
    bool invited_at_this_sequence = false;
    for (const auto& version : store.sent_versions(meeting.id)) {
        invited_at_this_sequence = invited_at_this_sequence || (!version.cancelled && version.sequence >= meeting.sequence);
    }
    for (const auto& [person, message] : waiting_mail(store, meeting.id)) {
        const bool may_have_arrived = message.state != db::MailState::queued;
        invited_at_this_sequence = invited_at_this_sequence || (may_have_arrived && !message.version.cancelled &&
                                                                message.version.sequence >= meeting.sequence);
    }
    if (invited_at_this_sequence) {
        auto raised = meeting;
        ++raised.sequence;
        store.update(raised, meeting);
    }
}

}  // namespace

QueuedLetters queue_letters_of(db::Store& store, const OutboxRequest& request)
{
    Delivery delivery;
    delivery.outbox = OutboxSending{request.queued_by};
    delivery.sender_address = request.sender_address;
    delivery.language = request.language;
    if (!request.answer_links.empty()) {
        delivery.answer_links = request.answer_links;
    }
    QueuedLetters queued;
    const auto stored = store.meeting(MeetingId(request.meeting));
    if (stored && stored->status == MeetingStatus::cancelled) {
        raise_for_cancellation(store, *stored);
        auto report = cancel(store, {request.meeting, {}}, delivery);
        queued.meeting = report.meeting;
        queued.cancellation = true;
        queued.sequence = report.sequence;
        queued.delivered = std::move(report.delivered);
        return queued;
    }
    auto report = invite(store, {request.meeting}, delivery);
    queued.meeting = report.meeting;
    queued.sequence = report.plan.sequence;
    queued.everyone_has_it = report.everyone_has_it;
    queued.delivered = std::move(report.delivered);
    return queued;
}

bool send_again(db::Store& store, const MeetingId& meeting, std::int64_t entry, pt::ptime now)
{
    return store.queue_mail_again(meeting, entry, now);
}

std::vector<db::OutboxMessage> newest_mail_of(const db::Store& store, const MeetingId& meeting, db::MailKind kind)
{
    std::vector<db::OutboxMessage> newest;
    std::set<PersonId> seen;
    for (auto& message : store.mail_of_meeting(meeting)) {
        if (message.kind == kind && seen.insert(message.version.person).second) {
            newest.push_back(std::move(message));
        }
    }
    return newest;
}

}  // namespace planner::services
