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
    if (draft.recurrence) {
        store.rehearse([&] {
            if (const auto stored = store.meeting(draft.id)) {
                store.update(draft, *stored);
            } else {
                store.add_meeting(draft);
            }
            preview.conflicts = conflicts_of_meeting(store, draft.id, travel);
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
