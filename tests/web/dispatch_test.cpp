#include "dispatch.hpp"

#include <gtest/gtest.h>

namespace planner::web {
namespace {

TEST(ReadTargetTest, DecodesThePathAndTheQuery)
{
    const auto target = read_target("/people/andreas-k%C3%B6ster?from=2012-10-01&q=a+b");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->path, "/people/andreas-köster");
    EXPECT_EQ(target->query, (NameValues{{"from", "2012-10-01"}, {"q", "a b"}}));
    EXPECT_EQ(read_target("/")->path, "/");
    EXPECT_TRUE(read_target("/meetings?")->query.empty());
}

TEST(ReadTargetTest, RefusesWhatIsNotAPath)
{
    EXPECT_FALSE(read_target("http://planner.example.org/meetings"));
    EXPECT_FALSE(read_target("*"));
    EXPECT_FALSE(read_target(""));
}

TEST(ReadTargetTest, RefusesBrokenEscapesNulsAndParentSegments)
{
    EXPECT_FALSE(read_target("/meetings/%zz"));
    EXPECT_FALSE(read_target("/meetings/a%00.pdf"));
    EXPECT_FALSE(read_target("/meetings/../secret"));
    EXPECT_FALSE(read_target("/meetings/%2e%2E/secret"));
    EXPECT_FALSE(read_target("/.."));
    EXPECT_TRUE(read_target("/meetings/..x/a..b"));
}

TEST(ReadTargetTest, AQueryThatDoesNotDecodeLosesOnlyItsBadPairs)
{
    EXPECT_EQ(read_target("/meetings?a=%zz&b=1")->query, (NameValues{{"b", "1"}}));
}

Response answer(std::string text)
{
    return text_response(200, std::move(text));
}

std::vector<Route> table()
{
    const auto named = [](std::string text) {
        return [text](const Request&, const PathParameters&, db::Store&) { return answer(text); };
    };
    return {
        {Method::get, "/meetings", Work::read, named("list")},
        {Method::get, "/meetings/{id}", Work::read, named("one")},
        {Method::post, "/meetings/{id}", Work::write, named("change")},
        {Method::post, "/login", Work::write, named("login")},
    };
}

TEST(ChooseRouteTest, TakesTheRouteOfThePathAndMethod)
{
    const auto routes = table();
    const auto get = choose_route(routes, Method::get, "/meetings/kennenlernen-2012");
    ASSERT_NE(get.route, nullptr);
    EXPECT_EQ(get.route->pattern, "/meetings/{id}");
    EXPECT_EQ(get.route->method, Method::get);
    EXPECT_EQ(get.parameters["id"], "kennenlernen-2012");
    const auto post = choose_route(routes, Method::post, "/meetings/kennenlernen-2012");
    ASSERT_NE(post.route, nullptr);
    EXPECT_EQ(post.route->work, Work::write);
}

TEST(ChooseRouteTest, HeadTakesTheGetRoute)
{
    const auto routes = table();
    const auto head = choose_route(routes, Method::head, "/meetings");
    ASSERT_NE(head.route, nullptr);
    EXPECT_EQ(head.route->method, Method::get);
}

TEST(ChooseRouteTest, APathWithoutRoutesIsNotFound)
{
    const auto routes = table();
    const auto none = choose_route(routes, Method::get, "/nothing");
    EXPECT_EQ(none.route, nullptr);
    EXPECT_EQ(none.allowed, "");
}

TEST(ChooseRouteTest, AnotherMethodOnAKnownPathSaysWhichAreAllowed)
{
    const auto routes = table();
    EXPECT_EQ(choose_route(routes, Method::get, "/login").allowed, "POST");
    EXPECT_EQ(choose_route(routes, Method::post, "/meetings").allowed, "GET, HEAD");
    EXPECT_EQ(choose_route(routes, std::nullopt, "/meetings/x").allowed, "GET, HEAD, POST");
    EXPECT_EQ(choose_route(routes, std::nullopt, "/meetings/x").route, nullptr);
}

}  // namespace
}  // namespace planner::web
