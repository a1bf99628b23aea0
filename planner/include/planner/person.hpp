#pragma once

#include <planner/email_address.hpp>
#include <planner/geo_point.hpp>
#include <planner/id.hpp>

#include <optional>
#include <string>

namespace planner {

enum class Access { any, step_free };

struct Person {
    PersonId id;
    std::string name;
    EmailAddress email;
    OrganisationId organisation;
    std::string function;  // "Sozialdezernent"; may be empty
    Access access = Access::any;
    std::optional<GeoPoint> geo;  // where absent, the organisation's

    friend bool operator==(const Person&, const Person&) = default;
};

}  // namespace planner
