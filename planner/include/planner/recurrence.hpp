#pragma once

#include <planner/id.hpp>
#include <planner/time_range.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planner {

enum class MeetingStatus;
struct Meeting;
class Directory;

// One occurrence of a series that does not happen as the rule says: moved to another
// time (and perhaps another venue), or given its own status (cancelled, tentative).
// It is named by the local date the rule gives it, which is unique because a rule
// may give at most one occurrence a day.
struct OccurrenceChange {
    boost::gregorian::date date;
    std::optional<TimeRange> time;  // UTC; absent: the rule's time
    std::optional<VenueId> venue;   // absent: the series' venue
    std::optional<MeetingStatus> status;

    friend bool operator==(const OccurrenceChange&, const OccurrenceChange&) = default;
};

// What makes a meeting a series. The meeting's own time is its first occurrence
// (DTSTART and DTEND); the rule repeats it.
struct Recurrence {
    std::string rule;  // an RFC 5545 RRULE value, "FREQ=MONTHLY;BYDAY=2TU"
    std::vector<boost::gregorian::date> exceptions;  // local dates without an occurrence (EXDATE)
    std::vector<OccurrenceChange> changes;           // sorted by date

    friend bool operator==(const Recurrence&, const Recurrence&) = default;
};

// Set on a meeting that stands for one occurrence of a series.
struct SeriesOccurrence {
    MeetingId series;
    boost::gregorian::date date;  // the local date the rule gives it, before any move

    friend bool operator==(const SeriesOccurrence&, const SeriesOccurrence&) = default;
};

// The most meetings one series may have. Every occurrence is checked, searched
// around, listed and invited, so a longer series is refused when it is read rather
// than cut: weekly, that is 190 years; daily, 27. A rule without COUNT or UNTIL is
// followed up to the last date the planner accepts (accepted_dates.hpp) and refused
// if that gives more.
inline constexpr std::size_t max_series_occurrences = 10'000;

// Throws planner::Error, saying what is wrong, unless `rule` is an RRULE value the
// planner can keep: FREQ of DAILY, WEEKLY, MONTHLY or YEARLY, and only the parts
// INTERVAL, COUNT, UNTIL (a date, or a UTC date-time), BYDAY, BYMONTHDAY, BYMONTH,
// BYYEARDAY, BYWEEKNO, BYSETPOS and WKST, each once. A meeting happens at most once
// a day, so parts that repeat it within a day (BYHOUR, ...) are refused.
void check_recurrence_rule(std::string_view rule);

// The local start times (wall clock in the series' zone) that a series' rule gives,
// from its first start on, before exceptions and changes: every one, and throws
// planner::Error rather than give fewer (see max_series_occurrences).
// The core does not read RRULEs itself: planner::ical::expand_rule does it with
// libical, and whoever needs occurrences passes that in.
using RuleExpansion = std::function<std::vector<boost::posix_time::ptime>(const Meeting& series)>;

// A weekday's name in an RRULE: "MO" ... "SU".
[[nodiscard]] std::string_view rrule_weekday(boost::gregorian::greg_weekday day);

// A rule as a person picks one (the meeting form): weekly every n weeks, or monthly on
// the first meeting's weekday (on 2013-01-08, the 2nd Tuesday; a fifth weekday is the
// month's last), until a day.
struct PickedRule {
    enum class Repeat { weekly, monthly_on_weekday };
    Repeat repeat = Repeat::weekly;
    int every_weeks = 1;  // weekly only
    boost::gregorian::date until;

    friend bool operator==(const PickedRule&, const PickedRule&) = default;
};
// The RRULE of the picked rule for a series whose first meeting is on `first`:
// "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231".
[[nodiscard]] std::string rule_text(const PickedRule& picked, boost::gregorian::date first);
// The picked rule whose rule_text is exactly `rule`, or null for a rule no pick gives.
[[nodiscard]] std::optional<PickedRule> picked_rule(std::string_view rule, boost::gregorian::date first);

// The id of an occurrence, "sprecherrat@2013-03-12": meeting ids cannot hold '@', so
// no occurrence id is ever taken by a meeting of a file.
[[nodiscard]] MeetingId occurrence_id(const MeetingId& series, boost::gregorian::date date);
// The other way: the series and date an id like "sprecherrat@2013-03-12" names, or
// null when it is not shaped so (whether that series exists is for the caller).
[[nodiscard]] std::optional<SeriesOccurrence> occurrence_named(const MeetingId& id);

// The occurrences of a series as meetings of their own, in order: each has the
// occurrence's id, the series' UID, people and agenda, and the rule's local start
// time (so an occurrence keeps its wall-clock time across daylight-saving changes)
// with the first occurrence's exact length. Exceptions are left out; changed ones
// are moved or get their status. Throws planner::Error when the series' own start is
// not the first date of its rule, when an exception or change names a date the rule
// does not give, or when an occurrence's local start does not exist.
[[nodiscard]] std::vector<Meeting> occurrences(const Meeting& series, const RuleExpansion& expand);

// Two meetings of a series that overlap in time, as positions in `occurrences` (as
// occurrences() gives them), the one that starts first first; null when none do. A
// cancelled meeting does not take place, so it overlaps nothing. Whoever reads a
// series refuses it then: its people cannot be at both.
[[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> first_overlap(const std::vector<Meeting>& occurrences);

// The occurrence of the series on the date its rule gives it (as occurrences() makes
// it), or null when the rule gives no meeting that day or it is an exception.
[[nodiscard]] std::optional<Meeting> occurrence_on(const Meeting& series, boost::gregorian::date date,
                                                   const RuleExpansion& expand);

// Replaces every series in the directory by its occurrences: the conflict check and
// the slot search work on single meetings and refuse a series.
void expand_series(Directory& directory, const RuleExpansion& expand);

// Whether `meeting` is the one `id` names, or an occurrence of the series `id` names:
// after expand_series, a series' id stands for all its occurrences.
[[nodiscard]] bool is_or_occurs_in(const Meeting& meeting, const MeetingId& id);

// Whether `id` names a meeting of the (expanded) directory, or a series of it.
[[nodiscard]] bool names_a_meeting(const Directory& directory, const MeetingId& id);

}  // namespace planner
