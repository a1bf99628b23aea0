#pragma once

#include <planner/db/store.hpp>
#include <planner/directory.hpp>

#include <string>

namespace planner::services {

// Finding meetings as every use case does.

// The meeting of that id; NotFound names a few of the store's meetings.
[[nodiscard]] const Meeting& find_meeting(const Directory& directory, const std::string& id);

// The store's meetings as the checks and the slot search see them: every series
// replaced by its occurrences.
[[nodiscard]] Directory expanded(Directory directory);

// Throws NotFound, naming what the store has, unless `id` names a meeting of the
// expanded store: a single meeting, an occurrence ("sprecherrat-2013@2013-03-12") or
// a series. Only then is the store read again, for the message (it names series, not
// their occurrences).
void require_meeting(const Directory& schedule, const db::Store& store, const std::string& id);

}  // namespace planner::services
