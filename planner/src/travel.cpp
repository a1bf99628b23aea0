#include <planner/travel.hpp>

#include <cmath>
#include <numbers>

namespace planner {

double great_circle_km(const GeoPoint& from, const GeoPoint& to)
{
    constexpr double earth_radius_km = 6371.0088;
    constexpr double radians_per_degree = std::numbers::pi / 180.0;
    const double lat1 = from.latitude() * radians_per_degree;
    const double lat2 = to.latitude() * radians_per_degree;
    const double dlat = lat2 - lat1;
    const double dlon = (to.longitude() - from.longitude()) * radians_per_degree;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2.0 * earth_radius_km * std::asin(std::min(1.0, std::sqrt(h)));
}

boost::posix_time::time_duration driving_time(const TravelModel& model, const GeoPoint& from, const GeoPoint& to)
{
    const double hours = great_circle_km(from, to) * model.road_factor / model.average_speed_kmh;
    return boost::posix_time::minutes(static_cast<long>(std::ceil(hours * 60.0 - 1e-9)));
}

}  // namespace planner
