#pragma once

#include <planner/date_format.hpp>
#include <planner/db/store.hpp>
#include <planner/mail/smtp.hpp>
#include <planner/services/delivery.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace planner::services {

// The service's outbox: an organiser's one button queues the meeting's invitations,
// updates or cancellations in the store, and a worker hands them to the mail server,
// trying again later when it cannot be reached or asks to (4xx), until it accepts one,
// refuses it for good (5xx) or the last try is over.

// When a failed message is tried again: `first_wait` after the first failure, twice as
// long after each further one up to `longest_wait`; after `attempts` tries it is given
// up.
struct RetryPolicy {
    std::chrono::seconds first_wait{60};
    std::chrono::seconds longest_wait{std::chrono::hours(4)};
    int attempts = 8;
};

// What the mail server made of a message that was handed over on its `attempt`-th try
// at `now`: sent, refused, to be tried again at a later time, or given up.
[[nodiscard]] db::MailOutcome outcome_of(const mail::Delivery& delivery, int attempt, const RetryPolicy& retry,
                                         boost::posix_time::ptime now);

// Hands the due messages to the server one after another, each claimed in the store
// before and settled after, until none is due at `clock()` or `stopping` is set. A
// message is recorded as sent only when the server accepted it, in the same write as
// the version its person now has. Returns how many were handed over.
int send_due_mail(db::Store& store, const mail::SmtpServer& server, const RetryPolicy& retry,
                  const std::function<boost::posix_time::ptime()>& clock, const std::atomic<bool>& stopping);

struct OutboxRequest {
    std::string meeting;  // a single meeting or a series
    std::string queued_by;
    std::string sender_address;  // [smtp] from
    Language language = Language::de;
    // The service's public address: each invitation carries its recipient's own link to
    // answer it there (Delivery::answer_links). Empty: no links.
    std::string answer_links;
};

// What the button queued.
struct QueuedLetters {
    MeetingId meeting;
    bool cancellation = false;  // the meeting is cancelled: its cancellation went
    int sequence = 0;
    bool everyone_has_it = false;     // every attendee has this version: nothing queued
    Delivered delivered;              // queued, on_its_way, left_out, interrupted
};

// The meeting's current version into the outbox for whoever lacks it: the invitation
// or update, and a cancellation for each person taken off the list; for a cancelled
// meeting, its cancellation for those not yet told. Throws planner::Error when a
// cancelled meeting has nobody left to tell.
[[nodiscard]] QueuedLetters queue_letters_of(db::Store& store, const OutboxRequest& request);

// An organiser's decision to send a refused, given-up or unconfirmed message of the
// meeting again, at `now`. False when it is not such a message of that meeting, or a
// newer message to its person was queued since (see Store::queue_mail_again).
[[nodiscard]] bool send_again(db::Store& store, const MeetingId& meeting, std::int64_t entry,
                              boost::posix_time::ptime now);

// The newest message of this kind to each person, for the meeting page (calendar mail)
// and its poll's (poll mail).
[[nodiscard]] std::vector<db::OutboxMessage> newest_mail_of(const db::Store& store, const MeetingId& meeting,
                                                            db::MailKind kind = db::MailKind::calendar);

}  // namespace planner::services
