#include <planner/meeting.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace pt = boost::posix_time;

using planner::Meeting;
using planner::MeetingId;
using planner::MeetingStatus;
using planner::Participant;
using planner::PersonId;
using planner::Role;

Meeting make_meeting(std::vector<PersonId> organisers, std::vector<Participant> participants)
{
    return Meeting{MeetingId{"austausch"},
                   "uid-austausch",
                   "Austausch Selbsthilfe",
                   "",
                   planner::TimeRange(pt::time_from_string("2012-10-11 12:00:00"),
                                      pt::time_from_string("2012-10-11 15:00:00")),
                   "Europe/Berlin",
                   planner::VenueId{"schloss"},
                   std::move(organisers),
                   std::move(participants),
                   {},
                   MeetingStatus::confirmed,
                   0,
                   {},
                   std::nullopt,
                   std::nullopt,
                   std::nullopt};
}

PersonId person(const char* id) { return PersonId{id}; }

TEST(Role, NamesRoundTrip)
{
    for (const Role role : {Role::chair, Role::required, Role::optional, Role::info}) {
        const auto text = planner::to_string(role);
        EXPECT_FALSE(text.empty());
        EXPECT_EQ(planner::role_from_string(text), role) << text;
    }
}

TEST(Role, NamesAreTheMeetingFileWords)
{
    EXPECT_EQ(planner::to_string(Role::chair), "chair");
    EXPECT_EQ(planner::to_string(Role::required), "required");
    EXPECT_EQ(planner::to_string(Role::optional), "optional");
    EXPECT_EQ(planner::to_string(Role::info), "info");
}

TEST(Role, UnknownNamesGiveNothing)
{
    EXPECT_EQ(planner::role_from_string(""), std::nullopt);
    EXPECT_EQ(planner::role_from_string("Chair"), std::nullopt);
    EXPECT_EQ(planner::role_from_string("REQ-PARTICIPANT"), std::nullopt);
    EXPECT_EQ(planner::role_from_string(" chair"), std::nullopt);
    EXPECT_EQ(planner::role_from_string("attendee"), std::nullopt);
}

TEST(MeetingStatus, NamesRoundTrip)
{
    for (const MeetingStatus status : {MeetingStatus::confirmed, MeetingStatus::tentative, MeetingStatus::cancelled}) {
        const auto text = planner::to_string(status);
        EXPECT_FALSE(text.empty());
        EXPECT_EQ(planner::meeting_status_from_string(text), status) << text;
    }
    EXPECT_EQ(planner::to_string(MeetingStatus::confirmed), "confirmed");
    EXPECT_EQ(planner::to_string(MeetingStatus::tentative), "tentative");
    EXPECT_EQ(planner::to_string(MeetingStatus::cancelled), "cancelled");
}

TEST(MeetingStatus, UnknownNamesGiveNothing)
{
    EXPECT_EQ(planner::meeting_status_from_string(""), std::nullopt);
    EXPECT_EQ(planner::meeting_status_from_string("canceled"), std::nullopt);
    EXPECT_EQ(planner::meeting_status_from_string("CANCELLED"), std::nullopt);
    EXPECT_EQ(planner::meeting_status_from_string("confirmed "), std::nullopt);
}

TEST(Participant, IsRequiredUnlessSaidOtherwise)
{
    Participant participant;
    participant.person = person("frank-veser");
    EXPECT_EQ(participant.role, Role::required);
}

TEST(Invitees, ParticipantsThenOrganisersAsChair)
{
    const auto meeting = make_meeting({person("koester"), person("reiser")},
                                      {{person("veser"), Role::required}, {person("buehler"), Role::optional}});
    const std::vector<Participant> expected{{person("veser"), Role::required},
                                            {person("buehler"), Role::optional},
                                            {person("koester"), Role::chair},
                                            {person("reiser"), Role::chair}};
    EXPECT_EQ(planner::invitees(meeting), expected);
}

TEST(AttendeesShown, TheOrganisersAndThoseListedOrEveryone)
{
    const auto meeting = make_meeting({person("koester")}, {{person("straub"), Role::required}, {person("maier"), Role::optional}});
    const auto all = invitees(meeting);
    EXPECT_EQ(attendees_shown(all, meeting, std::nullopt), all);
    EXPECT_EQ(attendees_shown(all, meeting, std::set{person("maier")}),
              (std::vector<Participant>{{person("maier"), Role::optional}, {person("koester"), Role::chair}}));
    EXPECT_EQ(attendees_shown(all, meeting, std::set<PersonId>{}),
              (std::vector<Participant>{{person("koester"), Role::chair}}));
}

TEST(Invitees, OrganiserListedAsParticipantKeepsTheRoleAndIsNotDuplicated)
{
    const auto meeting = make_meeting({person("koester"), person("reiser")},
                                      {{person("veser"), Role::required}, {person("koester"), Role::optional}});
    const std::vector<Participant> expected{{person("veser"), Role::required},
                                            {person("koester"), Role::optional},
                                            {person("reiser"), Role::chair}};
    EXPECT_EQ(planner::invitees(meeting), expected);
}

TEST(Invitees, OrganiserNamedTwiceIsInvitedOnce)
{
    const auto meeting = make_meeting({person("koester"), person("koester")}, {});
    const std::vector<Participant> expected{{person("koester"), Role::chair}};
    EXPECT_EQ(planner::invitees(meeting), expected);
}

TEST(Invitees, NoOrganisersMeansJustTheParticipants)
{
    const auto meeting = make_meeting({}, {{person("veser"), Role::info}});
    const std::vector<Participant> expected{{person("veser"), Role::info}};
    EXPECT_EQ(planner::invitees(meeting), expected);
    EXPECT_TRUE(planner::invitees(make_meeting({}, {})).empty());
}

TEST(AttendeesInRoom, ExcludesThoseOnlyInformed)
{
    const auto meeting = make_meeting({person("koester")}, {{person("veser"), Role::required},
                                                            {person("presse"), Role::info},
                                                            {person("buehler"), Role::optional},
                                                            {person("stellvertreter"), Role::chair}});
    const std::vector<PersonId> expected{person("veser"), person("buehler"), person("stellvertreter"),
                                         person("koester")};
    EXPECT_EQ(planner::attendees_in_room(meeting), expected);
}

TEST(AttendeesInRoom, OrganiserAlsoListedAsParticipantSitsOnce)
{
    const auto meeting = make_meeting({person("koester")}, {{person("koester"), Role::required}});
    const std::vector<PersonId> expected{person("koester")};
    EXPECT_EQ(planner::attendees_in_room(meeting), expected);
}

TEST(AttendeesInRoom, AnOrganiserListedOnlyAsInformedStillTakesASeat)
{
    const auto meeting = make_meeting({person("ludwig")}, {{person("ludwig"), Role::info}, {person("veser"), Role::info}});
    EXPECT_EQ(planner::attendees_in_room(meeting), std::vector<PersonId>{person("ludwig")});
}

TEST(Meeting, DefaultsToConfirmedAndSequenceZero)
{
    const auto meeting = make_meeting({}, {});
    EXPECT_EQ(meeting.status, MeetingStatus::confirmed);
    EXPECT_EQ(meeting.sequence, 0);
    auto changed = meeting;
    EXPECT_EQ(changed, meeting);
    changed.participants.push_back({person("veser"), Role::required});
    EXPECT_NE(changed, meeting);
}

TEST(Meeting, ZoneDefaultsToEuropeBerlin)
{
    // Every member but the zone is given.
    const Meeting meeting{.id = MeetingId{"m"},
                          .uid = "uid",
                          .title = "Treffen",
                          .description = "",
                          .time = planner::TimeRange(pt::time_from_string("2012-10-11 12:00:00"),
                                                     pt::time_from_string("2012-10-11 15:00:00")),
                          .venue = planner::VenueId{"v"},
                          .organisers = {},
                          .participants = {},
                          .agenda = {},
                          .status = MeetingStatus::confirmed,
                          .sequence = 0,
                          .counties = {},
                          .recurrence = std::nullopt,
                          .occurrence_of = std::nullopt,
                          .participants_see_each_other = std::nullopt};
    EXPECT_EQ(meeting.time_zone, "Europe/Berlin");
}

}  // namespace
