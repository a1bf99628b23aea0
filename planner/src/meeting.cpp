#include <planner/meeting.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace planner {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 4> role_names{{
    {Role::chair, "chair"},
    {Role::required, "required"},
    {Role::optional, "optional"},
    {Role::info, "info"},
}};

constexpr std::array<std::pair<MeetingStatus, std::string_view>, 3> status_names{{
    {MeetingStatus::confirmed, "confirmed"},
    {MeetingStatus::tentative, "tentative"},
    {MeetingStatus::cancelled, "cancelled"},
}};

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value)
{
    const auto found = std::find_if(names.begin(), names.end(), [&](const auto& entry) { return entry.first == value; });
    return found == names.end() ? std::string_view{} : found->second;
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view text)
{
    const auto found = std::find_if(names.begin(), names.end(), [&](const auto& entry) { return entry.second == text; });
    return found == names.end() ? std::nullopt : std::optional<Enum>(found->first);
}

}  // namespace

std::string_view to_string(Role role) { return name_of(role_names, role); }
std::optional<Role> role_from_string(std::string_view text) { return value_of(role_names, text); }
std::string_view to_string(MeetingStatus status) { return name_of(status_names, status); }
std::optional<MeetingStatus> meeting_status_from_string(std::string_view text) { return value_of(status_names, text); }

std::vector<Participant> invitees(const Meeting& meeting)
{
    std::vector<Participant> result = meeting.participants;
    for (const auto& organiser : meeting.organisers) {
        const bool listed = std::any_of(result.begin(), result.end(),
                                        [&](const Participant& p) { return p.person == organiser; });
        if (!listed) {
            result.push_back({organiser, Role::chair});
        }
    }
    return result;
}

std::vector<PersonId> attendees_in_room(const Meeting& meeting)
{
    std::vector<PersonId> result;
    for (const auto& invitee : invitees(meeting)) {
        if (invitee.role != Role::info) {
            result.push_back(invitee.person);
        }
    }
    return result;
}

}  // namespace planner
