#pragma once

#include <string>
#include <string_view>

namespace planner::mail {

// The iCalendar text inside a received mail (.eml as Outlook, Gmail, Apple Mail and
// Thunderbird save it): the first text/calendar part of the MIME tree, else the first
// application/ics part or .ics attachment, decoded (base64, quoted-printable) and
// converted to UTF-8 from ISO-8859-1/Windows-1252 where declared. Text that is not a
// mail but starts with BEGIN:VCALENDAR is returned as it is, so callers take .ics and
// .eml files alike. `source` names the input in messages. Throws planner::Error:
// "<source>: no text/calendar part in the mail; ..." or "<source>:<line>: ..." for
// malformed MIME (an unterminated multipart, bad base64).
[[nodiscard]] std::string calendar_part(std::string_view mail_or_calendar, std::string_view source);

}  // namespace planner::mail
