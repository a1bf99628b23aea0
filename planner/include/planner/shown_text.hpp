#pragma once

#include <string>
#include <string_view>

namespace planner {

// Text from other people's files (a SUMMARY, a CN, an answer's comment, a name in a
// meeting file) written where a terminal or a spreadsheet reads it: a control
// character such as ESC, BEL or a lone CR would be run, not shown, so each becomes
// '?', as do the C1 controls (U+0080 to U+009F) that some terminals run too.

// For text of several lines (a description, a message): line ends (LF, CRLF) and
// tabs stay.
[[nodiscard]] std::string terminal_text(std::string_view text);

// For a value on a line of its own format (a name in a list, a cell of a table):
// a line end or tab inside it would make a line or column of its own, so each is a
// space; every other control character is '?'.
[[nodiscard]] std::string one_line_text(std::string_view text);

// Text for an HTML document, in content and in quoted attribute values alike: the five
// characters HTML gives a meaning (& < > " ') as entities. The attendance list and the
// web's pages escape with it.
[[nodiscard]] std::string html_escaped(std::string_view text);

}  // namespace planner
