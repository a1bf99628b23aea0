#pragma once

#include "handles.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace planner::ical {

// ASCII upper case: iCalendar names, parameter values and enumerated values compare
// without case (RFC 5545 3.1).
[[nodiscard]] std::string upper(std::string_view text);

// The parts of `text` between `separator`s, empty ones too: "FREQ=WEEKLY;COUNT=3" with
// ';' gives "FREQ=WEEKLY" and "COUNT=3". Each views `text`, so its offset in it is
// `part.data() - text.data()`.
[[nodiscard]] std::vector<std::string_view> parts_of(std::string_view text, char separator);

// One content line of a calendar's text, unfolded (RFC 5545 3.1).
struct ContentLine {
    std::size_t line = 0;  // where it starts in the file, 1-based
    std::string text;      // without its line end
    // The colon that ends name and parameters: the first one that is not inside a
    // quoted parameter value (Outlook's TZID="(UTC+01:00) Amsterdam, ..." holds one);
    // npos when there is none.
    std::size_t colon = std::string::npos;
    std::string upper_name;  // set with `colon`: read once, compared often

    // Upper case, without parameters.
    [[nodiscard]] const std::string& name() const noexcept { return upper_name; }
    [[nodiscard]] std::string_view value() const;
};

// One VCALENDAR as parse_calendars reads it: libical's tree, and the content lines it
// was read from, for the places that libical does not keep.
struct ParsedCalendar {
    ComponentHandle tree;
    std::vector<ContentLine> lines;  // from its BEGIN:VCALENDAR to its END:VCALENDAR
};

// The longest content line, unfolded, that parse_calendars hands to libical, whose
// time grows with the square of a line's length. An Outlook export's longest lines
// are descriptions and small inline attachments, far below this.
inline constexpr std::size_t max_content_line_bytes = std::size_t{1024} * 1024;

// Reads a calendar file someone else wrote (an answer, a calendar export) into
// libical's trees, one per VCALENDAR: a file may hold several one after another (an
// iCalendar stream, RFC 5545 3.4, as Lotus Notes exports). libical accepts almost
// anything and turns damage into X-LIC-ERROR properties, so the structure is checked
// first, with the place of the damage:
//   "answer.ics:14:1: the file ends inside VEVENT (begun on line 5); is it cut off?"
// Refused with planner::Error: an empty file, bytes that are not UTF-8 text (a NUL, an
// invalid sequence), a first line other than BEGIN:VCALENDAR, a line that is not
// NAME:VALUE, an END that closes another component than the last BEGIN, a file that
// ends inside a component, anything but another VCALENDAR after one ends, a file
// above planner::max_input_file_bytes and a content line above max_content_line_bytes. A UTF-8
// byte-order mark, LF-only line ends and blank lines anywhere are accepted, as
// Outlook, Teams, Google and older Mozilla and KDE exports write them; libical never
// sees the blank lines. `source` names the file in messages.
[[nodiscard]] std::vector<ParsedCalendar> parse_calendars(std::string_view text, std::string_view source);

// One property of a component as the text writes it.
struct TextProperty {
    std::size_t line = 0;
    std::size_t value_column = 0;  // 1-based, of the unfolded line
    std::string name;              // upper case
    std::string text;              // the whole unfolded content line
    [[nodiscard]] std::string_view value() const;
};

// One component as the text writes it.
struct ComponentText {
    std::size_t line = 0;                  // of its BEGIN
    std::vector<TextProperty> properties;  // its own, not those of a component inside it
};

// The components of kind `kind` ("VEVENT") directly inside the VCALENDAR of `lines`,
// in file order: libical keeps components in file order, so the k-th of its tree is
// the k-th of these.
[[nodiscard]] std::vector<ComponentText> components_in_text(const std::vector<ContentLine>& lines,
                                                            std::string_view kind);

// Hands `visit` each component of `kind` directly inside `calendar` with its text
// (`texts`, from components_in_text for the same kind).
template <class Visit>
void for_each_with_text(icalcomponent* calendar, icalcomponent_kind kind, const std::vector<ComponentText>& texts,
                        Visit visit)
{
    std::size_t k = 0;
    for (auto* child = icalcomponent_get_first_component(calendar, kind); child != nullptr && k < texts.size();
         child = icalcomponent_get_next_component(calendar, kind), ++k) {
        visit(child, texts[k]);
    }
}

// What the value of a property the planner needs must look like, for messages:
// {ICAL_RRULE_PROPERTY, "RRULE", "a recurrence rule (FREQ=WEEKLY;BYDAY=TU)"}.
struct ValueForm {
    icalproperty_kind kind;
    std::string_view name;
    std::string_view form;
};

// A property whose value libical could not read, and the form it should have had.
struct UnreadValue {
    const TextProperty* property = nullptr;
    std::string_view form;
};

// The first property (by line) among those of `forms` that the text of `component`
// has but libical dropped because it could not read its value (an empty "RRULE:", a
// date-time without a time). Properties of other kinds, and parameters libical could
// not read, do not matter here.
[[nodiscard]] std::optional<UnreadValue> first_unread_value(icalcomponent* component, const ComponentText& text,
                                                            std::span<const ValueForm> forms);

// The years of the dates and times that the readers take from other people's files:
// the Gregorian calendar's, which RFC 5545 dates are in, to the last that RFC 5545
// writes. An earlier year (0000, 1399) is a typo, not an event.
inline constexpr int first_readable_year = 1583;
inline constexpr int last_readable_year = 9999;

// A date, date-time, period or duration value that libical keeps as written although
// it is no time at all (hour 25, 30 February, the year 0000) or none the planner can
// compute with (a duration of millions of weeks).
struct BadTimeValue {
    const TextProperty* property = nullptr;
    std::size_t column = 0;  // of the bad value, 1-based, in the unfolded line
    std::string value;       // the one bad value of a list
    std::string why;         // "hour 25 does not exist (00 to 23)"

    // "DTSTART value '20130312T250000Z' is out of range: hour 25 does not exist (00 to 23)"
    [[nodiscard]] std::string text() const;
};

// The first such value (by line) among the properties of `forms` in `text`: every
// date and date-time of a DATE-TIME, EXDATE, RDATE or FREEBUSY list, an RRULE's UNTIL
// and a DURATION. Values of another shape are left to first_unread_value.
[[nodiscard]] std::optional<BadTimeValue> first_bad_time_value(const ComponentText& text,
                                                               std::span<const ValueForm> forms);

}  // namespace planner::ical
