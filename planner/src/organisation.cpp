#include <planner/organisation.hpp>

#include <planner/time_zone.hpp>

#include "enum_names.hpp"

#include <array>
#include <utility>

namespace planner {
namespace {

constexpr detail::EnumNames<OrganisationKind, 6> kind_names{{
    {OrganisationKind::district_office, "district-office"},
    {OrganisationKind::contact_point, "contact-point"},
    {OrganisationKind::self_help_group, "self-help-group"},
    {OrganisationKind::civic_initiative, "civic-initiative"},
    {OrganisationKind::council, "council"},
    {OrganisationKind::other, "other"},
}};

}  // namespace

std::string_view to_string(OrganisationKind kind)
{
    return detail::name_of(kind_names, kind);
}

std::string_view kind_label(OrganisationKind kind, Language language)
{
    const bool german = language == Language::de;
    switch (kind) {
    case OrganisationKind::district_office: return german ? "Landratsamt" : "District office";
    case OrganisationKind::contact_point: return german ? "Kontaktstelle" : "Contact point";
    case OrganisationKind::self_help_group: return german ? "Selbsthilfegruppe" : "Self-help group";
    case OrganisationKind::civic_initiative: return german ? "Bürgerinitiative" : "Civic initiative";
    case OrganisationKind::council: return german ? "Gremium" : "Council";
    case OrganisationKind::other: return german ? "Sonstige" : "Other";
    }
    return "?";
}

std::optional<OrganisationKind> organisation_kind_from_string(std::string_view text)
{
    return detail::value_of(kind_names, text);
}

std::optional<OfficeHours> default_office_hours(OrganisationKind kind)
{
    if (kind == OrganisationKind::district_office || kind == OrganisationKind::contact_point) {
        return OfficeHours{boost::posix_time::hours(8), boost::posix_time::hours(17)};
    }
    return std::nullopt;
}

std::optional<OfficeHours> office_hours_from_string(std::string_view text)
{
    // HH:MM-HH:MM, opening before closing, within one day.
    const auto clock = [](std::string_view part) -> std::optional<boost::posix_time::time_duration> {
        if (part.size() != 5 || part[2] != ':') {
            return std::nullopt;
        }
        for (const auto i : {0, 1, 3, 4}) {
            if (part[static_cast<std::size_t>(i)] < '0' || part[static_cast<std::size_t>(i)] > '9') {
                return std::nullopt;
            }
        }
        const int hours = (part[0] - '0') * 10 + (part[1] - '0');
        const int minutes = (part[3] - '0') * 10 + (part[4] - '0');
        if (hours > 24 || minutes > 59 || (hours == 24 && minutes > 0)) {
            return std::nullopt;
        }
        return boost::posix_time::hours(hours) + boost::posix_time::minutes(minutes);
    };
    if (text.size() != 11 || text[5] != '-') {
        return std::nullopt;
    }
    const auto opens = clock(text.substr(0, 5));
    const auto closes = clock(text.substr(6));
    if (!opens || !closes || *closes <= *opens) {
        return std::nullopt;
    }
    return OfficeHours{*opens, *closes};
}

std::string to_string(const OfficeHours& hours)
{
    return format_clock(hours.opens) + "-" + format_clock(hours.closes);
}

}  // namespace planner
