#pragma once

#include <planner/date_format.hpp>
#include <planner/directory.hpp>
#include <planner/meeting.hpp>

#include <span>
#include <string>
#include <string_view>

namespace planner::mail {

using planner::Language;

enum class MailKind { invitation, update, cancellation };

struct MailText {
    std::string subject;
    std::string body;  // '\n' line ends
};

// The subject and readable text of a mail about `meeting`: title, time, place, agenda,
// description and organisers. The calendar client shows the invitation itself; this
// text is for people whose client does not. `reason` is said in a cancellation;
// `answer_link`, the recipient's own link to answer on the web, ends an invitation or
// update (answer_link_note).
// Throws planner::NotFound for a venue or person the directory does not know.
[[nodiscard]] MailText invitation_text(const Directory& directory, const Meeting& meeting, MailKind kind,
                                       Language language, std::string_view reason = {},
                                       std::string_view answer_link = {});

// The sentence and the link to answer on the web, as the mail and the invitation's
// DESCRIPTION end with it.
[[nodiscard]] std::string answer_link_note(Language language, std::string_view link);

// One invitee's mail of a date poll.
struct PollMail {
    std::string_view link;     // their own link to vote
    bool names_shown = false;  // the voters see each other's names
    bool reminder = false;     // to someone who has not voted yet
};

// The subject and text of a date poll's mail: the meeting, the times it may take place
// (in its zone), the recipient's own link, and who sees their votes. Throws
// planner::NotFound for a venue or person the directory does not know.
[[nodiscard]] MailText poll_text(const Directory& directory, const Meeting& meeting, std::span<const TimeRange> times,
                                 const PollMail& mail, Language language);

}  // namespace planner::mail
