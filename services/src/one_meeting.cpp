#include "one_meeting.hpp"

#include <planner/services/meetings.hpp>

#include <planner/error.hpp>
#include <planner/recurrence.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace planner::services {

const Meeting& one_meeting(const Directory& schedule, const db::Store& store, const std::string& id)
{
    require_meeting(schedule, store, id);
    const auto* found = schedule.find(MeetingId(id));
    if (found == nullptr) {
        // A series: its first meeting is the example to name (occurrences sort by date).
        const auto first = std::find_if(schedule.meetings().begin(), schedule.meetings().end(),
                                        [&](const auto& entry) { return is_or_occurs_in(entry.second, MeetingId(id)); });
        throw Error(fmt::format("meeting '{}' is a series; name one of its meetings, e.g. '{}'", id,
                                first->first.str()));
    }
    return *found;
}

MeetingId stored_id(const Meeting& meeting)
{
    return meeting.occurrence_of ? meeting.occurrence_of->series : meeting.id;
}

std::optional<boost::gregorian::date> occurrence_date(const Meeting& meeting)
{
    return meeting.occurrence_of ? std::optional(meeting.occurrence_of->date) : std::nullopt;
}

}  // namespace planner::services
