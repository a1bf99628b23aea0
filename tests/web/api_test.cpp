// /api/v1 answers in the shapes of the command's --json (one serializer), to a session
// or an API token, and a meeting's invitation downloads as a calendar that records
// nobody as invited.

#include "web_fixture.hpp"

#include "run_planner.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>

namespace planner::web::testing {
namespace {

Request with_bearer(Request request, const std::string& token)
{
    std::erase_if(request.headers, [](const auto& header) { return header.first == "cookie"; });
    request.headers.emplace_back("authorization", "Bearer " + token);
    return request;
}

TEST(Api, AMeetingIsTheJsonOfPlannerShow)
{
    WebFixture fixture;
    const auto token = fixture.api_token(Who::organiser);
    const auto response = fixture.dispatch(
        with_bearer(fixture.request(Who::anonymous, Method::get, "/api/v1/meetings/kennenlernen-2012"), token));
    ASSERT_EQ(response.status, 200u) << response.body;
    EXPECT_EQ(response.content_type, "application/json");
    const auto shown =
        planner::testing::run_planner({"--db", fixture.store_file().string(), "show", "kennenlernen-2012", "--json"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_EQ(response.body, shown.out);
}

TEST(Api, TheListHasTheShapeOfPlannerMeetingsWithItsPage)
{
    WebFixture fixture;
    const auto response =
        fixture.dispatch(fixture.request(Who::admin, Method::get, "/api/v1/meetings?from=2012-01-01&limit=2"));
    ASSERT_EQ(response.status, 200u) << response.body;
    const auto listed = nlohmann::json::parse(response.body);
    const auto all = nlohmann::json::parse(
        planner::testing::run_planner({"--db", fixture.store_file().string(), "meetings", "--json"}).out);
    ASSERT_EQ(listed["meetings"].size(), 2u);
    EXPECT_EQ(listed["total"], all["meetings"].size());
    EXPECT_EQ(listed["limit"], 2);
    // Each listed meeting exactly as the command lists it.
    for (const auto& meeting : listed["meetings"]) {
        const auto same = std::find_if(all["meetings"].begin(), all["meetings"].end(),
                                       [&](const auto& other) { return other["id"] == meeting["id"]; });
        ASSERT_NE(same, all["meetings"].end());
        EXPECT_EQ(meeting, *same);
    }
}

TEST(Api, ABadTokenOrParameterIsAJsonError)
{
    WebFixture fixture;
    const auto refused =
        fixture.dispatch(with_bearer(fixture.request(Who::anonymous, Method::get, "/api/v1/meetings"), "not-a-token"));
    EXPECT_EQ(refused.status, 401u);
    EXPECT_EQ(nlohmann::json::parse(refused.body)["error"], "the API token is not valid");
    const auto bad_day =
        fixture.dispatch(fixture.request(Who::admin, Method::get, "/api/v1/conflicts?from=11.10.2012&to=2012-10-31"));
    EXPECT_EQ(bad_day.status, 400u);
    EXPECT_NE(nlohmann::json::parse(bad_day.body)["error"].get<std::string>().find("'11.10.2012'"), std::string::npos);
}

TEST(Api, ConflictsOfMeetingsTheViewerCannotReadAreCountedNotShown)
{
    WebFixture fixture;
    fixture.add_lindau_double_booking();
    const std::string target = "/api/v1/conflicts?from=2012-11-20&to=2012-11-20";
    const auto admin = nlohmann::json::parse(fixture.dispatch(fixture.request(Who::admin, Method::get, target)).body);
    ASSERT_GE(admin["conflicts"].size(), 1u);
    EXPECT_EQ(admin["hidden"], 0);
    const auto lindau =
        nlohmann::json::parse(fixture.dispatch(fixture.request(Who::other_organiser, Method::get, target)).body);
    EXPECT_EQ(lindau["hidden"], admin["conflicts"].size() - lindau["conflicts"].size());
    EXPECT_GE(lindau["hidden"], 1);
    EXPECT_EQ(lindau.dump().find("selbsthilfe-vertraulich"), std::string::npos);
}

TEST(Api, TheInvitationDownloadsAsACalendarAndRecordsNobody)
{
    WebFixture fixture;
    const auto response =
        fixture.dispatch(fixture.request(Who::staff, Method::get, "/meetings/kennenlernen-2012/invitation.ics"));
    ASSERT_EQ(response.status, 200u) << response.body;
    EXPECT_NE(response.content_type.find("text/calendar"), std::string::npos);
    EXPECT_TRUE(response.body.starts_with("BEGIN:VCALENDAR\r\n"));
    EXPECT_NE(response.body.find("METHOD:REQUEST"), std::string::npos);
    EXPECT_TRUE(fixture.store().sent_versions(MeetingId("kennenlernen-2012")).empty());
}

}  // namespace
}  // namespace planner::web::testing
