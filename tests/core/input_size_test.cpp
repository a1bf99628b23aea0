#include <planner/input_size.hpp>

#include <planner/error.hpp>

#include <gtest/gtest.h>

#include "error_message.hpp"

#include <string>

namespace {

using planner::testing::error_message;

TEST(InputSize, AFileOfTheBoundIsRead)
{
    const std::string text(planner::max_input_file_bytes, 'x');
    EXPECT_NO_THROW(planner::require_input_size(text, "export.ics", "a calendar export"));
}

TEST(InputSize, OneByteMoreIsRefusedWithTheSizeAndTheBound)
{
    const std::string text(planner::max_input_file_bytes + 1, 'x');
    EXPECT_EQ(error_message([&] { planner::require_input_size(text, "export.ics", "a calendar export"); }),
              "export.ics: the file has 33554433 bytes; the planner reads a calendar export of at most 33554432 "
              "bytes (32 MiB)");
}

}  // namespace
