#include <planner/services/scheduling.hpp>

#include <planner/services/meetings.hpp>

#include <planner/error.hpp>
#include <planner/recurrence.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace planner::services {
namespace {

// Throws NotFound, naming the list, unless the directory knows everybody on it.
void require_people(const Directory& directory, const std::vector<PersonId>& people, const std::string& list)
{
    for (const auto& id : people) {
        if (directory.find(id) == nullptr) {
            throw NotFound(fmt::format("{}: unknown person '{}'; 'planner show MEETING' lists people's ids", list,
                                       id.str()));
        }
    }
}

void require_people(const Directory& directory, const People& people)
{
    require_people(directory, people.required, people.required_named);
    require_people(directory, people.optional, people.optional_named);
}

// The core's request for the window; the people, duration and zone are the caller's.
SlotRequest slot_request(const SlotWindow& window, const Directory& directory)
{
    SlotRequest request;
    request.first_day = window.first_day;
    request.last_day = window.last_day;
    request.hours = window.hours;
    request.grid = window.grid;
    request.count = window.count;
    request.weekends = window.weekends;
    request.holidays = window.holidays;
    request.travel = window.travel;
    if (window.time_zone) {
        request.time_zone = *window.time_zone;
    }
    if (window.venue) {
        if (directory.find(*window.venue) == nullptr) {
            throw NotFound(fmt::format("{}: unknown venue '{}'", window.venue_named, window.venue->str()));
        }
        request.venues.push_back(*window.venue);
    }
    return request;
}

}  // namespace

VenueSuggestion suggest_venues(const db::Store& store, const VenueRequest& request)
{
    VenueSuggestion suggestion{store.load(), {}};
    require_people(suggestion.directory, request.people);
    suggestion.ranking =
        rank_venues(suggestion.directory, request.people.required, request.people.optional, request.travel);
    return suggestion;
}

SlotProposals find_slot(const db::Store& store, const SlotSearchRequest& request)
{
    SlotProposals proposals{expanded(store.load()), {}, {}};
    proposals.request = slot_request(request.window, proposals.schedule);
    require_people(proposals.schedule, request.people);
    proposals.request.required = request.people.required;
    proposals.request.optional = request.people.optional;
    proposals.request.duration = request.duration;
    proposals.request.listed_holidays = store.listed_holidays();
    proposals.search = find_slots(proposals.schedule, store.busy_periods(), proposals.request);
    return proposals;
}

MeetingSlots slots_for_meeting(const db::Store& store, const std::string& id, const SlotWindow& window,
                               std::size_t at_least)
{
    SlotProposals searched{expanded(store.load()), {}, {}};
    require_meeting(searched.schedule, store, id);
    const auto* placing = searched.schedule.find(MeetingId(id));
    if (placing == nullptr) {
        throw Error(fmt::format("meeting '{}' is a series; move single occurrences with [[meeting.occurrence]] in "
                                "the meeting file",
                                id));
    }
    if (placing->occurrence_of) {
        throw Error(fmt::format("meeting '{}' is one meeting of the series '{}'; move it with [[meeting.occurrence]] "
                                "in the meeting file",
                                id, placing->occurrence_of->series.str()));
    }
    // A copy, as the schedule moves into the result.
    Meeting meeting = *placing;
    MeetingSlots found{std::move(searched), std::move(meeting)};
    auto& proposals = found.proposals;
    if (found.meeting.status != MeetingStatus::tentative) {
        throw Error(fmt::format("meeting '{}' is {}; only a tentative meeting is placed by a slot search (its "
                                "people may already have it in their calendars)",
                                id, to_string(found.meeting.status)));
    }
    auto& search_request = proposals.request;
    search_request = slot_request(window, proposals.schedule);
    for (const auto& invitee : invitees(found.meeting)) {
        if (invitee.role == Role::chair || invitee.role == Role::required) {
            search_request.required.push_back(invitee.person);
        } else if (invitee.role == Role::optional) {
            search_request.optional.push_back(invitee.person);
        }
    }
    search_request.duration = found.meeting.time.length();
    search_request.time_zone = window.time_zone.value_or(found.meeting.time_zone);
    if (!window.venue && !window.any_venue) {
        search_request.venues = {found.meeting.venue};
    }
    search_request.placing = found.meeting.id;
    search_request.count = std::max(search_request.count, at_least);
    search_request.listed_holidays = store.listed_holidays();
    proposals.search = find_slots(proposals.schedule, store.busy_periods(), search_request);
    return found;
}

Placement schedule(db::Store& store, const ScheduleRequest& request)
{
    if (request.pick == 0) {
        throw Error("the slot to pick is counted from 1");
    }
    const auto& id = request.meeting;
    auto [proposals, found] = slots_for_meeting(store, id, request.window, request.pick);
    Placement placement{std::move(proposals), std::nullopt, std::nullopt, std::nullopt};
    const auto& slots = placement.proposals.search.slots;
    if (slots.size() < request.pick) {
        placement.not_placed = slots.empty()
                                   ? fmt::format("meeting '{}' was not moved: there is no slot for it", id)
                                   : fmt::format("meeting '{}' was not moved: there {} only {} slot{}, not {}", id,
                                                 slots.size() == 1 ? "is" : "are", slots.size(),
                                                 slots.size() == 1 ? "" : "s", request.pick);
        return placement;
    }
    placement.slot = slots[request.pick - 1];
    auto placed = moved(found, placement.slot->time.start());
    placed.venue = placement.slot->venue;
    store.update(placed, found);
    placement.placed = std::move(placed);
    return placement;
}

}  // namespace planner::services
