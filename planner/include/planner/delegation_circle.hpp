#pragma once

#include <planner/answer.hpp>
#include <planner/directory.hpp>

#include <set>
#include <span>
#include <string>
#include <string_view>

namespace planner {

// Whom a delegation of `meeting` may go to without the organiser looking twice: an
// address in an e-mail domain of the organisations taking part (those of its organisers
// and invitees), compared without case. A domain counts when one of those
// organisations' people from a meeting file has it; `delegates` (Store::delegates) do not
// count, or one delegation to an outside address would let the next pass unflagged.
class DelegationCircle {
public:
    DelegationCircle(const Directory& directory, const Meeting& meeting, const std::set<PersonId>& delegates);

    [[nodiscard]] bool includes(std::string_view address) const;

private:
    std::set<std::string> domains_;  // lower case
};

// The delegates that `answers` (to `meeting`) name and the meeting's circle does not
// include, for `planner show`; `delegates` as for the circle.
[[nodiscard]] std::set<PersonId> delegates_outside(const Directory& directory, const Meeting& meeting,
                                                   std::span<const RecordedAnswer> answers,
                                                   const std::set<PersonId>& delegates);

}  // namespace planner
