#pragma once

#include <planner/date_format.hpp>
#include <planner/directory.hpp>
#include <planner/meeting.hpp>

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
// text is for people whose client does not. `reason` is said in a cancellation.
// Throws planner::NotFound for a venue or person the directory does not know.
[[nodiscard]] MailText invitation_text(const Directory& directory, const Meeting& meeting, MailKind kind,
                                       Language language, std::string_view reason = {});

}  // namespace planner::mail
