#include <planner/slot_finder.hpp>

#include <planner/error.hpp>
#include <planner/time_zone.hpp>
#include <planner/travel.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

using namespace planner;

const GeoPoint friedrichshafen(47.6553, 9.4760);
const GeoPoint sigmaringen(48.0876, 9.2170);

// A wall-clock time in Berlin ("2013-03-06 09:30") as a UTC instant.
pt::ptime local(const std::string& text)
{
    return time_zone("Europe/Berlin").to_utc(pt::time_from_string(text + ":00"));
}

std::string local_text(pt::ptime utc)
{
    return pt::to_simple_string(time_zone("Europe/Berlin").to_local(utc)).substr(0, 17);
}

std::vector<std::string> starts(const SlotSearch& search)
{
    std::vector<std::string> result;
    for (const auto& slot : search.slots) {
        result.push_back(local_text(slot.time.start()));
    }
    return result;
}

class SlotFinderTest : public ::testing::Test {
protected:
    SlotFinderTest()
    {
        directory.add(County{CountyId{"bodenseekreis"}, "Bodenseekreis", "Friedrichshafen", "DE-BW", friedrichshafen});
        directory.add(County{CountyId{"sigmaringen"}, "Landkreis Sigmaringen", "Sigmaringen", "DE-BW", sigmaringen});
        directory.add(Organisation{OrganisationId{"lra-bsk"}, "Landratsamt Bodenseekreis", CountyId{"bodenseekreis"},
                                   OrganisationKind::district_office, std::nullopt});
        add_person("anna", "Anna Amsel");
        add_person("bernd", "Bernd Berg");
        add_person("clara", "Clara Clausen");
        add_person("dieter", "Dieter Dorn", Access::step_free);
        add_venue("fn", "Saal Friedrichshafen", 10, friedrichshafen, Accessibility::step_free);
        add_venue("sig", "Saal Sigmaringen", 30, sigmaringen, Accessibility::unknown);
        add_venue("klein", "Kleiner Raum", 2, friedrichshafen, Accessibility::not_step_free);

        request.duration = pt::hours(2);
        request.first_day = greg::date(2013, 3, 6);  // a Wednesday
        request.last_day = greg::date(2013, 3, 6);
        request.venues = {VenueId{"fn"}};
        request.required = {PersonId{"anna"}};
    }

    void add_person(const char* id, const char* name, Access access = Access::any)
    {
        directory.add(Person{PersonId{id}, name, EmailAddress(std::string(id) + "@bodenseekreis.de"),
                             OrganisationId{"lra-bsk"}, "", access, std::nullopt});
    }

    void add_venue(const char* id, const char* name, unsigned capacity, GeoPoint geo, Accessibility access)
    {
        directory.add(Venue{VenueId{id}, name, "Adresse", geo == sigmaringen ? CountyId{"sigmaringen"}
                                                                             : CountyId{"bodenseekreis"},
                            capacity, geo, access});
    }

    void add_meeting(const char* id, const std::string& start, const std::string& end, const char* venue,
                     std::vector<const char*> people, MeetingStatus status = MeetingStatus::confirmed)
    {
        std::vector<Participant> participants;
        for (const auto* person : people) {
            participants.push_back({PersonId{person}, Role::required});
        }
        directory.add(Meeting{MeetingId{id}, std::string("uid-") + id, std::string("Sitzung ") + id, "",
                              TimeRange(local(start), local(end)), "Europe/Berlin", VenueId{venue},
                              {PersonId{"bernd"}}, std::move(participants), {}, status, 0, {}, std::nullopt,
                              std::nullopt, std::nullopt});
    }

    [[nodiscard]] SlotSearch search() const { return find_slots(directory, busy, request); }

    Directory directory;
    std::vector<BusyPeriod> busy;
    SlotRequest request;
};

TEST_F(SlotFinderTest, AFreeDayGivesItsFirstStart)
{
    const auto found = search();
    ASSERT_EQ(found.slots.size(), 1U);
    EXPECT_EQ(found.slots[0].time, TimeRange(local("2013-03-06 09:00"), local("2013-03-06 11:00")));
    EXPECT_EQ(found.slots[0].venue, VenueId{"fn"});
    EXPECT_TRUE(found.slots[0].missing.empty());
    EXPECT_TRUE(found.obstacles.empty());
}

TEST_F(SlotFinderTest, SlotExactlyBetweenTwoMeetings)
{
    add_meeting("vor", "2013-03-06 09:00", "2013-03-06 11:00", "fn", {"anna"});
    add_meeting("nach", "2013-03-06 13:00", "2013-03-06 15:00", "fn", {"anna"});
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-Mar-06 11:00"});
    request.duration = pt::minutes(121);  // one minute too long for the gap, and for 15:00-17:00
    EXPECT_TRUE(search().slots.empty());
    request.hours.to = pt::hours(18);
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-Mar-06 15:00"});
}

TEST_F(SlotFinderTest, TheVenueMustBeFree)
{
    add_meeting("belegt", "2013-03-06 09:00", "2013-03-06 12:00", "fn", {"clara"});
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-Mar-06 12:00"});
}

TEST_F(SlotFinderTest, TheDriveFromTheMeetingBeforeRulesOutAnOtherwiseFreeSlot)
{
    add_meeting("sigmaringen", "2013-03-06 09:00", "2013-03-06 11:00", "sig", {"anna"});
    const auto drive = driving_time(request.travel, sigmaringen, friedrichshafen);
    ASSERT_GT(drive, pt::minutes(60));  // so 11:00 and 11:15 ... 12:00 are all too early
    const auto found = search();
    ASSERT_EQ(found.slots.size(), 1U);
    // The first quarter hour at which the drive is done.
    const auto arrival = local("2013-03-06 11:00") + drive;
    EXPECT_GE(found.slots[0].time.start(), arrival);
    EXPECT_LT(found.slots[0].time.start() - arrival, pt::minutes(15));
    // Meeting where she already is needs no drive.
    request.venues = {VenueId{"sig"}};
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-Mar-06 11:00"});
}

TEST_F(SlotFinderTest, TheDriveToTheMeetingAfterCountsToo)
{
    add_meeting("sigmaringen", "2013-03-06 11:00", "2013-03-06 17:00", "sig", {"anna"});
    // 09:00-11:00 in Friedrichshafen leaves no time to drive to Sigmaringen.
    EXPECT_TRUE(search().slots.empty());
    request.hours.from = pt::hours(7);
    request.hours.to = pt::hours(17);
    const auto found = search();
    ASSERT_EQ(found.slots.size(), 1U);
    EXPECT_LE(found.slots[0].time.end() + driving_time(request.travel, friedrichshafen, sigmaringen),
              local("2013-03-06 11:00"));
}

TEST_F(SlotFinderTest, NoSlotOnWeekendsOrHolidaysUnlessAllowed)
{
    // Thursday 9 May 2013 is Christi Himmelfahrt; 11 and 12 May are a weekend.
    request.first_day = greg::date(2013, 5, 9);
    request.last_day = greg::date(2013, 5, 12);
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-May-10 09:00"});
    request.holidays = Holidays::allow;
    EXPECT_EQ(starts(search()), (std::vector<std::string>{"2013-May-09 09:00", "2013-May-10 09:00"}));
    request.weekends = Weekends::allow;
    EXPECT_EQ(search().slots.size(), 4U);
}

TEST_F(SlotFinderTest, TheVenueMustHoldEveryone)
{
    request.required = {PersonId{"anna"}, PersonId{"bernd"}};
    request.optional = {PersonId{"clara"}};
    request.venues = {VenueId{"klein"}};
    const auto found = search();
    EXPECT_TRUE(found.slots.empty());
    ASSERT_EQ(found.obstacles.size(), 1U);
    EXPECT_EQ(found.obstacles[0].message, "Kleiner Raum holds 2 of the 3 people");
    // Any venue: the small room is never proposed.
    request.venues.clear();
    request.first_day = greg::date(2013, 3, 4);
    request.last_day = greg::date(2013, 3, 8);
    for (const auto& slot : search().slots) {
        EXPECT_NE(slot.venue, VenueId{"klein"});
    }
}

TEST_F(SlotFinderTest, AVenueWithStepsIsNoPlaceForSomeoneWhoNeedsStepFreeAccess)
{
    request.required = {PersonId{"dieter"}};
    request.venues = {VenueId{"klein"}};
    const auto found = search();
    EXPECT_TRUE(found.slots.empty());
    ASSERT_FALSE(found.obstacles.empty());
    EXPECT_NE(found.obstacles[0].message.find("Dieter Dorn"), std::string::npos) << found.obstacles[0].message;
    // An optional person who needs it is missing there, with the reason.
    request.required = {PersonId{"anna"}};
    request.optional = {PersonId{"dieter"}};
    const auto with_steps = search();
    ASSERT_EQ(with_steps.slots.size(), 1U);
    ASSERT_EQ(with_steps.slots[0].missing.size(), 1U);
    EXPECT_EQ(with_steps.slots[0].missing[0].reason, "needs step-free access, which Kleiner Raum lacks");
    EXPECT_EQ(with_steps.slots[0].missing[0].cause, AbsenceCause::step_free_access);
}

TEST_F(SlotFinderTest, FewestOptionalPeopleMissingComeFirstThenTheEarliest)
{
    request.first_day = greg::date(2013, 3, 5);
    request.last_day = greg::date(2013, 3, 7);
    request.optional = {PersonId{"bernd"}, PersonId{"clara"}};
    // Tuesday: both optional people are away all day; Wednesday: Clara is; Thursday: nobody.
    add_meeting("dienstag", "2013-03-05 08:00", "2013-03-05 18:00", "sig", {"clara"});
    busy.push_back({PersonId{"clara"}, TimeRange(local("2013-03-06 08:00"), local("2013-03-06 18:00")), "Urlaub"});
    const auto found = search();
    EXPECT_EQ(starts(found),
              (std::vector<std::string>{"2013-Mar-07 09:00", "2013-Mar-06 09:00", "2013-Mar-05 09:00"}));
    ASSERT_EQ(found.slots.size(), 3U);
    EXPECT_TRUE(found.slots[0].missing.empty());
    ASSERT_EQ(found.slots[1].missing.size(), 1U);
    EXPECT_EQ(found.slots[1].missing[0].person, PersonId{"clara"});
    EXPECT_EQ(found.slots[1].missing[0].reason, "busy (Urlaub), 2013-03-06 08:00–18:00");
    EXPECT_EQ(found.slots[1].missing[0].cause, AbsenceCause::busy);
    EXPECT_EQ(found.slots[1].missing[0].meeting, std::nullopt);
    ASSERT_EQ(found.slots[2].missing.size(), 2U);  // bernd organises the meeting Clara is in
    EXPECT_EQ(found.slots[2].missing[1].reason, "in 'Sitzung dienstag', 2013-03-05 08:00–18:00");
    EXPECT_EQ(found.slots[2].missing[1].cause, AbsenceCause::meeting);
    EXPECT_TRUE(found.slots[2].missing[1].meeting.has_value());
    // Within a day, a later start that loses nobody beats an earlier one that does.
    request.first_day = request.last_day = greg::date(2013, 3, 6);
    busy.back() = {PersonId{"clara"}, TimeRange(local("2013-03-06 08:00"), local("2013-03-06 10:00")), "Arzt"};
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-Mar-06 10:00"});
}

TEST_F(SlotFinderTest, NoSlotSaysWhatRuledOutTheMostDays)
{
    request.first_day = greg::date(2013, 3, 4);  // Monday
    request.last_day = greg::date(2013, 3, 10);  // Sunday
    request.required = {PersonId{"anna"}, PersonId{"bernd"}};
    for (int day = 4; day <= 8; ++day) {
        const auto date = fmt::format("2013-03-{:02}", day);
        busy.push_back({PersonId{"bernd"}, TimeRange(local(date + " 08:00"), local(date + " 18:00")), "Kalender"});
    }
    busy.push_back({PersonId{"anna"}, TimeRange(local("2013-03-05 08:00"), local("2013-03-05 18:00")), "Kalender"});
    const auto found = search();
    EXPECT_TRUE(found.slots.empty());
    ASSERT_EQ(found.obstacles.size(), 3U);
    EXPECT_EQ(found.obstacles[0].message, "Bernd Berg is busy on 5 of 5 days");
    EXPECT_EQ(found.obstacles[0].days, 5U);
    EXPECT_EQ(found.obstacles[1].message, "2 of 7 days are weekends or public holidays");
    EXPECT_EQ(found.obstacles[2].message, "Anna Amsel is busy on 1 of 5 days");
}

TEST_F(SlotFinderTest, TentativeMeetingsHoldTheirTimeButCancelledOnesDoNot)
{
    add_meeting("vorlaeufig", "2013-03-06 09:00", "2013-03-06 12:00", "sig", {"anna"}, MeetingStatus::tentative);
    request.venues = {VenueId{"sig"}};
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-Mar-06 12:00"});
    add_meeting("vorlaeufig", "2013-03-06 09:00", "2013-03-06 12:00", "sig", {"anna"}, MeetingStatus::cancelled);
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-Mar-06 09:00"});
}

TEST_F(SlotFinderTest, TheMeetingBeingPlacedDoesNotStandInItsOwnWay)
{
    add_meeting("projekt", "2013-03-06 09:00", "2013-03-06 11:00", "fn", {"anna"}, MeetingStatus::tentative);
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-Mar-06 11:00"});
    request.placing = MeetingId{"projekt"};
    EXPECT_EQ(starts(search()), std::vector<std::string>{"2013-Mar-06 09:00"});
}

TEST_F(SlotFinderTest, AnyVenuePrefersTheFairestAtTheSameTime)
{
    // Anna works in Friedrichshafen; from Sigmaringen's seat Bernd would drive.
    request.venues.clear();
    EXPECT_EQ(search().slots.at(0).venue, VenueId{"fn"});
}

TEST_F(SlotFinderTest, ProposesOneSlotADayUpToTheCount)
{
    request.first_day = greg::date(2013, 3, 4);
    request.last_day = greg::date(2013, 3, 29);
    request.count = 3;
    EXPECT_EQ(starts(search()),
              (std::vector<std::string>{"2013-Mar-04 09:00", "2013-Mar-05 09:00", "2013-Mar-06 09:00"}));
}

TEST_F(SlotFinderTest, ASeriesMustBeExpandedFirst)
{
    add_meeting("rat", "2013-03-06 09:00", "2013-03-06 11:00", "fn", {"anna"});
    auto series = directory.meeting(MeetingId{"rat"});
    series.recurrence = Recurrence{"FREQ=MONTHLY;BYDAY=1WE", {}, {}};
    directory.add(series);
    EXPECT_THROW(static_cast<void>(search()), Error);
}

TEST_F(SlotFinderTest, RequestsThatCannotBeSearchedAreRefused)
{
    auto bad = request;
    bad.required.clear();
    EXPECT_THROW(static_cast<void>(find_slots(directory, busy, bad)), Error);
    bad = request;
    bad.duration = pt::hours(9);
    EXPECT_THROW(static_cast<void>(find_slots(directory, busy, bad)), Error);
    bad = request;
    bad.last_day = greg::date(2013, 3, 5);
    EXPECT_THROW(static_cast<void>(find_slots(directory, busy, bad)), Error);
    bad = request;
    bad.required = {PersonId{"niemand"}};
    EXPECT_THROW(static_cast<void>(find_slots(directory, busy, bad)), NotFound);
    bad = request;
    bad.venues = {VenueId{"nirgends"}};
    EXPECT_THROW(static_cast<void>(find_slots(directory, busy, bad)), NotFound);
}

}  // namespace
