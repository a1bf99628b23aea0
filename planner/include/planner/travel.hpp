#pragma once

#include <planner/geo_point.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

namespace planner {

// How long it takes to get from one venue to another, estimated from coordinates
// alone: the great-circle distance, lengthened by a road factor, at an average speed,
// plus a buffer for parking and finding the room. The defaults fit the roads between
// the county seats around Lake Constance: Sigmaringen to Konstanz is 50 km as the
// crow flies, about 65 km and 80 minutes by road.
struct TravelModel {
    double road_factor = 1.3;
    double average_speed_kmh = 50.0;
    boost::posix_time::time_duration buffer = boost::posix_time::minutes(15);

    friend bool operator==(const TravelModel&, const TravelModel&) = default;
};

// Great-circle distance on a sphere of the Earth's mean radius (haversine).
[[nodiscard]] double great_circle_km(const GeoPoint& from, const GeoPoint& to);

// The driving time alone, without the buffer, rounded up to the minute.
[[nodiscard]] boost::posix_time::time_duration driving_time(const TravelModel& model, const GeoPoint& from,
                                                            const GeoPoint& to);

}  // namespace planner
