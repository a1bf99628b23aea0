#pragma once

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <string>

namespace planner::mail {

// A person in a From or To header. The name is UTF-8 and may be empty.
struct Mailbox {
    std::string name;
    std::string address;  // bare: name@example.org

    friend bool operator==(const Mailbox&, const Mailbox&) = default;
};

// One iMIP message (RFC 6047): a readable text and the calendar it carries, to one
// recipient, so that every recipient gets a message of their own.
struct CalendarMessage {
    Mailbox from;                   // the organiser, or the service sending for them
    Mailbox to;                     // one recipient per message
    // Where answers by mail go when From is not the organiser: the service sends as the
    // organisation's address (an office server refuses, and receivers file as spam, a
    // From that is not the account sending), and the organiser is Reply-To.
    std::optional<Mailbox> reply_to;
    std::string subject;            // UTF-8
    std::string text;               // the readable part, UTF-8, '\n' line ends
    std::string calendar;           // the iCalendar text as written (CRLF lines)
    std::string method;             // "REQUEST", "CANCEL", "REPLY": must equal the calendar's METHOD
    boost::posix_time::ptime date;  // UTC, for the Date header
    std::string message_id;         // without <>, e.g. "uid.seq.person@planner.invalid"
};

// The message as RFC 5322 text with CRLF line ends, ready for SMTP: a
// multipart/alternative of a quoted-printable text/plain part and a base64
// text/calendar part with the method parameter. Non-ASCII header text becomes RFC 2047
// encoded-words; header lines are folded at 78 characters. Throws planner::Error when
// the method does not match the calendar's METHOD line, or an address, the message id
// or the date cannot go into a header.
[[nodiscard]] std::string compose(const CalendarMessage& message);

// A message of text alone (a date poll's link to vote), to one recipient.
struct TextMessage {
    Mailbox from;
    Mailbox to;
    std::optional<Mailbox> reply_to;  // as in CalendarMessage
    std::string subject;              // UTF-8
    std::string text;                 // UTF-8, '\n' line ends
    boost::posix_time::ptime date;    // UTC
    std::string message_id;           // without <>
};

// The message as RFC 5322 text with CRLF line ends: one quoted-printable text/plain
// part, with the headers as compose(CalendarMessage) writes them (and its errors).
[[nodiscard]] std::string compose(const TextMessage& message);

}  // namespace planner::mail
