#include "fuzz_outcome.hpp"

#include <planner/ical/reply.hpp>
#include <planner/mail/calendar_part.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    planner::fuzz::expect_value_or_error([&] {
        const auto calendar = planner::mail::calendar_part(text, "fuzz.eml");
        static_cast<void>(planner::ical::read_replies(calendar, "fuzz.eml"));
    });
    return 0;
}
