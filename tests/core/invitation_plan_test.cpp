#include <planner/invitation_plan.hpp>

#include <planner/answer.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace planner {
namespace {

namespace pt = boost::posix_time;

const PersonId karin("karin");
const PersonId axel("axel");
const PersonId frank("frank");
const PersonId knut("knut");

Meeting meeting_of(std::vector<Participant> participants, int sequence)
{
    return Meeting{MeetingId("austausch"),
                   "uid-austausch",
                   "Austausch Selbsthilfe",
                   "",
                   TimeRange(pt::time_from_string("2012-10-11 12:00:00"), pt::time_from_string("2012-10-11 15:00:00")),
                   "Europe/Berlin",
                   VenueId("rathaus"),
                   {karin},
                   std::move(participants),
                   {{TimeRange(pt::time_from_string("2012-10-11 12:00:00"), pt::time_from_string("2012-10-11 12:15:00")),
                     "Begrüßung", karin}},
                   MeetingStatus::confirmed,
                   sequence,
                   {},
                   std::nullopt,
                   std::nullopt,
                   std::nullopt};
}

// What each invitee got when `meeting` was sent.
std::vector<SentVersion> sent_to_all(const Meeting& meeting)
{
    std::vector<SentVersion> sent;
    for (const auto& invitee : invitees(meeting)) {
        sent.push_back({invitee.person, meeting.sequence, significant_content(meeting), false});
    }
    return sent;
}

TEST(InvitationPlan, AFirstInvitationKeepsSequenceZeroForEverybody)
{
    const auto meeting = meeting_of({{axel, Role::required}, {frank, Role::optional}}, 0);
    const auto plan = plan_invitation(meeting, {});
    EXPECT_EQ(plan.sequence, 0);
    EXPECT_TRUE(plan.changes.empty());
    EXPECT_EQ(plan.added, (std::vector<PersonId>{axel, frank, karin}));
    EXPECT_TRUE(plan.outdated.empty());
    EXPECT_TRUE(plan.removed.empty());
}

TEST(InvitationPlan, NothingChangedKeepsTheSequence)
{
    const auto meeting = meeting_of({{axel, Role::required}}, 0);
    const auto plan = plan_invitation(meeting, sent_to_all(meeting));
    EXPECT_EQ(plan.sequence, 0);
    EXPECT_TRUE(plan.changes.empty());
    EXPECT_EQ(plan.up_to_date, (std::vector<PersonId>{axel, karin}));
}

TEST(InvitationPlan, EachSignificantPartRaisesTheSequenceOnceAndIsNamed)
{
    const auto sent_meeting = meeting_of({{axel, Role::required}}, 4);
    const auto sent = sent_to_all(sent_meeting);
    auto later = moved(sent_meeting, sent_meeting.time.start() + pt::hours(1));
    later.venue = VenueId("buergerhaus");
    const auto plan = plan_invitation(later, sent);
    EXPECT_EQ(plan.sequence, 5);
    EXPECT_EQ(plan.changes, (std::vector<std::string>{"agenda", "time", "venue"}));
    EXPECT_EQ(plan.outdated, (std::vector<PersonId>{axel, karin}));
    EXPECT_TRUE(plan.up_to_date.empty());

    auto cancelled = sent_meeting;
    cancelled.status = MeetingStatus::tentative;
    EXPECT_EQ(plan_invitation(cancelled, sent).changes, std::vector<std::string>{"status"});
    // Once sent, the new version is the one to compare with.
    auto sent_again = later;
    sent_again.sequence = 5;
    EXPECT_EQ(plan_invitation(sent_again, sent_to_all(sent_again)).sequence, 5);
}

TEST(InvitationPlan, TitleAndDescriptionAreNotSignificant)
{
    const auto meeting = meeting_of({{axel, Role::required}}, 1);
    auto retitled = meeting;
    retitled.title = "Erfahrungsaustausch";
    retitled.description = "Mit Kaffee.";
    EXPECT_EQ(plan_invitation(retitled, sent_to_all(meeting)).sequence, 1);
}

TEST(InvitationPlan, ASeriesRuleOrOccurrenceChangeIsSignificant)
{
    auto series = meeting_of({{axel, Role::required}}, 0);
    series.recurrence = Recurrence{"FREQ=MONTHLY;BYDAY=2TU", {}, {}};
    const auto sent = sent_to_all(series);
    auto one_cancelled = series;
    one_cancelled.recurrence->changes.push_back(
        {boost::gregorian::date(2012, 11, 13), std::nullopt, std::nullopt, MeetingStatus::cancelled});
    const auto plan = plan_invitation(one_cancelled, sent);
    EXPECT_EQ(plan.sequence, 1);
    EXPECT_EQ(plan.changes, std::vector<std::string>{"series"});
}

TEST(InvitationPlan, SomeoneAddedGetsTheCurrentVersionWithoutANewSequence)
{
    const auto before = meeting_of({{axel, Role::required}}, 2);
    const auto after = meeting_of({{axel, Role::required}, {frank, Role::optional}}, 2);
    const auto plan = plan_invitation(after, sent_to_all(before));
    EXPECT_EQ(plan.sequence, 2);
    EXPECT_TRUE(plan.changes.empty());
    EXPECT_EQ(plan.added, std::vector<PersonId>{frank});
    EXPECT_EQ(plan.up_to_date, (std::vector<PersonId>{axel, karin}));
}

TEST(InvitationPlan, SomeoneRemovedIsToldOnceWithAHigherSequence)
{
    const auto before = meeting_of({{axel, Role::required}, {frank, Role::required}}, 2);
    const auto after = meeting_of({{axel, Role::required}}, 2);
    auto sent = sent_to_all(before);
    const auto plan = plan_invitation(after, sent);
    EXPECT_EQ(plan.sequence, 3);
    EXPECT_EQ(plan.removed, std::vector<PersonId>{frank});
    EXPECT_EQ(plan.changes, std::vector<std::string>{"attendees removed"});

    // After the cancellation went out, nobody is left to tell.
    auto told = after;
    told.sequence = 3;
    sent = sent_to_all(told);
    sent.push_back({frank, 3, significant_content(told), true});
    const auto next = plan_invitation(told, sent);
    EXPECT_EQ(next.sequence, 3);
    EXPECT_TRUE(next.removed.empty());

    // Invited again after the cancellation: a REQUEST at the cancellation's SEQUENCE
    // would be ignored, so it rises.
    auto again = before;
    again.sequence = 3;
    const auto back = plan_invitation(again, sent);
    EXPECT_EQ(back.sequence, 4);
    EXPECT_EQ(back.added, std::vector<PersonId>{frank});
    EXPECT_EQ(back.changes, std::vector<std::string>{"attendees invited again"});
}

TEST(InvitationPlan, SomeoneWhoseMessageFailedIsStillOutdated)
{
    const auto before = meeting_of({{axel, Role::required}}, 0);
    auto after = moved(before, before.time.start() + pt::hours(1));
    after.sequence = 1;
    // Karin got version 1; Axel's delivery failed, he still has version 0.
    const std::vector<SentVersion> sent{{axel, 0, significant_content(before), false},
                                        {karin, 1, significant_content(after), false}};
    const auto plan = plan_invitation(after, sent);
    EXPECT_EQ(plan.sequence, 1);
    EXPECT_TRUE(plan.changes.empty());
    EXPECT_EQ(plan.outdated, std::vector<PersonId>{axel});
    EXPECT_EQ(plan.up_to_date, std::vector<PersonId>{karin});
}

TEST(Answer, NamesRoundTrip)
{
    for (const auto answer :
         {Answer::needs_action, Answer::accepted, Answer::declined, Answer::tentative, Answer::delegated}) {
        EXPECT_EQ(answer_from_string(to_string(answer)), answer);
    }
    EXPECT_EQ(to_string(Answer::needs_action), "needs-action");
    EXPECT_EQ(answer_from_string("ACCEPTED"), std::nullopt);
}

}  // namespace
}  // namespace planner
