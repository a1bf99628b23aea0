#pragma once

#include <planner/geo_point.hpp>
#include <planner/id.hpp>

#include <string>

namespace planner {

enum class Accessibility { unknown, step_free, not_step_free };

struct Venue {
    VenueId id;
    std::string name;
    std::string address;  // one line: "Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee"
    CountyId county;
    unsigned capacity = 0;
    GeoPoint geo;
    Accessibility accessibility = Accessibility::unknown;

    friend bool operator==(const Venue&, const Venue&) = default;
};

}  // namespace planner
