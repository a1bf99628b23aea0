#include "meeting_records.hpp"

#include <planner/services/meeting_queries.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace planner::web {

namespace {

// The list's filter on what the viewer may read: the rule of may_read, which the
// store applies in its query.
std::optional<db::Visibility> visibility_of(const Viewer& viewer)
{
    if (viewer.account.role == services::Role::admin) {
        return std::nullopt;
    }
    // Every organiser and staff account has an organisation, and every organisation a
    // county; an account whose organisation is gone sees nothing of any county.
    return db::Visibility{viewer.account.organisation.value_or(OrganisationId("-")),
                          viewer.county.value_or(CountyId("-"))};
}

}  // namespace

std::optional<MeetingRecords> meeting_records(const db::Store& store, const MeetingId& id)
{
    try {
        auto details = services::meeting_details(store, id);
        auto audience = audience_of(details.meeting, details.records);
        for (const auto& occurrence : details.occurrences) {
            // A changed meeting of a series may be held in another county.
            const auto more = audience_of(occurrence, details.records);
            audience.counties.insert(more.counties.begin(), more.counties.end());
        }
        return MeetingRecords{std::move(details.meeting),     std::move(details.records),
                              std::move(details.answers),     std::move(audience),
                              std::move(details.occurrences), std::move(details.delegates_outside),
                              std::move(details.attendance)};
    } catch (const NotFound&) {
        return std::nullopt;
    }
}

namespace {

// A conflict with those it concerns: one audience for each meeting it names.
struct ConflictWithAudiences {
    Conflict conflict;
    std::vector<MeetingAudience> audiences;
};

std::vector<ConflictWithAudiences> with_audiences(const services::ConflictReport& report)
{
    std::vector<ConflictWithAudiences> found;
    for (const auto& conflict : report.conflicts) {
        ConflictWithAudiences entry{conflict, {}};
        for (const auto& id : conflict.meetings) {
            const auto* meeting = report.schedule.find(id);
            // A meeting the report does not hold concerns nobody but admins.
            entry.audiences.push_back(meeting != nullptr ? audience_of(*meeting, report.schedule) : MeetingAudience{});
        }
        found.push_back(std::move(entry));
    }
    return found;
}

VisibleConflicts visible_to(const std::vector<ConflictWithAudiences>& conflicts, const Viewer& viewer)
{
    VisibleConflicts visible;
    for (const auto& [conflict, audiences] : conflicts) {
        const bool readable =
            std::all_of(audiences.begin(), audiences.end(), [&](const auto& audience) { return may_read(viewer, audience); });
        if (readable) {
            visible.shown.push_back(conflict);
        } else {
            ++visible.hidden;
        }
    }
    return visible;
}

}  // namespace

VisibleConflicts meeting_conflicts(const db::Store& store, const MeetingId& id, const Viewer& viewer)
{
    // A meeting's conflicts take a few milliseconds to work out (the meetings of its
    // people around it), its page a fraction of one: each worker thread keeps those it
    // worked out while the store stays unchanged. Every thread has its own connection,
    // whose change mark moves with every write of its own and every commit of another
    // connection, this server's writer or another process alike.
    struct Remembered {
        db::Store::ChangeMark mark;
        std::unordered_map<std::string, std::vector<ConflictWithAudiences>> conflicts;
    };
    constexpr std::size_t most_remembered = 4096;
    thread_local Remembered remembered;
    const auto mark = store.change_mark();
    if (mark != remembered.mark || remembered.conflicts.size() >= most_remembered) {
        remembered.conflicts.clear();
        remembered.mark = mark;
    }
    auto found = remembered.conflicts.find(id.str());
    if (found == remembered.conflicts.end()) {
        found = remembered.conflicts
                    .emplace(id.str(), with_audiences(services::conflicts_of_meeting(store, id, TravelModel{})))
                    .first;
    }
    return visible_to(found->second, viewer);
}

db::MeetingPage list_meetings(const db::Store& store, db::MeetingQuery query, const Viewer& viewer)
{
    query.visible_to = visibility_of(viewer);
    return services::list_meetings(store, query);
}

VisibleConflicts visible_conflicts(const services::ConflictReport& report, const Viewer& viewer)
{
    return visible_to(with_audiences(report), viewer);
}

VisibleConflicts conflicts_between(const db::Store& store, const TimeRange& window, const Viewer& viewer)
{
    return visible_to(with_audiences(services::conflicts_between(store, window, TravelModel{})), viewer);
}

Directory directory_records(const db::Store& store)
{
    return store.records();
}

std::optional<CountyId> organisation_county(const db::Store& store, const OrganisationId& organisation)
{
    const auto found = store.organisation(organisation);
    return found ? std::optional(found->county) : std::nullopt;
}

}  // namespace planner::web
