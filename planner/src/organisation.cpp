#include <planner/organisation.hpp>

#include <array>
#include <utility>

namespace planner {
namespace {

constexpr std::array<std::pair<OrganisationKind, std::string_view>, 6> kind_names{{
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
    for (const auto& [value, name] : kind_names) {
        if (value == kind) {
            return name;
        }
    }
    return "other";
}

std::optional<OrganisationKind> organisation_kind_from_string(std::string_view text)
{
    for (const auto& [value, name] : kind_names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace planner
