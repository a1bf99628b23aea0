#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace planner::mail {

// The iCalendar text inside a received mail (.eml as Outlook, Gmail, Apple Mail and
// Thunderbird save it, or an mbox file with its "From " line): the first text/calendar
// part of the MIME tree in document order, looking into attached messages (a forwarded
// answer), else the first application/ics part or .ics attachment; decoded (base64,
// quoted-printable) and converted to UTF-8 from its declared charset (without one,
// text that is not UTF-8 is read as Windows-1252), with CRLF line ends. Text that is
// not a mail but starts with BEGIN:VCALENDAR is returned as it is, so callers take .ics
// and .eml files alike. `source` names the input in messages. Throws planner::Error:
// "<source>: no text/calendar part in the mail; ...", "<source>: this is an Outlook
// .msg file ..." (or winmail.dat, Outlook's TNEF) or "<source>:<line>: ..." for what
// cannot be read (bad base64, an unknown charset or transfer encoding).
[[nodiscard]] std::string calendar_part(std::string_view mail_or_calendar, std::string_view source);

// The calendar of a received mail with the sender it came from.
struct ReceivedCalendar {
    std::string calendar;
    // The addresses in the From field of the mail as received (the outer message: for
    // an answer forwarded as an attachment, the forwarder), in order, as written. Empty
    // for an .ics file, and for a mail without From. The field is what the sender's
    // client wrote: it says who sent the mail, not who may answer.
    std::vector<std::string> from;
};

// calendar_part with the From of the mail; throws as calendar_part does.
[[nodiscard]] ReceivedCalendar received_calendar(std::string_view mail_or_calendar, std::string_view source);

}  // namespace planner::mail
