#pragma once

#include "handles.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace planner::ical {

// ASCII upper case: iCalendar names, parameter values and enumerated values compare
// without case (RFC 5545 3.1).
[[nodiscard]] std::string upper(std::string_view text);

// One content line of a calendar's text, unfolded (RFC 5545 3.1).
struct ContentLine {
    std::size_t line = 0;  // where it starts in the file, 1-based
    std::string text;      // without its line end
    // The colon that ends name and parameters: the first one that is not inside a
    // quoted parameter value (Outlook's TZID="(UTC+01:00) Amsterdam, ..." holds one);
    // npos when there is none.
    std::size_t colon = std::string::npos;

    [[nodiscard]] std::string name() const;  // upper case, without parameters
    [[nodiscard]] std::string_view value() const;
};

// A calendar as parse_calendar reads it: libical's tree, and the content lines it was
// read from (without a byte-order mark and blank lines at the end), for the places
// that libical does not keep.
struct ParsedCalendar {
    ComponentHandle tree;
    std::vector<ContentLine> lines;
};

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
[[nodiscard]] ParsedCalendar parse_calendar_and_lines(std::string_view text, std::string_view source);
// The same, for callers that need only the tree.
[[nodiscard]] ComponentHandle parse_calendar(std::string_view text, std::string_view source);

// The X-LIC-ERROR properties libical put into `component` (not its children), joined:
// what it could not read. Empty when it read everything.
[[nodiscard]] std::string libical_errors(icalcomponent* component);

}  // namespace planner::ical
