#pragma once

#include <planner/db/meeting_file.hpp>
#include <planner/db/store.hpp>
#include <planner/directory.hpp>
#include <planner/error.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace planner::services {

// The meeting file read against the store (its references may name the store's
// records) and imported, all or nothing. `read_alone` is the file already read without
// a store, as a first import does before the store file is created, so that a bad file
// creates none: then it is not read again.
// Meetings changed outside a file since one last wrote them are kept as the store has
// them unless `changed` says to overwrite them (db::Store::import).
[[nodiscard]] db::ImportReport import_meeting_file(
    db::Store& store, const std::filesystem::path& file, const std::optional<db::MeetingFile>& read_alone = std::nullopt,
    db::Store::ChangedMeetings changed = db::Store::ChangedMeetings::kept());

// What importing a meeting file would do to each of its records.
enum class RecordKind { county, organisation, person, venue, meeting };
// "county", "organisation", ...: the file's name for the record's table.
[[nodiscard]] std::string_view to_string(RecordKind kind);

enum class RecordChange {
    added,
    updated,
    unchanged,
    // A meeting changed outside a file since a file last wrote it (in the browser, by
    // `schedule` or `cancel`), which the file has otherwise: kept as the store has it
    // unless the import is told to overwrite it.
    changed_on_both_sides,
};

// A key of the record whose value the file changes, as the meeting file writes both
// ("" where one of them has no such key). Keys of a meeting's agenda items and changed
// occurrences are named with their table and number: "agenda 2 title".
struct KeyChange {
    std::string key;
    std::string before;
    std::string after;

    friend bool operator==(const KeyChange&, const KeyChange&) = default;
};

struct PreviewedRecord {
    RecordKind kind = RecordKind::county;
    std::string id;
    std::string name;  // a meeting's title
    RecordChange change = RecordChange::unchanged;
    std::vector<KeyChange> keys;  // of an updated record, or one changed on both sides
};

struct ImportPreview {
    db::MeetingFile file;
    // The store as the file was read against it, before the import.
    Directory stored;
    // Every record of the file, in the file's order of tables (counties, organisations,
    // people, venues, meetings).
    std::vector<PreviewedRecord> records;
};

// What is wrong with a meeting file, said with the file's name, line and column: the
// reader's planner::Error, told apart from the store's own.
class MeetingFileProblem : public Error {
public:
    using Error::Error;
};

// Reads the text of a meeting file (`source_name` in messages: "upload.toml:3:7: ...")
// against the store, and tells record by record what importing it would change; it
// writes nothing. A file that does not read is MeetingFileProblem.
[[nodiscard]] ImportPreview preview_meeting_file(const db::Store& store, std::string_view text,
                                                 const std::string& source_name);
// The same for a file on disk (`planner import --dry-run`).
[[nodiscard]] ImportPreview preview_meeting_file(const db::Store& store, const std::filesystem::path& file);
// The previewed file with only the records `written` marks (one mark per record of
// preview.records, in its order): what an import of those alone is given.
[[nodiscard]] db::MeetingFile records_marked(const ImportPreview& preview, const std::vector<bool>& written);
// Imports `file` (the previewed one, or records_marked of it) with every write rolled
// back (db::Store::rehearse), keeping the meetings changed on both sides as a plain
// import does: a file the import would refuse is refused with the same error (an
// organiser without an e-mail address: db::OrganiserWithoutEmail), and nothing is written.
void rehearse_import(db::Store& store, const db::MeetingFile& file, const Directory& stored);
// Imports it: the meetings changed on both sides that `changed` names take the file's
// version, the others are kept (db::Store::import). The store may have changed since the
// preview; the import compares with what it holds then.
db::ImportReport import_previewed(db::Store& store, const db::MeetingFile& file, const Directory& stored,
                                  const db::Store::ChangedMeetings& changed);
// The file's records compared with the store as `stored` holds them, with the meetings
// that were changed outside a file: what preview_meeting_file says of each.
[[nodiscard]] std::vector<PreviewedRecord> compare_with_store(const db::MeetingFile& file, const Directory& stored,
                                                              const std::set<MeetingId>& changed_outside_file);

// The meeting file (db::write_meeting_file) of the whole store, or of these meetings
// (a series whole) with every record they refer to: imported into an empty store, it
// gives the same records. NotFound for a meeting the store lacks.
[[nodiscard]] std::string export_meeting_file(const db::Store& store, const std::vector<MeetingId>& meetings = {});

}  // namespace planner::services
