#pragma once

#include <planner/answer.hpp>
#include <planner/error.hpp>
#include <planner/id.hpp>
#include <planner/db/store.hpp>
#include <planner/person.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace planner::services {

// Answers to invitations (METHOD:REPLY), as a calendar or inside a mail, read into the
// store.

// One file given to the import: its text, or why it could not be read (then it is
// skipped with that reason, in its place among the others).
struct AnswerSource {
    std::string name;  // as the user named it, or "standard input"
    std::string text;
    std::optional<std::string> unreadable;
};

// One answer recorded.
struct TakenAnswer {
    std::string file;
    RecordedAnswer answer;
    Person person;                   // who answered
    std::optional<Person> delegate;  // to whom, for a delegation
    // The delegate's domain is that of none of the meeting's organisations: recorded
    // and invited, for the organiser to check.
    bool delegate_outside = false;
};

struct SkippedFile {
    std::string file;
    std::string reason;
};

struct AnswersImport {
    std::vector<TakenAnswer> recorded;  // in the order read
    // Why each answer that was not recorded was skipped (unknown meeting or person, an
    // older version, an answer that would outrank every genuine one).
    std::vector<std::string> skipped;
    // Answers recorded that the organiser should look at: to what was cancelled or
    // never sent, from someone else's mail, delegated outside the organisations.
    std::vector<std::string> warnings;
    std::vector<SkippedFile> files_skipped;  // files that hold no answer
    std::vector<Person> new_people;          // delegates the store did not know
};

// Reads every source before anything is written, each on its own: one that holds no
// answer (an out-of-office reply) is skipped whole with its reason and the others are
// recorded, in one transaction. Answers from unknown people or for unknown meetings are
// skipped; answers to what was cancelled or never sent are recorded with a warning. A
// delegate joins the meeting in the delegator's role, and the store when new.
[[nodiscard]] AnswersImport import_answers(db::Store& store, std::span<const AnswerSource> sources);

// Why an answer written down by hand was not recorded: what was given is wrong (the
// front end says so to whoever gave it), unlike a failure of the store.
struct HandAnswerRefused : Error {
    using Error::Error;
};

// An answer given by phone or letter, written down by an organiser.
struct HandAnswer {
    MeetingId meeting;  // a meeting, a series, or one meeting of a series ("series@2013-03-12")
    PersonId person;
    Answer answer = Answer::accepted;  // accepted, tentative or declined
    std::string comment;
    std::string recorded_by;  // an account's login, or the command line's user
};

// Records a hand-written answer as the person's answer to the meeting as it is now (its
// SEQUENCE), given at `now`: it replaces an earlier one, from a reply or by hand, and a
// reply given after `now` (its DTSTAMP) replaces it. Refused with HandAnswerRefused,
// nothing written: an unknown person, someone not invited to it, another kind of
// answer, a comment or name too long or holding control characters, or an answer
// newer than `now` recorded already; an unknown meeting is planner::NotFound.
RecordedAnswer record_hand_answer(db::Store& store, const HandAnswer& given, boost::posix_time::ptime now);

}  // namespace planner::services
