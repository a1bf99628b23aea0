#include "fuzz_outcome.hpp"

#include <planner/db/meeting_file.hpp>
#include <planner/directory.hpp>
#include <planner/ical/recurrence.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

// Any text: read, or refused in the planner's words. What was read, written as a meeting
// file (planner export), reads back to the same records.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::optional<planner::db::MeetingFile> read;
    planner::fuzz::expect_value_or_error([&] {
        read = planner::db::parse_meeting_file(text, "fuzz.toml", planner::Directory{}, planner::ical::expand_rule);
    });
    if (!read) {
        return 0;
    }
    const auto written = planner::db::write_meeting_file(*read);
    std::optional<planner::db::MeetingFile> back;
    try {
        back = planner::db::parse_meeting_file(written, "written.toml", planner::Directory{}, planner::ical::expand_rule);
    } catch (const std::exception& refused) {
        std::fprintf(stderr, "a written meeting file does not read back: %s\n%s\n", refused.what(), written.c_str());
        std::abort();
    }
    if (back->counties != read->counties || back->organisations != read->organisations ||
        back->people != read->people || back->venues != read->venues || back->meetings != read->meetings) {
        std::fprintf(stderr, "a written meeting file reads back otherwise:\n%s\n", written.c_str());
        std::abort();
    }
    return 0;
}
