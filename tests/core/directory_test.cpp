#include <planner/directory.hpp>

#include <planner/error.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace pt = boost::posix_time;

using namespace planner;

County county(const char* id, const char* name)
{
    return County{CountyId{id}, name, "Friedrichshafen", "DE-BW", GeoPoint(47.65, 9.48)};
}

Organisation organisation(const char* id, const char* name, const char* county_id)
{
    return Organisation{OrganisationId{id}, name, CountyId{county_id}, OrganisationKind::district_office,
                        std::nullopt};
}

Person person(const char* id, const char* name, const char* organisation_id)
{
    return Person{PersonId{id}, name, EmailAddress(std::string(id) + "@example.org"),
                  OrganisationId{organisation_id}, "", Access::any, std::nullopt};
}

Venue venue(const char* id, const char* name)
{
    return Venue{VenueId{id}, name, "Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee",
                 CountyId{"bodenseekreis"}, 40, GeoPoint(47.6667, 9.3667), Accessibility::step_free};
}

Meeting meeting(const char* id, const char* start_utc)
{
    const auto start = pt::time_from_string(start_utc);
    return Meeting{MeetingId{id}, std::string("uid-") + id, id, "", TimeRange(start, start + pt::hours(1)),
                   "Europe/Berlin", VenueId{"schloss"}, {}, {}, {}, MeetingStatus::confirmed, 0, {}, {}, {}, {}};
}

template <class Action>
std::string not_found_message(Action action)
{
    try {
        action();
    } catch (const NotFound& error) {
        return error.what();
    }
    ADD_FAILURE() << "expected a planner::NotFound";
    return {};
}

class DirectoryTest : public ::testing::Test {
protected:
    DirectoryTest()
    {
        directory.add(county("bodenseekreis", "Bodenseekreis"));
        directory.add(county("konstanz", "Konstanz"));
        directory.add(organisation("lra-bsk", "Landratsamt Bodenseekreis", "bodenseekreis"));
        directory.add(organisation("lra-kn", "Landratsamt Konstanz", "konstanz"));
        directory.add(person("koester", "Ulrich Köster", "lra-bsk"));
        directory.add(person("veser", "Frank Veser", "lra-kn"));
        directory.add(venue("schloss", "Schloss Hersberg"));
    }

    Directory directory;
};

TEST_F(DirectoryTest, FindsWhatWasAdded)
{
    ASSERT_NE(directory.find(CountyId{"konstanz"}), nullptr);
    EXPECT_EQ(directory.find(CountyId{"konstanz"})->name, "Konstanz");
    ASSERT_NE(directory.find(OrganisationId{"lra-kn"}), nullptr);
    EXPECT_EQ(directory.find(OrganisationId{"lra-kn"})->name, "Landratsamt Konstanz");
    ASSERT_NE(directory.find(PersonId{"koester"}), nullptr);
    EXPECT_EQ(directory.find(PersonId{"koester"})->name, "Ulrich Köster");
    ASSERT_NE(directory.find(VenueId{"schloss"}), nullptr);
    EXPECT_EQ(directory.find(VenueId{"schloss"})->name, "Schloss Hersberg");
}

TEST_F(DirectoryTest, GetsWhatWasAdded)
{
    EXPECT_EQ(directory.county(CountyId{"bodenseekreis"}), county("bodenseekreis", "Bodenseekreis"));
    EXPECT_EQ(directory.organisation(OrganisationId{"lra-bsk"}),
              organisation("lra-bsk", "Landratsamt Bodenseekreis", "bodenseekreis"));
    EXPECT_EQ(directory.person(PersonId{"veser"}), person("veser", "Frank Veser", "lra-kn"));
    EXPECT_EQ(directory.venue(VenueId{"schloss"}), venue("schloss", "Schloss Hersberg"));
    directory.add(meeting("austausch", "2012-10-11 12:00:00"));
    EXPECT_EQ(directory.meeting(MeetingId{"austausch"}), meeting("austausch", "2012-10-11 12:00:00"));
}

TEST_F(DirectoryTest, FindGivesNullForUnknownIds)
{
    EXPECT_EQ(directory.find(CountyId{"ravensburg"}), nullptr);
    EXPECT_EQ(directory.find(OrganisationId{"lra-rv"}), nullptr);
    EXPECT_EQ(directory.find(PersonId{"x"}), nullptr);
    EXPECT_EQ(directory.find(VenueId{"rathaus"}), nullptr);
    EXPECT_EQ(directory.find(MeetingId{"austausch"}), nullptr);
    // Ids of one kind do not find records of another.
    EXPECT_EQ(directory.find(PersonId{"konstanz"}), nullptr);
}

TEST_F(DirectoryTest, UnknownIdsThrowNotFoundNamingTheId)
{
    EXPECT_EQ(not_found_message([&] { static_cast<void>(directory.person(PersonId{"x"})); }), "unknown person 'x'");
    EXPECT_EQ(not_found_message([&] { static_cast<void>(directory.county(CountyId{"ravensburg"})); }),
              "unknown county 'ravensburg'");
    EXPECT_EQ(not_found_message([&] { static_cast<void>(directory.organisation(OrganisationId{"lra-rv"})); }),
              "unknown organisation 'lra-rv'");
    EXPECT_EQ(not_found_message([&] { static_cast<void>(directory.venue(VenueId{"rathaus"})); }),
              "unknown venue 'rathaus'");
    EXPECT_EQ(not_found_message([&] { static_cast<void>(directory.meeting(MeetingId{"austausch"})); }),
              "unknown meeting 'austausch'");
}

TEST_F(DirectoryTest, NotFoundIsAPlannerError)
{
    EXPECT_THROW(static_cast<void>(directory.person(PersonId{"x"})), Error);
}

TEST_F(DirectoryTest, AddingTheSameIdReplacesTheRecord)
{
    directory.add(person("veser", "Frank Veser-Neu", "lra-bsk"));
    EXPECT_EQ(directory.people().size(), 2U);
    EXPECT_EQ(directory.person(PersonId{"veser"}).name, "Frank Veser-Neu");
    EXPECT_EQ(directory.person(PersonId{"veser"}).organisation, OrganisationId{"lra-bsk"});
}

TEST_F(DirectoryTest, MapsAreKeyedById)
{
    EXPECT_EQ(directory.counties().size(), 2U);
    EXPECT_EQ(directory.organisations().size(), 2U);
    EXPECT_EQ(directory.venues().size(), 1U);
    EXPECT_TRUE(directory.meetings().empty());
    std::vector<std::string> ids;
    for (const auto& [id, record] : directory.people()) {
        EXPECT_EQ(id, record.id);
        ids.push_back(id.str());
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"koester", "veser"}));
}

TEST_F(DirectoryTest, MeetingsByStartThenId)
{
    directory.add(meeting("c", "2013-03-06 09:00:00"));
    directory.add(meeting("a", "2013-03-06 10:00:00"));
    directory.add(meeting("b", "2013-03-06 09:00:00"));
    directory.add(meeting("d", "2012-10-11 12:00:00"));
    std::vector<std::string> order;
    for (const auto* m : directory.meetings_by_start()) {
        order.push_back(m->id.str());
    }
    EXPECT_EQ(order, (std::vector<std::string>{"d", "b", "c", "a"}));
}

TEST_F(DirectoryTest, MeetingsByStartOfAnEmptyDirectory)
{
    EXPECT_TRUE(directory.meetings_by_start().empty());
}

TEST_F(DirectoryTest, CountyOfAPersonGoesThroughTheOrganisation)
{
    EXPECT_EQ(directory.county_of(directory.person(PersonId{"koester"})).name, "Bodenseekreis");
    EXPECT_EQ(directory.county_of(directory.person(PersonId{"veser"})).name, "Konstanz");
}

TEST_F(DirectoryTest, CountyOfWithABrokenChainThrowsNotFound)
{
    const auto stray = person("stray", "Stray Person", "ghost-org");
    EXPECT_EQ(not_found_message([&] { static_cast<void>(directory.county_of(stray)); }),
              "unknown organisation 'ghost-org'");
    directory.add(organisation("nowhere-org", "Nirgendwo e.V.", "nowhere"));
    const auto lost = person("lost", "Lost Person", "nowhere-org");
    EXPECT_EQ(not_found_message([&] { static_cast<void>(directory.county_of(lost)); }), "unknown county 'nowhere'");
}

}  // namespace

TEST(GuestListTest, HiddenWhenAnyoneInvitedBelongsToASelfHelpGroupOrInitiativeUnlessTheOrganiserSaysOtherwise)
{
    Directory directory;
    directory.add(organisation("lra", "Landratsamt", "bodenseekreis"));
    auto group = organisation("shg", "Selbsthilfegruppe Tinnitus", "bodenseekreis");
    group.kind = OrganisationKind::self_help_group;
    directory.add(group);
    auto initiative = organisation("bi", "Bürgerinitiative", "bodenseekreis");
    initiative.kind = OrganisationKind::civic_initiative;
    directory.add(initiative);
    directory.add(person("amt", "Andreas Amt", "lra"));
    directory.add(person("gerda", "Gerda Straub", "shg"));
    directory.add(person("bernd", "Bernd Bürger", "bi"));

    auto among_offices = meeting("m", "2013-01-08 09:00:00");
    among_offices.organisers = {PersonId("amt")};
    EXPECT_TRUE(guest_list_shown(among_offices, directory));

    auto with_a_group = among_offices;
    with_a_group.participants = {{PersonId("gerda"), Role::required}};
    EXPECT_FALSE(guest_list_shown(with_a_group, directory));
    auto with_an_initiative = among_offices;
    with_an_initiative.participants = {{PersonId("bernd"), Role::info}};
    EXPECT_FALSE(guest_list_shown(with_an_initiative, directory));
    // Someone the records lack may be anyone: hidden.
    auto with_a_stranger = among_offices;
    with_a_stranger.participants = {{PersonId("unknown"), Role::optional}};
    EXPECT_FALSE(guest_list_shown(with_a_stranger, directory));

    with_a_group.participants_see_each_other = true;
    EXPECT_TRUE(guest_list_shown(with_a_group, directory));
    among_offices.participants_see_each_other = false;
    EXPECT_FALSE(guest_list_shown(among_offices, directory));
}
