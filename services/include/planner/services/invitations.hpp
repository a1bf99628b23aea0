#pragma once

#include <planner/conflict.hpp>
#include <planner/error.hpp>
#include <planner/db/store.hpp>
#include <planner/invitation_plan.hpp>
#include <planner/person.hpp>
#include <planner/services/delivery.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace planner::services {

// The life of an invitation: invite (and update) and cancel.

struct InviteRequest {
    std::string meeting;  // a single meeting or a series (an occurrence is sent with its series)
};

struct InvitationReport {
    MeetingId meeting;
    int sequence_before = 0;  // the SEQUENCE last sent
    // What each attendee gets, the SEQUENCE sent and why it rose.
    InvitationPlan plan;
    bool sent_before = false;  // some version was sent before
    // By mail, only those without this version get it: here nobody lacked it, and
    // nothing was sent.
    bool everyone_has_it = false;
    std::vector<Person> added;    // new on the list, or invited again after a cancellation
    std::vector<Person> removed;  // taken off the list: each gets a cancellation
    std::size_t attendees = 0;    // invited to the version sent
    // The participants do not see each other (guest_list_shown): each person's copy lists
    // the organisers and them, and the calendar for everybody the organisers alone.
    bool guest_list_hidden = false;
    Delivered delivered;
    // Involving the meeting, after the letters went out (empty when the delivery was
    // interrupted).
    std::vector<Conflict> conflicts;
};

// Sends the meeting's current version: SEQUENCE rises once per significant change
// since what each attendee last got, and those taken off the list get a cancellation.
// Throws for a cancelled meeting (an invitation would not take it out of anyone's
// calendar) and for one occurrence of a series.
[[nodiscard]] InvitationReport invite(db::Store& store, const InviteRequest& request, const Delivery& delivery);

struct CancelRequest {
    std::string meeting;  // a meeting, or one occurrence of a series ("series@YYYY-MM-DD")
    std::string reason;   // why, for the attendees
};

struct CancellationReport {
    MeetingId meeting;  // the meeting or series
    std::optional<boost::gregorian::date> occurrence;
    int sequence = 0;  // of the cancellation
    // The meeting was called off before and some were not told: they are told now, at
    // the same SEQUENCE.
    bool cancelled_before = false;
    std::vector<PersonId> recipients;  // everyone invited, and everyone who had a version
    Delivered delivered;
};

// A cancellation asked for when everyone has been told already.
class NothingToSend : public Error {
public:
    using Error::Error;
};

// Calls off a meeting, or one occurrence of a series. The meeting is cancelled in the
// store before anyone is told, and even when no message gets through, so that no check
// counts it; those not reached are told by the next cancellation. Throws NothingToSend
// when it is cancelled and everyone was told, planner::Error for an occurrence the
// series does not have (or has cancelled).
[[nodiscard]] CancellationReport cancel(db::Store& store, const CancelRequest& request, const Delivery& delivery);

}  // namespace planner::services
