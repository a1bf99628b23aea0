#pragma once

#include <planner/date_format.hpp>
#include <planner/geo_point.hpp>
#include <planner/id.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>

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
// "Selbsthilfegruppe", "Self-help group": the kind as people read it in a report.
[[nodiscard]] std::string_view kind_label(OrganisationKind kind, Language language);

// When an organisation's people work: Monday to Friday, local time of the meeting.
// A meeting outside them, or on a weekend, is worth a warning.
struct OfficeHours {
    boost::posix_time::time_duration opens;
    boost::posix_time::time_duration closes;

    friend bool operator==(const OfficeHours&, const OfficeHours&) = default;
};

// District offices and contact points keep office hours, 08:00-17:00 unless a meeting
// file says otherwise; self-help groups, initiatives and councils often meet in the
// evening and have none.
[[nodiscard]] std::optional<OfficeHours> default_office_hours(OrganisationKind kind);

// "08:00-17:00"; nullopt for text in any other shape.
[[nodiscard]] std::optional<OfficeHours> office_hours_from_string(std::string_view text);
[[nodiscard]] std::string to_string(const OfficeHours& hours);

struct Organisation {
    OrganisationId id;
    std::string name;
    CountyId county;
    OrganisationKind kind = OrganisationKind::other;
    std::optional<GeoPoint> geo;  // where absent, the county seat's
    std::optional<OfficeHours> office_hours{};  // none: no warnings for evenings and weekends

    friend bool operator==(const Organisation&, const Organisation&) = default;
};

}  // namespace planner
