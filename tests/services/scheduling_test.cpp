#include <planner/services/meeting_file_import.hpp>
#include <planner/services/scheduling.hpp>

#include <planner/error.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <string>

namespace planner::services {
namespace {

namespace greg = boost::gregorian;
namespace pt = boost::posix_time;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

class SchedulingServiceTest : public ::testing::Test {
protected:
    void SetUp() override { static_cast<void>(import_meeting_file(store, immenstaad)); }

    static SlotWindow days(greg::date first, greg::date last)
    {
        SlotWindow window;
        window.first_day = first;
        window.last_day = last;
        return window;
    }

    // The local start of a slot, "2013-01-08T12:30:00+01:00".
    static std::string start_of(const Slot& slot)
    {
        return format_iso8601(slot.time.start(), time_zone("Europe/Berlin"));
    }

    db::Store store = db::Store::in_memory();
};

TEST_F(SchedulingServiceTest, VenuesAreRankedByTheLongestJourney)
{
    const auto suggestion = suggest_venues(
        store, {{{PersonId("karin-bartholomaeus"), PersonId("christine-ludwig"), PersonId("knut-immeke"),
                  PersonId("andreas-koester"), PersonId("frank-veser"), PersonId("axel-gossner")},
                 {}},
                {}});
    ASSERT_EQ(suggestion.ranking.venues.size(), 5U);
    EXPECT_EQ(suggestion.ranking.venues.front().venue, VenueId("lra-ravensburg-sitzung"));
    // The directory the ranking is named in comes with it.
    EXPECT_NE(suggestion.directory.find(suggestion.ranking.venues.front().venue), nullptr);
}

TEST_F(SchedulingServiceTest, AnUnknownPersonIsNamedAsTheFrontEndNamesItsList)
{
    People people{{PersonId("karin-bartholomaeus")}, {PersonId("karin")}, "--required", "--optional"};
    try {
        static_cast<void>(suggest_venues(store, {people, {}}));
        FAIL() << "an unknown person was ranked";
    } catch (const NotFound& error) {
        EXPECT_STREQ(error.what(), "--optional: unknown person 'karin'; 'planner show MEETING' lists people's ids");
    }
}

TEST_F(SchedulingServiceTest, TheDriveFromTheSprecherratDecidesTheAfternoonStart)
{
    auto window = days(greg::date(2013, 1, 8), greg::date(2013, 1, 8));
    window.venue = VenueId("lra-ravensburg-sitzung");
    const auto proposals =
        find_slot(store, {{{PersonId("karin-bartholomaeus"), PersonId("christine-ludwig")}, {}}, pt::hours(3), window});
    ASSERT_EQ(proposals.search.slots.size(), 1U);
    EXPECT_EQ(start_of(proposals.search.slots.front()), "2013-01-08T12:30:00+01:00");
    EXPECT_EQ(proposals.request.time_zone, "Europe/Berlin");
    EXPECT_EQ(proposals.request.venues, std::vector<VenueId>{VenueId("lra-ravensburg-sitzung")});
}

TEST_F(SchedulingServiceTest, AnUnknownVenueIsNamedAsTheFrontEndNamesIt)
{
    auto window = days(greg::date(2013, 1, 8), greg::date(2013, 1, 8));
    window.venue = VenueId("rathaus");
    window.venue_named = "--venue";
    EXPECT_THROW(
        {
            try {
                static_cast<void>(find_slot(store, {{{PersonId("karin-bartholomaeus")}, {}}, pt::hours(2), window}));
            } catch (const NotFound& error) {
                EXPECT_STREQ(error.what(), "--venue: unknown venue 'rathaus'");
                throw;
            }
        },
        NotFound);
}

TEST_F(SchedulingServiceTest, ScheduleStoresTheTentativeMeetingInThePickedSlot)
{
    const auto placement = schedule(store, {"projekt-2013", days(greg::date(2013, 2, 1), greg::date(2013, 2, 28)), 2});
    ASSERT_TRUE(placement.placed);
    ASSERT_GE(placement.proposals.search.slots.size(), 2U);
    EXPECT_EQ(*placement.slot, placement.proposals.search.slots[1]);
    EXPECT_EQ(placement.placed->time.start(), placement.slot->time.start());
    EXPECT_EQ(placement.placed->venue, VenueId("lra-ravensburg-sitzung"));  // its own venue, unless told otherwise
    const auto stored = store.meeting(MeetingId("projekt-2013"));
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->time, placement.placed->time);
    EXPECT_EQ(stored->status, MeetingStatus::tentative);
    EXPECT_FALSE(placement.not_placed);
}

TEST_F(SchedulingServiceTest, ScheduleWithoutASlotSaysWhyAndChangesNothing)
{
    const auto before = store.meeting(MeetingId("projekt-2013"));
    const auto placement = schedule(store, {"projekt-2013", days(greg::date(2013, 1, 12), greg::date(2013, 1, 13)), 1});
    EXPECT_FALSE(placement.placed);
    EXPECT_EQ(placement.not_placed, "meeting 'projekt-2013' was not moved: there is no slot for it");
    EXPECT_FALSE(placement.proposals.search.obstacles.empty());
    EXPECT_EQ(store.meeting(MeetingId("projekt-2013")), before);
}

TEST_F(SchedulingServiceTest, ScheduleRefusesAMeetingThatIsNotTentative)
{
    EXPECT_THROW(static_cast<void>(schedule(store, {"kennenlernen-2012",
                                                    days(greg::date(2013, 1, 7), greg::date(2013, 1, 11)), 1})),
                 Error);
    EXPECT_THROW(static_cast<void>(schedule(store, {"sprecherrat-2013",
                                                    days(greg::date(2013, 1, 7), greg::date(2013, 1, 11)), 1})),
                 Error);
    EXPECT_THROW(
        static_cast<void>(schedule(store, {"niemand", days(greg::date(2013, 1, 7), greg::date(2013, 1, 11)), 1})),
        NotFound);
}

}  // namespace
}  // namespace planner::services
