#pragma once

#include <planner/db/meeting_file.hpp>
#include <planner/db/store.hpp>

#include <filesystem>
#include <optional>

namespace planner::services {

// The meeting file read against the store (its references may name the store's
// records) and imported, all or nothing. `read_alone` is the file already read without
// a store, as a first import does before the store file is created, so that a bad file
// creates none: then it is not read again.
[[nodiscard]] db::ImportReport import_meeting_file(db::Store& store, const std::filesystem::path& file,
                                                   const std::optional<db::MeetingFile>& read_alone = std::nullopt);

}  // namespace planner::services
