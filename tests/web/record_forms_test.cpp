// People, organisations, venues and counties added and changed in forms: the meeting
// file's checks beside the fields, and only the records of one's own county.

#include "web_fixture.hpp"

#include <gtest/gtest.h>

#include <string>

namespace planner::web::testing {
namespace {

TEST(RecordForms, AnOrganiserAddsAndChangesAPersonOfHerCounty)
{
    WebFixture fixture;
    const NameValues anna{{"id", "anna-muster"},
                          {"name", "Anna Muster"},
                          {"email", "anna@example.org"},
                          {"organisation", "shg-tinnitus-fn"},
                          {"function", "Gruppenleitung"},
                          {"step_free", "true"}};
    const auto added = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/people/new", anna));
    ASSERT_EQ(added.status, 303u) << added.body;
    EXPECT_EQ(header_of(added, "Location"), "/people#person-anna-muster");
    const auto person = fixture.store().person(PersonId("anna-muster"));
    ASSERT_TRUE(person.has_value());
    EXPECT_EQ(person->function, "Gruppenleitung");
    EXPECT_EQ(person->access, planner::Access::step_free);

    const auto form = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/people/anna-muster/edit"));
    ASSERT_EQ(form.status, 200u);
    EXPECT_NE(form.body.find("value=\"anna@example.org\""), std::string::npos);
    EXPECT_NE(form.body.find("<option value=\"shg-tinnitus-fn\" selected>"), std::string::npos);

    const auto wrong = fixture.dispatch(fixture.request(
        Who::organiser, Method::post, "/people/anna-muster/edit",
        {{"version", form_version_in(form)}, {"name", "Anna Muster"}, {"email", "anna at example"},
         {"organisation", "shg-tinnitus-fn"}}));
    EXPECT_EQ(wrong.status, 400u);
    const auto problem = wrong.body.find("id=\"problem-email\"");
    ASSERT_NE(problem, std::string::npos) << wrong.body;
    EXPECT_NE(wrong.body.find("is not an e-mail address", problem), std::string::npos);
    EXPECT_EQ(fixture.store().person(PersonId("anna-muster")), person);

    const auto changed = fixture.dispatch(fixture.request(
        Who::organiser, Method::post, "/people/anna-muster/edit",
        {{"version", form_version_in(form)}, {"name", "Anna Muster-Bauer"}, {"email", "anna@example.org"},
         {"organisation", "shg-tinnitus-fn"}}));
    EXPECT_EQ(changed.status, 303u);
    EXPECT_EQ(fixture.store().person(PersonId("anna-muster"))->name, "Anna Muster-Bauer");
    EXPECT_EQ(fixture.store().person(PersonId("anna-muster"))->access, planner::Access::any);  // unticked

    // A second office's form, opened before that change, does not silently undo it: it
    // says so, and stands on the record as it is now.
    const auto stale = fixture.dispatch(fixture.request(
        Who::admin, Method::post, "/people/anna-muster/edit",
        {{"version", form_version_in(form)}, {"name", "Anna Muster"}, {"email", "anna@example.org"},
         {"organisation", "shg-tinnitus-fn"}}));
    EXPECT_EQ(stale.status, 400u);
    EXPECT_NE(stale.body.find("Jemand hat diesen Eintrag geändert"), std::string::npos);
    EXPECT_EQ(fixture.store().person(PersonId("anna-muster"))->name, "Anna Muster-Bauer");
    EXPECT_NE(form_version_in(stale), form_version_in(form));

    // The same id again, and a person of another county, are refused with the reason.
    const auto taken = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/people/new", anna));
    EXPECT_EQ(taken.status, 400u);
    EXPECT_NE(taken.body.find("id=\"problem-id\""), std::string::npos);
    auto elsewhere = anna;
    elsewhere[0].second = "anna-lindau";
    elsewhere[3].second = "lra-lindau";
    const auto lindau = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/people/new", elsewhere));
    EXPECT_EQ(lindau.status, 400u);
    EXPECT_NE(lindau.body.find("Einträge Ihres eigenen Landkreises"), std::string::npos);
    EXPECT_FALSE(fixture.store().person(PersonId("anna-lindau")).has_value());
}

TEST(RecordForms, OrganisationsAndVenuesAreCheckedAsTheMeetingFileChecksThem)
{
    WebFixture fixture;
    const auto evening = fixture.dispatch(fixture.request(
        Who::organiser, Method::post, "/organisations/new",
        {{"id", "shg-neu"}, {"name", "Neue Gruppe"}, {"county", "bodenseekreis"}, {"kind", "self-help-group"},
         {"office_hours", "abends"}}));
    EXPECT_EQ(evening.status, 400u);
    EXPECT_NE(evening.body.find("id=\"problem-office_hours\""), std::string::npos) << evening.body;
    const auto none = fixture.dispatch(fixture.request(
        Who::organiser, Method::post, "/organisations/new",
        {{"id", "lra-neu"}, {"name", "Neues Amt"}, {"county", "bodenseekreis"}, {"kind", "district-office"},
         {"office_hours", "-"}}));
    EXPECT_EQ(none.status, 303u) << none.body;
    EXPECT_EQ(fixture.store().organisation(OrganisationId("lra-neu"))->office_hours, std::nullopt);

    const NameValues hall{{"id", "saal"},       {"name", "Saal"},       {"address", "Hauptstraße 1"},
                          {"county", "bodenseekreis"}, {"capacity", "viele"}, {"geo-lat", "47.66"},
                          {"geo-lon", "Osten"}};
    const auto wrong = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/venues/new", hall));
    EXPECT_EQ(wrong.status, 400u);
    EXPECT_NE(wrong.body.find("id=\"problem-capacity\""), std::string::npos);
    EXPECT_NE(wrong.body.find("id=\"problem-geo\""), std::string::npos);
    auto right = hall;
    right[4].second = "0";
    right[6].second = "9.37";
    const auto no_seats = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/venues/new", right));
    EXPECT_EQ(no_seats.status, 400u);
    EXPECT_NE(no_seats.body.find("whole number of seats from 1"), std::string::npos) << no_seats.body;
    right[4].second = "80";
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::post, "/venues/new", right)).status, 303u);
    EXPECT_EQ(fixture.store().records().venue(VenueId("saal")).capacity, 80U);
}

TEST(RecordForms, SomeoneWithoutEMailHasAPostalAddressAndOrganisesNothing)
{
    WebFixture fixture;
    const auto christine = *fixture.store().person(PersonId("christine-ludwig"));
    const auto form = fixture.dispatch(fixture.request(Who::admin, Method::get, "/people/christine-ludwig/edit"));
    ASSERT_EQ(form.status, 200u);
    EXPECT_NE(form.body.find("<textarea id=\"field-postal_address\""), std::string::npos) << form.body;
    const NameValues without_email{{"version", form_version_in(form)},
                                   {"name", christine.name},
                                   {"email", ""},
                                   {"postal_address", "Seestraße 5\r\n88045 Friedrichshafen\r\n"},
                                   {"organisation", christine.organisation.str()}};
    // She organises the meeting of 11 October 2012: an invitation names her to answer to.
    const auto refused =
        fixture.dispatch(fixture.request(Who::admin, Method::post, "/people/christine-ludwig/edit", without_email));
    EXPECT_EQ(refused.status, 400u);
    const auto problem = refused.body.find("id=\"problem-email\"");
    ASSERT_NE(problem, std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find("organises meeting", problem), std::string::npos);
    EXPECT_EQ(fixture.store().person(PersonId("christine-ludwig")), christine);

    // Someone who organises nothing may do without, with a postal address.
    const auto frank = *fixture.store().person(PersonId("frank-veser"));
    const auto frank_form = fixture.dispatch(fixture.request(Who::admin, Method::get, "/people/frank-veser/edit"));
    const NameValues frank_values{{"version", form_version_in(frank_form)},
                                  {"name", frank.name},
                                  {"email", ""},
                                  {"postal_address", "Seestraße 5\r\n88045 Friedrichshafen\r\n"},
                                  {"organisation", frank.organisation.str()}};
    const auto saved =
        fixture.dispatch(fixture.request(Who::admin, Method::post, "/people/frank-veser/edit", frank_values));
    EXPECT_EQ(saved.status, 303u) << saved.body;
    const auto stored = fixture.store().person(PersonId("frank-veser"));
    EXPECT_EQ(stored->email, std::nullopt);
    EXPECT_EQ(stored->postal_address, "Seestraße 5\n88045 Friedrichshafen");
}

TEST(RecordForms, TheListsOfferToChangeOnlyWhatTheViewerKeeps)
{
    WebFixture fixture;
    const auto lindau = fixture.dispatch(fixture.request(Who::other_organiser, Method::get, "/people"));
    ASSERT_EQ(lindau.status, 200u);
    EXPECT_NE(lindau.body.find("href=\"/people/lena-lindner/edit\""), std::string::npos);
    EXPECT_EQ(lindau.body.find("href=\"/people/christine-ludwig/edit\""), std::string::npos);
    EXPECT_NE(lindau.body.find("href=\"/people/new\""), std::string::npos);
    const auto staff = fixture.dispatch(fixture.request(Who::staff, Method::get, "/venues"));
    EXPECT_EQ(staff.body.find("/edit\""), std::string::npos);
    EXPECT_EQ(staff.body.find("href=\"/venues/new\""), std::string::npos);
    const auto counties = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/counties"));
    EXPECT_EQ(counties.body.find("/edit\""), std::string::npos);
    EXPECT_NE(fixture.dispatch(fixture.request(Who::admin, Method::get, "/counties")).body.find("href=\"/counties/new\""),
              std::string::npos);
}

}  // namespace
}  // namespace planner::web::testing
