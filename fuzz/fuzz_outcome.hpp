#pragma once

// What a reader may do with any input: return, or refuse it with planner::Error, whose
// message names the place. Anything else (another exception, which the command would
// report as "internal error", a crash, a hang) is a finding.

#include <planner/error.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>

namespace planner::fuzz {

template <class Read>
void expect_value_or_error(Read read)
{
    try {
        read();
    } catch (const planner::Error&) {
        // a refusal in the planner's words is a correct outcome
    } catch (const std::exception& internal) {
        std::fprintf(stderr, "internal error: %s\n", internal.what());
        std::abort();
    }
}

}  // namespace planner::fuzz
