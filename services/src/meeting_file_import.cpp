#include <planner/services/meeting_file_import.hpp>

#include <planner/ical/recurrence.hpp>
#include <planner/services/meeting_queries.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <type_traits>
#include <utility>

namespace planner::services {

db::ImportReport import_meeting_file(db::Store& store, const std::filesystem::path& file,
                                     const std::optional<db::MeetingFile>& read_alone, db::Store::ChangedMeetings changed)
{
    const auto stored = store.load();
    if (read_alone) {
        return store.import(*read_alone, stored, changed);
    }
    return store.import(db::read_meeting_file(file, stored, ical::expand_rule), stored, changed);
}

std::string_view to_string(RecordKind kind)
{
    switch (kind) {
    case RecordKind::county: return "county";
    case RecordKind::organisation: return "organisation";
    case RecordKind::person: return "person";
    case RecordKind::venue: return "venue";
    case RecordKind::meeting: return "meeting";
    }
    return "?";
}

namespace {

// A record's keys as the meeting file writes it, in its order: "title" -> "\"...\"",
// and for the tables of a meeting's agenda and changed occurrences "agenda 2 title".
std::vector<std::pair<std::string, std::string>> written_keys(const db::MeetingFile& one_record)
{
    std::vector<std::pair<std::string, std::string>> keys;
    std::map<std::string, int> tables_seen;
    std::string prefix;
    bool first_table = true;
    const auto written = db::write_meeting_file(one_record);
    std::string_view text = written;
    while (!text.empty()) {
        const auto end = std::min(text.find('\n'), text.size());
        const auto line = text.substr(0, end);
        text = text.substr(std::min(end + 1, text.size()));
        if (line.starts_with("[[")) {
            if (first_table) {
                first_table = false;
                continue;
            }
            // "[[meeting.agenda]]" -> "agenda"
            auto table = std::string(line.substr(2, line.size() - 4));
            table = table.substr(table.rfind('.') + 1);
            prefix = fmt::format("{} {} ", table, ++tables_seen[table]);
            continue;
        }
        const auto equals = line.find(" = ");
        if (equals == std::string_view::npos) {
            continue;
        }
        keys.emplace_back(prefix + std::string(line.substr(0, equals)), std::string(line.substr(equals + 3)));
    }
    return keys;
}

template <class Record>
db::MeetingFile file_of(const Record& record)
{
    db::MeetingFile file;
    if constexpr (std::is_same_v<Record, County>) {
        file.counties.push_back(record);
    } else if constexpr (std::is_same_v<Record, Organisation>) {
        file.organisations.push_back(record);
    } else if constexpr (std::is_same_v<Record, Person>) {
        file.people.push_back(record);
    } else if constexpr (std::is_same_v<Record, Venue>) {
        file.venues.push_back(record);
    } else {
        file.meetings.push_back(record);
    }
    return file;
}

// The keys whose values differ, in the order of the file's record, then those it lacks.
template <class Record>
std::vector<KeyChange> changed_keys(const Record& before, const Record& after)
{
    const auto old_keys = written_keys(file_of(before));
    const auto new_keys = written_keys(file_of(after));
    const auto value_in = [](const auto& keys, const std::string& key) -> const std::string* {
        const auto found = std::find_if(keys.begin(), keys.end(), [&](const auto& pair) { return pair.first == key; });
        return found == keys.end() ? nullptr : &found->second;
    };
    std::vector<KeyChange> changes;
    for (const auto& [key, value] : new_keys) {
        const auto* old_value = value_in(old_keys, key);
        if (old_value == nullptr || *old_value != value) {
            changes.push_back({key, old_value ? *old_value : "", value});
        }
    }
    for (const auto& [key, value] : old_keys) {
        if (value_in(new_keys, key) == nullptr) {
            changes.push_back({key, value, ""});
        }
    }
    return changes;
}

std::string name_of(const Meeting& meeting) { return meeting.title; }
template <class Record>
std::string name_of(const Record& record)
{
    return record.name;
}

template <class Record>
void compare(std::vector<PreviewedRecord>& into, RecordKind kind, const std::vector<Record>& records,
             const Directory& stored, const std::set<MeetingId>& changed_outside_file)
{
    for (const auto& record : records) {
        PreviewedRecord previewed{kind, record.id.str(), name_of(record), RecordChange::added, {}};
        if (const auto* before = stored.find(record.id)) {
            auto after = record;
            if constexpr (std::is_same_v<Record, Meeting>) {
                // What the import keeps of the stored meeting, whatever the file says.
                after.uid = before->uid;
                after.sequence = before->sequence;
            }
            if (*before == after) {
                previewed.change = RecordChange::unchanged;
            } else {
                previewed.change = RecordChange::updated;
                if constexpr (std::is_same_v<Record, Meeting>) {
                    if (changed_outside_file.contains(record.id)) {
                        previewed.change = RecordChange::changed_on_both_sides;
                    }
                }
                previewed.keys = changed_keys(*before, after);
            }
        }
        into.push_back(std::move(previewed));
    }
}

}  // namespace

std::vector<PreviewedRecord> compare_with_store(const db::MeetingFile& file, const Directory& stored,
                                                const std::set<MeetingId>& changed_outside_file)
{
    std::vector<PreviewedRecord> records;
    compare(records, RecordKind::county, file.counties, stored, changed_outside_file);
    compare(records, RecordKind::organisation, file.organisations, stored, changed_outside_file);
    compare(records, RecordKind::person, file.people, stored, changed_outside_file);
    compare(records, RecordKind::venue, file.venues, stored, changed_outside_file);
    compare(records, RecordKind::meeting, file.meetings, stored, changed_outside_file);
    return records;
}

namespace {

// The file as `read` reads it against the store, compared with the store's records.
template <class Read>
ImportPreview preview_of(const db::Store& store, Read read)
{
    ImportPreview preview;
    std::set<MeetingId> changed_outside_file;
    store.read_together([&] {
        preview.stored = store.load();
        changed_outside_file = store.meetings_changed_outside_file();
    });
    try {
        preview.file = read(preview.stored);
    } catch (const Error& problem) {
        throw MeetingFileProblem(problem.what());
    }
    preview.records = compare_with_store(preview.file, preview.stored, changed_outside_file);
    return preview;
}

}  // namespace

ImportPreview preview_meeting_file(const db::Store& store, std::string_view text, const std::string& source_name)
{
    return preview_of(store, [&](const Directory& known) {
        return db::parse_meeting_file(text, source_name, known, ical::expand_rule);
    });
}

ImportPreview preview_meeting_file(const db::Store& store, const std::filesystem::path& file)
{
    return preview_of(store, [&](const Directory& known) { return db::read_meeting_file(file, known, ical::expand_rule); });
}

namespace {

template <class Record>
void keep_marked(std::vector<Record>& records, const std::vector<bool>& written, std::size_t& next)
{
    std::vector<Record> kept;
    for (auto& record : records) {
        if (written.at(next++)) {
            kept.push_back(std::move(record));
        }
    }
    records = std::move(kept);
}

}  // namespace

db::MeetingFile records_marked(const ImportPreview& preview, const std::vector<bool>& written)
{
    // preview.records lists the file's records in the order of its tables.
    auto file = preview.file;
    std::size_t next = 0;
    keep_marked(file.counties, written, next);
    keep_marked(file.organisations, written, next);
    keep_marked(file.people, written, next);
    keep_marked(file.venues, written, next);
    keep_marked(file.meetings, written, next);
    return file;
}

void rehearse_import(db::Store& store, const db::MeetingFile& file, const Directory& stored)
{
    store.rehearse([&] { static_cast<void>(store.import(file, stored)); });
}

db::ImportReport import_previewed(db::Store& store, const db::MeetingFile& file, const Directory& stored,
                                  const db::Store::ChangedMeetings& changed)
{
    return store.import(file, stored, changed);
}

namespace {

template <class Record, class Id>
void add_all(std::vector<Record>& into, const std::map<Id, Record>& records)
{
    for (const auto& [id, record] : records) {
        into.push_back(record);
    }
}

}  // namespace

std::string export_meeting_file(const db::Store& store, const std::vector<MeetingId>& meetings)
{
    db::MeetingFile file;
    if (meetings.empty()) {
        const auto everything = store.load();
        add_all(file.counties, everything.counties());
        add_all(file.organisations, everything.organisations());
        add_all(file.people, everything.people());
        add_all(file.venues, everything.venues());
        add_all(file.meetings, everything.meetings());
        return db::write_meeting_file(file);
    }
    store.read_together([&] {
        for (const auto& id : meetings) {
            auto meeting = store.meeting(id);
            if (!meeting) {
                throw unknown_meeting(store, id);
            }
            file.meetings.push_back(std::move(*meeting));
        }
        const auto records = store.records_of(file.meetings);
        add_all(file.counties, records.counties());
        add_all(file.organisations, records.organisations());
        add_all(file.people, records.people());
        add_all(file.venues, records.venues());
    });
    return db::write_meeting_file(file);
}

}  // namespace planner::services
