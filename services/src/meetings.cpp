#include <planner/services/meetings.hpp>
#include <planner/services/meeting_queries.hpp>

#include <planner/error.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>

#include <fmt/format.h>

namespace planner::services {

const Meeting& find_meeting(const Directory& directory, const std::string& id)
{
    const auto* meeting = directory.find(MeetingId(id));
    if (meeting == nullptr) {
        std::vector<MeetingId> first;
        for (const auto& [known_id, known_meeting] : directory.meetings()) {
            if (first.size() == unknown_meeting_names) {
                break;
            }
            first.push_back(known_id);
        }
        throw unknown_meeting(MeetingId(id), first, directory.meetings().size());
    }
    return *meeting;
}

NotFound unknown_meeting(const MeetingId& id, const std::vector<MeetingId>& first, std::size_t total)
{
    std::string known;
    for (const auto& known_id : first) {
        known += known.empty() ? "" : ", ";
        known += known_id.str();
    }
    if (total > first.size()) {
        known += fmt::format(" and {} more ('planner meetings' lists them)", total - first.size());
    }
    return NotFound(fmt::format("unknown meeting '{}'; the store has: {}", id.str(), known.empty() ? "none" : known));
}

Directory expanded(Directory directory)
{
    expand_series(directory, ical::expand_rule);
    return directory;
}

void require_meeting(const Directory& schedule, const db::Store& store, const std::string& id)
{
    if (!names_a_meeting(schedule, MeetingId(id))) {
        throw unknown_meeting(store, MeetingId(id));
    }
}

}  // namespace planner::services
