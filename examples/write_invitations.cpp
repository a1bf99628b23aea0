// A small program on the planner's libraries, without the command line: reads a
// meeting file into a store in memory and writes one invitation per meeting that is
// not cancelled into a folder.
//
//   write_invitations examples/immenstaad-2012.toml out/

#include <planner/db/meeting_file.hpp>
#include <planner/db/store.hpp>
#include <planner/error.hpp>
#include <planner/ical/invitation.hpp>
#include <planner/ical/recurrence.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: write_invitations MEETINGS.toml FOLDER\n";
        return 2;
    }
    try {
        auto store = planner::db::Store::in_memory();
        static_cast<void>(store.import(planner::db::read_meeting_file(argv[1], store.load(), planner::ical::expand_rule)));
        const auto directory = store.load();
        const std::filesystem::path folder = argv[2];
        std::filesystem::create_directories(folder);
        const auto now = boost::posix_time::second_clock::universal_time();
        for (const auto& [id, meeting] : directory.meetings()) {
            if (meeting.status == planner::MeetingStatus::cancelled) {
                continue;
            }
            const auto file = folder / (id.str() + ".ics");
            std::ofstream(file, std::ios::binary) << planner::ical::write_invitation(directory, meeting, now);
            std::cout << file.string() << '\n';
        }
        return 0;
    } catch (const planner::Error& error) {
        std::cerr << "write_invitations: " << error.what() << '\n';
        return 1;
    }
}
