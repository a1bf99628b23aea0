// Finding a time and a place in the browser: proposals that start a tentative meeting
// in the form, reasons shown only as far as the viewer may know them, and the venues
// with each county's journeys drawn.

#include "web_fixture.hpp"

#include <gtest/gtest.h>

#include <string>

namespace planner::web::testing {
namespace {

TEST(SlotPages, ProposalsLeadToATentativeMeetingInTheForm)
{
    WebFixture fixture;
    const auto found = fixture.dispatch(fixture.request(
        Who::organiser, Method::get,
        "/find-slot?counties=konstanz&from=2013-06-03&to=2013-06-07&need-axel-gossner=required&"
        "need-christine-ludwig=required&duration=90&venue=rathaus-immenstaad&action=slots"));
    ASSERT_EQ(found.status, 200u) << found.body;
    EXPECT_NE(found.body.find("Vorschläge, die besten zuerst"), std::string::npos) << found.body;
    EXPECT_NE(found.body.find("Montag, 3. Juni 2013, 09:00–10:30 Uhr"), std::string::npos) << found.body;
    const auto link = found.body.find("href=\"/new-meeting?day=2013-06-03&amp;start=09%3A00&amp;end=10%3A30");
    ASSERT_NE(link, std::string::npos) << found.body;
    const auto href_end = found.body.find('"', link + 6);
    std::string target = found.body.substr(link + 6, href_end - link - 6);
    for (std::size_t at = target.find("&amp;"); at != std::string::npos; at = target.find("&amp;")) {
        target.replace(at, 5, "&");
    }
    EXPECT_NE(target.find("status=tentative"), std::string::npos);
    EXPECT_NE(target.find("role-axel-gossner=required"), std::string::npos);

    const auto form = fixture.dispatch(fixture.request(Who::organiser, Method::get, target));
    ASSERT_EQ(form.status, 200u);
    EXPECT_NE(form.body.find("<option value=\"tentative\" selected>"), std::string::npos);
    EXPECT_NE(form.body.find("name=\"start\" type=\"time\" value=\"09:00\""), std::string::npos);
    EXPECT_NE(form.body.find("<option value=\"required\" selected>"), std::string::npos);
}

TEST(SlotPages, WhyAnOptionalPersonCannotComeIsShownOnlyToThoseWhoMayKnow)
{
    WebFixture fixture;
    // Christine Ludwig is at the Sprecherrat on 12 March 2013, 09:30 to 12:00: a meeting
    // of the Bodenseekreis that Lindau's office may not read.
    const std::string search =
        "/find-slot?from=2013-03-12&to=2013-03-12&hours-from=09:00&hours-to=12:00&duration=120&"
        "need-lena-lindner=required&need-christine-ludwig=optional&action=slots";
    const auto lindau = fixture.dispatch(fixture.request(Who::other_organiser, Method::get, search));
    ASSERT_EQ(lindau.status, 200u) << lindau.body;
    EXPECT_NE(lindau.body.find("Christine Ludwig: hat zu dieser Zeit einen anderen Termin"), std::string::npos)
        << lindau.body;
    EXPECT_EQ(lindau.body.find("Sprecherrat"), std::string::npos);
    const auto admin = fixture.dispatch(fixture.request(Who::admin, Method::get, search));
    EXPECT_NE(admin.body.find("Christine Ludwig: in &#39;Sitzung des Sprecherrats"), std::string::npos) << admin.body;
}

TEST(SlotPages, VenuesAreRankedWithEachCountysJourneyDrawn)
{
    WebFixture fixture;
    const auto ranked = fixture.dispatch(fixture.request(
        Who::organiser, Method::get,
        "/find-slot?need-axel-gossner=required&need-frank-veser=required&need-gerda-straub=optional&action=venues"));
    ASSERT_EQ(ranked.status, 200u) << ranked.body;
    EXPECT_NE(ranked.body.find("Orte, die gerechtesten zuerst"), std::string::npos);
    EXPECT_NE(ranked.body.find("<h3>1. "), std::string::npos);
    EXPECT_NE(ranked.body.find("role=\"img\" aria-label=\"Längste Fahrt je Landkreis nach"), std::string::npos);
    EXPECT_NE(ranked.body.find(">Landkreis Sigmaringen</text>"), std::string::npos) << ranked.body;
    EXPECT_NE(ranked.body.find("min (1 Person)</text>"), std::string::npos);
    EXPECT_NE(ranked.body.find("venue=lra-"), std::string::npos);  // find times at a venue
}

TEST(SlotPages, ASearchThatCannotBeMadeSaysWhy)
{
    WebFixture fixture;
    const auto too_long = fixture.dispatch(fixture.request(
        Who::organiser, Method::get, "/find-slot?need-axel-gossner=required&duration=600&action=slots"));
    EXPECT_EQ(too_long.status, 400u);
    EXPECT_NE(too_long.body.find("does not fit between 09:00 and 17:00"), std::string::npos);
    const auto nobody = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/find-slot?action=slots"));
    EXPECT_EQ(nobody.status, 200u);
    EXPECT_NE(nobody.body.find("Bitte wählen Sie zuerst, wer kommen muss."), std::string::npos);
    const auto stranger = fixture.dispatch(
        fixture.request(Who::organiser, Method::get, "/find-slot?need-niemand=required&action=slots"));
    EXPECT_EQ(stranger.status, 400u);
    EXPECT_NE(stranger.body.find("niemand"), std::string::npos);
}

}  // namespace
}  // namespace planner::web::testing
