#pragma once

#include <planner/geo_point.hpp>
#include <planner/id.hpp>

#include <string>

namespace planner {

// A Landkreis, e.g. the Bodenseekreis with its seat Friedrichshafen.
struct County {
    CountyId id;
    std::string name;
    std::string seat;
    std::string state;  // ISO 3166-2, e.g. "DE-BW": decides the public holidays
    GeoPoint geo;       // the seat's position

    friend bool operator==(const County&, const County&) = default;
};

}  // namespace planner
