#include <planner/id.hpp>

#include <gtest/gtest.h>

#include <string>

namespace planner {
namespace {

TEST(IdTest, IdsOfTheMeetingFilesAreValid)
{
    for (const char* id : {"bodenseekreis", "frank-veser", "shg_tinnitus.fn", "2012-kennenlernen", "a"}) {
        EXPECT_EQ(id_problem(id), std::nullopt) << id;
    }
}

TEST(IdTest, AnIdThatWouldBeAHiddenFileOrAnOptionIsNot)
{
    for (const char* id : {".", "..", ".profile", "-h", "--help", "_x"}) {
        EXPECT_EQ(id_problem(id), "expected it to start with a letter or digit") << id;
    }
}

TEST(IdTest, OnlyLettersDigitsDashUnderscoreAndDotAreAllowed)
{
    for (const char* id : {"Treffen 2012", "a/b", "..\\x", "köster", "a:b"}) {
        EXPECT_EQ(id_problem(id), "expected letters, digits, '-', '_' or '.'") << id;
    }
    EXPECT_EQ(id_problem(""), "expected at least one letter or digit");
}

TEST(IdTest, AnIdHasAtMostTheLimitOfCharacters)
{
    EXPECT_EQ(id_problem(std::string(max_id_length, 'a')), std::nullopt);
    EXPECT_EQ(id_problem(std::string(max_id_length + 1, 'a')),
              "expected at most " + std::to_string(max_id_length) + " characters, not " +
                  std::to_string(max_id_length + 1));
}

}  // namespace
}  // namespace planner
