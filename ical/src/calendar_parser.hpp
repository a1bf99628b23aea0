#pragma once

#include "handles.hpp"

#include <string>
#include <string_view>

namespace planner::ical {

// Reads a calendar someone else wrote (an answer, a calendar export) into libical's
// tree. libical accepts almost anything and turns damage into X-LIC-ERROR properties,
// so the structure is checked first, with the place of the damage:
//   "answer.ics:14:1: the file ends inside VEVENT (begun on line 5); is it cut off?"
// Refused with planner::Error: an empty file, bytes that are not UTF-8 text (a NUL, an
// invalid sequence), a first line other than BEGIN:VCALENDAR, a line that is not
// NAME:VALUE, an END that closes another component than the last BEGIN, a file that
// ends inside a component, and a second VCALENDAR. A UTF-8 byte-order mark, LF-only
// line ends and blank lines at the end are accepted, as Outlook and Google write them.
// `source` names the file in messages.
[[nodiscard]] ComponentHandle parse_calendar(std::string_view text, std::string_view source);

// The X-LIC-ERROR properties libical put into `component` (not its children), joined:
// what it could not read. Empty when it read everything.
[[nodiscard]] std::string libical_errors(icalcomponent* component);

}  // namespace planner::ical
