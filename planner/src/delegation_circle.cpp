#include <planner/delegation_circle.hpp>

#include <algorithm>
#include <cctype>

namespace planner {
namespace {

std::string domain_of(std::string_view address)
{
    const auto at = address.rfind('@');
    std::string domain(at == std::string_view::npos ? std::string_view() : address.substr(at + 1));
    std::transform(domain.begin(), domain.end(), domain.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return domain;
}

}  // namespace

DelegationCircle::DelegationCircle(const Directory& directory, const Meeting& meeting,
                                   const std::set<PersonId>& delegates)
{
    std::set<OrganisationId> organisations;
    for (const auto& organiser : meeting.organisers) {
        organisations.insert(directory.person(organiser).organisation);
    }
    for (const auto& invitee : invitees(meeting)) {
        if (const auto* person = directory.find(invitee.person)) {
            organisations.insert(person->organisation);
        }
    }
    for (const auto& [id, person] : directory.people()) {
        if (person.email && organisations.contains(person.organisation) && !delegates.contains(id)) {
            domains_.insert(domain_of(person.email->str()));
        }
    }
}

bool DelegationCircle::includes(std::string_view address) const
{
    return domains_.contains(domain_of(address));
}

std::set<PersonId> delegates_outside(const Directory& directory, const Meeting& meeting,
                                     std::span<const RecordedAnswer> answers, const std::set<PersonId>& delegates)
{
    const DelegationCircle circle(directory, meeting, delegates);
    std::set<PersonId> outside;
    for (const auto& answer : answers) {
        if (answer.delegated_to) {
            const auto* delegate = directory.find(*answer.delegated_to);
            // A delegate came by e-mail; one without an address now was made so by hand.
            if (delegate != nullptr && delegate->email && !circle.includes(delegate->email->str())) {
                outside.insert(delegate->id);
            }
        }
    }
    return outside;
}

}  // namespace planner
