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
        // As replies import reads a file: the calendar and the mail's From addresses.
        const auto received = planner::mail::received_calendar(text, "fuzz.eml");
        static_cast<void>(planner::ical::read_replies(received.calendar, "fuzz.eml"));
    });
    return 0;
}
