#include <planner/services/meeting_changes.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace planner::services {

bool MeetingPreview::has_errors() const
{
    return std::any_of(conflicts.conflicts.begin(), conflicts.conflicts.end(),
                       [](const Conflict& conflict) { return conflict.severity == Severity::error; });
}

MeetingPreview preview_meeting(db::Store& store, const Meeting& draft, const TravelModel& travel)
{
    MeetingPreview preview;
    // A series, or a single meeting that replaces one: written first, so that the check
    // sees the meetings it will have and not those it had.
    const auto stored = store.meeting(draft.id);
    if (draft.recurrence || (stored && stored->recurrence)) {
        store.rehearse([&] {
            if (stored) {
                store.update(draft, *stored);
            } else {
                store.add_meeting(draft);
            }
            try {
                preview.conflicts = conflicts_of_meeting(store, draft.id, travel);
            } catch (const NotFound&) {
                // A series all of whose meetings are left out: none to conflict.
                preview.conflicts = {};
            }
            preview.plan = plan_invitation(draft, store.sent_versions(draft.id));
        });
        return preview;
    }
    store.read_together([&] {
        preview.conflicts = conflicts_of_draft(store, draft, travel);
        preview.plan = plan_invitation(draft, store.sent_versions(draft.id));
    });
    return preview;
}

MeetingSave save_meeting(db::Store& store, const Meeting& draft, const std::optional<Meeting>& as_read,
                         const TravelModel& travel, ErrorConflicts errors)
{
    if (as_read && as_read->id != draft.id) {
        throw Error(fmt::format("a meeting keeps its id: '{}' cannot become '{}'", as_read->id.str(), draft.id.str()));
    }
    MeetingSave result{false, preview_meeting(store, draft, travel)};
    if (result.preview.has_errors() && errors == ErrorConflicts::refused) {
        return result;
    }
    if (as_read) {
        store.update(draft, *as_read);
    } else {
        store.add_meeting(draft);
    }
    result.saved = true;
    return result;
}

}  // namespace planner::services
