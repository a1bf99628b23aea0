#include <planner/venue_ranking.hpp>

#include <planner/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace planner {
namespace {

namespace pt = boost::posix_time;

// A person with what every venue needs of them, looked up once rather than per venue.
struct Traveller {
    const Person* person;
    GeoPoint home;
    CountyId county;
};

// Required people first, then optional ones; someone named twice travels once.
std::vector<const Person*> people_to_seat(const Directory& directory, std::span<const PersonId> required,
                                          std::span<const PersonId> optional)
{
    std::vector<const Person*> people;
    std::set<PersonId> seen;
    for (const auto ids : {required, optional}) {
        for (const auto& id : ids) {
            const Person& person = directory.person(id);  // NotFound for an id nobody has
            if (seen.insert(id).second) {
                people.push_back(&person);
            }
        }
    }
    if (people.empty()) {
        throw Error("no people to find a venue for: name at least one");
    }
    return people;
}

// Why a venue cannot take these people: every reason, so that one fix does not
// reveal the next; empty when it can.
std::string why_unsuitable(const Venue& venue, const std::vector<Traveller>& travellers)
{
    std::string reasons;
    if (venue.capacity < travellers.size()) {
        reasons = fmt::format("holds {} of the {} people", venue.capacity, travellers.size());
    }
    // Unknown accessibility does not rule a venue out: the planner would otherwise
    // refuse every venue whose record is incomplete.
    if (venue.accessibility == Accessibility::not_step_free) {
        std::string names;
        std::size_t count = 0;
        for (const auto& traveller : travellers) {
            if (traveller.person->access == Access::step_free) {
                names += names.empty() ? "" : ", ";
                names += traveller.person->name;
                ++count;
            }
        }
        if (count > 0) {
            reasons += reasons.empty() ? "" : " and ";
            reasons += fmt::format("has no step-free access, which {} need{}", names, count == 1 ? "s" : "");
        }
    }
    return reasons;
}

VenueChoice travel_to(const Venue& venue, const std::vector<Traveller>& travellers, const TravelModel& travel)
{
    VenueChoice choice{venue.id, {}, {}, {}, {}};
    std::map<CountyId, CountyTravel> by_county;
    for (const auto& traveller : travellers) {
        const pt::time_duration drive = driving_time(travel, traveller.home, venue.geo);
        choice.journeys.push_back({traveller.person->id, great_circle_km(traveller.home, venue.geo), drive});
        choice.longest = std::max(choice.longest, drive);
        choice.total += drive;

        auto& county = by_county.try_emplace(traveller.county, CountyTravel{traveller.county, 0, {}, {}}).first->second;
        ++county.people;
        county.longest = std::max(county.longest, drive);
        county.total += drive;
    }

    std::sort(choice.journeys.begin(), choice.journeys.end(), [](const Journey& a, const Journey& b) {
        return std::tie(b.drive, a.person) < std::tie(a.drive, b.person);  // longest first, then by id
    });
    for (auto& [id, county] : by_county) {
        choice.counties.push_back(std::move(county));
    }
    std::sort(choice.counties.begin(), choice.counties.end(), [](const CountyTravel& a, const CountyTravel& b) {
        return std::tie(b.longest, a.county) < std::tie(a.longest, b.county);  // longest first, then by id
    });
    return choice;
}

}  // namespace

GeoPoint home_of(const Directory& directory, const Person& person)
{
    if (person.geo) {
        return *person.geo;
    }
    const Organisation& organisation = directory.organisation(person.organisation);
    if (organisation.geo) {
        return *organisation.geo;
    }
    return directory.county(organisation.county).geo;
}

VenueRanking rank_venues(const Directory& directory, std::span<const PersonId> required,
                         std::span<const PersonId> optional, const TravelModel& travel)
{
    std::vector<Traveller> travellers;
    for (const Person* person : people_to_seat(directory, required, optional)) {
        travellers.push_back({person, home_of(directory, *person), directory.county_of(*person).id});
    }

    VenueRanking ranking;
    for (const auto& [id, venue] : directory.venues()) {
        if (auto reason = why_unsuitable(venue, travellers); !reason.empty()) {
            ranking.unsuitable.push_back({id, std::move(reason)});
        } else {
            ranking.venues.push_back(travel_to(venue, travellers, travel));
        }
    }
    // Fairness between counties first: a short total that makes one county drive
    // twice as far as the others is not a good choice.
    std::sort(ranking.venues.begin(), ranking.venues.end(), [](const VenueChoice& a, const VenueChoice& b) {
        return std::tie(a.longest, a.total, a.venue) < std::tie(b.longest, b.total, b.venue);
    });
    return ranking;
}

}  // namespace planner
