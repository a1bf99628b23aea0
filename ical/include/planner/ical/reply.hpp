#pragma once

#include <planner/answer.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::ical {

// The occurrence of a series an answer is about (RECURRENCE-ID), as the client wrote
// it: clients echo the organiser's local time with its TZID, some convert it to UTC,
// some write a date only.
struct AnsweredOccurrence {
    boost::posix_time::ptime time;  // as written: UTC when `utc`, else wall-clock time
    bool utc = false;
    bool date_only = false;

    friend bool operator==(const AnsweredOccurrence&, const AnsweredOccurrence&) = default;
};

// One attendee's answer to one event (METHOD:REPLY, RFC 5546 3.2.3), as Outlook,
// Google, Apple and Thunderbird send it.
struct Reply {
    std::string uid;
    std::optional<AnsweredOccurrence> occurrence;  // null: the whole event or series
    int sequence = 0;                              // the version answered (0 when absent)
    std::string attendee;                          // address without "mailto:", as written
    std::string attendee_name;                     // CN, may be empty
    Answer answer = Answer::needs_action;
    std::optional<std::string> delegated_to;       // address, for Answer::delegated
    std::string delegate_name;                     // CN of the delegate when the reply names it
    std::optional<boost::posix_time::ptime> stamp;  // DTSTAMP, UTC
    std::string comment;                           // COMMENT, e.g. "Ich komme etwas später"

    friend bool operator==(const Reply&, const Reply&) = default;
};

// Every answer in a METHOD:REPLY calendar (one per VEVENT; a series answered per
// occurrence has several), also in a stream of several VCALENDARs, each a REPLY.
// `source` names the file in messages, which give the line. Throws planner::Error
// when the text is not a calendar (see parse_calendars), when a METHOD is not REPLY,
// when it holds no VEVENT, or when an event lacks UID or ATTENDEE, has a UID,
// ATTENDEE, RECURRENCE-ID, SEQUENCE or DTSTAMP libical cannot read (any other property
// may be empty or unreadable: Google writes "DESCRIPTION:"), has a PARTSTAT other than
// ACCEPTED, DECLINED, TENTATIVE, DELEGATED or NEEDS-ACTION (the default when absent),
// says DELEGATED without DELEGATED-TO or to something that is not an address, has a
// DTSTAMP that is not UTC, or names more than one attendee. The one exception RFC
// 5546 4.2.5 allows: a delegation, where the second ATTENDEE is the delegate
// (DELEGATED-FROM the first). ORGANIZER is not needed: Outlook leaves it out.
// Google's unquoted "COMMENT;X-COMMENTER=mailto:ADDRESS:TEXT" gives the comment TEXT.
[[nodiscard]] std::vector<Reply> read_replies(std::string_view text, std::string_view source);

}  // namespace planner::ical
