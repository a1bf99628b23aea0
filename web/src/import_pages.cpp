// Meeting files in the browser: an uploaded file shows what it adds and changes, record
// by record, before anything is written; importing it then writes what was shown, all
// or nothing. An organiser imports only what she could change in the forms: records of
// her county, and meetings her organisation organises.

#include "form_file.hpp"
#include "layout.hpp"
#include "pages.hpp"
#include "parameters.hpp"

#include <planner/error.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

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

// Whether the viewer may write each record of the preview (in its order), and whether
// she may read what the store holds of it now. A record the file leaves unchanged is
// not written, so anyone may have it in a file: a meeting file downloaded from these
// pages holds the counties and people a meeting refers to.
struct Permission {
    bool may_write = true;
    bool may_see_stored = true;
};

std::vector<Permission> permissions(const Viewer& viewer, const services::ImportPreview& preview)
{
    std::vector<Permission> result(preview.records.size());
    if (viewer.account.role == services::Role::admin) {
        return result;
    }
    const auto& stored = preview.stored;
    // The records as they will be: the store's, with the file's over them.
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
    for (const auto& record : preview.file.counties) {
        after.add(record);
    }
    for (const auto& record : preview.file.organisations) {
        after.add(record);
    }
    for (const auto& record : preview.file.people) {
        after.add(record);
    }
    for (const auto& record : preview.file.venues) {
        after.add(record);
    }
    std::map<MeetingId, const Meeting*> file_meetings;
    for (const auto& meeting : preview.file.meetings) {
        file_meetings.emplace(meeting.id, &meeting);
    }
    const auto county_of_organisation = [](const Directory& records, const OrganisationId& id) -> std::optional<CountyId> {
        const auto* organisation = records.find(id);
        return organisation ? std::optional(organisation->county) : std::nullopt;
    };
    const auto keeps = [&](const std::optional<CountyId>& before, const std::optional<CountyId>& now) {
        return may_keep_records_of(viewer, before) && may_keep_records_of(viewer, now);
    };
    for (std::size_t i = 0; i < preview.records.size(); ++i) {
        const auto& record = preview.records[i];
        auto& permission = result[i];
        switch (record.kind) {
        case RecordKind::county:
            permission.may_write = may_keep_records_of(viewer, std::nullopt);
            break;
        case RecordKind::organisation: {
            const OrganisationId id(record.id);
            const auto* before = stored.find(id);
            permission.may_see_stored = before == nullptr || may_keep_records_of(viewer, before->county);
            permission.may_write = keeps(before ? before->county : after.find(id)->county, after.find(id)->county);
            break;
        }
        case RecordKind::person: {
            const PersonId id(record.id);
            const auto* before = stored.find(id);
            const auto county_before =
                before ? county_of_organisation(stored, before->organisation) : county_of_organisation(after, after.find(id)->organisation);
            permission.may_see_stored = before == nullptr || may_keep_records_of(viewer, county_before);
            permission.may_write = keeps(county_before, county_of_organisation(after, after.find(id)->organisation));
            break;
        }
        case RecordKind::venue: {
            const VenueId id(record.id);
            const auto* before = stored.find(id);
            permission.may_see_stored = before == nullptr || may_keep_records_of(viewer, before->county);
            permission.may_write = keeps(before ? before->county : after.find(id)->county, after.find(id)->county);
            break;
        }
        case RecordKind::meeting: {
            const MeetingId id(record.id);
            const auto* before = stored.find(id);
            const auto audience_before = before ? audience_of(*before, stored) : MeetingAudience{};
            // A meeting she may not read is not even said to differ from the file.
            permission.may_see_stored = before == nullptr || may_read(viewer, audience_before);
            permission.may_write = (before == nullptr || may_change(viewer, audience_before)) &&
                                   may_change(viewer, audience_of(*file_meetings.at(id), after));
            break;
        }
        }
        if (record.change == RecordChange::unchanged) {
            permission.may_write = true;
        }
    }
    return result;
}

// The changes shown, as one fingerprint: the import goes ahead only while the file would
// still make the same changes to the store as it is then.
std::string fingerprint_of(const services::ImportPreview& preview)
{
    std::string shown;
    for (const auto& record : preview.records) {
        shown += fmt::format("{}\t{}\t{}\n", to_string(record.kind), record.id, static_cast<int>(record.change));
        for (const auto& key : record.keys) {
            shown += fmt::format("\t{}\t{}\t{}\n", key.key, key.before, key.after);
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
    try {
        preview = services::preview_meeting_file(context.store, text, source);
    } catch (const Error& problem) {
        return refused_file(context, problem.what());
    }
    const auto allowed = permissions(*context.viewer, preview);
    const bool refused = std::any_of(allowed.begin(), allowed.end(), [](const Permission& p) { return !p.may_write; });
    if (!refused) {
        try {
            services::rehearse_import(context.store, preview);
        } catch (const Error& problem) {
            return refused_file(context, problem.what());
        }
    }

    Html content;
    if (!note.empty()) {
        content += element("p", {{"class", "problem-summary"}, {"role", "alert"}}, note);
    }
    if (refused) {
        content += element("div", {{"class", "problem-summary"}, {"role", "alert"}}, element("p", say.refused_records));
    }
    Element rows("tbody");
    Element unchanged("ul");
    std::size_t unchanged_count = 0;
    bool changed_both = false;
    for (std::size_t i = 0; i < preview.records.size(); ++i) {
        const auto& record = preview.records[i];
        const auto& permission = allowed[i];
        const auto identity = element("td", element("code", record.id));
        if (record.change == RecordChange::unchanged) {
            ++unchanged_count;
            unchanged(element("li", fmt::format("{} {}: {}", kind_word(say, record.kind), record.id, record.name)));
            continue;
        }
        Html change;
        if (!permission.may_write) {
            change = element("strong", {{"class", "refused"}}, say.record_refused);
        } else if (record.change == RecordChange::added) {
            change = html::text(say.record_added);
        } else {
            change = html::text(record.change == RecordChange::updated ? say.record_updated : say.record_changed_both);
            if (permission.may_see_stored) {
                change += key_changes(say, record);
            }
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
        rows(element("tr", element("td", kind_word(say, record.kind)) + identity + element("td", record.name) +
                               element("td", change)));
    }
    const bool changes_anything = unchanged_count < preview.records.size();
    if (changes_anything) {
        Element table("table");
        table(element("thead", element("tr", element("th", {{"scope", "col"}}, say.kind) +
                                                 element("th", {{"scope", "col"}}, say.record_id) +
                                                 element("th", {{"scope", "col"}}, say.name) +
                                                 element("th", {{"scope", "col"}}, say.change_column))));
        table(rows);
        content += element("div", {{"class", "table-scroll"}}, Html(table));
        if (changed_both && !refused) {
            content += element("p", {{"class", "hint"}}, say.changed_both_hint);
        }
    } else {
        content += element("p", say.file_changes_nothing);
    }
    if (unchanged_count > 0) {
        content += element("details", element("summary", fmt::format(fmt::runtime(say.unchanged_records), unchanged_count)) +
                                          Html(unchanged));
    }
    if (changes_anything && !refused) {
        Element form("form", {{"method", "post"}, {"action", "/meeting-files/import"}, {"id", "import-form"},
                              {"enctype", "multipart/form-data"}});
        form(csrf_field(context));
        form(Element("input", {{"type", "hidden"}, {"name", "text"}, {"value", text}}).empty_element());
        form(Element("input", {{"type", "hidden"}, {"name", "source"}, {"value", source}}).empty_element());
        form(Element("input", {{"type", "hidden"}, {"name", "fingerprint"}, {"value", fingerprint_of(preview)}}).empty_element());
        form(Element("button", {{"type", "submit"}})(say.import_file));
        content += Html(form);
    }
    content += element("p", html::link(Url("/meeting-files"), say.meeting_files));
    return page(context, fmt::format(fmt::runtime(say.preview_title), source), content, refused ? 403 : status);
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
            done += " " + fmt::format(fmt::runtime(say.import_kept), kept);
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
    return preview_page(context, with_unix_line_breaks(file->value), source_name_of(file->filename), {}, 200);
}

Response import_upload(Context& context)
{
    const auto& say = words(context.language);
    const auto text = with_unix_line_breaks(context.request.form_value("text"));
    const auto source = source_name_of(context.request.form_value("source"));
    services::ImportPreview preview;
    try {
        preview = services::preview_meeting_file(context.store, text, source);
    } catch (const Error& problem) {
        return refused_file(context, problem.what());
    }
    const auto allowed = permissions(*context.viewer, preview);
    const bool refused = std::any_of(allowed.begin(), allowed.end(), [](const Permission& p) { return !p.may_write; });
    if (refused || fingerprint_of(preview) != context.request.form_value("fingerprint")) {
        return preview_page(context, text, source, refused ? std::string_view{} : say.preview_outdated, 409);
    }
    db::Store::ChangedMeetings changed;
    for (const auto& [name, value] : context.request.form()) {
        if (name != "overwrite") {
            continue;
        }
        const auto chosen = std::find_if(preview.records.begin(), preview.records.end(), [&](const auto& record) {
            return record.kind == RecordKind::meeting && record.id == value &&
                   record.change == RecordChange::changed_on_both_sides;
        });
        if (chosen != preview.records.end()) {
            changed.overwritten.emplace(value);
        }
    }
    db::ImportReport report;
    try {
        report = services::import_previewed(context.store, preview, changed);
    } catch (const Error& problem) {
        return refused_file(context, problem.what());
    }
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    for (const auto* count : {&report.counties, &report.organisations, &report.people, &report.venues, &report.meetings}) {
        added += count->added;
        updated += count->updated;
        unchanged += count->unchanged;
    }
    return redirect(Url("/meeting-files")
                        .query("added", std::to_string(added))
                        .query("updated", std::to_string(updated))
                        .query("unchanged", std::to_string(unchanged))
                        .query("kept", std::to_string(report.kept_changed.size()))
                        .str());
}

}  // namespace planner::web::pages
