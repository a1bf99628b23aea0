// Every route of the application, requested by every kind of viewer, with the status
// each must get. A route added to the table without a row here fails the test, so no
// route can be forgotten.

#include "web_fixture.hpp"

#include <gtest/gtest.h>
#include <fmt/format.h>

#include <map>
#include <set>

namespace planner::web::testing {
namespace {

struct Expected {
    std::string target;  // the pattern with its parameters filled in
    NameValues form;     // for a POST
    // anonymous, staff, organiser of another organisation, the organiser, admin
    std::array<unsigned, 5> status;
};

using Key = std::pair<Method, std::string>;

// The organiser's contact point (ks-bodenseekreis) holds kennenlernen-2012; the staff
// account belongs to it too; the other organiser's office (Lindau) has no part in it.
// Staff take attendance at the door of the meetings they may read.
const std::map<Key, Expected>& table()
{
    static const std::map<Key, Expected> rows{
        {{Method::get, "/"}, {"/", {}, {303, 303, 303, 303, 303}}},
        {{Method::get, "/login"}, {"/login", {}, {200, 303, 303, 303, 303}}},
        {{Method::post, "/login"}, {"/login", {{"login", "nobody"}, {"password", "wrong"}}, {401, 401, 401, 401, 401}}},
        {{Method::post, "/logout"}, {"/logout", {}, {303, 303, 303, 303, 303}}},
        {{Method::get, "/language"}, {"/language?to=en&back=/meetings", {}, {303, 303, 303, 303, 303}}},
        {{Method::get, "/static/{name}"}, {"/static/planner.css", {}, {200, 200, 200, 200, 200}}},
        {{Method::get, "/meetings"}, {"/meetings?from=2012-01-01", {}, {303, 200, 200, 200, 200}}},
        {{Method::get, "/meetings/{id}"}, {"/meetings/kennenlernen-2012", {}, {303, 200, 404, 200, 200}}},
        {{Method::get, "/new-meeting"}, {"/new-meeting", {}, {303, 403, 200, 200, 200}}},
        // A check of a meeting organised by the contact point: not the other office's to make.
        {{Method::post, "/new-meeting"},
         {"/new-meeting",
          {{"id", "neu-1"}, {"title", "Neu"}, {"day", "2013-06-03"}, {"start", "10:00"}, {"end", "12:00"},
           {"venue", "rathaus-immenstaad"}, {"organisers", "christine-ludwig"}, {"action", "check"}},
          {303, 403, 400, 200, 200}}},
        {{Method::get, "/find-slot"},
         {"/find-slot?from=2013-06-03&to=2013-06-14&need-axel-gossner=required&need-gerda-straub=optional&action=slots",
          {},
          {303, 403, 200, 200, 200}}},
        {{Method::get, "/meetings/{id}/edit"}, {"/meetings/kennenlernen-2012/edit", {}, {303, 403, 404, 200, 200}}},
        // An empty form: its problems are a 400 page for those who may change it.
        {{Method::post, "/meetings/{id}/edit"}, {"/meetings/kennenlernen-2012/edit", {{"action", "check"}}, {303, 403, 404, 400, 400}}},
        {{Method::post, "/meetings/{id}/answers"},
         {"/meetings/kennenlernen-2012/answers", {{"person", "frank-veser"}, {"answer", "accepted"}}, {303, 403, 404, 303, 303}}},
        // Sending and sending again are for those who may change the meeting; nothing
        // has been sent that could go again.
        {{Method::post, "/meetings/{id}/send"}, {"/meetings/kennenlernen-2012/send", {}, {303, 403, 404, 303, 303}}},
        // Everyone invited has an address: no letters (400) for those who may print them.
        {{Method::get, "/meetings/{id}/letters.pdf"}, {"/meetings/kennenlernen-2012/letters.pdf", {}, {303, 403, 404, 400, 400}}},
        {{Method::post, "/meetings/{id}/mail/{entry}/again"},
         {"/meetings/kennenlernen-2012/mail/1/again", {}, {303, 403, 404, 400, 400}}},
        // A date poll is the business of those who may change the meeting; this one is
        // confirmed, so no poll is made (400) and there is none to remind or confirm (404).
        {{Method::get, "/meetings/{id}/poll"}, {"/meetings/kennenlernen-2012/poll", {}, {303, 403, 404, 200, 200}}},
        {{Method::post, "/meetings/{id}/poll"},
         {"/meetings/kennenlernen-2012/poll", {{"times", "2031-06-03 10:00\n2031-06-04 10:00"}}, {303, 403, 404, 400, 400}}},
        {{Method::post, "/meetings/{id}/poll/remind"}, {"/meetings/kennenlernen-2012/poll/remind", {}, {303, 403, 404, 404, 404}}},
        {{Method::post, "/meetings/{id}/poll/confirm"},
         {"/meetings/kennenlernen-2012/poll/confirm", {{"candidate", "0"}}, {303, 403, 404, 404, 404}}},
        {{Method::post, "/meetings/{id}/poll/end"}, {"/meetings/kennenlernen-2012/poll/end", {}, {303, 403, 404, 400, 400}}},
        {{Method::get, "/meetings/{id}/invitation.ics"}, {"/meetings/kennenlernen-2012/invitation.ics", {}, {303, 200, 404, 200, 200}}},
        {{Method::get, "/meetings/{id}/attendance.pdf"}, {"/meetings/kennenlernen-2012/attendance.pdf", {}, {303, 200, 404, 200, 200}}},
        {{Method::get, "/meetings/{id}/attendance.html"}, {"/meetings/kennenlernen-2012/attendance.html", {}, {303, 200, 404, 200, 200}}},
        {{Method::get, "/meetings/{id}/attendance.csv"}, {"/meetings/kennenlernen-2012/attendance.csv", {}, {303, 200, 404, 200, 200}}},
        // A person's own link, with a token nobody was given: not valid for anyone. The page
        // it leads to is for the session a link opened alone: no account reaches it
        // (tests/web/answer_pages_test.cpp follows real links).
        {{Method::get, "/a/{token}"}, {"/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", {}, {404, 404, 404, 404, 404}}},
        {{Method::get, "/reply/{id}"}, {"/reply/kennenlernen-2012", {}, {404, 404, 404, 404, 404}}},
        // A feed address nobody was given: not valid for anyone, account or none.
        // Kennenlernen is not public: Bodenseekreis has no public feed.
        {{Method::get, "/public/{kind}/{file}"}, {"/public/counties/bodenseekreis.ics", {}, {404, 404, 404, 404, 404}}},
        {{Method::get, "/feeds/{file}"}, {"/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", {}, {404, 404, 404, 404, 404}}},
        {{Method::post, "/reply/{id}"}, {"/reply/kennenlernen-2012", {{"answer", "accepted"}}, {404, 404, 404, 404, 404}}},
        // A poll's link, likewise (tests/web/poll_pages_test.cpp follows real ones).
        {{Method::get, "/p/{token}"}, {"/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", {}, {404, 404, 404, 404, 404}}},
        {{Method::get, "/vote/{id}"}, {"/vote/kennenlernen-2012", {}, {404, 404, 404, 404, 404}}},
        {{Method::post, "/vote/{id}"}, {"/vote/kennenlernen-2012", {{"vote-0", "yes"}}, {404, 404, 404, 404, 404}}},
        {{Method::post, "/reply/{id}/feed"}, {"/reply/kennenlernen-2012/feed", {{"action", "renew"}}, {404, 404, 404, 404, 404}}},
        {{Method::get, "/meetings/{id}/check-in"}, {"/meetings/kennenlernen-2012/check-in", {}, {303, 200, 404, 200, 200}}},
        {{Method::post, "/meetings/{id}/check-in"},
         {"/meetings/kennenlernen-2012/check-in", {{"person", "frank-veser"}, {"presence", "present"}}, {303, 303, 404, 303, 303}}},
        {{Method::post, "/meetings/{id}/walk-ins"},
         {"/meetings/kennenlernen-2012/walk-ins",
          {{"name", "Erika Muster"}, {"organisation", "ks-bodenseekreis"}, {"email", "erika@example.org"}},
          {303, 303, 404, 303, 303}}},
        {{Method::get, "/meetings/{id}/meeting.toml"}, {"/meetings/kennenlernen-2012/meeting.toml", {}, {303, 403, 404, 200, 200}}},
        {{Method::get, "/export.toml"}, {"/export.toml", {}, {303, 403, 403, 403, 200}}},
        {{Method::get, "/meeting-files"}, {"/meeting-files", {}, {303, 403, 200, 200, 200}}},
        // No file chosen: the form again, with its problem.
        {{Method::post, "/meeting-files"}, {"/meeting-files", {}, {303, 403, 400, 400, 400}}},
        // A venue of the Bodenseekreis, with a fingerprint of no preview: the preview
        // shown again (409); for Lindau's organiser, with the venue left out.
        {{Method::post, "/meeting-files/import"},
         {"/meeting-files/import",
          {{"text", "[[venue]]\nid = \"neu\"\nname = \"Neu\"\naddress = \"Weg 1\"\ncounty = \"bodenseekreis\"\n"
                    "capacity = 20\ngeo = [47.66, 9.37]\n"},
           {"source", "neu.toml"},
           {"fingerprint", "0"}},
          {303, 403, 409, 409, 409}}},
        {{Method::get, "/conflicts"}, {"/conflicts?from=2012-10-01&to=2012-10-31", {}, {303, 200, 200, 200, 200}}},
        {{Method::get, "/statistics"}, {"/statistics?year=2012", {}, {303, 200, 200, 200, 200}}},
        {{Method::get, "/statistics.csv"}, {"/statistics.csv?year=2012", {}, {303, 200, 200, 200, 200}}},
        // Records of the Bodenseekreis: its organiser keeps them, Lindau's does not.
        {{Method::get, "/people/new"}, {"/people/new", {}, {303, 403, 200, 200, 200}}},
        {{Method::post, "/people/new"},
         {"/people/new",
          {{"id", "neu"}, {"name", "Neu"}, {"email", "neu@example.org"}, {"organisation", "ks-bodenseekreis"}},
          {303, 403, 400, 303, 303}}},
        {{Method::get, "/people/{id}/edit"}, {"/people/christine-ludwig/edit", {}, {303, 403, 403, 200, 200}}},
        {{Method::post, "/people/{id}/edit"},
         {"/people/christine-ludwig/edit",
          {{"version", "current"}, {"name", "Christine Ludwig"}, {"email", "c.ludwig@example.org"}, {"organisation", "ks-bodenseekreis"}},
          {303, 403, 403, 303, 303}}},
        // A person's own feed, for the organisers of their county (Gerda leads a group
        // in the Bodenseekreis): ended, as nobody has one.
        {{Method::post, "/people/{id}/feed"}, {"/people/gerda-straub/feed", {{"action", "stop"}}, {303, 403, 403, 200, 200}}},
        {{Method::get, "/organisations/new"}, {"/organisations/new", {}, {303, 403, 200, 200, 200}}},
        {{Method::post, "/organisations/new"},
         {"/organisations/new", {{"id", "neu"}, {"name", "Neu"}, {"county", "bodenseekreis"}, {"kind", "other"}},
          {303, 403, 400, 303, 303}}},
        {{Method::get, "/organisations/{id}/edit"}, {"/organisations/ks-bodenseekreis/edit", {}, {303, 403, 403, 200, 200}}},
        {{Method::post, "/organisations/{id}/edit"},
         {"/organisations/ks-bodenseekreis/edit",
          {{"version", "current"}, {"name", "Kontaktstelle"}, {"county", "bodenseekreis"}, {"kind", "contact-point"}},
          {303, 403, 403, 303, 303}}},
        {{Method::get, "/venues/new"}, {"/venues/new", {}, {303, 403, 200, 200, 200}}},
        {{Method::post, "/venues/new"},
         {"/venues/new",
          {{"id", "neu"}, {"name", "Neu"}, {"address", "Weg 1"}, {"county", "bodenseekreis"}, {"capacity", "20"},
           {"geo-lat", "47.66"}, {"geo-lon", "9.37"}},
          {303, 403, 400, 303, 303}}},
        {{Method::get, "/venues/{id}/edit"}, {"/venues/rathaus-immenstaad/edit", {}, {303, 403, 403, 200, 200}}},
        {{Method::post, "/venues/{id}/edit"},
         {"/venues/rathaus-immenstaad/edit",
          {{"version", "current"}, {"name", "Rathaus"}, {"address", "Weg 1"}, {"county", "bodenseekreis"}, {"capacity", "60"},
           {"geo-lat", "47.66"}, {"geo-lon", "9.37"}},
          {303, 403, 403, 303, 303}}},
        {{Method::get, "/counties/new"}, {"/counties/new", {}, {303, 403, 403, 403, 200}}},
        {{Method::post, "/counties/new"},
         {"/counties/new",
          {{"id", "neu"}, {"name", "Neu"}, {"seat", "Neustadt"}, {"state", "DE-BW"}, {"geo-lat", "48"}, {"geo-lon", "9"}},
          {303, 403, 403, 403, 303}}},
        {{Method::get, "/counties/{id}/edit"}, {"/counties/bodenseekreis/edit", {}, {303, 403, 403, 403, 200}}},
        {{Method::post, "/counties/{id}/edit"},
         {"/counties/bodenseekreis/edit",
          {{"version", "current"}, {"name", "Bodenseekreis"}, {"seat", "Friedrichshafen"}, {"state", "DE-BW"}, {"geo-lat", "47.65"},
           {"geo-lon", "9.48"}},
          {303, 403, 403, 403, 303}}},
        {{Method::get, "/people"}, {"/people", {}, {303, 403, 200, 200, 200}}},
        {{Method::get, "/organisations"}, {"/organisations", {}, {303, 403, 200, 200, 200}}},
        {{Method::get, "/venues"}, {"/venues", {}, {303, 200, 200, 200, 200}}},
        {{Method::get, "/counties"}, {"/counties", {}, {303, 200, 200, 200, 200}}},
        {{Method::get, "/api/v1/meetings"}, {"/api/v1/meetings?from=2012-01-01", {}, {401, 200, 200, 200, 200}}},
        {{Method::get, "/api/v1/meetings/{id}"}, {"/api/v1/meetings/kennenlernen-2012", {}, {401, 200, 404, 200, 200}}},
        {{Method::get, "/api/v1/conflicts"}, {"/api/v1/conflicts?from=2012-10-01&to=2012-10-31", {}, {401, 200, 200, 200, 200}}},
    };
    return rows;
}

TEST(Authorization, EveryRouteHasARowAndEveryRowARoute)
{
    std::set<Key> routes;
    for (const auto& route : page_routes()) {
        const Key key{route.method, route.pattern};
        EXPECT_TRUE(table().contains(key)) << "route " << route.pattern << " has no row in the authorization table";
        routes.insert(key);
    }
    for (const auto& [key, expected] : table()) {
        EXPECT_TRUE(routes.contains(key)) << "row " << key.second << " names no route";
    }
}

TEST(Authorization, EveryRouteGivesEveryViewerTheExpectedStatus)
{
    std::size_t checked = 0;
    for (const auto& route : page_routes()) {
        const auto row = table().find({route.method, route.pattern});
        ASSERT_NE(row, table().end()) << route.pattern;
        for (std::size_t who = 0; who < std::size(everyone); ++who) {
            // A fresh store each time: logging out ends a session the next row needs.
            WebFixture fixture;
            const auto viewer = everyone[who];
            // An edit form sends back the version it was opened on: as an admin opened it.
            auto form = row->second.form;
            for (auto& [name, value] : form) {
                if (name == "version" && value == "current") {
                    value = form_version_in(fixture.dispatch(fixture.request(Who::admin, Method::get, row->second.target)));
                }
            }
            const auto response = fixture.dispatch(route.pattern, fixture.request(viewer, route.method, row->second.target, form));
            EXPECT_EQ(response.status, row->second.status[who])
                << (route.method == Method::post ? "POST " : "GET ") << row->second.target << " as " << to_string(viewer);
            ++checked;
        }
    }
    RecordProperty("route_viewer_pairs", static_cast<int>(checked));
    EXPECT_EQ(checked, table().size() * std::size(everyone));
}

}  // namespace
}  // namespace planner::web::testing
