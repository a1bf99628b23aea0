#include <planner/answer.hpp>

#include "enum_names.hpp"

namespace planner {
namespace {

constexpr detail::EnumNames<Answer, 5> answer_names{{{Answer::needs_action, "needs-action"},
                                                     {Answer::accepted, "accepted"},
                                                     {Answer::declined, "declined"},
                                                     {Answer::tentative, "tentative"},
                                                     {Answer::delegated, "delegated"}}};

}  // namespace

std::string_view to_string(Answer answer) { return detail::name_of(answer_names, answer); }
std::optional<Answer> answer_from_string(std::string_view text) { return detail::value_of(answer_names, text); }

Answer answer_of(std::span<const RecordedAnswer> answers, const PersonId& person,
                 std::optional<boost::gregorian::date> occurrence)
{
    std::optional<Answer> whole;
    for (const auto& answer : answers) {
        if (answer.person != person) {
            continue;
        }
        if (occurrence && answer.occurrence == occurrence) {
            return answer.answer;
        }
        if (!answer.occurrence) {
            whole = answer.answer;
        }
    }
    return whole.value_or(Answer::needs_action);
}

}  // namespace planner
