#include "people_picker.hpp"

#include <algorithm>
#include <map>

namespace planner::web {

using html::element;
using html::Element;
using html::Html;

Html people_picker(const Directory& records, const std::set<CountyId>& counties, const PeoplePicker& picker)
{
    // County -> organisation -> people, by name.
    std::map<std::string, std::map<std::string, std::vector<const Person*>>> grouped;
    for (const auto& [id, person] : records.people()) {
        const auto* organisation = records.find(person.organisation);
        if (organisation == nullptr || !counties.contains(organisation->county)) {
            continue;
        }
        const auto* county = records.find(organisation->county);
        grouped[county ? county->name : organisation->county.str()][organisation->name].push_back(&person);
    }
    Element head("tr");
    for (const auto heading : picker.headings) {
        head(element("th", {{"scope", "col"}}, heading));
    }
    const Html table_head = element("thead", Html(head));
    Html content;
    for (auto& [county, organisations] : grouped) {
        content += element("h3", county);
        for (auto& [organisation, people] : organisations) {
            std::sort(people.begin(), people.end(), [](const Person* a, const Person* b) { return a->name < b->name; });
            bool someone_chosen = false;
            Element rows("tbody");
            for (const auto* person : people) {
                someone_chosen = someone_chosen || picker.chosen(*person);
                rows(element("tr", element("th", {{"scope", "row"}, {"id", "who-" + person->id.str()}}, person->name) +
                                       picker.cells(*person)));
            }
            Element details("details", {html::flag("open", someone_chosen)});
            details(element("summary", organisation));
            details(element("table", table_head + Html(rows)));
            content += Html(details);
        }
    }
    return content;
}

}  // namespace planner::web
