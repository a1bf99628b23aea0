#pragma once

#include <optional>
#include <string_view>

namespace planner {

// A participant's answer to an invitation: the PARTSTAT of RFC 5545 3.2.12 that an
// event's attendee can give. needs_action until they answer.
enum class Answer { needs_action, accepted, declined, tentative, delegated };

// "needs-action", "accepted", "declined", "tentative", "delegated": how the store,
// JSON and listings name them.
[[nodiscard]] std::string_view to_string(Answer answer);
[[nodiscard]] std::optional<Answer> answer_from_string(std::string_view text);

}  // namespace planner
