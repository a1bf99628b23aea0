#pragma once

#include <planner/meeting.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <string>
#include <vector>

namespace planner::ical {

// planner::RuleExpansion by libical's recurrence iterator: the local start times
// (wall clock in the series' zone) that the series' RRULE gives, from its first start
// on, before exceptions and changes. The rule is followed in floating local time, so
// every occurrence keeps the first one's time of day across daylight-saving changes.
// UNTIL may be a date (occurrences through that local date) or a UTC date-time
// (compared with each occurrence's local time in the zone). A rule without COUNT
// or UNTIL is followed to the end of planner::last_accepted_year. A meeting without a
// rule gives its own start alone. Every start of the series or none: throws
// planner::Error, quoting the rule, when it gives more than
// planner::max_series_occurrences, when a rule with an end reaches past the accepted
// years, when libical rejects it, or when its UNTIL is a floating date-time, which
// RFC 5545 3.3.10 forbids beside a zoned DTSTART.
[[nodiscard]] std::vector<boost::posix_time::ptime> expand_rule(const Meeting& series);

// The starts expand_rule gives, up to `last_local` (wall clock in the series' zone):
// for a question about a time, which need not walk a rule without end to 2199 (a
// weekly one has nearly 10,000 meetings). The rule is walked no further, so a series
// that expand_rule refuses for what lies beyond is not refused here.
[[nodiscard]] std::vector<boost::posix_time::ptime> expand_rule_through(const Meeting& series,
                                                                        boost::posix_time::ptime last_local);

// The RRULE value that an invitation of the series carries: the rule as libical
// writes it, with UNTIL as a UTC date-time, as RFC 5545 3.3.10 requires beside a
// DTSTART with TZID. A date UNTIL becomes the last second of that local day. Throws
// like expand_rule.
[[nodiscard]] std::string invitation_rule(const Meeting& series);

}  // namespace planner::ical
