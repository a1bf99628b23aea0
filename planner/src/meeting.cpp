#include <planner/meeting.hpp>

#include "enum_names.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace planner {
namespace {

constexpr detail::EnumNames<Role, 4> role_names{{
    {Role::chair, "chair"},
    {Role::required, "required"},
    {Role::optional, "optional"},
    {Role::info, "info"},
}};

constexpr detail::EnumNames<MeetingStatus, 3> status_names{{
    {MeetingStatus::confirmed, "confirmed"},
    {MeetingStatus::tentative, "tentative"},
    {MeetingStatus::cancelled, "cancelled"},
}};

}  // namespace

std::string_view to_string(Role role) { return detail::name_of(role_names, role); }
std::optional<Role> role_from_string(std::string_view text) { return detail::value_of(role_names, text); }
std::string_view to_string(MeetingStatus status) { return detail::name_of(status_names, status); }
std::optional<MeetingStatus> meeting_status_from_string(std::string_view text) { return detail::value_of(status_names, text); }

Meeting moved(Meeting meeting, boost::posix_time::ptime new_start)
{
    const auto by = new_start - meeting.time.start();
    meeting.time = TimeRange(new_start, meeting.time.end() + by);
    for (auto& item : meeting.agenda) {
        item.time = TimeRange(item.time.start() + by, item.time.end() + by);
    }
    return meeting;
}

std::vector<Participant> attendees_shown(std::vector<Participant> attendees, const Meeting& meeting,
                                         const std::optional<std::set<PersonId>>& listed)
{
    if (listed) {
        std::erase_if(attendees, [&](const Participant& attendee) {
            return !listed->contains(attendee.person) &&
                   std::find(meeting.organisers.begin(), meeting.organisers.end(), attendee.person) ==
                       meeting.organisers.end();
        });
    }
    return attendees;
}

std::vector<Participant> invitees(const Meeting& meeting)
{
    std::vector<Participant> result;
    for_each_invitee(meeting, [&](const Participant& invitee) { result.push_back(invitee); });
    return result;
}

std::vector<PersonId> attendees_in_room(const Meeting& meeting)
{
    std::vector<PersonId> result;
    for_each_attendee_in_room(meeting, [&](const PersonId& person) { result.push_back(person); });
    return result;
}

}  // namespace planner
