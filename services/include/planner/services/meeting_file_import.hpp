#pragma once

#include <planner/db/meeting_file.hpp>
#include <planner/db/store.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace planner::services {

// The meeting file read against the store (its references may name the store's
// records) and imported, all or nothing. `read_alone` is the file already read without
// a store, as a first import does before the store file is created, so that a bad file
// creates none: then it is not read again.
// Meetings changed outside a file since one last wrote them are kept as the store has
// them unless `changed` says to overwrite them (db::Store::import).
[[nodiscard]] db::ImportReport import_meeting_file(
    db::Store& store, const std::filesystem::path& file, const std::optional<db::MeetingFile>& read_alone = std::nullopt,
    db::Store::ChangedMeetings changed = db::Store::ChangedMeetings::kept);

// The meeting file (db::write_meeting_file) of the whole store, or of these meetings
// (a series whole) with every record they refer to: imported into an empty store, it
// gives the same records. NotFound for a meeting the store lacks.
[[nodiscard]] std::string export_meeting_file(const db::Store& store, const std::vector<MeetingId>& meetings = {});

}  // namespace planner::services
