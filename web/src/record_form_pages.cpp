// People, organisations, venues and counties added and changed in forms. As with the
// meeting form, the fields become a record of a meeting file, one key per line, which
// the meeting file's reader checks; each problem is shown beside its field. Organisers
// keep the records of their own county (a person by their organisation's), admins all;
// counties are for admins.

#include "form_file.hpp"
#include "layout.hpp"
#include "meeting_records.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/db/meeting_file.hpp>
#include <planner/input_size.hpp>
#include <planner/organisation.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <charconv>
#include <map>
#include <sstream>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;
using html::Url;

namespace {

enum class FieldKind { text, email, number, flag, select, geo, office_hours, lines };

struct FieldSpec {
    FieldSpec(std::string key_, std::string_view label_, FieldKind kind_ = FieldKind::text, bool required_ = true,
              std::vector<std::pair<std::string, std::string>> options_ = {})
        : key(std::move(key_)), label(label_), kind(kind_), required(required_), options(std::move(options_))
    {
    }

    std::string key;  // the meeting file's key, and the form field's name
    std::string_view label;
    FieldKind kind;
    bool required;
    std::vector<std::pair<std::string, std::string>> options;  // value, shown: for select
};

using Values = std::map<std::string, std::string>;
using Problems = FieldProblems;

// One kind of record: its table in the meeting file, its fields, the values of a
// stored one, and the county whose organisers keep it.
struct RecordKind {
    std::string_view table;  // "person"
    html::LiteralPath list;  // "/people"
    std::function<std::vector<FieldSpec>(const Words&, const Directory&)> fields;
    std::function<std::optional<Values>(const Directory&, const std::string& id)> values_of;
    // None: admins keep it (counties).
    std::function<std::optional<CountyId>(const Directory&, const Values&)> county_of;
};

// The stored record's fingerprint, as its form shows it.
std::string version_of(const Values& values)
{
    std::string text;
    for (const auto& [key, value] : values) {
        text += key + "=" + value + "\n";
    }
    return form_version(text);
}

std::string number_text(double value)
{
    auto text = fmt::format("{}", value);
    return text;
}

Values geo_values(const std::optional<GeoPoint>& geo)
{
    if (!geo) {
        return {};
    }
    return {{"geo-lat", number_text(geo->latitude())}, {"geo-lon", number_text(geo->longitude())}};
}

std::vector<std::pair<std::string, std::string>> county_options(const Directory& records)
{
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto& [id, county] : records.counties()) {
        options.emplace_back(id.str(), county.name);
    }
    return options;
}

const RecordKind& person_kind()
{
    static const RecordKind kind{
        "person", "/people", [](const Words& say, const Directory& records) {
            std::vector<std::pair<std::string, std::string>> organisations;
            for (const auto& [id, organisation] : records.organisations()) {
                const auto* county = records.find(organisation.county);
                organisations.emplace_back(id.str(), organisation.name + (county ? " (" + county->name + ")" : ""));
            }
            return std::vector<FieldSpec>{{"name", say.name},
                                          {"email", say.email, FieldKind::email, false},
                                          {"postal_address", say.postal_address, FieldKind::lines, false},
                                          {"organisation", say.organisation, FieldKind::select, true, organisations},
                                          {"function", say.function, FieldKind::text, false},
                                          {"step_free", say.needs_step_free, FieldKind::flag, false},
                                          {"geo", say.position, FieldKind::geo, false}};
        },
        [](const Directory& records, const std::string& id) -> std::optional<Values> {
            const auto* person = records.find(PersonId(id));
            if (person == nullptr) {
                return std::nullopt;
            }
            Values values{{"name", person->name},
                          {"email", email_text(*person)},
                          {"postal_address", person->postal_address},
                          {"organisation", person->organisation.str()},
                          {"function", person->function},
                          {"step_free", person->access == planner::Access::step_free ? "true" : ""}};
            values.merge(geo_values(person->geo));
            return values;
        },
        [](const Directory& records, const Values& values) -> std::optional<CountyId> {
            const auto found = values.find("organisation");
            const auto* organisation = found == values.end() ? nullptr : records.find(OrganisationId(found->second));
            return organisation ? std::optional(organisation->county) : std::nullopt;
        }};
    return kind;
}

const RecordKind& organisation_kind()
{
    static const RecordKind kind{
        "organisation", "/organisations", [](const Words& say, const Directory& records) {
            std::vector<std::pair<std::string, std::string>> kinds;
            for (const auto value : {OrganisationKind::district_office, OrganisationKind::contact_point,
                                     OrganisationKind::self_help_group, OrganisationKind::civic_initiative,
                                     OrganisationKind::council, OrganisationKind::other}) {
                kinds.emplace_back(std::string(to_string(value)),
                                   std::string(kind_label(value, say.language_code == "de" ? Language::de : Language::en)));
            }
            return std::vector<FieldSpec>{{"name", say.name},
                                          {"county", say.county, FieldKind::select, true, county_options(records)},
                                          {"kind", say.kind, FieldKind::select, true, kinds},
                                          {"office_hours", say.office_hours, FieldKind::office_hours, false},
                                          {"geo", say.position, FieldKind::geo, false}};
        },
        [](const Directory& records, const std::string& id) -> std::optional<Values> {
            const auto* organisation = records.find(OrganisationId(id));
            if (organisation == nullptr) {
                return std::nullopt;
            }
            Values values{{"name", organisation->name},
                          {"county", organisation->county.str()},
                          {"kind", std::string(to_string(organisation->kind))}};
            if (organisation->office_hours != default_office_hours(organisation->kind)) {
                values["office_hours"] = organisation->office_hours ? to_string(*organisation->office_hours) : "-";
            }
            values.merge(geo_values(organisation->geo));
            return values;
        },
        [](const Directory&, const Values& values) -> std::optional<CountyId> {
            const auto found = values.find("county");
            return found == values.end() ? std::nullopt : std::optional(CountyId(found->second));
        }};
    return kind;
}

const RecordKind& venue_kind()
{
    static const RecordKind kind{
        "venue", "/venues", [](const Words& say, const Directory& records) {
            return std::vector<FieldSpec>{
                {"name", say.name},
                {"address", say.address},
                {"county", say.county, FieldKind::select, true, county_options(records)},
                {"capacity", say.capacity, FieldKind::number},
                {"geo", say.position, FieldKind::geo},
                {"accessible", say.step_free, FieldKind::select, false, {{"true", std::string(say.yes)}, {"false", std::string(say.no)}}}};
        },
        [](const Directory& records, const std::string& id) -> std::optional<Values> {
            const auto* venue = records.find(VenueId(id));
            if (venue == nullptr) {
                return std::nullopt;
            }
            Values values{{"name", venue->name},
                          {"address", venue->address},
                          {"county", venue->county.str()},
                          {"capacity", std::to_string(venue->capacity)}};
            if (venue->accessibility != Accessibility::unknown) {
                values["accessible"] = venue->accessibility == Accessibility::step_free ? "true" : "false";
            }
            values.merge(geo_values(venue->geo));
            return values;
        },
        [](const Directory&, const Values& values) -> std::optional<CountyId> {
            const auto found = values.find("county");
            return found == values.end() ? std::nullopt : std::optional(CountyId(found->second));
        }};
    return kind;
}

const RecordKind& county_kind()
{
    static const RecordKind kind{
        "county", "/counties", [](const Words& say, const Directory&) {
            return std::vector<FieldSpec>{{"name", say.name}, {"seat", say.seat}, {"state", say.state},
                                          {"geo", say.position, FieldKind::geo}};
        },
        [](const Directory& records, const std::string& id) -> std::optional<Values> {
            const auto* county = records.find(CountyId(id));
            if (county == nullptr) {
                return std::nullopt;
            }
            Values values{{"name", county->name}, {"seat", county->seat}, {"state", county->state}};
            values.merge(geo_values(county->geo));
            return values;
        },
        [](const Directory&, const Values&) -> std::optional<CountyId> { return std::nullopt; }};
    return kind;
}

std::optional<double> decimal(const std::string& text)
{
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [last, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || last != end) {
        return std::nullopt;
    }
    return value;
}

// The record as a meeting file, or the fields no file could hold in their shape.
std::variant<FormFile, Problems> record_file(const RecordKind& kind, const std::vector<FieldSpec>& fields,
                                               const std::string& id, const Values& values, const Words& say)
{
    FormFile file;
    Problems problems;
    const auto line = [&](const std::string& text, const std::string& field) { file.line(text, field); };
    const auto value_of = [&](const std::string& key) {
        const auto found = values.find(key);
        return found == values.end() ? std::string() : found->second;
    };
    line(fmt::format("[[{}]]", kind.table), "");
    line("id = " + db::toml_string(id), "id");
    for (const auto& field : fields) {
        const auto value = value_of(field.key);
        switch (field.kind) {
        case FieldKind::text:
        case FieldKind::email:
        case FieldKind::select:
            if (!value.empty() || field.required) {
                line(fmt::format("{} = {}", field.key, db::toml_string(value)), field.key);
            }
            break;
        case FieldKind::number:
            if (value.empty() || value.size() > 9 || value.find_first_not_of("0123456789") != std::string::npos) {
                problems[field.key] = say.expected_whole_number;
            } else {
                line(fmt::format("{} = {}", field.key, value), field.key);
            }
            break;
        case FieldKind::flag:
            if (value == "true") {
                line(fmt::format("{} = true", field.key), field.key);
            }
            break;
        case FieldKind::lines: {
            // A browser's text area ends its lines with CR LF.
            std::string lines;
            for (std::size_t at = 0; at < value.size(); ++at) {
                if (value[at] != '\r') {
                    lines += value[at];
                }
            }
            while (!lines.empty() && (lines.back() == '\n' || lines.back() == ' ')) {
                lines.pop_back();
            }
            if (!lines.empty()) {
                line(fmt::format("{} = {}", field.key, db::toml_string(lines)), field.key);
            }
            break;
        }
        case FieldKind::office_hours:
            if (value == "-") {
                line(fmt::format("{} = false", field.key), field.key);
            } else if (!value.empty()) {
                line(fmt::format("{} = {}", field.key, db::toml_string(value)), field.key);
            }
            break;
        case FieldKind::geo: {
            const auto latitude = value_of("geo-lat");
            const auto longitude = value_of("geo-lon");
            if (latitude.empty() && longitude.empty() && !field.required) {
                break;
            }
            const auto lat = decimal(latitude);
            const auto lon = decimal(longitude);
            if (!lat || !lon) {
                problems["geo"] = say.expected_position;
            } else {
                line(fmt::format("geo = [{}, {}]", number_text(*lat), number_text(*lon)), "geo");
            }
            break;
        }
        }
    }
    if (!problems.empty()) {
        return problems;
    }
    return file;
}

Html control(const FieldSpec& field, const Values& values, const Problems& problems, const Words& say)
{
    const auto value = [&](const std::string& key) {
        const auto found = values.find(key);
        return found == values.end() ? std::string() : found->second;
    };
    const auto problem = problems.find(field.key);
    std::vector<html::Attribute> common{{"id", "field-" + field.key}, {"name", field.key}};
    if (problem != problems.end()) {
        common.push_back({"aria-invalid", "true"});
        common.push_back({"aria-describedby", "problem-" + field.key});
    }
    const Html shown_problem =
        problem == problems.end() ? Html() : element("p", {{"class", "problem"}, {"id", "problem-" + field.key}}, problem->second);
    const auto labelled = [&](const Html& input) {
        return element("div", {{"class", "field"}},
                       Element("label", {{"for", "field-" + field.key}})(field.label) + input + shown_problem);
    };
    switch (field.kind) {
    case FieldKind::text:
    case FieldKind::email:
    case FieldKind::number:
    case FieldKind::office_hours: {
        auto attributes = common;
        attributes.push_back({"type", field.kind == FieldKind::email ? "email" : field.kind == FieldKind::number ? "number" : "text"});
        attributes.push_back({"value", value(field.key)});
        attributes.push_back({"maxlength", std::to_string(max_line_characters)});
        if (field.required) {
            attributes.push_back({"required", "required"});
        }
        Html input = Element("input", std::move(attributes)).empty_element();
        if (field.kind == FieldKind::office_hours) {
            input += element("p", {{"class", "hint"}}, say.office_hours_hint);
        }
        return labelled(input);
    }
    case FieldKind::flag: {
        auto attributes = common;
        attributes.push_back({"type", "checkbox"});
        attributes.push_back({"value", "true"});
        attributes.push_back(html::flag("checked", value(field.key) == "true"));
        return element("div", {{"class", "choice"}},
                       Element("input", std::move(attributes)).empty_element() +
                           Element("label", {{"for", "field-" + field.key}})(field.label) + shown_problem);
    }
    case FieldKind::lines: {
        auto attributes = common;
        attributes.push_back({"rows", "3"});
        attributes.push_back({"maxlength", std::to_string(max_line_characters)});
        return labelled(Html(Element("textarea", std::move(attributes))(value(field.key))) +
                        element("p", {{"class", "hint"}}, say.postal_address_hint));
    }
    case FieldKind::select: {
        Element select("select", common);
        select(Element("option", {{"value", ""}})(field.required ? say.choose : say.unknown));
        for (const auto& [option, shown] : field.options) {
            select(Element("option", {{"value", option}, html::flag("selected", value(field.key) == option)})(shown));
        }
        return labelled(Html(select));
    }
    case FieldKind::geo: {
        Element group("fieldset", {{"class", "filters"}});
        group(element("legend", field.label));
        for (const auto& [key, label] : {std::pair{std::string("geo-lat"), say.latitude}, std::pair{std::string("geo-lon"), say.longitude}}) {
            std::vector<html::Attribute> attributes{{"id", "field-" + key}, {"name", key}, {"type", "text"},
                                                    {"inputmode", "decimal"}, {"value", value(key)}};
            if (problem != problems.end()) {
                attributes.push_back({"aria-invalid", "true"});
                attributes.push_back({"aria-describedby", "problem-geo"});
            }
            group(element("div", {{"class", "field"}},
                          Element("label", {{"for", "field-" + key}})(label) + Element("input", std::move(attributes)).empty_element()));
        }
        group(shown_problem);
        return Html(group);
    }
    }
    return {};
}

Response record_page(Context& context, const RecordKind& kind, const std::optional<std::string>& id, const std::string& typed_id,
                     const Values& values, const Problems& problems, const Directory& records)
{
    const auto& say = words(context.language);
    const auto path = id ? Url(kind.list, {*id, "edit"}) : Url(kind.list, {"new"});
    Html content;
    if (!problems.empty()) {
        Element summary("ul");
        for (const auto& [field, problem] : problems) {
            summary(element("li", field.empty() ? problem : fmt::format("{}: {}", field, problem)));
        }
        content += element("div", {{"class", "problem-summary"}, {"role", "alert"}},
                            element("p", say.form_has_problems) + Html(summary));
    }
    Element form("form", {{"method", "post"}, {"action", path.str()}});
    form(csrf_field(context));
    if (id) {
        const auto version = values.find("version");
        form(Element("input", {{"type", "hidden"}, {"name", "version"},
                               {"value", version == values.end() ? std::string() : version->second}})
                 .empty_element());
    }
    if (!id) {
        const auto problem = problems.find("id");
        std::vector<html::Attribute> attributes{{"id", "field-id"}, {"name", "id"}, {"type", "text"}, {"value", typed_id},
                                                {"required", "required"}, {"maxlength", std::to_string(max_id_length)}};
        std::string described = "hint-id";
        if (problem != problems.end()) {
            attributes.push_back({"aria-invalid", "true"});
            described += " problem-id";
        }
        attributes.push_back({"aria-describedby", described});
        form(element("div", {{"class", "field"}},
                     Element("label", {{"for", "field-id"}})(say.meeting_id) +
                         Element("input", std::move(attributes)).empty_element() +
                         element("p", {{"class", "hint"}, {"id", "hint-id"}}, say.record_id_hint) +
                         (problem == problems.end() ? Html() : element("p", {{"class", "problem"}, {"id", "problem-id"}}, problem->second))));
    }
    for (const auto& field : kind.fields(say, records)) {
        form(control(field, values, problems, say));
    }
    form(Element("button", {{"type", "submit"}})(say.save));
    content += Html(form);
    if (id && kind.table == "person") {
        content += feed_controls(context, Url("/people", {*id, "feed"}), say.feed_person_hint, {});
    }
    const auto name = values.contains("name") ? values.at("name") : std::string();
    return page(context, id ? fmt::format(fmt::runtime(say.change_record), name) : std::string(say.new_record), content,
                problems.empty() ? 200 : 400);
}

Values form_values(const Request& request)
{
    Values values;
    for (auto& [name, value] : request.form()) {
        values[name] = value;
    }
    return values;
}

Response show_form(Context& context, const RecordKind& kind, bool is_new)
{
    const auto records = context.store.records();
    if (is_new) {
        Values defaults;
        if (context.viewer->county) {
            defaults["county"] = context.viewer->county->str();
        }
        return record_page(context, kind, std::nullopt, "", defaults, {}, records);
    }
    const auto& id = context.path["id"];
    const auto values = kind.values_of(records, id);
    if (!values) {
        const auto& say = words(context.language);
        return error_page(context, 404, say.not_found_title, say.not_found_text);
    }
    if (!may_keep_records_of(*context.viewer, kind.county_of(records, *values))) {
        const auto& say = words(context.language);
        return error_page(context, 403, say.forbidden_title, say.forbidden_text);
    }
    auto shown = *values;
    shown["version"] = version_of(*values);
    return record_page(context, kind, id, id, shown, {}, records);
}

Response save_form(Context& context, const RecordKind& kind, bool is_new)
{
    const auto& say = words(context.language);
    const auto records = context.store.records();
    auto values = form_values(context.request);
    const std::string id = is_new ? values["id"] : context.path["id"];
    std::optional<std::string> stored_id;
    if (!is_new) {
        const auto stored = kind.values_of(records, id);
        if (!stored) {
            return error_page(context, 404, say.not_found_title, say.not_found_text);
        }
        // The county the record is kept by now, and the one it would be kept by.
        if (!may_keep_records_of(*context.viewer, kind.county_of(records, *stored))) {
            return error_page(context, 403, say.forbidden_title, say.forbidden_text);
        }
        stored_id = id;
        // Changed by someone else since the form was opened: said, and the form now
        // stands on the record as it is, so that saving again is a choice made knowingly.
        if (const auto now = version_of(*stored); values["version"] != now) {
            values["version"] = now;
            return record_page(context, kind, stored_id, id, values, {{"", std::string(say.changed_meanwhile)}}, records);
        }
    }
    const auto fields = kind.fields(say, records);
    const auto file = record_file(kind, fields, id, values, say);
    if (const auto* problems = std::get_if<Problems>(&file)) {
        return record_page(context, kind, stored_id, id, values, *problems, records);
    }
    const auto& record = std::get<FormFile>(file);
    db::MeetingFile read;
    try {
        read = db::parse_meeting_file(record.text(), std::string(FormFile::source), records);
    } catch (const Error& problem) {
        return record_page(context, kind, stored_id, id, values, record.problem_of(problem.what()), records);
    }
    // The file holds the one record the form is for, whatever its fields held.
    const auto records_read = read.counties.size() + read.organisations.size() + read.people.size() +
                              read.venues.size() + read.meetings.size();
    const auto of_kind = kind.table == "person"         ? read.people.size()
                         : kind.table == "organisation" ? read.organisations.size()
                         : kind.table == "venue"        ? read.venues.size()
                                                        : read.counties.size();
    if (records_read != 1 || of_kind != 1) {
        throw BadRequest("the form's fields must describe one record");
    }
    if (is_new && kind.values_of(records, id)) {
        return record_page(context, kind, stored_id, id, values, {{"id", fmt::format(fmt::runtime(say.record_id_taken), id)}},
                           records);
    }
    if (!may_keep_records_of(*context.viewer, kind.county_of(records, values))) {
        return record_page(context, kind, stored_id, id, values, {{"", std::string(say.record_of_your_county)}}, records);
    }
    try {
        static_cast<void>(context.store.import(read, records));
    } catch (const db::OrganiserWithoutEmail& problem) {
        // The address taken from someone who organises a meeting.
        return record_page(context, kind, stored_id, id, values, {{"email", problem.what()}}, records);
    }
    // The id is an id (the reader checked it): safe as the fragment.
    return redirect(Url(kind.list).str() + "#" + std::string(kind.table) + "-" + id);
}

}  // namespace

Response new_person_form(Context& context) { return show_form(context, person_kind(), true); }
Response add_person(Context& context) { return save_form(context, person_kind(), true); }
Response edit_person_form(Context& context) { return show_form(context, person_kind(), false); }

Response change_person_feed(Context& context)
{
    const auto& say = words(context.language);
    const PersonId id(context.path["id"]);
    // One person and their organisation's county: what may_keep_records_of asks.
    const auto person = context.store.person(id);
    if (!person) {
        return error_page(context, 404, say.not_found_title, say.not_found_text);
    }
    if (!may_keep_records_of(*context.viewer, organisation_county(context.store, person->organisation))) {
        return error_page(context, 403, say.forbidden_title, say.forbidden_text);
    }
    // The address is shown in this answer alone (only its hash is kept): not a redirect.
    const auto shown = change_feed_of(context, id);
    return page(context, fmt::format(fmt::runtime(say.feed_of_person), person->name),
                feed_controls(context, Url("/people", {id.str(), "feed"}), say.feed_person_hint, shown));
}
Response change_person(Context& context) { return save_form(context, person_kind(), false); }
Response new_organisation_form(Context& context) { return show_form(context, organisation_kind(), true); }
Response add_organisation(Context& context) { return save_form(context, organisation_kind(), true); }
Response edit_organisation_form(Context& context) { return show_form(context, organisation_kind(), false); }
Response change_organisation(Context& context) { return save_form(context, organisation_kind(), false); }
Response new_venue_form(Context& context) { return show_form(context, venue_kind(), true); }
Response add_venue(Context& context) { return save_form(context, venue_kind(), true); }
Response edit_venue_form(Context& context) { return show_form(context, venue_kind(), false); }
Response change_venue(Context& context) { return save_form(context, venue_kind(), false); }
Response new_county_form(Context& context) { return show_form(context, county_kind(), true); }
Response add_county(Context& context) { return save_form(context, county_kind(), true); }
Response edit_county_form(Context& context) { return show_form(context, county_kind(), false); }
Response change_county(Context& context) { return save_form(context, county_kind(), false); }

}  // namespace planner::web::pages
