#include <planner/venue_ranking.hpp>

#include <planner/error.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

namespace pt = boost::posix_time;

using namespace planner;

// The places of these tests lie on one meridian, named by their distance in km from
// a point south of Lake Constance. With a model of one minute per km as the crow
// flies, every journey takes as many minutes as the places are km apart, so the
// expected figures can be read off the positions.
const TravelModel minute_per_km{1.0, 60.0, pt::minutes(0)};

GeoPoint at_km(double km)
{
    static const double km_per_degree = great_circle_km(GeoPoint(47.0, 9.0), GeoPoint(48.0, 9.0));
    return GeoPoint(47.0 + km / km_per_degree, 9.0);
}

std::vector<std::string> venue_ids(const VenueRanking& ranking)
{
    std::vector<std::string> result;
    for (const auto& choice : ranking.venues) {
        result.push_back(choice.venue.str());
    }
    return result;
}

std::vector<std::string> person_ids(const VenueChoice& choice)
{
    std::vector<std::string> result;
    for (const auto& journey : choice.journeys) {
        result.push_back(journey.person.str());
    }
    return result;
}

// Two counties 100 km apart: Südkreis with its seat at km 0, Nordkreis at km 100.
// Each has a district office at its seat; the Südkreis also has a self-help group
// without a place of its own.
class VenueRankingTest : public ::testing::Test {
protected:
    VenueRankingTest()
    {
        directory.add(County{CountyId{"suedkreis"}, "Südkreis", "Südstadt", "DE-BW", at_km(0)});
        directory.add(County{CountyId{"nordkreis"}, "Nordkreis", "Nordstadt", "DE-BW", at_km(100)});
        directory.add(Organisation{OrganisationId{"lra-sued"}, "Landratsamt Südkreis", CountyId{"suedkreis"},
                                   OrganisationKind::district_office, at_km(0)});
        directory.add(Organisation{OrganisationId{"lra-nord"}, "Landratsamt Nordkreis", CountyId{"nordkreis"},
                                   OrganisationKind::district_office, at_km(100)});
        directory.add(Organisation{OrganisationId{"shg-sued"}, "Selbsthilfegruppe Südkreis", CountyId{"suedkreis"},
                                   OrganisationKind::self_help_group, std::nullopt});
    }

    void add_person(const char* id, const char* organisation, std::optional<GeoPoint> geo = std::nullopt,
                    Access access = Access::any, const char* name = nullptr)
    {
        directory.add(Person{PersonId{id}, name != nullptr ? name : id, EmailAddress(std::string(id) + "@example.de"),
                             OrganisationId{organisation}, "", access, geo});
    }

    void add_venue(const char* id, double km, unsigned capacity = 50,
                   Accessibility accessibility = Accessibility::step_free)
    {
        directory.add(Venue{VenueId{id}, id, "Hauptstraße 1", CountyId{"suedkreis"}, capacity, at_km(km),
                            accessibility});
    }

    VenueRanking rank(const std::vector<PersonId>& required, const std::vector<PersonId>& optional = {}) const
    {
        return rank_venues(directory, required, optional, minute_per_km);
    }

    Directory directory;
};

// ------------------------------------------------------------ home_of

TEST_F(VenueRankingTest, HomeIsThePersonsOwnPlaceWhereGiven)
{
    add_person("anna", "lra-sued", at_km(7));
    EXPECT_EQ(home_of(directory, directory.person(PersonId{"anna"})), at_km(7));
}

TEST_F(VenueRankingTest, HomeFallsBackToTheOrganisationsPlace)
{
    add_person("bernd", "lra-nord");
    EXPECT_EQ(home_of(directory, directory.person(PersonId{"bernd"})), at_km(100));
}

TEST_F(VenueRankingTest, HomeFallsBackToTheCountySeatWhereTheOrganisationHasNoPlace)
{
    add_person("clara", "shg-sued");
    EXPECT_EQ(home_of(directory, directory.person(PersonId{"clara"})), at_km(0));
}

// ------------------------------------------------------------ ranking

TEST_F(VenueRankingTest, FairestVenueWinsOverTheSmallestTotal)
{
    // Three from the south, one from the north: meeting in the south costs the least
    // in total, but makes one person drive 100 km while the others stay at home.
    add_person("s1", "lra-sued");
    add_person("s2", "lra-sued");
    add_person("s3", "lra-sued");
    add_person("n1", "lra-nord");
    add_venue("im-sueden", 0);
    add_venue("in-der-mitte", 50);

    const auto ranking = rank({PersonId{"s1"}, PersonId{"s2"}, PersonId{"s3"}, PersonId{"n1"}});

    EXPECT_EQ(venue_ids(ranking), (std::vector<std::string>{"in-der-mitte", "im-sueden"}));
    EXPECT_EQ(ranking.venues[0].longest, pt::minutes(50));
    EXPECT_EQ(ranking.venues[0].total, pt::minutes(200));
    EXPECT_EQ(ranking.venues[1].longest, pt::minutes(100));
    EXPECT_EQ(ranking.venues[1].total, pt::minutes(100));
    EXPECT_TRUE(ranking.unsuitable.empty());
}

TEST_F(VenueRankingTest, EqualLongestJourneyIsDecidedByTheTotal)
{
    // From km 40 and km 60 the longest journey is 60 km either way; the person at
    // km 90 makes km 60 the shorter total. The ids would order them the other way.
    add_person("s1", "lra-sued");
    add_person("n1", "lra-nord");
    add_person("n2", "lra-nord", at_km(90));
    add_venue("altstadt", 40);
    add_venue("zentrum", 60);

    const auto ranking = rank({PersonId{"s1"}, PersonId{"n1"}, PersonId{"n2"}});

    EXPECT_EQ(venue_ids(ranking), (std::vector<std::string>{"zentrum", "altstadt"}));
    EXPECT_EQ(ranking.venues[0].longest, pt::minutes(60));
    EXPECT_EQ(ranking.venues[0].total, pt::minutes(60 + 40 + 30));
    EXPECT_EQ(ranking.venues[1].longest, pt::minutes(60));
    EXPECT_EQ(ranking.venues[1].total, pt::minutes(40 + 60 + 50));
}

TEST_F(VenueRankingTest, EqualJourneysAreDecidedByTheVenueId)
{
    add_person("s1", "lra-sued");
    add_venue("saal-b", 10);
    add_venue("saal-a", 10);

    EXPECT_EQ(venue_ids(rank({PersonId{"s1"}})), (std::vector<std::string>{"saal-a", "saal-b"}));
}

TEST_F(VenueRankingTest, JourneysAreLongestFirstThenByPerson)
{
    add_person("s2", "lra-sued");
    add_person("s1", "lra-sued");
    add_person("n1", "lra-nord");
    add_venue("saal", 30);

    const auto ranking = rank({PersonId{"s2"}, PersonId{"n1"}, PersonId{"s1"}});

    ASSERT_EQ(ranking.venues.size(), 1U);
    const auto& choice = ranking.venues[0];
    EXPECT_EQ(person_ids(choice), (std::vector<std::string>{"n1", "s1", "s2"}));
    EXPECT_EQ(choice.journeys[0].drive, pt::minutes(70));
    EXPECT_NEAR(choice.journeys[0].km, 70.0, 1e-6);
    EXPECT_EQ(choice.journeys[1].drive, pt::minutes(30));
    EXPECT_NEAR(choice.journeys[1].km, 30.0, 1e-6);
}

TEST_F(VenueRankingTest, ShowsEachCountysTravel)
{
    // The self-help group's member travels from the Südkreis seat; the second district
    // office member lives at km 20.
    add_person("s1", "lra-sued");
    add_person("s2", "lra-sued", at_km(20));
    add_person("g1", "shg-sued");
    add_person("n1", "lra-nord");
    add_venue("saal", 70);

    const auto ranking = rank({PersonId{"s1"}, PersonId{"s2"}, PersonId{"g1"}, PersonId{"n1"}});

    ASSERT_EQ(ranking.venues.size(), 1U);
    EXPECT_EQ(ranking.venues[0].counties,
              (std::vector<CountyTravel>{{CountyId{"suedkreis"}, 3, pt::minutes(70), pt::minutes(70 + 50 + 70)},
                                         {CountyId{"nordkreis"}, 1, pt::minutes(30), pt::minutes(30)}}));
    EXPECT_EQ(ranking.venues[0].longest, pt::minutes(70));
    EXPECT_EQ(ranking.venues[0].total, pt::minutes(220));
}

TEST_F(VenueRankingTest, CountiesWithEqualLongestJourneysAreOrderedById)
{
    add_person("s1", "lra-sued");
    add_person("n1", "lra-nord");
    add_venue("mitte", 50);

    const auto ranking = rank({PersonId{"s1"}, PersonId{"n1"}});

    ASSERT_EQ(ranking.venues.size(), 1U);
    ASSERT_EQ(ranking.venues[0].counties.size(), 2U);
    EXPECT_EQ(ranking.venues[0].counties[0].county, CountyId{"nordkreis"});
    EXPECT_EQ(ranking.venues[0].counties[1].county, CountyId{"suedkreis"});
}

TEST_F(VenueRankingTest, CountsEachPersonOnceRequiredOrOptional)
{
    add_person("s1", "lra-sued");
    add_person("n1", "lra-nord");
    add_venue("zwei-plaetze", 50, 2);

    const auto ranking = rank({PersonId{"s1"}, PersonId{"s1"}, PersonId{"n1"}}, {PersonId{"n1"}});

    ASSERT_EQ(ranking.venues.size(), 1U);
    EXPECT_EQ(person_ids(ranking.venues[0]), (std::vector<std::string>{"n1", "s1"}));
    EXPECT_EQ(ranking.venues[0].total, pt::minutes(100));
    EXPECT_TRUE(ranking.unsuitable.empty());
}

TEST_F(VenueRankingTest, OptionalPeopleTravelToo)
{
    add_person("s1", "lra-sued");
    add_person("n1", "lra-nord");
    add_venue("saal", 0);

    const auto ranking = rank({PersonId{"s1"}}, {PersonId{"n1"}});

    ASSERT_EQ(ranking.venues.size(), 1U);
    EXPECT_EQ(ranking.venues[0].longest, pt::minutes(100));
}

// ------------------------------------------------------------ unsuitable venues

TEST_F(VenueRankingTest, VenueTooSmallIsUnsuitable)
{
    add_person("s1", "lra-sued");
    add_person("s2", "lra-sued");
    add_person("n1", "lra-nord");
    add_venue("kabine", 0, 2);
    add_venue("saal", 50, 3);

    const auto ranking = rank({PersonId{"s1"}, PersonId{"s2"}}, {PersonId{"n1"}});

    EXPECT_EQ(venue_ids(ranking), (std::vector<std::string>{"saal"}));
    EXPECT_EQ(ranking.unsuitable,
              (std::vector<UnsuitableVenue>{{VenueId{"kabine"}, "holds 2 of the 3 people"}}));
}

TEST_F(VenueRankingTest, VenueWithStepsIsUnsuitableForSomeoneWhoNeedsStepFreeAccess)
{
    add_person("fischer", "lra-sued", std::nullopt, Access::step_free, "Renate Fischer");
    add_person("n1", "lra-nord");
    add_venue("keller", 50, 50, Accessibility::not_step_free);
    add_venue("unbekannt", 50, 50, Accessibility::unknown);  // not ruled out for a missing record
    add_venue("saal", 50, 50, Accessibility::step_free);

    const auto ranking = rank({PersonId{"fischer"}, PersonId{"n1"}});

    EXPECT_EQ(venue_ids(ranking), (std::vector<std::string>{"saal", "unbekannt"}));
    EXPECT_EQ(ranking.unsuitable,
              (std::vector<UnsuitableVenue>{
                  {VenueId{"keller"}, "has no step-free access, which Renate Fischer needs"}}));
}

TEST_F(VenueRankingTest, VenueWithStepsIsFineWhenNobodyNeedsStepFreeAccess)
{
    add_person("s1", "lra-sued");
    add_venue("keller", 0, 50, Accessibility::not_step_free);

    const auto ranking = rank({PersonId{"s1"}});

    EXPECT_EQ(venue_ids(ranking), (std::vector<std::string>{"keller"}));
    EXPECT_TRUE(ranking.unsuitable.empty());
}

TEST_F(VenueRankingTest, UnsuitableVenueGivesEveryReason)
{
    add_person("fischer", "lra-sued", std::nullopt, Access::step_free, "Renate Fischer");
    add_person("maier", "lra-nord", std::nullopt, Access::step_free, "Hans Maier");
    add_person("s1", "lra-sued");
    add_venue("keller", 50, 2, Accessibility::not_step_free);

    const auto ranking = rank({PersonId{"fischer"}, PersonId{"s1"}}, {PersonId{"maier"}});

    EXPECT_TRUE(ranking.venues.empty());
    EXPECT_EQ(ranking.unsuitable,
              (std::vector<UnsuitableVenue>{
                  {VenueId{"keller"},
                   "holds 2 of the 3 people and has no step-free access, which Renate Fischer, Hans Maier need"}}));
}

// ------------------------------------------------------------ bad requests

TEST_F(VenueRankingTest, UnknownPersonIsNotFound)
{
    add_person("s1", "lra-sued");
    add_venue("saal", 0);

    try {
        (void)rank({PersonId{"s1"}}, {PersonId{"niemand"}});
        FAIL() << "expected planner::NotFound";
    } catch (const NotFound& error) {
        EXPECT_STREQ(error.what(), "unknown person 'niemand'");
    }
}

TEST_F(VenueRankingTest, NobodyIsAnError)
{
    add_venue("saal", 0);

    try {
        (void)rank({}, {});
        FAIL() << "expected planner::Error";
    } catch (const NotFound&) {
        FAIL() << "nobody is not an unknown id";
    } catch (const Error& error) {
        EXPECT_STREQ(error.what(), "no people to find a venue for: name at least one");
    }
}

}  // namespace
