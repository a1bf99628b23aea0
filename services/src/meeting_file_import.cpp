#include <planner/services/meeting_file_import.hpp>

#include <planner/ical/recurrence.hpp>
#include <planner/services/meeting_queries.hpp>

#include <map>

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
