#pragma once

#include <planner/services/delivery.hpp>

#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/invitation_plan.hpp>
#include <planner/mail/invitation_text.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace planner::services {

// What invite and cancel share: letters, and delivering and recording them.

// One calendar and the people it goes to: the invitation for everyone invited, or a
// cancellation for one person taken off the list.
struct Letter {
    std::string calendar;
    std::string method;  // the calendar's METHOD, for the mail's Content-Type
    mail::MailKind kind;
    std::vector<PersonId> recipients;
    std::vector<PersonId> first_time;  // of the recipients of an update: their mail is an invitation
    // One recipient's own copy of the calendar, with `note` at the end of its
    // DESCRIPTION (their link to answer): none where the letter is personal already.
    std::function<std::string(const PersonId& recipient, std::string_view note)> own_copy = {};
    // False when the participants do not see each other: then each recipient gets their
    // own copy, and `calendar` lists the organisers alone.
    bool shared_calendar_fits = true;
};

// The meeting the letters are about, as sent: its UID and SEQUENCE name the messages.
struct Dispatch {
    const Directory& directory;
    const Meeting& meeting;
    std::string reason;  // said in a cancellation's mail
    boost::posix_time::ptime now;
};

// Each person's newest message in the service's outbox while it waits, is being sent or
// is unconfirmed (it may have arrived).
[[nodiscard]] std::map<PersonId, db::OutboxMessage> waiting_mail(const db::Store& store, const MeetingId& meeting);

// With a mail server, a message an earlier run queued and never settled may have gone
// out, and one waiting in the service's outbox will: unless the delivery asks to send it
// again, its person is taken off the letters (a letter left without recipients goes),
// and listed.
[[nodiscard]] std::vector<Unconfirmed> drop_unconfirmed(const db::Store& store, const Directory& directory,
                                                        const MeetingId& meeting, const Delivery& delivery,
                                                        std::vector<Letter>& letters);

// Delivers the letters and records who got theirs, as SentVersion `version_of` gives
// it. By mail (postmen that want it, or the outbox), people without an e-mail address
// are left out and listed (Delivered::by_letter) for a printed letter. Written files are recorded at the end; a preview records nobody. A message for
// the mail server is queued in the store before it is handed over and recorded as sent
// the moment the server accepts it, so that a crash or a store that cannot be written
// never makes a retry send it twice or forget it; once the store cannot be written,
// nothing more is sent. An error (a file that cannot be written) stops the delivery and
// is returned with what was done before it.
[[nodiscard]] Delivered deliver_letters(db::Store& store, const Dispatch& dispatch, std::vector<Letter> letters,
                                        const std::function<SentVersion(const PersonId&)>& version_of,
                                        const Delivery& delivery);

}  // namespace planner::services
