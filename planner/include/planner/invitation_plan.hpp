#pragma once

#include <planner/id.hpp>
#include <planner/meeting.hpp>

#include <span>
#include <string>
#include <vector>

namespace planner {

// What the planner last sent one attendee about one meeting.
struct SentVersion {
    PersonId person;
    int sequence = 0;     // SEQUENCE of that message
    std::string content;  // significant_content() of the meeting as sent
    bool cancelled = false;  // it was a CANCEL: the meeting, or this attendee's place, is gone

    friend bool operator==(const SentVersion&, const SentVersion&) = default;
};

// The parts of a meeting whose change makes a new version that attendees must
// accept again (RFC 5546 2.1.4: the organiser raises SEQUENCE for them): time, time
// zone, venue, status, agenda and, for a series, its rule, exceptions and changed
// occurrences. One "part: value" line each, so two versions can be compared part by
// part. The title and description are not among them: a corrected typo does not
// ask 40 people to answer again.
[[nodiscard]] std::string significant_content(const Meeting& meeting);

// What `planner invite` has to send, from what each attendee last got.
struct InvitationPlan {
    int sequence = 0;  // SEQUENCE of the version to send
    // Why the SEQUENCE was raised: "time", "venue", "status", "agenda", "series",
    // "attendees removed", "attendees invited again". Empty: nothing significant
    // changed, the version is the one sent before.
    std::vector<std::string> changes;
    std::vector<PersonId> up_to_date;  // have exactly this version already
    std::vector<PersonId> outdated;    // have an earlier version
    std::vector<PersonId> added;       // have none (new, or invited again after a CANCEL)
    std::vector<PersonId> removed;     // have a version but are no longer invited: each gets a CANCEL

    friend bool operator==(const InvitationPlan&, const InvitationPlan&) = default;
};

// `meeting.sequence` is the SEQUENCE last sent; `sent` what each attendee got. A
// meeting never sent keeps its SEQUENCE (0); after that, SEQUENCE rises by one when
// anything significant changed, somebody was removed (their CANCEL needs a higher one)
// or somebody who got a CANCEL is invited again, and stays when nothing did.
[[nodiscard]] InvitationPlan plan_invitation(const Meeting& meeting, std::span<const SentVersion> sent);

}  // namespace planner
