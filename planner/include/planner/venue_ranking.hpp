#pragma once

#include <planner/directory.hpp>
#include <planner/geo_point.hpp>
#include <planner/id.hpp>
#include <planner/travel.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace planner {

// Where a person sets off from: their own place if given, else their organisation's,
// else the seat of their organisation's county. Throws planner::NotFound for an
// organisation or county the directory does not know.
[[nodiscard]] GeoPoint home_of(const Directory& directory, const Person& person);

struct Journey {
    PersonId person;
    double km = 0;  // as the crow flies
    boost::posix_time::time_duration drive;  // driving_time(): whole minutes, without the buffer

    friend bool operator==(const Journey&, const Journey&) = default;
};

// How far one county's people (by their organisation's county) travel to a venue.
struct CountyTravel {
    CountyId county;
    std::size_t people = 0;
    boost::posix_time::time_duration longest;
    boost::posix_time::time_duration total;

    friend bool operator==(const CountyTravel&, const CountyTravel&) = default;
};

struct VenueChoice {
    VenueId venue;
    boost::posix_time::time_duration longest;  // the longest single journey
    boost::posix_time::time_duration total;
    std::vector<CountyTravel> counties;  // longest journey first, then by county id
    std::vector<Journey> journeys;       // everyone's, longest first, then by person id

    friend bool operator==(const VenueChoice&, const VenueChoice&) = default;
};

struct UnsuitableVenue {
    VenueId venue;
    // "holds 12 of the 14 people", "has no step-free access, which Renate Fischer
    // needs", or both joined by " and ". The venue's name is the caller's to add.
    std::string reason;

    friend bool operator==(const UnsuitableVenue&, const UnsuitableVenue&) = default;
};

struct VenueRanking {
    std::vector<VenueChoice> venues;  // fairest first
    std::vector<UnsuitableVenue> unsuitable;  // by venue id
};

// Ranks the venues that hold everyone (and are step-free where someone needs it) by
// fairness between counties: the longest single journey first, then the total, then
// the venue's id. The people are the required then the optional ones, each counted
// once. A venue of unknown accessibility counts as suitable. Throws planner::NotFound
// for an unknown person and planner::Error for nobody at all.
[[nodiscard]] VenueRanking rank_venues(const Directory& directory, std::span<const PersonId> required,
                                       std::span<const PersonId> optional, const TravelModel& travel);

}  // namespace planner
