#pragma once
// What the pages and the API read from a request's query: days, numbers and the
// meeting list's filters, each refused with a message that names the field and the
// value (a 400 page, or {"error": ...}).

#include "http_message.hpp"

#include <planner/error.hpp>
#include <planner/time_range.hpp>

#include <planner/db/meeting_query.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace planner::web {

// What the request asked for is wrong, and the message says what and where: shown to
// the person who asked (400), where other errors are the planner's own and only logged.
class BadRequest : public Error {
public:
    using Error::Error;
};

// Whether the text is shaped as a day, "2012-10-11" (whether it is one is the date's to say).
[[nodiscard]] bool is_iso_day(std::string_view text);
// "14:00" or "14:00:00", as a browser's time field sends it, up to 24:00; nothing for
// any other text.
[[nodiscard]] std::optional<boost::posix_time::time_duration> clock_of(std::string_view text);

// "2012-10-11"; nothing when the field is absent or empty.
[[nodiscard]] std::optional<boost::gregorian::date> day_parameter(const Request& request, std::string_view name);
// A whole number from 0 to `most`, or `fallback` when the field is absent or empty.
[[nodiscard]] std::size_t number_parameter(const Request& request, std::string_view name, std::size_t fallback,
                                           std::size_t most);
// Midnight of the day in the zone the counties live in (Europe/Berlin), as UTC.
[[nodiscard]] boost::posix_time::ptime start_of_local_day(boost::gregorian::date day);
// The days from `from` to `to`, both included, as local days (start_of_local_day);
// BadRequest unless they run forwards and span at most a year.
[[nodiscard]] TimeRange days_from_to(boost::gregorian::date from, boost::gregorian::date to);
// from and to (days, both included), county, organisation and status, into the query.
void read_meeting_filters(const Request& request, db::MeetingQuery& query);

}  // namespace planner::web
