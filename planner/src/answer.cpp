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

const RecordedAnswer* given_answer(std::span<const RecordedAnswer> answers, const PersonId& person,
                                   std::optional<boost::gregorian::date> occurrence)
{
    const RecordedAnswer* whole = nullptr;
    for (const auto& answer : answers) {
        if (answer.person != person) {
            continue;
        }
        if (occurrence && answer.occurrence == occurrence) {
            return &answer;
        }
        if (!answer.occurrence) {
            whole = &answer;
        }
    }
    return whole;
}

Answer answer_of(std::span<const RecordedAnswer> answers, const PersonId& person,
                 std::optional<boost::gregorian::date> occurrence)
{
    const auto* given = given_answer(answers, person, occurrence);
    return given == nullptr ? Answer::needs_action : given->answer;
}

}  // namespace planner
