#include <planner/organisation.hpp>

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

std::optional<OrganisationKind> organisation_kind_from_string(std::string_view text)
{
    return detail::value_of(kind_names, text);
}

}  // namespace planner
