#pragma once

#include <planner/time_range.hpp>
#include <planner/time_zone.hpp>

#include <string>

namespace planner {

// "Donnerstag, 11. Oktober 2012, 14:00–17:00 Uhr": how a German invitation or
// attendance list names a meeting's time, in the meeting's zone.
[[nodiscard]] std::string format_german(const TimeRange& range, const TimeZone& zone);

// "Thursday, 11 October 2012, 14:00–17:00": the same in English.
[[nodiscard]] std::string format_english(const TimeRange& range, const TimeZone& zone);

// The languages the planner writes for people: mails and attendance lists.
enum class Language { de, en };

// format_german or format_english.
[[nodiscard]] std::string format_in(Language language, const TimeRange& range, const TimeZone& zone);

}  // namespace planner
