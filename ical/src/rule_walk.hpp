#pragma once

#include "handles.hpp"
#include "vtimezone.hpp"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace planner::ical {

// What libical would read differently from what an RRULE value says, or null. libical
// keeps INTERVAL and the BYxxx values in 16 bits and COUNT in 32, and wraps a larger
// number without a word (INTERVAL=65537 becomes 1: daily instead of every 180 years);
// a BYDAY ordinal beyond 53 is refused, as libical wraps it from 4096 on. "INTERVAL=65537 is more than libical can hold,
// at most 32767". Check the rule's text with this before libical reads it.
[[nodiscard]] std::optional<std::string> rule_part_libical_would_misread(std::string_view rule);

enum class Walk { on, stop };

// Hands `visit` each start an RRULE gives from `first`, in floating wall-clock time,
// so that a 09:00 meeting stays at 09:00 in summer and winter, until `visit` says stop
// or the rule ends. The rule's UNTIL is taken out: libical compares a UTC UNTIL with
// floating starts as if both were UTC, so callers compare it in local time
// themselves. `from`, when later than `first`, starts the walk there (libical refuses
// that for a rule with COUNT, which then starts at `first`). Returns false when
// libical cannot expand the rule from `first`.
template <class Visit>
bool walk_rule(icalrecurrencetype rule, boost::posix_time::ptime first, bool is_date,
               std::optional<boost::posix_time::ptime> from, Visit visit)
{
    const auto floating = [is_date](boost::posix_time::ptime local) {
        auto time = to_icaltime(local, false);
        if (is_date) {
            time.hour = time.minute = time.second = 0;
            time.is_date = 1;
        }
        return time;
    };
    rule.until = icaltime_null_time();
    const RecurIteratorHandle iterator(icalrecur_iterator_new(rule, floating(first)));
    if (!iterator) {
        return false;
    }
    if (from && *from > first) {
        icalrecur_iterator_set_start(iterator.get(), floating(*from));
    }
    // Boost's dates end with the year 9999.
    constexpr int last_representable_year = 9999;
    for (auto next = icalrecur_iterator_next(iterator.get());
         icaltime_is_null_time(next) == 0 && next.year <= last_representable_year;
         next = icalrecur_iterator_next(iterator.get())) {
        if (visit(from_icaltime(next)) == Walk::stop) {
            break;
        }
    }
    return true;
}

}  // namespace planner::ical
