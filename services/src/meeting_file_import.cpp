#include <planner/services/meeting_file_import.hpp>

#include <planner/ical/recurrence.hpp>

namespace planner::services {

db::ImportReport import_meeting_file(db::Store& store, const std::filesystem::path& file,
                                     const std::optional<db::MeetingFile>& read_alone)
{
    const auto stored = store.load();
    if (read_alone) {
        return store.import(*read_alone, stored);
    }
    return store.import(db::read_meeting_file(file, stored, ical::expand_rule), stored);
}

}  // namespace planner::services
