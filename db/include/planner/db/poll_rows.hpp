#pragma once
// The rows of a date poll: the times a tentative meeting may take place, and what each
// invitee said of each. What they mean (who may vote, what the organiser sees, when a
// poll is deleted) is planner::services::polls'; the store keeps them.

#include <planner/id.hpp>
#include <planner/time_range.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::db {

enum class PollVote { yes, if_need_be, no };

[[nodiscard]] std::string_view to_string(PollVote vote);  // "yes", "if_need_be", "no"
[[nodiscard]] std::optional<PollVote> poll_vote_from_string(std::string_view text);

struct PollRow {
    MeetingId meeting;
    std::vector<TimeRange> candidates;  // UTC, in the order shown; a vote names its index
    bool names_shown = false;           // the voters see each other's names and votes
    std::string created_by;             // the account, or the command line's user
    boost::posix_time::ptime created;   // UTC
    std::optional<boost::posix_time::ptime> closed;  // UTC; none while it is open
    std::optional<int> chosen;  // the candidate confirmed; none while open, or closed without one

    friend bool operator==(const PollRow&, const PollRow&) = default;
};

struct PollVoteRow {
    PersonId person;
    int candidate = 0;  // index into PollRow::candidates
    PollVote vote = PollVote::no;
    boost::posix_time::ptime voted;  // UTC

    friend bool operator==(const PollVoteRow&, const PollVoteRow&) = default;
};

}  // namespace planner::db
