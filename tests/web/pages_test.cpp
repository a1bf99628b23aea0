#include "web_fixture.hpp"

#include <planner/db/meeting_file.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/services/accounts.hpp>
#include <planner/services/meeting_file_import.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace planner::web::testing {
namespace {

TEST(Pages, LoggingInSetsAnHttpOnlySessionCookieThatOpensThePages)
{
    WebFixture fixture;
    const auto response = fixture.dispatch(fixture.request(
        Who::anonymous, Method::post, "/login",
        {{"login", "karin"}, {"password", fixture.password(Who::organiser)}, {"next", "/meetings/kennenlernen-2012"}}));
    ASSERT_EQ(response.status, 303u) << response.body;
    EXPECT_EQ(header_of(response, "Location"), "/meetings/kennenlernen-2012");
    const auto cookies = header_of(response, "Set-Cookie");
    EXPECT_NE(cookies.find("planner-session="), std::string::npos);
    EXPECT_NE(cookies.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookies.find("SameSite=Lax"), std::string::npos);

    const auto start = cookies.find("planner-session=") + std::string("planner-session=").size();
    const auto token = cookies.substr(start, cookies.find(';', start) - start);
    auto page = fixture.request(Who::anonymous, Method::get, "/meetings/kennenlernen-2012");
    page.headers.emplace_back("cookie", "planner-session=" + token);
    std::erase_if(page.headers, [](const auto& h) { return h.first == "cookie" && h.second.starts_with("planner-login"); });
    const auto meeting = fixture.dispatch(page);
    EXPECT_EQ(meeting.status, 200u);
    EXPECT_NE(meeting.body.find("Kennenlernen"), std::string::npos);
}

TEST(Pages, SessionCookieIsHostPrefixedAndSecureBehindHttps)
{
    WebFixture fixture("https://planner.test");
    auto request = fixture.request(Who::anonymous, Method::post, "/login",
                                   {{"login", "karin"}, {"password", fixture.password(Who::organiser)}});
    request.secure = true;
    for (auto& [name, value] : request.headers) {
        if (name == "origin") {
            value = "https://planner.test";
        }
        if (name == "cookie") {
            value = "__Host-planner-login=0123456789abcdef0123456789abcdef";
        }
    }
    const auto response = fixture.dispatch(request);
    ASSERT_EQ(response.status, 303u) << response.body;
    const auto cookies = header_of(response, "Set-Cookie");
    EXPECT_NE(cookies.find("__Host-planner-session="), std::string::npos);
    EXPECT_NE(cookies.find("; Secure"), std::string::npos);
}

TEST(Pages, PostWithoutTheRightCsrfTokenOrFromAnotherOriginIsRefused)
{
    WebFixture fixture;
    auto forged = fixture.request(Who::organiser, Method::post, "/logout");
    forged.body = "csrf=not-the-token";
    EXPECT_EQ(fixture.dispatch(forged).status, 403u);

    auto other_site = fixture.request(Who::organiser, Method::post, "/logout");
    for (auto& [name, value] : other_site.headers) {
        if (name == "origin") {
            value = "http://evil.example";
        }
    }
    EXPECT_EQ(fixture.dispatch(other_site).status, 403u);

    auto no_origin = fixture.request(Who::organiser, Method::post, "/logout");
    std::erase_if(no_origin.headers, [](const auto& h) { return h.first == "origin"; });
    EXPECT_EQ(fixture.dispatch(no_origin).status, 403u);

    // The session survived every forged attempt.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings")).status, 200u);
}

TEST(Pages, LoggingOutEndsTheSession)
{
    WebFixture fixture;
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::post, "/logout")).status, 303u);
    const auto after = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings"));
    EXPECT_EQ(after.status, 303u);
    EXPECT_EQ(header_of(after, "Location"), "/login?next=%2Fmeetings");
}

TEST(Pages, AWrongPasswordShowsTheLoginFormAgainWithTheProblem)
{
    WebFixture fixture;
    const auto response =
        fixture.dispatch(fixture.request(Who::anonymous, Method::post, "/login", {{"login", "karin"}, {"password", "wrong"}}));
    EXPECT_EQ(response.status, 401u);
    EXPECT_GE(response.delay, std::chrono::seconds(1));
    EXPECT_NE(response.body.find("Benutzername oder Passwort ist falsch."), std::string::npos);
    EXPECT_NE(response.body.find("aria-describedby=\"login-problem\""), std::string::npos);
    const auto form = fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/login"));
    EXPECT_EQ(form.body.find("aria-invalid"), std::string::npos);
    EXPECT_EQ(header_of(response, "Set-Cookie").find("planner-session"), std::string::npos);
}

TEST(Pages, StaffOfAnotherCountyNeitherOpenNorListAMeetingThatIsNotTheirs)
{
    WebFixture fixture;
    // Staff of Konstanz: the Kennenlernen brings Konstanz together with the others, the
    // Sprecherrat of the Bodenseekreis is none of their business.
    services::add_account(fixture.store(), {"konstanz", services::Role::staff, OrganisationId("lra-konstanz"), {}},
                          "konstanz-passwort", services::PasswordCost::least());
    const auto login = fixture.dispatch(fixture.request(Who::anonymous, Method::post, "/login",
                                                        {{"login", "konstanz"}, {"password", "konstanz-passwort"}}));
    ASSERT_EQ(login.status, 303u);
    const auto cookies = header_of(login, "Set-Cookie");
    const auto start = cookies.find("planner-session=");
    const auto cookie = cookies.substr(start, cookies.find(';', start) - start);
    const auto as_konstanz = [&](const std::string& target) {
        auto request = fixture.request(Who::anonymous, Method::get, target);
        std::erase_if(request.headers, [](const auto& h) { return h.first == "cookie"; });
        request.headers.emplace_back("cookie", cookie);
        return fixture.dispatch(request);
    };
    EXPECT_EQ(as_konstanz("/meetings/kennenlernen-2012").status, 200u);
    EXPECT_EQ(as_konstanz("/meetings/sprecherrat-2013").status, 404u);  // as if there were none
    const auto list = as_konstanz("/meetings?from=2012-01-01&to=2013-12-31");
    EXPECT_NE(list.body.find("kennenlernen-2012"), std::string::npos);
    EXPECT_EQ(list.body.find("sprecherrat-2013"), std::string::npos);
    EXPECT_EQ(list.body.find("Sprecherrat"), std::string::npos);
}

TEST(Pages, EveryResponseCarriesTheSecurityHeaders)
{
    WebFixture fixture;
    for (const auto& target : {"/login", "/meetings", "/nothing-here"}) {
        const auto request = fixture.request(Who::organiser, Method::get, target);
        Response response;
        try {
            response = fixture.dispatch(request);
        } catch (const std::invalid_argument&) {
            continue;  // no route: the server's 404, tested with the server
        }
        const auto policy = header_of(response, "Content-Security-Policy");
        EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << target;
        EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << target;
        EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << target;
        EXPECT_EQ(header_of(response, "Referrer-Policy"), "same-origin");
    }
}

TEST(Pages, TheLanguageSwitchIsRememberedAndThePagesFollowIt)
{
    WebFixture fixture;
    const auto german = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings?from=2012-01-01"));
    EXPECT_NE(german.body.find("<html lang=\"de\">"), std::string::npos);
    EXPECT_NE(german.body.find("Treffen"), std::string::npos);

    const auto switched = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/language?to=en&back=/meetings"));
    EXPECT_EQ(header_of(switched, "Location"), "/meetings");
    EXPECT_NE(header_of(switched, "Set-Cookie").find("planner-language=en"), std::string::npos);

    auto english_request = fixture.request(Who::organiser, Method::get, "/meetings?from=2012-01-01");
    for (auto& [name, value] : english_request.headers) {
        if (name == "cookie") {
            value += "; planner-language=en";
        }
    }
    const auto english = fixture.dispatch(english_request);
    EXPECT_NE(english.body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(english.body.find("Meetings"), std::string::npos);
}

TEST(Pages, TheLanguageSwitchAndLoginNeverSendToAnotherSite)
{
    WebFixture fixture;
    // Browsers drop tabs and line ends from a URL: "/<tab>/evil.example" is "//evil.example".
    for (const auto* back : {"//evil.example/x", "https://evil.example", "/\\evil.example", "%2F%09%2Fevil.example",
                             "%2F%0A%2Fevil.example", "%2F%00x"}) {
        const auto response =
            fixture.dispatch(fixture.request(Who::anonymous, Method::get, std::string("/language?to=de&back=") + back));
        EXPECT_EQ(header_of(response, "Location"), "/meetings") << back;
    }
    const auto login = fixture.dispatch(fixture.request(
        Who::anonymous, Method::post, "/login",
        {{"login", "karin"}, {"password", fixture.password(Who::organiser)}, {"next", "//evil.example"}}));
    EXPECT_EQ(header_of(login, "Location"), "/meetings");
}

TEST(Pages, StaticFilesComeFromTheSitesFolderAndNowhereElse)
{
    const auto folder = std::filesystem::temp_directory_path() / "planner-static-test";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "impressum.html") << "<p>Impressum</p>";
    std::ofstream(folder / ".secret") << "hidden";
    WebFixture fixture("http://planner.test", folder);
    const auto file = fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/static/impressum.html"));
    EXPECT_EQ(file.status, 200u);
    EXPECT_EQ(file.body, "<p>Impressum</p>");
    EXPECT_EQ(file.content_type, "text/html; charset=utf-8");
    const auto css = fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/static/planner.css"));
    EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
    for (const auto* target : {"/static/.secret", "/static/missing.txt", "/static/impressum.html.bak"}) {
        EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, target)).status, 404u) << target;
    }
    // The folder's parent is not a file of the folder (the server refuses ".." before, too).
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/static/..")).status, 404u);
    std::filesystem::remove_all(folder);
}

TEST(Pages, AMeetingsPageShowsAConflictThatArisesAfterItWasFirstShown)
{
    WebFixture fixture;
    const auto before = fixture.dispatch(fixture.request(Who::admin, Method::get, "/meetings/kennenlernen-2012"));
    ASSERT_EQ(before.status, 200u);
    EXPECT_EQ(before.body.find("doppelt-gebucht"), std::string::npos);
    // Karin Bartholomäus is booked elsewhere in the same afternoon.
    fixture.import_meeting_text("double.toml", R"toml([[meeting]]
id = "doppelt-gebucht"
title = "Zur selben Zeit"
start = 2012-10-11T15:00:00
end = 2012-10-11T16:00:00
venue = "lra-konstanz-besprechung"
organisers = ["karin-bartholomaeus"]
)toml");
    const auto after = fixture.dispatch(fixture.request(Who::admin, Method::get, "/meetings/kennenlernen-2012"));
    EXPECT_NE(after.body.find("doppelt-gebucht"), std::string::npos);
}

TEST(Pages, AMeetingsConflictsWithMeetingsTheViewerMayNotReadAreCountedNotShown)
{
    WebFixture fixture;
    fixture.add_lindau_double_booking();
    const auto lindau = fixture.dispatch(fixture.request(Who::other_organiser, Method::get, "/meetings/lindau-intern"));
    ASSERT_EQ(lindau.status, 200u);
    EXPECT_EQ(lindau.body.find("selbsthilfe-vertraulich"), std::string::npos);
    EXPECT_EQ(lindau.body.find("Vertraulich"), std::string::npos);
    EXPECT_NE(lindau.body.find("weitere Konflikte"), std::string::npos);
    const auto admin = fixture.dispatch(fixture.request(Who::admin, Method::get, "/meetings/lindau-intern"));
    EXPECT_NE(admin.body.find("selbsthilfe-vertraulich"), std::string::npos);
}

TEST(Pages, TheMeetingsOrganiserWritesDownAnAnswerByPhoneAndThePageSaysWhoDid)
{
    WebFixture fixture;
    const auto page = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/kennenlernen-2012"));
    ASSERT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("action=\"/meetings/kennenlernen-2012/answers\""), std::string::npos);
    // Staff read the meeting, and get no form to change it.
    const auto staff_page = fixture.dispatch(fixture.request(Who::staff, Method::get, "/meetings/kennenlernen-2012"));
    ASSERT_EQ(staff_page.status, 200u);
    EXPECT_EQ(staff_page.body.find("/answers"), std::string::npos);

    const auto written = fixture.dispatch(fixture.request(
        Who::organiser, Method::post, "/meetings/kennenlernen-2012/answers",
        {{"person", "frank-veser"}, {"answer", "declined"}, {"comment", "krank, <ruft zurück>"}}));
    EXPECT_EQ(written.status, 303u);
    EXPECT_EQ(header_of(written, "Location"), "/meetings/kennenlernen-2012");
    const auto answers = fixture.store().answers(MeetingId("kennenlernen-2012"));
    ASSERT_EQ(answers.size(), 1U);
    EXPECT_EQ(answers.front().answer, Answer::declined);
    EXPECT_EQ(answers.front().recorded_by, std::optional(fixture.login(Who::organiser)));
    const auto after = fixture.dispatch(fixture.request(Who::staff, Method::get, "/meetings/kennenlernen-2012"));
    EXPECT_NE(after.body.find("krank, &lt;ruft zurück&gt; (eingetragen von " + fixture.login(Who::organiser) + ")"),
              std::string::npos);

    // Staff may not; a wrong answer, someone not invited or a line break is a 400 page
    // that says why; none of them writes anything.
    const auto staff = fixture.dispatch(fixture.request(Who::staff, Method::post, "/meetings/kennenlernen-2012/answers",
                                                        {{"person", "frank-veser"}, {"answer", "accepted"}}));
    EXPECT_EQ(staff.status, 403u);
    const auto maybe = fixture.dispatch(fixture.request(
        Who::organiser, Method::post, "/meetings/kennenlernen-2012/answers", {{"person", "frank-veser"}, {"answer", "maybe"}}));
    EXPECT_EQ(maybe.status, 400u);
    EXPECT_NE(maybe.body.find("the answer must be accepted, tentative or declined"), std::string::npos);
    const auto stranger = fixture.dispatch(fixture.request(Who::organiser, Method::post,
                                                           "/meetings/kennenlernen-2012/answers",
                                                           {{"person", "niemand"}, {"answer", "accepted"}}));
    EXPECT_EQ(stranger.status, 400u);
    EXPECT_NE(stranger.body.find("unknown person &#39;niemand&#39;"), std::string::npos) << stranger.body;
    const auto two_lines = fixture.dispatch(fixture.request(
        Who::organiser, Method::post, "/meetings/kennenlernen-2012/answers",
        {{"person", "frank-veser"}, {"answer", "accepted"}, {"comment", "eins\nzwei"}}));
    EXPECT_EQ(two_lines.status, 400u);
    EXPECT_EQ(fixture.store().answers(MeetingId("kennenlernen-2012")), answers);
}

TEST(Pages, AMeetingDownloadsAsAMeetingFileThatReadsBackToIt)
{
    WebFixture fixture;
    const auto response =
        fixture.dispatch(fixture.request(Who::other_organiser, Method::get, "/meetings/sprecherrat-2013/meeting.toml"));
    // Lindau's office may not read the Sprecherrat's meetings; the contact point's staff
    // read them, but the file (with people's positions and access needs) is for those
    // who may change it.
    EXPECT_EQ(response.status, 404u);
    EXPECT_EQ(
        fixture.dispatch(fixture.request(Who::staff, Method::get, "/meetings/sprecherrat-2013/meeting.toml")).status,
        403u);
    const auto file =
        fixture.dispatch(fixture.request(Who::admin, Method::get, "/meetings/sprecherrat-2013/meeting.toml"));
    ASSERT_EQ(file.status, 200u);
    EXPECT_EQ(file.content_type, "application/toml; charset=utf-8");
    EXPECT_EQ(header_of(file, "Content-Disposition"), "attachment; filename=\"sprecherrat-2013.toml\"");
    const auto read = db::parse_meeting_file(file.body, "sprecherrat-2013.toml", Directory{}, ical::expand_rule);
    ASSERT_EQ(read.meetings.size(), 1U);
    EXPECT_EQ(read.meetings.front(), *fixture.store().meeting(MeetingId("sprecherrat-2013")));
}

TEST(Pages, BehindAnHttpsProxyARequestThatDidNotComeThroughItIsRefused)
{
    WebFixture fixture("https://planner.test");
    auto direct = fixture.request(Who::anonymous, Method::get, "/login");
    direct.secure = false;
    const auto response = fixture.dispatch(direct);
    EXPECT_EQ(response.status, 400u);
    EXPECT_EQ(header_of(response, "Set-Cookie"), "");
}

TEST(Pages, DatesOutsideTheAcceptedYearsOrNotWrittenAsIsoAreABadRequest)
{
    WebFixture fixture;
    for (const auto* target : {"/meetings?to=9999-12-31", "/meetings?from=2012/10/11", "/conflicts?from=9999-12-31",
                               "/api/v1/conflicts?from=1900-01-01&to=1900-01-02", "/meetings?page=x"}) {
        const auto response = fixture.dispatch(fixture.request(Who::admin, Method::get, target));
        EXPECT_EQ(response.status, 400u) << target;
    }
}

TEST(Pages, AnUnknownMeetingSaysNothingOfTheOthers)
{
    WebFixture fixture;
    const auto response = fixture.dispatch(fixture.request(Who::admin, Method::get, "/meetings/no-such-meeting"));
    EXPECT_EQ(response.status, 404u);
    EXPECT_EQ(response.body.find("kennenlernen-2012"), std::string::npos);
}

TEST(Pages, TextFromTheStoreIsEscapedOnEveryPage)
{
    WebFixture fixture;
    // A venue and a meeting whose names are markup, as a hostile meeting file could bring them.
    fixture.import_meeting_text("hostile.toml", R"toml([[venue]]
id = "hostile-hall"
name = "<script>alert('venue')</script>"
address = "\"><img src=x onerror=alert(1)>"
county = "bodenseekreis"
capacity = 50
geo = [47.66, 9.37]

[[meeting]]
id = "hostile-meeting"
title = "<b onmouseover=alert(2)>Treffen</b> & Co"
description = "</p><script>alert(3)</script>"
start = 2012-11-20T10:00:00
end = 2012-11-20T12:00:00
venue = "hostile-hall"
organisers = ["karin-bartholomaeus"]
participants = ["christine-ludwig"]
)toml");
    for (const auto* target : {"/venues", "/meetings?from=2012-11-01&to=2012-11-30", "/meetings/hostile-meeting"}) {
        const auto page = fixture.dispatch(fixture.request(Who::admin, Method::get, target));
        ASSERT_EQ(page.status, 200u) << target;
        EXPECT_EQ(page.body.find("<script"), std::string::npos) << target;
        EXPECT_EQ(page.body.find("<img"), std::string::npos) << target;
        EXPECT_EQ(page.body.find("<b "), std::string::npos) << target;
    }
    const auto meeting = fixture.dispatch(fixture.request(Who::admin, Method::get, "/meetings/hostile-meeting"));
    EXPECT_NE(meeting.body.find("&lt;b onmouseover=alert(2)&gt;Treffen&lt;/b&gt; &amp; Co"), std::string::npos);
}

}  // namespace
}  // namespace planner::web::testing
