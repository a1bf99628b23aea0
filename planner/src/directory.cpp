#include <planner/directory.hpp>

#include <planner/error.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace planner {
namespace {

template <class Map, class Key>
auto* find_in(const Map& map, const Key& id)
{
    const auto found = map.find(id);
    return found == map.end() ? nullptr : &found->second;
}

template <class Map, class Key>
const auto& get_from(const Map& map, const Key& id, std::string_view what)
{
    if (const auto* record = find_in(map, id)) {
        return *record;
    }
    throw NotFound(fmt::format("unknown {} '{}'", what, id.str()));
}

}  // namespace

void Directory::add(County county) { counties_.insert_or_assign(county.id, std::move(county)); }
void Directory::add(Organisation organisation) { organisations_.insert_or_assign(organisation.id, std::move(organisation)); }
void Directory::add(Person person) { people_.insert_or_assign(person.id, std::move(person)); }
void Directory::add(Venue venue) { venues_.insert_or_assign(venue.id, std::move(venue)); }
void Directory::add(Meeting meeting) { meetings_.insert_or_assign(meeting.id, std::move(meeting)); }
void Directory::remove(const MeetingId& id) { meetings_.erase(id); }

const County& Directory::county(const CountyId& id) const { return get_from(counties_, id, "county"); }
const Organisation& Directory::organisation(const OrganisationId& id) const { return get_from(organisations_, id, "organisation"); }
const Person& Directory::person(const PersonId& id) const { return get_from(people_, id, "person"); }
const Venue& Directory::venue(const VenueId& id) const { return get_from(venues_, id, "venue"); }
const Meeting& Directory::meeting(const MeetingId& id) const { return get_from(meetings_, id, "meeting"); }

const County* Directory::find(const CountyId& id) const { return find_in(counties_, id); }
const Organisation* Directory::find(const OrganisationId& id) const { return find_in(organisations_, id); }
const Person* Directory::find(const PersonId& id) const { return find_in(people_, id); }
const Venue* Directory::find(const VenueId& id) const { return find_in(venues_, id); }
const Meeting* Directory::find(const MeetingId& id) const { return find_in(meetings_, id); }

std::vector<const Meeting*> Directory::meetings_by_start() const
{
    std::vector<const Meeting*> result;
    result.reserve(meetings_.size());
    for (const auto& [id, meeting] : meetings_) {
        result.push_back(&meeting);
    }
    std::stable_sort(result.begin(), result.end(), [](const Meeting* a, const Meeting* b) {
        return a->time.start() < b->time.start();
    });
    return result;
}

const County& Directory::county_of(const Person& person) const
{
    return county(organisation(person.organisation).county);
}

std::set<CountyId> counties_concerned(const Meeting& meeting, const Directory& records)
{
    std::set<CountyId> counties(meeting.counties.begin(), meeting.counties.end());
    if (const auto* venue = records.find(meeting.venue)) {
        counties.insert(venue->county);
    }
    return counties;
}

bool guest_list_shown(const Meeting& meeting, const Directory& records)
{
    if (meeting.participants_see_each_other) {
        return *meeting.participants_see_each_other;
    }
    bool private_membership = false;
    for_each_invitee(meeting, [&](const Participant& invitee) {
        const auto* person = records.find(invitee.person);
        const auto* organisation = person != nullptr ? records.find(person->organisation) : nullptr;
        private_membership = private_membership || organisation == nullptr ||
                             organisation->kind == OrganisationKind::self_help_group ||
                             organisation->kind == OrganisationKind::civic_initiative;
    });
    return !private_membership;
}

}  // namespace planner
