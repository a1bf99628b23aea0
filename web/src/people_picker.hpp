#pragma once
// The people of some counties to choose from, for the meeting form and the search for a
// time: by county, then organisation (each a disclosure, open where someone is chosen),
// a row per person with the caller's controls beside the name.

#include "html.hpp"

#include <planner/directory.hpp>

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace planner::web {

struct PeoplePicker {
    std::vector<std::string_view> headings;  // of the name column, then of each control column
    // The cells beside a person's name. The name's cell has the id "who-" + the
    // person's id, for the controls' aria-labelledby.
    std::function<html::Html(const Person&)> cells;
    std::function<bool(const Person&)> chosen;
};

[[nodiscard]] html::Html people_picker(const Directory& records, const std::set<CountyId>& counties,
                                       const PeoplePicker& picker);

}  // namespace planner::web
