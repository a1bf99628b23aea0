#include <planner/geo_point.hpp>

#include <planner/error.hpp>

#include <fmt/format.h>

#include <cmath>

namespace planner {

GeoPoint::GeoPoint(double latitude, double longitude) : latitude_(latitude), longitude_(longitude)
{
    if (!std::isfinite(latitude) || latitude < -90.0 || latitude > 90.0) {
        throw Error(fmt::format("latitude {} is out of range, expected -90 to 90", latitude));
    }
    if (!std::isfinite(longitude) || longitude < -180.0 || longitude > 180.0) {
        throw Error(fmt::format("longitude {} is out of range, expected -180 to 180", longitude));
    }
}

}  // namespace planner
