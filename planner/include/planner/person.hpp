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
    // None for someone without e-mail: they get their invitation as a printed letter to
    // `postal_address`, and are in no calendar's list of attendees.
    std::optional<EmailAddress> email;
    OrganisationId organisation;
    std::string function;  // "Sozialdezernent"; may be empty
    Access access = Access::any;
    std::optional<GeoPoint> geo;  // where absent, the organisation's
    // The lines below the name in a letter's address field: "Seestraße 5\n88090 Immenstaad".
    // Needed where there is no e-mail address; may be empty otherwise.
    std::string postal_address{};

    friend bool operator==(const Person&, const Person&) = default;
};

// The person's address as text, or "" for someone without e-mail.
[[nodiscard]] inline std::string email_text(const Person& person)
{
    return person.email ? person.email->str() : std::string();
}

}  // namespace planner
