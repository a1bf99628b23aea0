#pragma once

#include <planner/time_range.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <string>

namespace planner {

// "Donnerstag, 11. Oktober 2012, 14:00–17:00 Uhr": how a German invitation or
// attendance list names a meeting's time, in the meeting's zone.
[[nodiscard]] std::string format_german(const TimeRange& range, const TimeZone& zone);

// "Thursday, 11 October 2012, 14:00–17:00": the same in English.
[[nodiscard]] std::string format_english(const TimeRange& range, const TimeZone& zone);

// The languages the planner writes for people: mails and attendance lists.
enum class Language { de, en };

// "7. Dezember 2026", "7 December 2026": a day, as a letter is dated.
[[nodiscard]] std::string format_date(Language language, boost::gregorian::date day);

// format_german or format_english.
[[nodiscard]] std::string format_in(Language language, const TimeRange& range, const TimeZone& zone);

}  // namespace planner
