#pragma once

#include <planner/date_format.hpp>
#include <planner/db/store.hpp>
#include <planner/person.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <string>
#include <vector>

namespace planner::services {

struct LettersRequest {
    std::string meeting;  // a single meeting, or one meeting of a series ("series@2013-03-12")
    Language language = Language::de;
    boost::gregorian::date today;  // the letters' date
};

struct PrintedLetters {
    MeetingId meeting;
    std::vector<Person> recipients;  // by name
    std::string pdf;
};

// The meeting's invitation (for a cancelled meeting, its cancellation) as a printed
// letter to each person invited who has no e-mail address: the date, the place, the
// agenda, and how to answer (a slip to send back, or the organiser's address). The
// address field holds the name and the postal address only, never the organisation:
// an envelope's window must not tell the postman that someone leads a self-help group.
// Records nothing, as nobody knows when a letter is posted. Throws planner::Error when
// everyone invited has an e-mail address, or the organiser has none to answer to.
[[nodiscard]] PrintedLetters printed_letters(const db::Store& store, const LettersRequest& request);

}  // namespace planner::services
