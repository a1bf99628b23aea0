#pragma once
// Date polls: an organiser asks a tentative meeting's invitees which of 2 to 10 times
// they can make; each answers yes, if need be or no per time through a link of their
// own (mailed through the outbox), and may change it until the poll closes. By default
// nobody sees the others' names; the organiser may allow it per poll. The organiser sees
// the table, reminds those who have not answered, and confirms one time: the meeting
// moves there, is confirmed (checked again for conflicts), and its invitations go
// through the outbox, in one write. A closed poll is deleted with its votes after a
// while.

#include <planner/date_format.hpp>
#include <planner/db/store.hpp>
#include <planner/meeting.hpp>
#include <planner/person.hpp>
#include <planner/services/meeting_changes.hpp>
#include <planner/services/outbox.hpp>
#include <planner/services/personal_links.hpp>
#include <planner/services/scheduling.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace planner::services {

using db::PollVote;

inline constexpr std::size_t fewest_poll_times = 2;
inline constexpr std::size_t most_poll_times = 10;
// How long a closed poll is kept before it is deleted with its votes.
inline constexpr int poll_kept_days = 30;

// How a poll's mail goes: through the outbox, from the service's address, with links
// to the service's public address.
struct PollMailing {
    std::string queued_by;       // the account, or the command line's user
    std::string sender_address;  // [smtp] from
    std::string base_url;        // [web] base_url
    Language language = Language::de;
};

struct NewPoll {
    std::string meeting;  // a tentative single meeting
    // When each time starts (UTC); each lasts as long as the meeting.
    std::vector<boost::posix_time::ptime> starts;
    bool names_shown = false;
};

// Who got a poll's mail queued, and who could not (no e-mail address: the organiser
// asks them otherwise).
struct PollMailReport {
    std::vector<Person> queued;
    std::vector<Person> without_email;
};

struct PollCreated {
    db::PollRow poll;
    PollMailReport mail;
};

// Makes the poll and queues each invitee's mail with their own link, in one write.
// Throws NotFound for an unknown meeting, planner::Error for a series, a meeting that
// is not tentative, fewer than 2 or more than 10 times, a time twice or past, a poll
// already open, names shown where the participants do not see each other, or a
// mailing without sender or address.
[[nodiscard]] PollCreated create_poll(db::Store& store, const NewPoll& request, const PollMailing& mailing,
                                      boost::posix_time::ptime now);

// A time as people type it, in the meeting's zone: "2031-03-10 14:00",
// "2031-03-10T14:00" or "10.03.2031 14:00", given in UTC. Nothing for text of another
// form; planner::Error for a time the zone skips or has twice.
[[nodiscard]] std::optional<boost::posix_time::ptime> poll_time_from_text(std::string_view text,
                                                                          const std::string& zone);
// The times of a poll in the meeting's zone, as poll_time_from_text reads them.
[[nodiscard]] std::string poll_time_text(boost::posix_time::ptime utc, const std::string& zone);

// The first `window.count` times find-slot proposes for the meeting (its required people
// free, at its venue), as candidates for a poll.
[[nodiscard]] std::vector<boost::posix_time::ptime> proposed_starts(const db::Store& store,
                                                                    const std::string& meeting,
                                                                    const SlotWindow& window);

// What the organiser sees of one time.
struct PollCandidate {
    TimeRange time;
    int yes = 0;
    int if_need_be = 0;
    int no = 0;
    std::vector<Person> required_cannot;  // chairs and required participants who said no
    std::vector<Conflict> conflicts;      // the meeting's conflicts were it moved there now
};

struct PollVoter {
    Person person;
    planner::Role role = planner::Role::required;
    std::vector<std::optional<PollVote>> votes;  // by candidate; none where not answered
    std::optional<boost::posix_time::ptime> voted;
};

// The organiser's table: counts per time, each invitee's votes, who has not voted.
struct PollTable {
    Meeting meeting;
    db::PollRow poll;
    std::vector<PollCandidate> candidates;
    std::vector<PollVoter> voters;  // as invited
    std::vector<Person> not_voted;
    Directory records;  // of the meeting
    // The voters see each other's names: the poll allows it and the participants see
    // each other.
    bool names_shown = false;
};

// NotFound when the meeting or its poll is gone.
[[nodiscard]] PollTable poll_table(const db::Store& store, const MeetingId& meeting, const TravelModel& travel);

// A new link (the old one revoked) and mail for each invitee with an address who has
// not voted, queued. planner::Error when the poll is closed.
[[nodiscard]] PollMailReport remind_poll(db::Store& store, const MeetingId& meeting, const PollMailing& mailing,
                                         boost::posix_time::ptime now);

struct PollConfirmation {
    bool confirmed = false;   // false: the time has conflicts that are errors, not accepted
    MeetingPreview preview;   // the meeting at that time, checked at the moment of confirming
    std::optional<QueuedLetters> letters;
};

// Moves the meeting to the poll's `candidate` (from 0), confirms it, closes the poll and
// queues the invitations, in one write; unless the time has error conflicts now and
// `errors` does not accept them, when nothing is written. planner::Error when the poll
// is closed, the candidate is not one of it, the meeting is no longer tentative, or
// its length is no longer the times' (changed since the poll began).
[[nodiscard]] PollConfirmation confirm_poll(db::Store& store, const MeetingId& meeting, int candidate,
                                            const PollMailing& mailing, const TravelModel& travel,
                                            ErrorConflicts errors, boost::posix_time::ptime now);

// Closes the poll without a time. planner::Error when it is not open.
void end_poll(db::Store& store, const MeetingId& meeting, boost::posix_time::ptime now);

// Deletes the polls closed `kept_days` or more before `now`; says how many.
int forget_closed_polls(db::Store& store, boost::posix_time::ptime now, int kept_days = poll_kept_days);

// What one voter sees through their link: the meeting, its organisers, the times and
// their own votes; the number of each vote per time; and the others' names and votes
// only where the poll shows them and the participants see each other.
struct PollTally {
    int yes = 0;
    int if_need_be = 0;
    int no = 0;
};

struct OtherVoter {
    std::string name;
    std::vector<std::optional<PollVote>> votes;
};

struct PollView {
    Meeting meeting;
    Person person;
    std::vector<Person> organisers;
    std::optional<Venue> venue;
    db::PollRow poll;
    std::vector<std::optional<PollVote>> mine;  // by candidate
    std::vector<PollTally> tallies;             // by candidate
    std::vector<OtherVoter> others;             // names_shown only
    bool invited = false;
    // The poll allows it and the participants see each other (guest_list_shown).
    bool names_shown = false;
};

// NotFound when the meeting, its poll or the person is gone.
[[nodiscard]] PollView poll_view(const db::Store& store, const LinkHolder& holder);

enum class VoteProblem {
    incomplete,   // not one vote for each time
    closed,       // the poll is closed
    not_invited,  // taken off the list since the link was made
};

// The holder's votes, one per time, replace theirs.
[[nodiscard]] std::optional<VoteProblem> vote_in_poll(db::Store& store, const LinkHolder& holder,
                                                      std::span<const std::optional<PollVote>> votes,
                                                      boost::posix_time::ptime now);

}  // namespace planner::services
