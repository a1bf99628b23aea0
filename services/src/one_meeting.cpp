#include "one_meeting.hpp"

#include <planner/services/meeting_queries.hpp>

#include <planner/error.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>

#include <fmt/format.h>

#include <span>

namespace planner::services {

OneMeeting one_meeting(const db::Store& store, const std::string& id)
{
    std::optional<OneMeeting> found;
    store.read_together([&] {
        const MeetingId asked(id);
        const auto named = occurrence_named(asked);
        auto stored = store.meeting(named ? named->series : asked);
        if (!stored || (named && !stored->recurrence)) {
            throw unknown_meeting(store, asked);
        }
        if (named) {
            auto occurrence = occurrence_on(*stored, named->date, ical::expand_rule);
            if (!occurrence) {
                throw unknown_meeting(store, asked);
            }
            stored = std::move(occurrence);
        } else if (stored->recurrence) {
            const auto meetings = occurrences(*stored, ical::expand_rule);
            throw Error(fmt::format("meeting '{}' is a series; name one of its meetings, e.g. '{}'", id,
                                    meetings.empty() ? id + "@YYYY-MM-DD" : meetings.front().id.str()));
        }
        auto records = store.records_of(std::span(&*stored, 1));
        found = OneMeeting{std::move(*stored), std::move(records)};
    });
    return std::move(*found);
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
