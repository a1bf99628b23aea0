// Meeting files in the browser: an uploaded file shows what it adds and changes, record
// by record, before anything is written; importing it then writes what was shown, all
// or nothing. An organiser's import writes only what she could change in the forms:
// records of her county, and meetings her organisation organises; the rest of the file
// is left out.

#include "form_file.hpp"
#include "layout.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/db/store.hpp>
#include <planner/error.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace planner::web::pages {

using html::element;
using html::Element;
using html::Html;
using html::Url;
using services::RecordChange;
using services::RecordKind;

namespace {

// A browser sends the lines of a form's field with CR LF, whatever the file had: the file
// is read with LF alone, so that the text previewed and the text sent back read alike.
std::string with_unix_line_breaks(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else {
            out += text[i];
        }
    }
    return out;
}

// The file's name as the browser gave it, without its folders (old browsers send the
// whole path): what messages name the file by.
std::string source_name_of(std::string_view filename)
{
    const auto slash = filename.find_last_of("/\\");
    if (slash != std::string_view::npos) {
        filename.remove_prefix(slash + 1);
    }
    std::string name;
    for (const char c : filename.substr(0, 100)) {
        name += static_cast<unsigned char>(c) < 0x20 ? '_' : c;
    }
    return name.empty() ? "upload.toml" : name;
}

std::string_view kind_word(const Words& say, RecordKind kind)
{
    switch (kind) {
    case RecordKind::county: return say.county;
    case RecordKind::organisation: return say.organisation;
    case RecordKind::person: return say.person;
    case RecordKind::venue: return say.venue;
    case RecordKind::meeting: return say.record_meeting;
    }
    return say.unknown;
}

// Which records of the preview the viewer may write: an admin every one; an organiser
// those she could change in the forms, as the store has them and as the file has them
// (records of her county; meetings her organisation organises). The others are left
// out of the import whatever the file says of them, and the page says nothing of how
// they differ from the store: that a record is unchanged would tell her what the store
// holds about it (a person's need of step-free access, a meeting she may not read).
std::vector<bool> writable_records(const Viewer& viewer, const services::ImportPreview& preview)
{
    std::vector<bool> writable(preview.records.size(), true);
    if (viewer.account.role == services::Role::admin) {
        return writable;
    }
    const auto& stored = preview.stored;
    const auto& file = preview.file;
    // The records as the import will leave them: the store's, with the file's records
    // that are written over them, added table by table. A record is judged by these,
    // never by a record of the file that is left out (an organisation the file moves
    // into her county, which it may not, does not make its people hers).
    Directory after;
    const auto add_all = [&](const auto& records) {
        for (const auto& [id, record] : records) {
            after.add(record);
        }
    };
    add_all(stored.counties());
    add_all(stored.organisations());
    add_all(stored.people());
    add_all(stored.venues());
    const auto county_of_organisation = [](const Directory& records, const OrganisationId& id) -> std::optional<CountyId> {
        const auto* organisation = records.find(id);
        return organisation ? std::optional(organisation->county) : std::nullopt;
    };
    // A record she may keep as the store has it (or that is new), and as it will be.
    const auto keeps = [&](bool stored_already, const std::optional<CountyId>& county_before,
                           const std::optional<CountyId>& county_after) {
        return (!stored_already || may_keep_records_of(viewer, county_before)) &&
               may_keep_records_of(viewer, county_after);
    };
    // preview.records lists the file's records in the order of its tables.
    std::size_t next = 0;
    for (std::size_t i = 0; i < file.counties.size(); ++i) {
        writable[next++] = may_keep_records_of(viewer, std::nullopt);
    }
    // Each record of a table by the county that keeps it, as stored and as it will be.
    const auto judge = [&](const auto& records, const auto& county_in) {
        for (const auto& record : records) {
            const auto* before = stored.find(record.id);
            writable[next] = keeps(before != nullptr, before ? county_in(stored, *before) : std::nullopt,
                                   county_in(after, record));
            if (writable[next++]) {
                after.add(record);
            }
        }
    };
    const auto own_county = [](const Directory&, const auto& record) { return std::optional<CountyId>(record.county); };
    judge(file.organisations, own_county);
    judge(file.people, [&](const Directory& records, const Person& person) {
        return county_of_organisation(records, person.organisation);
    });
    judge(file.venues, own_county);
    for (const auto& meeting : file.meetings) {
        const auto* before = stored.find(meeting.id);
        writable[next++] = (before == nullptr || may_change(viewer, audience_of(*before, stored))) &&
                           may_change(viewer, audience_of(meeting, after));
    }
    return writable;
}

// A record to be written that names a new record of the file which is left out, and so
// would name nothing: said with both, as the file's problem. Nothing of the store is
// named: the record named is the file's and not in the store.
std::optional<std::string> unwritten_reference(const services::ImportPreview& preview, const std::vector<bool>& writable)
{
    const auto& file = preview.file;
    std::set<std::string> left_out_new;  // "person lisa-lindau"
    for (std::size_t i = 0; i < preview.records.size(); ++i) {
        const auto& record = preview.records[i];
        if (!writable[i] && record.change == RecordChange::added) {
            left_out_new.insert(fmt::format("{} {}", to_string(record.kind), record.id));
        }
    }
    if (left_out_new.empty()) {
        return std::nullopt;
    }
    std::optional<std::string> problem;
    const auto check = [&](std::string_view kind, const std::string& id, std::string_view named_kind, const std::string& named) {
        if (!problem && left_out_new.contains(fmt::format("{} {}", named_kind, named))) {
            problem = fmt::format("{} '{}' names {} '{}', which the file adds but which is not yours to add; without "
                                  "it, '{}' cannot be imported either",
                                  kind, id, named_kind, named, id);
        }
    };
    std::size_t next = file.counties.size();
    for (const auto& organisation : file.organisations) {
        if (writable[next++]) {
            check("organisation", organisation.id.str(), "county", organisation.county.str());
        }
    }
    for (const auto& person : file.people) {
        if (writable[next++]) {
            check("person", person.id.str(), "organisation", person.organisation.str());
        }
    }
    for (const auto& venue : file.venues) {
        if (writable[next++]) {
            check("venue", venue.id.str(), "county", venue.county.str());
        }
    }
    for (const auto& meeting : file.meetings) {
        if (!writable[next++]) {
            continue;
        }
        const auto id = meeting.id.str();
        check("meeting", id, "venue", meeting.venue.str());
        for (const auto& county : meeting.counties) {
            check("meeting", id, "county", county.str());
        }
        for (const auto& organiser : meeting.organisers) {
            check("meeting", id, "person", organiser.str());
        }
        for (const auto& participant : meeting.participants) {
            check("meeting", id, "person", participant.person.str());
        }
        for (const auto& item : meeting.agenda) {
            if (item.presenter) {
                check("meeting", id, "person", item.presenter->str());
            }
        }
        if (meeting.recurrence) {
            for (const auto& change : meeting.recurrence->changes) {
                if (change.venue) {
                    check("meeting", id, "venue", change.venue->str());
                }
            }
        }
    }
    return problem;
}

// What the page shows and the import then writes, as one fingerprint: the file's text
// and each record's change as the store stands. The import goes ahead only while they
// are the same.
std::string fingerprint_of(const std::string& text, const services::ImportPreview& preview,
                           const std::vector<bool>& writable)
{
    // Of a record left out, nothing but that it is: the fingerprint is in the page, and
    // must not differ with what the store holds of a record the viewer may not see.
    std::string shown = text;
    for (std::size_t i = 0; i < preview.records.size(); ++i) {
        const auto& record = preview.records[i];
        if (!writable[i]) {
            shown += fmt::format("\n{}\t{}\tleft out", to_string(record.kind), record.id);
            continue;
        }
        shown += fmt::format("\n{}\t{}\t{}", to_string(record.kind), record.id, static_cast<int>(record.change));
        for (const auto& key : record.keys) {
            shown += fmt::format("\t{}\t{}\t{}", key.key, key.before, key.after);
        }
    }
    return form_version(shown);
}

Html upload_form(const Context& context, std::string_view problem = {})
{
    const auto& say = words(context.language);
    Element form("form", {{"method", "post"}, {"action", "/meeting-files"}, {"enctype", "multipart/form-data"}});
    form(csrf_field(context));
    std::vector<html::Attribute> attributes{{"id", "field-file"}, {"name", "file"}, {"type", "file"},
                                            {"accept", ".toml,application/toml,text/plain"}, {"required", "required"}};
    if (!problem.empty()) {
        attributes.push_back({"aria-invalid", "true"});
        attributes.push_back({"aria-describedby", "problem-file"});
    }
    form(element("div", {{"class", "field"}},
                 Element("label", {{"for", "field-file"}})(say.file_to_upload) +
                     Element("input", std::move(attributes)).empty_element() +
                     (problem.empty() ? Html() : element("p", {{"class", "problem"}, {"id", "problem-file"}}, problem))));
    form(Element("button", {{"type", "submit"}})(say.show_changes));
    return Html(form);
}

// A file that does not read, or that the import refuses: its message (which names the
// line and column), and the form to choose another.
Response refused_file(Context& context, const std::string& message)
{
    const auto& say = words(context.language);
    Html content = element("div", {{"class", "problem-summary"}, {"role", "alert"}},
                           element("p", say.file_not_read) + element("p", element("code", message)));
    content += upload_form(context, message);
    return page(context, say.meeting_files, content, 400);
}

Html key_changes(const Words& say, const services::PreviewedRecord& record)
{
    Element list("ul", {{"class", "key-changes"}});
    for (const auto& key : record.keys) {
        const auto value = [&](const std::string& written) {
            return written.empty() ? element("span", say.key_none) : element("code", written);
        };
        list(element("li", element("code", key.key) + html::text(": ") + html::text(say.key_now) + html::text(" ") +
                               element("del", value(key.before)) + html::text(", ") + html::text(say.key_in_file) +
                               html::text(" ") + element("ins", value(key.after))));
    }
    return Html(list);
}

Response preview_page(Context& context, const std::string& text, const std::string& source, std::string_view note,
                      unsigned status)
{
    const auto& say = words(context.language);
    services::ImportPreview preview;
    std::vector<bool> writable;
    try {
        preview = services::preview_meeting_file(context.store, text, source);
        writable = writable_records(*context.viewer, preview);
        if (const auto problem = unwritten_reference(preview, writable)) {
            return refused_file(context, *problem);
        }
        services::rehearse_import(context.store, services::records_marked(preview, writable), preview.stored);
    } catch (const services::MeetingFileProblem& problem) {
        return refused_file(context, problem.what());
    } catch (const db::OrganiserWithoutEmail& problem) {
        return refused_file(context, problem.what());
    }

    Html content;
    if (!note.empty()) {
        content += element("p", {{"class", "problem-summary"}, {"role", "alert"}}, note);
    }
    Element rows("tbody");
    Element unchanged("ul");
    Element left_out("ul");
    std::size_t unchanged_count = 0;
    std::size_t left_out_count = 0;
    bool changed_both = false;
    for (std::size_t i = 0; i < preview.records.size(); ++i) {
        const auto& record = preview.records[i];
        const auto listed = fmt::format("{} {}: {}", kind_word(say, record.kind), record.id, record.name);
        if (!writable[i]) {
            ++left_out_count;
            left_out(element("li", listed));
            continue;
        }
        if (record.change == RecordChange::unchanged) {
            ++unchanged_count;
            unchanged(element("li", listed));
            continue;
        }
        Html change;
        if (record.change == RecordChange::added) {
            change = html::text(say.record_added);
        } else {
            change = html::text(record.change == RecordChange::updated ? say.record_updated : say.record_changed_both);
            change += key_changes(say, record);
            if (record.change == RecordChange::changed_on_both_sides) {
                changed_both = true;
                const auto box = "overwrite-" + record.id;
                change += element("div", {{"class", "choice"}},
                                  Element("input", {{"type", "checkbox"}, {"id", box}, {"name", "overwrite"},
                                                    {"value", record.id}, {"form", "import-form"}})
                                          .empty_element() +
                                      Element("label", {{"for", box}})(say.overwrite_meeting));
            }
        }
        rows(element("tr", element("td", kind_word(say, record.kind)) + element("td", element("code", record.id)) +
                               element("td", record.name) + element("td", change)));
    }
    const bool changes_anything = unchanged_count + left_out_count < preview.records.size();
    if (changes_anything) {
        Element table("table");
        table(element("thead", element("tr", element("th", {{"scope", "col"}}, say.kind) +
                                                 element("th", {{"scope", "col"}}, say.record_id) +
                                                 element("th", {{"scope", "col"}}, say.name) +
                                                 element("th", {{"scope", "col"}}, say.change_column))));
        table(rows);
        content += element("div", {{"class", "table-scroll"}}, Html(table));
        if (changed_both) {
            content += element("p", {{"class", "hint"}}, say.changed_both_hint);
        }
    } else {
        content += element("p", say.file_changes_nothing);
    }
    if (left_out_count > 0) {
        content += element("details", element("summary", fmt::format(fmt::runtime(say.left_out_records), left_out_count)) +
                                          Html(left_out));
    }
    if (unchanged_count > 0) {
        content += element("details", element("summary", fmt::format(fmt::runtime(say.unchanged_records), unchanged_count)) +
                                          Html(unchanged));
    }
    if (changes_anything) {
        Element form("form", {{"method", "post"}, {"action", "/meeting-files/import"}, {"id", "import-form"},
                              {"enctype", "multipart/form-data"}});
        form(csrf_field(context));
        form(Element("input", {{"type", "hidden"}, {"name", "text"}, {"value", text}}).empty_element());
        form(Element("input", {{"type", "hidden"}, {"name", "source"}, {"value", source}}).empty_element());
        form(Element("input", {{"type", "hidden"}, {"name", "fingerprint"}, {"value", fingerprint_of(text, preview, writable)}})
                 .empty_element());
        form(Element("button", {{"type", "submit"}})(say.import_file));
        content += Html(form);
    }
    content += element("p", html::link(Url("/meeting-files"), say.meeting_files));
    return page(context, fmt::format(fmt::runtime(say.preview_title), source), content, status);
}

std::size_t count_in_query(const Request& request, std::string_view name)
{
    return number_parameter(request, name, 0, 100'000'000);
}

}  // namespace

Response meeting_files(Context& context)
{
    const auto& say = words(context.language);
    Html content;
    if (context.request.query_value("added")) {
        auto done = fmt::format(fmt::runtime(say.import_done), count_in_query(context.request, "added"),
                                count_in_query(context.request, "updated"), count_in_query(context.request, "unchanged"));
        if (const auto kept = count_in_query(context.request, "kept"); kept > 0) {
            // Appended in two steps: GCC 12 at -O3 reads `" " + text` as an overlapping copy.
            done += ' ';
            done += fmt::format(fmt::runtime(say.import_kept), kept);
        }
        content += element("p", {{"class", "notice"}, {"role", "status"}}, done);
    }
    content += element("p", say.meeting_files_hint);
    content += upload_form(context);
    if (allows(Access::admin, context.viewer)) {
        content += element("p", html::link(Url("/export.toml"), say.download_store));
    }
    return page(context, say.meeting_files, content);
}

Response preview_upload(Context& context)
{
    const auto& say = words(context.language);
    const auto file = context.request.form_part("file");
    if (!file || file->value.empty()) {
        return page(context, say.meeting_files, upload_form(context, say.choose_a_file), 400);
    }
    const auto text = with_unix_line_breaks(file->value);
    // The import's form sends the text back, its lines ending in CR LF, with the other
    // fields: it must fit into a request too.
    const auto returned = text.size() + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 16 * 1024;
    if (returned > context.settings.body_bytes) {
        return page(context, say.meeting_files,
                    upload_form(context, fmt::format(fmt::runtime(say.file_too_large), context.settings.body_bytes / 1024)),
                    413);
    }
    return preview_page(context, text, source_name_of(file->filename), {}, 200);
}

Response import_upload(Context& context)
{
    const auto& say = words(context.language);
    // The body, up to the size of the file, read once.
    const auto form = context.request.form();
    const auto value_of = [&](std::string_view name) {
        const auto found = std::find_if(form.begin(), form.end(), [&](const auto& field) { return field.first == name; });
        return found == form.end() ? std::string() : found->second;
    };
    const auto text = with_unix_line_breaks(value_of("text"));
    const auto source = source_name_of(value_of("source"));
    const auto fingerprint = value_of("fingerprint");
    // Read, checked and written in one transaction: what is written is what was checked.
    std::optional<db::ImportReport> report;
    try {
        context.store.write_together([&] {
            const auto preview = services::preview_meeting_file(context.store, text, source);
            const auto writable = writable_records(*context.viewer, preview);
            if (unwritten_reference(preview, writable) ||
                fingerprint_of(text, preview, writable) != fingerprint) {
                return;  // shown again, with what is wrong
            }
            db::Store::ChangedMeetings changed;
            for (const auto& [name, value] : form) {
                const auto chosen = std::find_if(preview.records.begin(), preview.records.end(), [&](const auto& record) {
                    return record.kind == RecordKind::meeting && record.id == value &&
                           record.change == RecordChange::changed_on_both_sides;
                });
                if (name == "overwrite" && chosen != preview.records.end()) {
                    changed.overwritten.emplace(value);
                }
            }
            report = services::import_previewed(context.store, services::records_marked(preview, writable),
                                                preview.stored, changed);
        });
    } catch (const services::MeetingFileProblem& problem) {
        return refused_file(context, problem.what());
    } catch (const db::OrganiserWithoutEmail& problem) {
        // A meeting the organiser ticked to overwrite, which the preview kept.
        return refused_file(context, problem.what());
    }
    if (!report) {
        return preview_page(context, text, source, say.preview_outdated, 409);
    }
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    for (const auto* count : {&report->counties, &report->organisations, &report->people, &report->venues, &report->meetings}) {
        added += count->added;
        updated += count->updated;
        unchanged += count->unchanged;
    }
    return redirect(Url("/meeting-files")
                        .query("added", std::to_string(added))
                        .query("updated", std::to_string(updated))
                        .query("unchanged", std::to_string(unchanged))
                        .query("kept", std::to_string(report->kept_changed.size()))
                        .str());
}

}  // namespace planner::web::pages
