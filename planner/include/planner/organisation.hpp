#pragma once

#include <planner/geo_point.hpp>
#include <planner/id.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace planner {

enum class OrganisationKind {
    district_office,   // Landratsamt
    contact_point,     // Kontaktstelle für Selbsthilfegruppen
    self_help_group,
    civic_initiative,
    council,           // e.g. a Sprecherrat of self-help groups
    other,
};

// "district-office", as written in meeting files and JSON.
[[nodiscard]] std::string_view to_string(OrganisationKind kind);
[[nodiscard]] std::optional<OrganisationKind> organisation_kind_from_string(std::string_view text);

struct Organisation {
    OrganisationId id;
    std::string name;
    CountyId county;
    OrganisationKind kind = OrganisationKind::other;
    std::optional<GeoPoint> geo;  // where absent, the county seat's

    friend bool operator==(const Organisation&, const Organisation&) = default;
};

}  // namespace planner
