#include "meeting_records.hpp"

#include <planner/conflict_checker.hpp>

#include <algorithm>

namespace planner::web {

// A first version on Store::load(); replaced by queries that read only what they need.

std::optional<MeetingRecords> meeting_records(const db::Store& store, const MeetingId& id)
{
    auto all = store.load();
    const auto* found = all.find(id);
    if (found == nullptr) {
        return std::nullopt;
    }
    MeetingRecords records{*found, all, store.answers(id), audience_of(*found, all)};
    return records;
}

std::vector<Conflict> meeting_conflicts(const db::Store&, const MeetingId&)
{
    return {};
}

MeetingList list_meetings(const db::Store& store, const ListFilter& filter, const Viewer& viewer)
{
    const auto all = store.load();
    MeetingList list;
    for (const auto* meeting : all.meetings_by_start()) {
        if (filter.from && meeting->time.end() <= *filter.from) {
            continue;
        }
        if (filter.to && meeting->time.start() >= *filter.to) {
            continue;
        }
        if (filter.status && meeting->status != *filter.status) {
            continue;
        }
        const auto audience = audience_of(*meeting, all);
        if (filter.county && !audience.counties.contains(*filter.county)) {
            continue;
        }
        if (filter.organisation && !audience.organisations.contains(*filter.organisation)) {
            continue;
        }
        if (!may_read(viewer, audience)) {
            continue;
        }
        if (list.total >= filter.offset && list.meetings.size() < filter.limit) {
            const auto* venue = all.find(meeting->venue);
            list.meetings.push_back(ListedMeeting{meeting->id, meeting->title, meeting->time, meeting->time_zone,
                                                  venue ? venue->name : meeting->venue.str(), meeting->status,
                                                  meeting->recurrence.has_value()});
        }
        ++list.total;
    }
    return list;
}

VisibleConflicts conflicts_between(const db::Store&, const TimeRange&, const Viewer&)
{
    return {};
}

Directory directory_records(const db::Store& store)
{
    return store.load();
}

std::optional<CountyId> organisation_county(const db::Store& store, const OrganisationId& organisation)
{
    const auto all = store.load();
    const auto* found = all.find(organisation);
    return found ? std::optional(found->county) : std::nullopt;
}

}  // namespace planner::web
