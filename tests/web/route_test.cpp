#include "route.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace planner::web {
namespace {

TEST(MatchPatternTest, TakesTheParametersOfTheNamedSegments)
{
    const auto matched = match_pattern("/meetings/{id}/attendance/{format}", "/meetings/kennenlernen-2012/attendance/pdf");
    ASSERT_TRUE(matched);
    EXPECT_EQ((*matched)["id"], "kennenlernen-2012");
    EXPECT_EQ((*matched)["format"], "pdf");
    EXPECT_EQ(matched->all(), (NameValues{{"id", "kennenlernen-2012"}, {"format", "pdf"}}));
}

TEST(MatchPatternTest, MatchesLiteralSegmentsExactly)
{
    EXPECT_TRUE(match_pattern("/", "/"));
    EXPECT_TRUE(match_pattern("/healthz", "/healthz"));
    EXPECT_FALSE(match_pattern("/healthz", "/Healthz"));
    EXPECT_FALSE(match_pattern("/healthz", "/healthz/"));
    EXPECT_FALSE(match_pattern("/healthz/", "/healthz"));
    EXPECT_FALSE(match_pattern("/", "/healthz"));
    EXPECT_FALSE(match_pattern("/meetings", "/meetingsx"));
}

TEST(MatchPatternTest, AParameterTakesOneNonEmptySegment)
{
    EXPECT_FALSE(match_pattern("/meetings/{id}", "/meetings/"));
    EXPECT_FALSE(match_pattern("/meetings/{id}", "/meetings"));
    EXPECT_FALSE(match_pattern("/meetings/{id}", "/meetings/a/b"));
    EXPECT_FALSE(match_pattern("/meetings/{id}/ics", "/meetings//ics"));
}

TEST(MatchPatternTest, NeedsAPathFromTheRoot)
{
    EXPECT_FALSE(match_pattern("/healthz", "healthz"));
    EXPECT_FALSE(match_pattern("healthz", "/healthz"));
    EXPECT_FALSE(match_pattern("", ""));
}

TEST(PathParametersTest, AnUnknownNameIsAnError)
{
    const auto matched = match_pattern("/meetings/{id}", "/meetings/x");
    ASSERT_TRUE(matched);
    EXPECT_THROW(static_cast<void>((*matched)["meeting"]), std::out_of_range);
}

}  // namespace
}  // namespace planner::web
