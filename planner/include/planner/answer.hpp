#pragma once

#include <planner/id.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace planner {

// A participant's answer to an invitation: the PARTSTAT of RFC 5545 3.2.12 that an
// event's attendee can give. needs_action until they answer.
enum class Answer { needs_action, accepted, declined, tentative, delegated };

// "needs-action", "accepted", "declined", "tentative", "delegated": how the store,
// JSON and listings name them.
[[nodiscard]] std::string_view to_string(Answer answer);
[[nodiscard]] std::optional<Answer> answer_from_string(std::string_view text);

// A participant's answer as the planner keeps it.
struct RecordedAnswer {
    MeetingId meeting;
    std::optional<boost::gregorian::date> occurrence;  // one occurrence of a series; null: the whole meeting
    PersonId person;
    Answer answer = Answer::needs_action;
    int sequence = 0;                      // the version answered
    boost::posix_time::ptime answered;     // UTC: the reply's DTSTAMP, else when it was read
    std::optional<PersonId> delegated_to;  // for Answer::delegated
    std::string comment;
    // Who wrote down an answer given by phone or letter: an account's login, or the
    // user of the command line. Null for an answer read from the person's own reply.
    std::optional<std::string> recorded_by = std::nullopt;

    friend bool operator==(const RecordedAnswer&, const RecordedAnswer&) = default;
};

// The answer a person gave to a meeting, or to one occurrence of a series: their answer
// to that occurrence if they gave one, else to the whole series; null if none.
// `answers` are those of one meeting (or series).
[[nodiscard]] const RecordedAnswer* given_answer(std::span<const RecordedAnswer> answers, const PersonId& person,
                                                 std::optional<boost::gregorian::date> occurrence);

// The same as a PARTSTAT: needs_action when no answer was given.
[[nodiscard]] Answer answer_of(std::span<const RecordedAnswer> answers, const PersonId& person,
                               std::optional<boost::gregorian::date> occurrence);

}  // namespace planner
