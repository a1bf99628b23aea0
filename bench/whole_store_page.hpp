#pragma once
// A page of the meeting list worked out from the whole store (Store::load()): the
// answer services::list_meetings must give, for its tests, and the baseline its
// benchmark is measured against.

#include <planner/db/meeting_query.hpp>
#include <planner/directory.hpp>

namespace planner::bench {

[[nodiscard]] db::MeetingPage whole_store_page(const Directory& stored, const db::MeetingQuery& query);

}  // namespace planner::bench
