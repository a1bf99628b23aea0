#include "fuzz_outcome.hpp"

#include <planner/db/meeting_file.hpp>
#include <planner/directory.hpp>
#include <planner/ical/recurrence.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    planner::fuzz::expect_value_or_error([&] {
        static_cast<void>(planner::db::parse_meeting_file(text, "fuzz.toml", planner::Directory{},
                                                          planner::ical::expand_rule));
    });
    return 0;
}
