#include <planner/services/meetings.hpp>

#include <planner/error.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>

#include <fmt/format.h>

namespace planner::services {

const Meeting& find_meeting(const Directory& directory, const std::string& id)
{
    const auto* meeting = directory.find(MeetingId(id));
    if (meeting == nullptr) {
        // A region's store holds thousands of meetings: name a few, then count the rest.
        constexpr std::size_t named = 10;
        std::string known;
        std::size_t listed = 0;
        for (const auto& [known_id, known_meeting] : directory.meetings()) {
            if (listed++ == named) {
                known += fmt::format(" and {} more ('planner meetings' lists them)", directory.meetings().size() - named);
                break;
            }
            known += known.empty() ? "" : ", ";
            known += known_id.str();
        }
        throw NotFound(fmt::format("unknown meeting '{}'; the store has: {}", id, known.empty() ? "none" : known));
    }
    return *meeting;
}

Directory expanded(Directory directory)
{
    expand_series(directory, ical::expand_rule);
    return directory;
}

void require_meeting(const Directory& schedule, const db::Store& store, const std::string& id)
{
    if (!names_a_meeting(schedule, MeetingId(id))) {
        static_cast<void>(find_meeting(store.load(), id));
    }
}

}  // namespace planner::services
