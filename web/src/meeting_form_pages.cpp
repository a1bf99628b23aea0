// A meeting made or changed in a form. The form's fields become the [[meeting]] of a
// meeting file, one key per line, and the meeting file's own reader checks it: the
// form refuses exactly what a file would, and the line of a problem names the field
// it is shown beside. Before saving, the page shows the conflicts the meeting would
// have and what its invitations would become; a conflict that is an error is saved
// only with an explicit "save anyway".

#include "form_file.hpp"
#include "layout.hpp"
#include "meeting_records.hpp"
#include "pages.hpp"
#include "people_picker.hpp"
#include "parameters.hpp"

#include <planner/db/meeting_file.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/input_size.hpp>
#include <planner/recurrence.hpp>
#include <planner/services/meeting_changes.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <sstream>
#include <variant>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;
using html::link;
using html::Url;
namespace greg = boost::gregorian;
namespace pt = boost::posix_time;

namespace {

// Agenda rows the form offers beyond those the meeting has.
constexpr std::size_t blank_agenda_rows = 3;
constexpr std::size_t most_agenda_rows = 40;

struct AgendaRow {
    std::string start;
    std::string end;
    std::string title;
    std::string presenter;
};

// The form's fields as sent (or as the stored meeting fills them).
struct MeetingForm {
    std::string id;
    std::string title;
    std::string description;
    std::string day;    // 2012-10-11
    std::string start;  // 14:00
    std::string end;
    std::string zone{default_time_zone};
    std::string venue;
    std::string status{"confirmed"};
    std::string guest_list{"auto"};  // auto, shown, hidden: participants_see_each_other
    std::string published{"no"};     // no, yes: public
    std::set<std::string> counties;
    std::vector<std::string> organisers;         // in the order given
    std::map<std::string, std::string> roles;    // person -> chair, required, optional, info
    std::vector<AgendaRow> agenda;
    // The series: how it repeats, until which day, the days it leaves out (one a line),
    // and one of its meetings moved to another day or time.
    std::string repeat{"none"};  // none, weekly, monthly (on the day's weekday: "2nd Tuesday")
    std::string every{"1"};      // weeks between two meetings, for weekly
    std::string until;           // 2013-12-17: the last day it may fall on
    std::string exceptions;
    std::string moved_from;      // the day the rule gives the moved meeting
    std::string moved_day;
    std::string moved_start;
    std::string moved_end;
    bool accept_errors = false;
    std::string version;  // of the stored meeting the form was made from (form_version)
};

// The stored meeting's fingerprint, from its meeting file.
std::string version_of(const Meeting& meeting)
{
    db::MeetingFile file;
    file.meetings.push_back(meeting);
    return form_version(db::write_meeting_file(file));
}

std::string local_clock(pt::ptime utc, const TimeZone& zone)
{
    return format_clock(zone.to_local(utc).time_of_day());
}

// The picker's "weekly" or "monthly".
std::optional<PickedRule::Repeat> repeat_named(std::string_view name)
{
    if (name == "weekly") {
        return PickedRule::Repeat::weekly;
    }
    if (name == "monthly") {
        return PickedRule::Repeat::monthly_on_weekday;
    }
    return std::nullopt;
}

// The rule the picker can say again, or nothing (it is changed in the meeting file).
std::optional<PickedRule> picker_of(const Meeting& series)
{
    if (!series.recurrence) {
        return std::nullopt;
    }
    return picked_rule(series.recurrence->rule, time_zone(series.time_zone).to_local(series.time.start()).date());
}

MeetingForm form_of(const Meeting& meeting)
{
    const auto& zone = time_zone(meeting.time_zone);
    MeetingForm form;
    form.version = version_of(meeting);
    form.id = meeting.id.str();
    form.title = meeting.title;
    form.description = meeting.description;
    form.day = greg::to_iso_extended_string(zone.to_local(meeting.time.start()).date());
    form.start = local_clock(meeting.time.start(), zone);
    form.end = local_clock(meeting.time.end(), zone);
    form.zone = meeting.time_zone;
    form.venue = meeting.venue.str();
    form.status = std::string(to_string(meeting.status));
    if (meeting.participants_see_each_other) {
        form.guest_list = *meeting.participants_see_each_other ? "shown" : "hidden";
    }
    form.published = meeting.published ? "yes" : "no";
    for (const auto& county : meeting.counties) {
        form.counties.insert(county.str());
    }
    for (const auto& organiser : meeting.organisers) {
        form.organisers.push_back(organiser.str());
    }
    for (const auto& participant : meeting.participants) {
        form.roles[participant.person.str()] = std::string(to_string(participant.role));
    }
    for (const auto& item : meeting.agenda) {
        form.agenda.push_back({local_clock(item.time.start(), zone), local_clock(item.time.end(), zone), item.title,
                               item.presenter ? item.presenter->str() : std::string()});
    }
    if (meeting.recurrence) {
        if (const auto picked = picker_of(meeting)) {
            form.repeat = picked->repeat == PickedRule::Repeat::weekly ? "weekly" : "monthly";
            form.every = std::to_string(picked->every_weeks);
            form.until = greg::to_iso_extended_string(picked->until);
        }
        for (const auto& day : meeting.recurrence->exceptions) {
            form.exceptions += greg::to_iso_extended_string(day) + "\n";
        }
        if (!meeting.recurrence->changes.empty() && meeting.recurrence->changes.front().time) {
            const auto& moved = meeting.recurrence->changes.front();
            form.moved_from = greg::to_iso_extended_string(moved.date);
            form.moved_day = greg::to_iso_extended_string(zone.to_local(moved.time->start()).date());
            form.moved_start = local_clock(moved.time->start(), zone);
            form.moved_end = local_clock(moved.time->end(), zone);
        }
    }
    return form;
}

// The fields as a form sends them, or as a link prefills them (find-slot's "schedule here").
MeetingForm form_of(const NameValues& fields)
{
    MeetingForm form;
    std::map<std::size_t, AgendaRow> rows;
    for (const auto& [name, value] : fields) {
        if (name == "id") {
            form.id = value;
        } else if (name == "title") {
            form.title = value;
        } else if (name == "description") {
            form.description = value;
        } else if (name == "day") {
            form.day = value;
        } else if (name == "start") {
            form.start = value;
        } else if (name == "end") {
            form.end = value;
        } else if (name == "timezone") {
            form.zone = value;
        } else if (name == "venue") {
            form.venue = value;
        } else if (name == "status") {
            form.status = value;
        } else if (name == "guest-list") {
            form.guest_list = value;
        } else if (name == "public") {
            form.published = value;
        } else if (name == "counties") {
            form.counties.insert(value);
        } else if (name == "organisers") {
            if (std::find(form.organisers.begin(), form.organisers.end(), value) == form.organisers.end()) {
                form.organisers.push_back(value);
            }
        } else if (name == "repeat") {
            form.repeat = value;
        } else if (name == "every") {
            form.every = value;
        } else if (name == "until") {
            form.until = value;
        } else if (name == "exceptions") {
            form.exceptions = value;
        } else if (name == "moved-from") {
            form.moved_from = value;
        } else if (name == "moved-day") {
            form.moved_day = value;
        } else if (name == "moved-start") {
            form.moved_start = value;
        } else if (name == "moved-end") {
            form.moved_end = value;
        } else if (name == "version") {
            form.version = value;
        } else if (name == "accept-errors") {
            form.accept_errors = value == "yes";
        } else if (name.starts_with("role-") && !value.empty()) {
            form.roles[name.substr(5)] = value;
        } else if (name.starts_with("agenda-")) {
            // agenda-3-title
            const auto dash = name.find('-', 7);
            std::size_t row = 0;
            const auto* first = name.data() + 7;
            const auto* last = name.data() + (dash == std::string::npos ? name.size() : dash);
            if (dash == std::string::npos || std::from_chars(first, last, row).ptr != last || row >= most_agenda_rows) {
                continue;
            }
            const auto part = name.substr(dash + 1);
            auto& item = rows[row];
            if (part == "start") {
                item.start = value;
            } else if (part == "end") {
                item.end = value;
            } else if (part == "title") {
                item.title = value;
            } else if (part == "presenter") {
                item.presenter = value;
            }
        }
    }
    for (auto& [row, item] : rows) {
        form.agenda.push_back(std::move(item));
    }
    return form;
}

// A form's time as TOML's local time ("14:00:00"), or nothing for text that is not one.
std::optional<std::string> toml_clock(std::string_view text)
{
    const auto clock = clock_of(text);
    if (!clock) {
        return std::nullopt;
    }
    return fmt::format("{:02}:{:02}:{:02}", clock->hours(), clock->minutes(), clock->seconds());
}

// The form as a meeting file, or the fields whose shape no file could hold (a date or
// time that is not one): those are named here, the rest by the file's reader.
std::variant<FormFile, FieldProblems> meeting_file_of(const MeetingForm& form, const Words& say)
{
    FieldProblems problems;
    if (!is_iso_day(form.day)) {
        problems["day"] = say.expected_day;
    }
    const auto start = toml_clock(form.start);
    const auto end = toml_clock(form.end);
    if (!start) {
        problems["start"] = say.expected_clock;
    }
    if (!end) {
        problems["end"] = say.expected_clock;
    }
    FormFile file;
    const auto line = [&](std::string_view text, std::string_view field) { file.line(text, field); };
    const auto key = [&](std::string_view name, const std::string& value, std::string_view field) {
        file.key(name, value, field);
    };
    line("[[meeting]]", "");
    key("id", db::toml_string(form.id), "id");
    key("title", db::toml_string(form.title), "title");
    if (!form.description.empty()) {
        key("description", db::toml_string(form.description), "description");
    }
    key("timezone", db::toml_string(form.zone), "timezone");
    if (start && end && is_iso_day(form.day)) {
        key("start", form.day + "T" + *start, "start");
        key("end", form.day + "T" + *end, "end");
    }
    key("venue", db::toml_string(form.venue), "venue");
    key("status", db::toml_string(form.status), "status");
    if (form.guest_list == "shown" || form.guest_list == "hidden") {
        key("participants_see_each_other", form.guest_list == "shown" ? "true" : "false", "guest-list");
    } else if (form.guest_list != "auto") {
        // Neither: the reader says what the key must be, beside the field.
        key("participants_see_each_other", db::toml_string(form.guest_list), "guest-list");
    }
    if (form.published == "yes") {
        key("public", "true", "public");
    } else if (form.published != "no") {
        key("public", db::toml_string(form.published), "public");
    }
    std::string organisers = "[";
    for (const auto& organiser : form.organisers) {
        organisers += (organisers.size() > 1 ? ", " : "") + db::toml_string(organiser);
    }
    key("organisers", organisers + "]", "people");
    std::string participants = "[";
    for (const auto& [person, role] : form.roles) {
        participants += participants.size() > 1 ? ", " : "";
        participants += fmt::format("{{ person = {}, role = {} }}", db::toml_string(person), db::toml_string(role));
    }
    key("participants", participants + "]", "people");
    std::string counties = "[";
    for (const auto& county : form.counties) {
        counties += (counties.size() > 1 ? ", " : "") + db::toml_string(county);
    }
    key("counties", counties + "]", "counties");
    const auto repeat = repeat_named(form.repeat);
    const bool series = repeat.has_value();
    if (series) {
        int every = 0;
        const auto* every_end = form.every.data() + form.every.size();
        if (*repeat == PickedRule::Repeat::weekly &&
            (std::from_chars(form.every.data(), every_end, every).ptr != every_end || every < 1 || every > 52)) {
            problems["every"] = say.expected_weeks;
        }
        if (!is_iso_day(form.until)) {
            problems["until"] = say.expected_day;
        }
        std::string exceptions = "[";
        std::istringstream days(form.exceptions);
        for (std::string day; std::getline(days, day);) {
            std::erase_if(day, [](char c) { return c == ' ' || c == '\r' || c == '\t' || c == ','; });
            if (day.empty()) {
                continue;
            }
            if (!is_iso_day(day)) {
                problems["exceptions"] = say.expected_days;
                break;
            }
            exceptions += (exceptions.size() > 1 ? ", " : "") + day;
        }
        if (*repeat == PickedRule::Repeat::monthly_on_weekday && !form.every.empty() && form.every != "1") {
            problems["every"] = say.every_only_weekly;
        }
        // A day shaped right may be none (2013-02-30): said beside its own field.
        const auto day_of = [&](const std::string& text, const std::string& field) -> std::optional<greg::date> {
            try {
                return greg::from_simple_string(text);
            } catch (const std::exception&) {
                problems[field] = say.expected_day;
                return std::nullopt;
            }
        };
        const auto first = is_iso_day(form.day) ? day_of(form.day, "day") : std::nullopt;
        const auto last = is_iso_day(form.until) ? day_of(form.until, "until") : std::nullopt;
        if (first && last && *last < *first) {
            problems["until"] = say.until_before_day;
        }
        if (problems.empty() && first && last) {
            const PickedRule picked{*repeat, *repeat == PickedRule::Repeat::weekly ? every : 1, *last};
            key("recurrence", db::toml_string(rule_text(picked, *first)), "until");
            if (exceptions.size() > 1) {
                key("exceptions", exceptions + "]", "exceptions");
            }
        }
    } else if (form.repeat != "none" && !form.repeat.empty()) {
        problems["repeat"] = say.choose;
    } else if (form.exceptions.find_first_not_of(" \r\n\t") != std::string::npos || !form.moved_from.empty() ||
               !form.moved_day.empty() || !form.moved_start.empty() || !form.moved_end.empty()) {
        // Days left out or a meeting moved, of a meeting that does not repeat: said, not dropped.
        problems["repeat"] = say.series_fields_need_repeat;
    }
    // The agenda's tables come after every key of the meeting, the moved meeting's last.
    const bool moves = series && !(form.moved_from.empty() && form.moved_day.empty() && form.moved_start.empty() &&
                                   form.moved_end.empty());
    std::optional<std::string> moved_start;
    std::optional<std::string> moved_end;
    if (moves) {
        if (!is_iso_day(form.moved_from)) {
            problems["moved-from"] = say.expected_day;
        }
        if (!is_iso_day(form.moved_day)) {
            problems["moved-day"] = say.expected_day;
        }
        moved_start = toml_clock(form.moved_start);
        moved_end = toml_clock(form.moved_end);
        if (!moved_start) {
            problems["moved-start"] = say.expected_clock;
        }
        if (!moved_end) {
            problems["moved-end"] = say.expected_clock;
        }
    }
    for (std::size_t i = 0; i < form.agenda.size(); ++i) {
        const auto& item = form.agenda[i];
        if (item.start.empty() && item.end.empty() && item.title.empty() && item.presenter.empty()) {
            continue;  // a blank row
        }
        const auto prefix = fmt::format("agenda-{}-", i);
        const auto item_start = toml_clock(item.start);
        const auto item_end = toml_clock(item.end);
        if (!item_start) {
            problems[prefix + "start"] = say.expected_clock;
        }
        if (!item_end) {
            problems[prefix + "end"] = say.expected_clock;
        }
        if (!item_start || !item_end) {
            continue;
        }
        line("[[meeting.agenda]]", prefix + "title");
        key("start", *item_start, prefix + "start");
        key("end", *item_end, prefix + "end");
        key("title", db::toml_string(item.title), prefix + "title");
        if (!item.presenter.empty()) {
            key("presenter", db::toml_string(item.presenter), prefix + "presenter");
        }
    }
    if (moves && problems.empty()) {
        line("[[meeting.occurrence]]", "moved-from");
        key("date", form.moved_from, "moved-from");
        key("start", form.moved_day + "T" + *moved_start, "moved-start");
        key("end", form.moved_day + "T" + *moved_end, "moved-end");
    }
    if (!problems.empty()) {
        return problems;
    }
    return file;
}

// A field with its label, a hint, its problem beside it (both read out with it), and
// the control.
Html field_with_problem(std::string_view label, const std::string& id, const FieldProblems& problems,
                        const std::function<Html(std::vector<html::Attribute>)>& control, std::string_view hint = {})
{
    const auto problem = problems.find(id);
    std::vector<html::Attribute> attributes{{"id", "field-" + id}, {"name", id}};
    std::string described_by;
    Html after;
    if (!hint.empty()) {
        described_by = "hint-" + id;
        after += element("p", {{"class", "hint"}, {"id", "hint-" + id}}, hint);
    }
    if (problem != problems.end()) {
        attributes.push_back({"aria-invalid", "true"});
        described_by += (described_by.empty() ? "" : " ") + ("problem-" + id);
        after += element("p", {{"class", "problem"}, {"id", "problem-" + id}}, problem->second);
    }
    if (!described_by.empty()) {
        attributes.push_back({"aria-describedby", described_by});
    }
    return element("div", {{"class", "field"}},
                   Element("label", {{"for", "field-" + id}})(label) + control(std::move(attributes)) + after);
}

Html input(html::Name type, const std::string& value, std::vector<html::Attribute> attributes)
{
    attributes.push_back({"type", std::string(type.str())});
    attributes.push_back({"value", value});
    return Element("input", std::move(attributes)).empty_element();
}

// The counties to show people of: those the meeting brings together, the venue's,
// those of the people it has, and, for a new form, the viewer's.
std::set<CountyId> shown_counties(const Context& context, const MeetingForm& form, const Directory& records)
{
    std::set<CountyId> counties;
    for (const auto& county : form.counties) {
        counties.emplace(county);
    }
    if (const auto* venue = records.find(VenueId(form.venue))) {
        counties.insert(venue->county);
    }
    const auto add_person = [&](const std::string& id) {
        if (const auto* person = records.find(PersonId(id))) {
            if (const auto* organisation = records.find(person->organisation)) {
                counties.insert(organisation->county);
            }
        }
    };
    for (const auto& organiser : form.organisers) {
        add_person(organiser);
    }
    for (const auto& [person, role] : form.roles) {
        add_person(person);
    }
    if (counties.empty() && context.viewer->county) {
        counties.insert(*context.viewer->county);
    }
    return counties;
}

Html people_section(const Context& context, const MeetingForm& form, const Directory& records,
                    const FieldProblems& problems)
{
    const auto& say = words(context.language);
    Html content = element("h2", {{"id", "people"}}, say.people_of_meeting) + element("p", say.people_hint);
    if (const auto problem = problems.find("people"); problem != problems.end()) {
        content += element("p", {{"class", "problem"}, {"id", "problem-people"}, {"role", "alert"}}, problem->second);
    }
    const auto is_organiser = [&](const std::string& id) {
        return std::find(form.organisers.begin(), form.organisers.end(), id) != form.organisers.end();
    };
    PeoplePicker picker;
    picker.headings = {say.name, say.organiser, say.role};
    picker.chosen = [&](const Person& person) {
        return is_organiser(person.id.str()) || form.roles.contains(person.id.str());
    };
    picker.cells = [&](const Person& person) {
        const auto& id = person.id.str();
        const auto role = form.roles.find(id);
        Element select("select", {{"id", "role-" + id}, {"name", "role-" + id}, {"aria-labelledby", "who-" + id + " role-label"}});
        select(Element("option", {{"value", ""}})(say.not_invited));
        for (const auto choice : {Role::chair, Role::required, Role::optional, Role::info}) {
            const auto value = std::string(to_string(choice));
            select(Element("option", {{"value", value},
                                      html::flag("selected", role != form.roles.end() && role->second == value)})(
                role_word(say, choice)));
        }
        return element("td", Element("input", {{"type", "checkbox"},
                                                {"name", "organisers"},
                                                {"value", id},
                                                {"id", "organiser-" + id},
                                                {"aria-labelledby", "who-" + id + " organiser-label"},
                                                html::flag("checked", is_organiser(id))})
                                 .empty_element()) +
               element("td", Html(select));
    };
    content += people_picker(records, shown_counties(context, form, records), picker);
    // The names the selects and checkboxes of every row are labelled by, with the person.
    content += element("p", {{"class", "visually-hidden"}},
                       element("span", {{"id", "organiser-label"}}, say.organiser) +
                           element("span", {{"id", "role-label"}}, say.role));
    return content;
}

Html agenda_section(const Context& context, const MeetingForm& form, const Directory& records,
                    const FieldProblems& problems)
{
    const auto& say = words(context.language);
    std::set<std::string> in_meeting(form.organisers.begin(), form.organisers.end());
    for (const auto& [person, role] : form.roles) {
        in_meeting.insert(person);
    }
    auto rows = form.agenda;
    std::erase_if(rows, [](const AgendaRow& row) {
        return row.start.empty() && row.end.empty() && row.title.empty() && row.presenter.empty();
    });
    rows.resize(std::min(rows.size() + blank_agenda_rows, most_agenda_rows));
    Element body("tbody");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const auto prefix = fmt::format("agenda-{}-", i);
        const auto cell = [&](std::string_view label, const std::string& part, html::Name type, const std::string& value) {
            const auto name = prefix + part;
            std::vector<html::Attribute> attributes{{"type", std::string(type.str())}, {"id", "field-" + name},
                                                    {"name", name}, {"value", value},
                                                    {"aria-label", fmt::format("{} {}", label, i + 1)}};
            Html problem;
            if (const auto found = problems.find(name); found != problems.end()) {
                attributes.push_back({"aria-invalid", "true"});
                attributes.push_back({"aria-describedby", "problem-" + name});
                problem = element("p", {{"class", "problem"}, {"id", "problem-" + name}}, found->second);
            }
            return element("td", Element("input", std::move(attributes)).empty_element() + problem);
        };
        Element presenter("select", {{"id", "field-" + prefix + "presenter"},
                                     {"name", prefix + "presenter"},
                                     {"aria-label", fmt::format("{} {}", say.presenter, i + 1)}});
        presenter(Element("option", {{"value", ""}})(say.nobody));
        for (const auto& id : in_meeting) {
            const auto* person = records.find(PersonId(id));
            presenter(Element("option", {{"value", id}, html::flag("selected", row.presenter == id)})(
                person ? person->name : id));
        }
        Html presenter_problem;
        if (const auto found = problems.find(prefix + "presenter"); found != problems.end()) {
            presenter_problem = element("p", {{"class", "problem"}}, found->second);
        }
        body(element("tr", cell(say.from, "start", "time", row.start) + cell(say.to, "end", "time", row.end) +
                               cell(say.title, "title", "text", row.title) +
                               element("td", Html(presenter) + presenter_problem)));
    }
    return element("h2", say.agenda) + element("p", say.agenda_hint) +
           element("table", element("thead", element("tr", element("th", {{"scope", "col"}}, say.from) +
                                                               element("th", {{"scope", "col"}}, say.to) +
                                                               element("th", {{"scope", "col"}}, say.title) +
                                                               element("th", {{"scope", "col"}}, say.presenter))) +
                                Html(body));
}

// How the meeting repeats: weekly or monthly on its weekday, until a day, with the days
// it leaves out and one meeting moved.
Html series_section(const Words& say, const MeetingForm& form, const FieldProblems& problems)
{
    Element series("fieldset");
    series(element("legend", say.series_heading));
    Element how("div", {{"class", "filters"}});
    how(field_with_problem(say.repeat, "repeat", problems, [&](auto attributes) {
        Element select("select", std::move(attributes));
        for (const auto& [value, label] : {std::pair<std::string, std::string_view>{"none", say.repeat_none},
                                           {"weekly", say.repeat_weekly}, {"monthly", say.repeat_monthly}}) {
            select(Element("option", {{"value", value}, html::flag("selected", form.repeat == value)})(label));
        }
        return Html(select);
    }));
    how(field_with_problem(say.every_weeks, "every", problems, [&](auto attributes) {
        attributes.push_back({"min", "1"});
        attributes.push_back({"max", "52"});
        return input("number", form.every, std::move(attributes));
    }));
    how(field_with_problem(say.until_day, "until", problems,
                           [&](auto attributes) { return input("date", form.until, std::move(attributes)); }));
    series(Html(how));
    series(field_with_problem(
        say.exception_days, "exceptions", problems,
        [&](auto attributes) {
            attributes.push_back({"rows", "3"});
            return Html(Element("textarea", std::move(attributes))(form.exceptions));
        },
        say.exception_days_hint));
    Element moved("fieldset", {{"class", "filters"}});
    moved(element("legend", say.moved_heading));
    moved(field_with_problem(say.moved_from, "moved-from", problems,
                             [&](auto attributes) { return input("date", form.moved_from, std::move(attributes)); }));
    moved(field_with_problem(say.moved_to_day, "moved-day", problems,
                             [&](auto attributes) { return input("date", form.moved_day, std::move(attributes)); }));
    moved(field_with_problem(say.from, "moved-start", problems,
                             [&](auto attributes) { return input("time", form.moved_start, std::move(attributes)); }));
    moved(field_with_problem(say.to, "moved-end", problems,
                             [&](auto attributes) { return input("time", form.moved_end, std::move(attributes)); }));
    series(Html(moved));
    return Html(series);
}

// A part of InvitationPlan::changes as the page says it.
std::string_view change_word(const Words& say, std::string_view change)
{
    const std::pair<std::string_view, std::string_view> words[] = {
        {"time", say.changed_time},     {"zone", say.changed_zone},
        {"venue", say.changed_venue},   {"status", say.changed_status},
        {"agenda", say.changed_agenda}, {"series", say.changed_series},
        {"attendees removed", say.changed_removed}, {"attendees invited again", say.changed_invited_again}};
    for (const auto& [part, word] : words) {
        if (part == change) {
            return word;
        }
    }
    return change;
}

// What saving would change for whom.
Html plan_section(const Context& context, const services::MeetingPreview& preview, const Directory& records,
                  bool stored)
{
    const auto& say = words(context.language);
    const auto names = [&](const std::vector<PersonId>& people) {
        std::string text;
        for (const auto& id : people) {
            const auto* person = records.find(id);
            text += (text.empty() ? "" : ", ") + (person ? person->name : id.str());
        }
        return text;
    };
    const auto& plan = preview.plan;
    Element list("ul");
    if (!stored || (plan.up_to_date.empty() && plan.outdated.empty() && plan.removed.empty())) {
        list(element("li", say.nothing_sent_yet));
    } else {
        if (plan.changes.empty()) {
            list(element("li", say.no_new_version));
        } else {
            std::string changes;
            for (const auto& change : plan.changes) {
                changes += (changes.empty() ? "" : ", ") + std::string(change_word(say, change));
            }
            list(element("li", fmt::format(fmt::runtime(say.new_version), plan.sequence, changes)));
        }
        if (!plan.outdated.empty()) {
            list(element("li", fmt::format(fmt::runtime(say.get_update), names(plan.outdated))));
        }
        if (!plan.added.empty()) {
            list(element("li", fmt::format(fmt::runtime(say.get_invitation), names(plan.added))));
        }
        if (!plan.removed.empty()) {
            list(element("li", fmt::format(fmt::runtime(say.get_cancellation), names(plan.removed))));
        }
    }
    return element("h3", say.what_changes_for_whom) + Html(list);
}

struct FormState {
    Directory records;  // the store's records, without meetings: read once a request
    MeetingForm form;
    FieldProblems problems;
    std::optional<services::MeetingPreview> preview;
    std::optional<Meeting> draft;
    bool errors_not_accepted = false;
};

Response form_page(Context& context, const FormState& state, bool is_new)
{
    const auto& say = words(context.language);
    const auto& form = state.form;
    const auto& records = state.records;
    const auto action = is_new ? Url("/new-meeting") : Url("/meetings", {form.id, "edit"});

    Html content;
    if (!state.problems.empty()) {
        // Where the problems are, first: each is beside its field too.
        Element summary("ul");
        for (const auto& [field, problem] : state.problems) {
            summary(element("li", field.empty() ? problem : fmt::format("{}: {}", field, problem)));
        }
        content += element("div", {{"class", "problem-summary"}, {"role", "alert"}},
                            element("p", say.form_has_problems) + Html(summary));
    }

    Element page_form("form", {{"method", "post"}, {"action", action.str()}});
    page_form(csrf_field(context));
    if (!is_new) {
        page_form(Element("input", {{"type", "hidden"}, {"name", "version"}, {"value", form.version}}).empty_element());
    }
    if (is_new) {
        page_form(field_with_problem(
            say.meeting_id, "id", state.problems,
            [&](auto attributes) {
                attributes.push_back({"required", "required"});
                attributes.push_back({"maxlength", std::to_string(max_id_length)});
                return input("text", form.id, std::move(attributes));
            },
            say.meeting_id_hint));
    }
    page_form(field_with_problem(say.title, "title", state.problems, [&](auto attributes) {
        attributes.push_back({"required", "required"});
        attributes.push_back({"maxlength", std::to_string(max_line_characters)});
        return input("text", form.title, std::move(attributes));
    }));
    page_form(field_with_problem(say.description, "description", state.problems, [&](auto attributes) {
        attributes.push_back({"rows", "4"});
        return Html(Element("textarea", std::move(attributes))(form.description));
    }));
    Element when("fieldset", {{"class", "filters"}});
    when(element("legend", say.time));
    when(field_with_problem(say.day, "day", state.problems,
                            [&](auto attributes) { return input("date", form.day, std::move(attributes)); }));
    when(field_with_problem(say.from, "start", state.problems,
                            [&](auto attributes) { return input("time", form.start, std::move(attributes)); }));
    when(field_with_problem(say.to, "end", state.problems,
                            [&](auto attributes) { return input("time", form.end, std::move(attributes)); }));
    when(field_with_problem(say.time_zone, "timezone", state.problems,
                            [&](auto attributes) { return input("text", form.zone, std::move(attributes)); }));
    page_form(Html(when));
    page_form(series_section(say, form, state.problems));

    page_form(field_with_problem(say.venue, "venue", state.problems, [&](auto attributes) {
        Element select("select", std::move(attributes));
        select(Element("option", {{"value", ""}})(say.choose));
        for (const auto& [id, venue] : records.venues()) {
            const auto* county = records.find(venue.county);
            select(Element("option", {{"value", id.str()}, html::flag("selected", form.venue == id.str())})(
                venue.name + (county ? " (" + county->name + ")" : std::string())));
        }
        return Html(select);
    }));
    page_form(field_with_problem(say.status, "status", state.problems, [&](auto attributes) {
        Element select("select", std::move(attributes));
        for (const auto status : {MeetingStatus::confirmed, MeetingStatus::tentative, MeetingStatus::cancelled}) {
            const auto value = std::string(to_string(status));
            select(Element("option", {{"value", value}, html::flag("selected", form.status == value)})(
                status_word(say, status)));
        }
        return Html(select);
    }));
    page_form(field_with_problem(say.guest_list, "guest-list", state.problems, [&](auto attributes) {
        Element select("select", std::move(attributes));
        for (const auto& [value, label] : {std::pair{"auto", say.guest_list_auto}, std::pair{"shown", say.guest_list_shown},
                                           std::pair{"hidden", say.guest_list_hidden}}) {
            select(Element("option", {{"value", value}, html::flag("selected", form.guest_list == value)})(label));
        }
        return Html(select);
    }));
    page_form(field_with_problem(say.published, "public", state.problems, [&](auto attributes) {
        Element select("select", std::move(attributes));
        for (const auto& [value, label] : {std::pair{"no", say.published_no}, std::pair{"yes", say.published_yes}}) {
            select(Element("option", {{"value", value}, html::flag("selected", form.published == value)})(label));
        }
        return Html(select);
    }));

    Element counties("fieldset", {{"class", "filters"}});
    counties(element("legend", say.counties_brought_together));
    for (const auto& [id, county] : records.counties()) {
        counties(element("div", {{"class", "choice"}},
                         Element("input", {{"type", "checkbox"},
                                           {"name", "counties"},
                                           {"value", id.str()},
                                           {"id", "county-" + id.str()},
                                           html::flag("checked", form.counties.contains(id.str()))})
                                 .empty_element() +
                             Element("label", {{"for", "county-" + id.str()}})(county.name)));
    }
    if (const auto problem = state.problems.find("counties"); problem != state.problems.end()) {
        counties(element("p", {{"class", "problem"}}, problem->second));
    }
    page_form(Html(counties));
    page_form(people_section(context, form, records, state.problems));
    page_form(agenda_section(context, form, records, state.problems));

    if (state.preview) {
        const auto visible = visible_conflicts(state.preview->conflicts, *context.viewer);
        Html preview = element("h2", {{"id", "preview"}}, say.before_saving);
        preview += element("h3", say.conflicts_of_meeting) + conflict_table(context, visible.shown);
        if (visible.hidden > 0) {
            preview += element("p", fmt::format(fmt::runtime(say.hidden_conflicts), visible.hidden));
        }
        preview += plan_section(context, *state.preview, records, !is_new);
        if (state.preview->has_errors()) {
            if (state.errors_not_accepted) {
                preview += element("p", {{"class", "problem"}, {"role", "alert"}}, say.errors_need_consent);
            }
            preview += element("div", {{"class", "choice"}},
                               Element("input", {{"type", "checkbox"},
                                                 {"name", "accept-errors"},
                                                 {"value", "yes"},
                                                 {"id", "accept-errors"}})
                                       .empty_element() +
                                   Element("label", {{"for", "accept-errors"}})(say.save_anyway));
        }
        page_form(element("section", {{"class", "preview"}, {"aria-labelledby", "preview"}}, preview));
    }
    Element buttons("div", {{"class", "buttons"}});
    buttons(Element("button", {{"type", "submit"}, {"name", "action"}, {"value", "check"}})(say.check));
    if (state.preview) {
        buttons(Element("button", {{"type", "submit"}, {"name", "action"}, {"value", "save"}})(say.save));
    }
    page_form(Html(buttons));
    content += Html(page_form);
    const auto title = is_new ? std::string(say.new_meeting) : fmt::format(fmt::runtime(say.edit_meeting), form.title);
    return page(context, title, content, state.problems.empty() ? 200 : 400);
}

// Reads the form into a meeting as the meeting file's reader does, or says what is
// wrong with which field.
FormState read_form(Context& context, const std::optional<Meeting>& stored)
{
    const auto& say = words(context.language);
    FormState state;
    state.records = context.store.records();
    state.form = form_of(context.request.form());
    if (stored) {
        state.form.id = stored->id.str();  // a meeting keeps its id
        // Changed by someone else since the form was opened: said, and the form now
        // stands on the meeting as it is, so that saving again is a choice made knowingly.
        if (const auto now = version_of(*stored); state.form.version != now) {
            state.problems[""] = say.changed_meanwhile;
            state.form.version = now;
            return state;
        }
    }
    const auto file = meeting_file_of(state.form, say);
    if (const auto* problems = std::get_if<FieldProblems>(&file)) {
        state.problems = *problems;
        return state;
    }
    const auto& form_file = std::get<FormFile>(file);
    // The records the meeting may name, and the stored meeting it changes.
    auto known = state.records;
    if (stored) {
        known.add(*stored);
    }
    try {
        auto read = db::parse_meeting_file(form_file.text(), std::string(FormFile::source), known, ical::expand_rule);
        // The file holds the one single meeting the form is for, whatever its fields held.
        if (read.meetings.size() != 1 || !read.counties.empty() || !read.organisations.empty() ||
            !read.people.empty() || !read.venues.empty()) {
            throw BadRequest("the form's fields must describe one meeting");
        }
        state.draft = std::move(read.meetings.front());
    } catch (const Error& problem) {
        state.problems = form_file.problem_of(problem.what());
        return state;
    }
    if (!stored && context.store.meeting(state.draft->id)) {
        state.problems["id"] = fmt::format(fmt::runtime(say.id_taken), state.draft->id.str());
        return state;
    }
    // An organiser makes meetings that they may change afterwards.
    const auto audience = audience_of(*state.draft, state.records);
    if (!may_change(*context.viewer, audience)) {
        state.problems["people"] = say.organiser_of_your_office;
    }
    for (const auto& organiser : state.draft->organisers) {
        const auto* person = state.records.find(organiser);
        if (person != nullptr && !person->email) {
            state.problems["people"] = fmt::format(fmt::runtime(say.organiser_needs_email), person->name);
        }
    }
    return state;
}

Response handle(Context& context, const std::optional<Meeting>& stored)
{
    auto state = read_form(context, stored);
    const bool is_new = !stored;
    if (!state.problems.empty()) {
        return form_page(context, state, is_new);
    }
    const bool saving = context.request.form_value("action") == "save";
    if (!saving) {
        try {
            state.preview = services::preview_meeting(context.store, *state.draft, TravelModel{});
        } catch (const db::OrganiserWithoutEmail& problem) {
            // A series is written to be checked: an organiser's address removed meanwhile.
            state.problems["people"] = problem.what();
        }
        return form_page(context, state, is_new);
    }
    const auto errors = state.form.accept_errors ? services::ErrorConflicts::accepted : services::ErrorConflicts::refused;
    try {
        auto saved = services::save_meeting(context.store, *state.draft, stored, TravelModel{}, errors);
        if (!saved.saved) {
            state.preview = std::move(saved.preview);
            state.errors_not_accepted = true;
            return form_page(context, state, is_new);
        }
    } catch (const db::ChangedMeanwhile& problem) {
        // Another change came between (the id taken, the meeting changed): said, and
        // the organiser checks again. A failure of the store is not theirs (500).
        state.problems[""] = problem.what();
        return form_page(context, state, is_new);
    } catch (const db::OrganiserWithoutEmail& problem) {
        // An organiser's address removed meanwhile.
        state.problems["people"] = problem.what();
        return form_page(context, state, is_new);
    }
    return redirect(Url("/meetings", {state.draft->id.str()}).str());
}

}  // namespace

// Whether the form holds the meeting as it is: a day, times to the minute, an agenda on
// that day; for a series, a rule the picker makes and at most one meeting moved. Saving
// a meeting it cannot hold would change it unasked.
bool form_holds(const Meeting& meeting)
{
    const auto& zone = time_zone(meeting.time_zone);
    const auto day = zone.to_local(meeting.time.start()).date();
    const auto on_the_day_to_the_minute = [&](const TimeRange& time) {
        const auto start = zone.to_local(time.start());
        const auto end = zone.to_local(time.end());
        return start.date() == day && end.date() == day &&
               start.time_of_day().seconds() == 0 && end.time_of_day().seconds() == 0;
    };
    if (!on_the_day_to_the_minute(meeting.time) ||
        !std::all_of(meeting.agenda.begin(), meeting.agenda.end(),
                     [&](const AgendaItem& item) { return on_the_day_to_the_minute(item.time); })) {
        return false;
    }
    if (!meeting.recurrence) {
        return true;
    }
    // A rule the picker makes, and at most one meeting moved, in time alone.
    const auto& changes = meeting.recurrence->changes;
    const auto moved_in_time_alone = [&](const OccurrenceChange& change) {
        if (!change.time || change.venue || change.status) {
            return false;
        }
        const auto start = zone.to_local(change.time->start());
        const auto end = zone.to_local(change.time->end());
        return start.date() == end.date() && start.time_of_day().seconds() == 0 && end.time_of_day().seconds() == 0;
    };
    return picker_of(meeting) && changes.size() <= 1 && std::all_of(changes.begin(), changes.end(), moved_in_time_alone);
}

namespace {

const Meeting& single_meeting(const Context& context)
{
    const auto& meeting = context.meeting->meeting;
    if (!form_holds(meeting)) {
        throw BadRequest(fmt::format("'{}' runs over several days, has times with seconds, or is a series whose rule or "
                                     "changed meetings the form cannot hold: change it in its meeting file (download "
                                     "it from the meeting's page, change it, and upload it under Meeting files, "
                                     "/meeting-files)",
                                     meeting.id.str()));
    }
    return meeting;
}

}  // namespace

Response new_meeting_form(Context& context)
{
    FormState state;
    state.records = context.store.records();
    if (!context.request.query.empty()) {
        // Prefilled by a link: a time found for these people.
        state.form = form_of(context.request.query);
        return form_page(context, state, true);
    }
    if (context.viewer->account.person) {
        state.form.organisers.push_back(context.viewer->account.person->str());
    }
    if (context.viewer->county) {
        state.form.counties.insert(context.viewer->county->str());
    }
    return form_page(context, state, true);
}

Response create_meeting(Context& context)
{
    return handle(context, std::nullopt);
}

Response edit_meeting_form(Context& context)
{
    FormState state;
    state.records = context.store.records();
    state.form = form_of(single_meeting(context));
    return form_page(context, state, false);
}

Response change_meeting(Context& context)
{
    return handle(context, single_meeting(context));
}

}  // namespace planner::web::pages
