#pragma once

#include <planner/county.hpp>
#include <planner/id.hpp>
#include <planner/meeting.hpp>
#include <planner/organisation.hpp>
#include <planner/person.hpp>
#include <planner/venue.hpp>

#include <map>
#include <set>
#include <vector>

namespace planner {

// Every record the planner knows, looked up by id: what the store holds, or what a
// meeting file adds to it. Lookups of unknown ids throw planner::NotFound.
class Directory {
public:
    void add(County county);
    void add(Organisation organisation);
    void add(Person person);
    void add(Venue venue);
    void add(Meeting meeting);
    // Takes a meeting out, as when a series is replaced by its occurrences.
    void remove(const MeetingId& id);

    [[nodiscard]] const County& county(const CountyId& id) const;
    [[nodiscard]] const Organisation& organisation(const OrganisationId& id) const;
    [[nodiscard]] const Person& person(const PersonId& id) const;
    [[nodiscard]] const Venue& venue(const VenueId& id) const;
    [[nodiscard]] const Meeting& meeting(const MeetingId& id) const;

    [[nodiscard]] const County* find(const CountyId& id) const;
    [[nodiscard]] const Organisation* find(const OrganisationId& id) const;
    [[nodiscard]] const Person* find(const PersonId& id) const;
    [[nodiscard]] const Venue* find(const VenueId& id) const;
    [[nodiscard]] const Meeting* find(const MeetingId& id) const;

    [[nodiscard]] const std::map<CountyId, County>& counties() const noexcept { return counties_; }
    [[nodiscard]] const std::map<OrganisationId, Organisation>& organisations() const noexcept { return organisations_; }
    [[nodiscard]] const std::map<PersonId, Person>& people() const noexcept { return people_; }
    [[nodiscard]] const std::map<VenueId, Venue>& venues() const noexcept { return venues_; }
    [[nodiscard]] const std::map<MeetingId, Meeting>& meetings() const noexcept { return meetings_; }

    // The meetings in order of their start, then id.
    [[nodiscard]] std::vector<const Meeting*> meetings_by_start() const;
    // The county a person belongs to, through their organisation.
    [[nodiscard]] const County& county_of(const Person& person) const;

private:
    std::map<CountyId, County> counties_;
    std::map<OrganisationId, Organisation> organisations_;
    std::map<PersonId, Person> people_;
    std::map<VenueId, Venue> venues_;
    std::map<MeetingId, Meeting> meetings_;
};

// The counties a meeting concerns: those it brings together, and the county of its
// venue (when `records` has the venue). Whom a meeting concerns decides who may read
// it, and what a county's statistics count.
[[nodiscard]] std::set<CountyId> counties_concerned(const Meeting& meeting, const Directory& records);

// Whether the people invited to a meeting see each other (in their invitations, feeds,
// answer and poll pages): as the organiser set it, or else not when anyone invited
// belongs to a self-help group or civic initiative (membership can reveal a health
// condition, GDPR Art. 9), and otherwise so. A person `records` lacks counts as one of
// a self-help group: when in doubt, the list stays hidden.
[[nodiscard]] bool guest_list_shown(const Meeting& meeting, const Directory& records);

}  // namespace planner
