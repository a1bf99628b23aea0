#pragma once

#include <planner/error.hpp>

#include <gtest/gtest.h>

#include <string>

namespace planner::testing {

// The message of the planner::Error that `action` throws; a test failure if it
// throws none. Tests assert the whole text a user would read.
template <class Action>
std::string error_message(Action action)
{
    try {
        action();
    } catch (const planner::Error& error) {
        return error.what();
    }
    ADD_FAILURE() << "expected a planner::Error";
    return {};
}

}  // namespace planner::testing
