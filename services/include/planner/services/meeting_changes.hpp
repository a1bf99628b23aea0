#pragma once
// A meeting made or changed by hand (the web's form): what the change would cause,
// and saving it.

#include <planner/db/store.hpp>
#include <planner/error.hpp>
#include <planner/invitation_plan.hpp>
#include <planner/services/meeting_queries.hpp>
#include <planner/travel.hpp>

#include <optional>

namespace planner::services {

// What saving a meeting would cause: the conflicts it would have (as `check MEETING`
// finds them once it is saved), and what its invitations would become: who needs an
// update, who is new, who gets a cancellation, and whether SEQUENCE rises.
struct MeetingPreview {
    ConflictReport conflicts;
    InvitationPlan plan;

    [[nodiscard]] bool has_errors() const;
};

// `draft`: a meeting or a series, new or a changed version of a stored one (with the
// stored one's UID and SEQUENCE). A series is checked as `check MEETING` checks it
// once stored: it is written, checked and rolled back (db::Store::rehearse), so every
// one of its meetings is checked by the same code as the stored ones.
[[nodiscard]] MeetingPreview preview_meeting(db::Store& store, const Meeting& draft, const TravelModel& travel);

// Conflicts that are errors (a person or a room booked twice) are saved only when the
// organiser has seen them and said so.
enum class ErrorConflicts { refused, accepted };

struct MeetingSave {
    bool saved = false;      // false: the preview has errors that were not accepted
    MeetingPreview preview;  // as checked at the moment of saving
};

// Saves the draft after checking it again: new when `as_read` is null (planner::Error
// when its id is taken meanwhile), else over `as_read`, the stored meeting the change
// was made from (planner::Error, nothing written, when another change came between).
[[nodiscard]] MeetingSave save_meeting(db::Store& store, const Meeting& draft, const std::optional<Meeting>& as_read,
                                       const TravelModel& travel, ErrorConflicts errors);

}  // namespace planner::services
