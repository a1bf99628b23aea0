#pragma once

#include <planner/agenda_item.hpp>
#include <planner/id.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_range.hpp>
#include <planner/time_zone.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace planner {

// RFC 5545 3.2.16 participation roles, as the meeting file names them.
enum class Role { chair, required, optional, info };
enum class MeetingStatus { confirmed, tentative, cancelled };

[[nodiscard]] std::string_view to_string(Role role);
[[nodiscard]] std::optional<Role> role_from_string(std::string_view text);
[[nodiscard]] std::string_view to_string(MeetingStatus status);
[[nodiscard]] std::optional<MeetingStatus> meeting_status_from_string(std::string_view text);

struct Participant {
    PersonId person;
    Role role = Role::required;

    friend bool operator==(const Participant&, const Participant&) = default;
};

struct Meeting {
    MeetingId id;
    std::string uid;  // the iCalendar UID: assigned once, kept across every update
    std::string title;
    std::string description;
    TimeRange time;         // UTC
    std::string time_zone{default_time_zone};  // IANA name; what invitations show and office hours mean
    VenueId venue;
    std::vector<PersonId> organisers;
    std::vector<Participant> participants;
    std::vector<AgendaItem> agenda;
    MeetingStatus status = MeetingStatus::confirmed;
    int sequence = 0;  // iCalendar SEQUENCE of the last version sent
    std::vector<CountyId> counties;  // the counties the meeting brings together
    std::optional<Recurrence> recurrence;          // set on a series: its time is the first occurrence
    std::optional<SeriesOccurrence> occurrence_of;  // set on one occurrence of an expanded series
    // Whether each invitee sees who else is invited (in their invitation, feed and answer
    // page) as the organiser set it; none: by the rule of guest_list_shown (directory.hpp).
    std::optional<bool> participants_see_each_other;
    // Shown, without anyone invited, in the public feeds of the counties it brings
    // together and of its organisers' organisations (services::public_feed).
    bool published = false;

    friend bool operator==(const Meeting&, const Meeting&) = default;
};

// The meeting at another start, as long as before, with its agenda moved along.
[[nodiscard]] Meeting moved(Meeting meeting, boost::posix_time::ptime new_start);

// Everyone who is invited and what they are invited as: the participants, then any
// organiser not among them, as chair. Invitations, listings and the conflict checks
// all take the people of a meeting from here.
[[nodiscard]] std::vector<Participant> invitees(const Meeting& meeting);

// Of `attendees`, those one copy of the meeting names where its participants do not see
// each other: its organisers and the people of `listed` (none: every one of them). The
// one rule for invitations, cancellations and feeds.
[[nodiscard]] std::vector<Participant> attendees_shown(std::vector<Participant> attendees, const Meeting& meeting,
                                                       const std::optional<std::set<PersonId>>& listed);

// The people who occupy a seat at the venue: every organiser, and every participant
// except those who are only informed (role info).
[[nodiscard]] std::vector<PersonId> attendees_in_room(const Meeting& meeting);

// The two lists above, handed to `visit` one by one without building them: the
// conflict check asks for millions of meetings.
template <class Visit>
void for_each_invitee(const Meeting& meeting, Visit visit)
{
    for (const auto& participant : meeting.participants) {
        visit(participant);
    }
    for (std::size_t i = 0; i < meeting.organisers.size(); ++i) {
        const auto& organiser = meeting.organisers[i];
        bool listed = false;
        for (const auto& participant : meeting.participants) {
            listed = listed || participant.person == organiser;
        }
        for (std::size_t earlier = 0; earlier < i; ++earlier) {
            listed = listed || meeting.organisers[earlier] == organiser;
        }
        if (!listed) {
            visit(Participant{organiser, Role::chair});
        }
    }
}

template <class Visit>
void for_each_attendee_in_room(const Meeting& meeting, Visit visit)
{
    for_each_invitee(meeting, [&](const Participant& invitee) {
        bool organises = false;
        for (const auto& organiser : meeting.organisers) {
            organises = organises || organiser == invitee.person;
        }
        if (invitee.role != Role::info || organises) {
            visit(invitee.person);
        }
    });
}

}  // namespace planner
