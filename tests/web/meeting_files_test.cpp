// Meeting files uploaded in the browser: what a file adds and changes is shown record by
// record before anything is written, importing writes what was shown, a meeting changed
// here since is kept unless the organiser ticks it, and an organiser imports only what
// she could change in the forms.

#include "web_fixture.hpp"

#include <run_planner.hpp>

#include <planner/services/meeting_file_import.hpp>

#include <gtest/gtest.h>

#include <string>

namespace planner::web::testing {
namespace {

const MeetingId kennenlernen("kennenlernen-2012");
using planner::testing::replaced;
constexpr std::string_view old_title = "Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung";

// The value of the hidden field of that name, as a browser sends it back.
std::string hidden_value(const std::string& page, const std::string& name)
{
    const auto value = hidden_field(page, name);
    if (!value) {
        ADD_FAILURE() << "no field " << name;
    }
    return value.value_or("");
}

// The meeting's file as downloaded from its page, edited, and uploaded: the preview.
Response upload(WebFixture& fixture, Who who, const std::string& text, const std::string& name = "kennenlernen.toml")
{
    return fixture.dispatch(fixture.upload(who, "/meeting-files", {}, {FormPart{"file", name, text}}));
}

// "Import" pressed on the preview, with the meetings ticked to overwrite.
Response confirm(WebFixture& fixture, Who who, const std::string& preview, const std::vector<std::string>& overwrite = {})
{
    NameValues fields{{"text", hidden_value(preview, "text")},
                      {"source", hidden_value(preview, "source")},
                      {"fingerprint", hidden_value(preview, "fingerprint")}};
    for (const auto& id : overwrite) {
        fields.emplace_back("overwrite", id);
    }
    return fixture.dispatch(fixture.upload(who, "/meeting-files/import", fields));
}

TEST(MeetingFileUploads, AnUploadShowsEachChangeBeforeAnythingIsWrittenAndImportingWritesIt)
{
    WebFixture fixture;
    const auto downloaded =
        fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/kennenlernen-2012/meeting.toml"));
    ASSERT_EQ(downloaded.status, 200u);
    auto edited = replaced(downloaded.body, old_title, "Austausch Selbsthilfe & Verwaltung");
    edited = replaced(edited, "start = 2012-10-11T14:00:00", "start = 2012-10-11T15:00:00");
    edited += "\n[[person]]\nid = \"neu-im-see\"\nname = \"Nele Neu\"\nemail = \"nele@example.org\"\n"
              "organisation = \"ks-bodenseekreis\"\n";
    const auto stored_before = fixture.store().meeting(kennenlernen);

    const auto preview = upload(fixture, Who::organiser, edited);
    ASSERT_EQ(preview.status, 200u) << preview.body;
    EXPECT_NE(preview.body.find("Was kennenlernen.toml ändert"), std::string::npos);
    // The new person, and the meeting's two keys with what they are now and will be.
    EXPECT_NE(preview.body.find("<td><code>neu-im-see</code></td><td>Nele Neu</td><td>neu</td>"), std::string::npos)
        << preview.body;
    EXPECT_NE(preview.body.find("<code>title</code>: bisher <del><code>&quot;" + std::string(old_title) +
                                "&quot;</code></del>, laut Datei <ins><code>&quot;Austausch Selbsthilfe &amp; "
                                "Verwaltung&quot;</code></ins>"),
              std::string::npos);
    EXPECT_NE(preview.body.find("<code>start</code>: bisher <del><code>2012-10-11T14:00:00</code></del>"),
              std::string::npos);
    // The records the meeting refers to are in the file as they are in the store.
    EXPECT_NE(preview.body.find("Einträge bleiben unverändert"), std::string::npos);
    EXPECT_EQ(fixture.store().meeting(kennenlernen), stored_before);
    EXPECT_FALSE(fixture.store().person(PersonId("neu-im-see")).has_value());

    const auto imported = confirm(fixture, Who::organiser, preview.body);
    ASSERT_EQ(imported.status, 303u) << imported.body;
    const auto location = header_of(imported, "Location");
    EXPECT_EQ(location.substr(0, location.find("&unchanged")), "/meeting-files?added=1&updated=1");
    const auto meeting = fixture.store().meeting(kennenlernen);
    ASSERT_TRUE(meeting.has_value());
    EXPECT_EQ(meeting->title, "Austausch Selbsthilfe & Verwaltung");
    EXPECT_EQ(meeting->uid, stored_before->uid);
    EXPECT_EQ(fixture.store().person(PersonId("neu-im-see"))->name, "Nele Neu");

    const auto done = fixture.dispatch(fixture.request(Who::organiser, Method::get, location));
    EXPECT_NE(done.body.find("Übernommen: 1 neu, 1 geändert,"), std::string::npos);

    // The same file again changes nothing, and says so.
    const auto again = upload(fixture, Who::organiser, edited);
    EXPECT_EQ(again.status, 200u);
    EXPECT_NE(again.body.find("Die Datei ändert nichts, was Sie ändern dürfen."), std::string::npos);
    EXPECT_EQ(again.body.find("name=\"fingerprint\""), std::string::npos);
}

TEST(MeetingFileUploads, AMeetingChangedHereSinceIsKeptUnlessTheOrganiserTicksIt)
{
    WebFixture fixture;
    const auto file = services::export_meeting_file(fixture.store(), {kennenlernen});
    // Changed in the browser after the file was written.
    const auto as_read = *fixture.store().meeting(kennenlernen);
    auto moved = as_read;
    moved.title = "Hier geändert";
    fixture.store().update(moved, as_read);
    const auto other = replaced(file, old_title, "In der Datei geändert");

    const auto preview = upload(fixture, Who::organiser, other);
    ASSERT_EQ(preview.status, 200u) << preview.body;
    EXPECT_NE(preview.body.find("hier und in der Datei geändert"), std::string::npos);
    EXPECT_NE(preview.body.find("bisher <del><code>&quot;Hier geändert&quot;</code></del>"), std::string::npos);
    EXPECT_NE(preview.body.find("name=\"overwrite\" value=\"kennenlernen-2012\""), std::string::npos);

    const auto kept = confirm(fixture, Who::organiser, preview.body);
    ASSERT_EQ(kept.status, 303u) << kept.body;
    EXPECT_NE(header_of(kept, "Location").find("kept=1"), std::string::npos);
    EXPECT_EQ(fixture.store().meeting(kennenlernen)->title, "Hier geändert");

    const auto overwritten = confirm(fixture, Who::organiser, upload(fixture, Who::organiser, other).body, {"kennenlernen-2012"});
    ASSERT_EQ(overwritten.status, 303u) << overwritten.body;
    EXPECT_NE(header_of(overwritten, "Location").find("kept=0"), std::string::npos);
    EXPECT_EQ(fixture.store().meeting(kennenlernen)->title, "In der Datei geändert");
}

TEST(MeetingFileUploads, WhatIsNotTheOrganisersToChangeIsLeftOutAndNothingOfItIsShown)
{
    WebFixture fixture;
    const auto file = services::export_meeting_file(fixture.store(), {kennenlernen});
    const auto stored_before = fixture.store().meeting(kennenlernen);
    const auto edited = replaced(file, old_title, "Von Lindau geändert");

    // Lindau's organiser: the meeting, its people and its counties are not hers.
    const auto preview = upload(fixture, Who::other_organiser, edited);
    EXPECT_EQ(preview.status, 200u);
    EXPECT_NE(preview.body.find("Einträge der Datei sind nicht Ihre"), std::string::npos);
    EXPECT_NE(preview.body.find("Die Datei ändert nichts, was Sie ändern dürfen."), std::string::npos);
    EXPECT_EQ(preview.body.find(old_title), std::string::npos);
    EXPECT_EQ(preview.body.find("name=\"fingerprint\""), std::string::npos);

    // Sent all the same, with the preview the meeting's own organiser was shown.
    const auto own = upload(fixture, Who::organiser, edited);
    const auto forced = confirm(fixture, Who::other_organiser, own.body);
    EXPECT_EQ(forced.status, 409u);
    EXPECT_EQ(fixture.store().meeting(kennenlernen), stored_before);

    // A county is for admins: left out of an organiser's import, written by an admin's.
    const auto renamed = replaced(file, "name = \"Bodenseekreis\"", "name = \"Seekreis\"");
    const auto county = upload(fixture, Who::organiser, renamed);
    EXPECT_EQ(county.status, 200u);
    const auto left_out = county.body.find("Einträge der Datei sind nicht Ihre");
    ASSERT_NE(left_out, std::string::npos) << county.body;
    EXPECT_NE(county.body.find("<li>Landkreis bodenseekreis: Seekreis</li>", left_out), std::string::npos);
    EXPECT_EQ(county.body.find("name=\"fingerprint\""), std::string::npos);
    const auto admin = upload(fixture, Who::admin, renamed);
    ASSERT_EQ(admin.status, 200u) << admin.body;
    ASSERT_EQ(confirm(fixture, Who::admin, admin.body).status, 303u);
    EXPECT_EQ(fixture.store().records().county(CountyId("bodenseekreis")).name, "Seekreis");
}

TEST(MeetingFileUploads, ARecordIsJudgedByWhatTheImportWritesNotByRecordsOfTheFileThatAreLeftOut)
{
    WebFixture fixture;
    // Lindau's district office moved into the Bodenseekreis by the file (left out: it
    // is not hers) does not make a new person of it hers.
    const auto moved_office = upload(
        fixture, Who::organiser,
        "[[organisation]]\nid = \"lra-lindau\"\nname = \"Landratsamt Lindau\"\ncounty = \"bodenseekreis\"\n"
        "kind = \"district-office\"\n\n[[person]]\nid = \"nina-neu\"\nname = \"Nina Neu\"\n"
        "email = \"nina@example.org\"\norganisation = \"lra-lindau\"\n",
        "n.toml");
    EXPECT_EQ(moved_office.status, 200u) << moved_office.body;
    EXPECT_NE(moved_office.body.find("<li>Person nina-neu: Nina Neu</li>"), std::string::npos) << moved_office.body;
    EXPECT_EQ(moved_office.body.find("name=\"fingerprint\""), std::string::npos);

    // Lena of Lindau moved into the contact point by the file does not make a meeting
    // she organises the contact point's, new or handed over.
    const std::string lena = "[[person]]\nid = \"lena-lindner\"\nname = \"Lena Lindner\"\n"
                             "email = \"lena@example.org\"\norganisation = \"ks-bodenseekreis\"\n\n";
    auto handed_over = services::export_meeting_file(fixture.store(), {kennenlernen});
    handed_over = replaced(handed_over, "organisers = [\"karin-bartholomaeus\", \"christine-ludwig\"]",
                           "organisers = [\"lena-lindner\"]");
    const auto handing = upload(fixture, Who::organiser, lena + handed_over);
    EXPECT_EQ(handing.status, 200u) << handing.body;
    EXPECT_NE(handing.body.find("<li>Treffen kennenlernen-2012:"), std::string::npos) << handing.body;
    EXPECT_EQ(handing.body.find("name=\"fingerprint\""), std::string::npos);
    EXPECT_EQ(fixture.store().meeting(kennenlernen)->organisers.size(), 2u);
}

TEST(MeetingFileUploads, AMeetingThatNamesANewPersonWhoIsLeftOutIsRefusedWithBoth)
{
    WebFixture fixture;
    const auto refused = upload(
        fixture, Who::organiser,
        "[[person]]\nid = \"lisa-lindau\"\nname = \"Lisa\"\nemail = \"lisa@example.org\"\n"
        "organisation = \"lra-lindau\"\n\n[[meeting]]\nid = \"mit-lisa\"\ntitle = \"Mit Lisa\"\n"
        "start = 2013-06-03T10:00:00\nend = 2013-06-03T11:00:00\nvenue = \"rathaus-immenstaad\"\n"
        "organisers = [\"christine-ludwig\"]\nparticipants = [\"lisa-lindau\"]\n",
        "l.toml");
    EXPECT_EQ(refused.status, 400u) << refused.body;
    EXPECT_NE(refused.body.find("meeting &#39;mit-lisa&#39; names person &#39;lisa-lindau&#39;"), std::string::npos)
        << refused.body;
    EXPECT_FALSE(fixture.store().meeting(MeetingId("mit-lisa")).has_value());
}

TEST(MeetingFileUploads, TheAnswerSaysNothingOfWhetherARecordOfAnotherCountyIsAsTheFileHasIt)
{
    WebFixture fixture;
    // Renate Fischer of the Bodenseekreis needs step-free access; Lindau's organiser
    // must not learn it by uploading her record with and without it.
    const std::string person = "[[person]]\nid = \"renate-fischer\"\nname = \"Renate Fischer\"\n"
                               "email = \"renate.fischer@example.org\"\norganisation = \"shg-ms-markdorf\"\n"
                               "function = \"Gruppenleiterin\"\n";
    const auto with_need = upload(fixture, Who::other_organiser, person + "step_free = true\n", "p.toml");
    const auto without = upload(fixture, Who::other_organiser, person, "p.toml");
    EXPECT_EQ(with_need.status, 200u);
    EXPECT_EQ(with_need.status, without.status);
    EXPECT_EQ(with_need.body, without.body);

    // Nor with a change of her own beside it, which puts the import's fingerprint into
    // the page: the same file gives the same page whatever the store holds of Renate.
    const std::string own = "[[venue]]\nid = \"lindau-neu\"\nname = \"Neu\"\naddress = \"Weg 1\"\n"
                            "county = \"lindau\"\ncapacity = 20\ngeo = [47.55, 9.68]\n\n";
    const auto while_needed = upload(fixture, Who::other_organiser, own + person, "p.toml");
    ASSERT_NE(while_needed.body.find("name=\"fingerprint\""), std::string::npos) << while_needed.body;
    fixture.import_meeting_text("renate.toml", person);  // her office records she no longer needs it
    ASSERT_EQ(fixture.store().person(PersonId("renate-fischer"))->access, planner::Access::any);
    const auto no_longer = upload(fixture, Who::other_organiser, own + person, "p.toml");
    EXPECT_EQ(while_needed.body, no_longer.body);
}

TEST(MeetingFileUploads, AFileThatDoesNotReadOrThatTheImportRefusesIsShownWithItsLineAndWritesNothing)
{
    WebFixture fixture;
    const auto broken = upload(fixture, Who::organiser, "[[venue]]\nid = \"neu\"\nname = \n", "kaputt.toml");
    EXPECT_EQ(broken.status, 400u);
    EXPECT_NE(broken.body.find("kaputt.toml:3:"), std::string::npos) << broken.body;
    EXPECT_NE(broken.body.find("type=\"file\""), std::string::npos);

    // An organiser without an address is refused by the import itself, which the
    // preview rehearses and rolls back.
    const auto file = services::export_meeting_file(fixture.store(), {kennenlernen});
    const auto without = replaced(file, "email = \"christine.ludwig@", "postal_address = \"christine.ludwig@");
    const auto refused = upload(fixture, Who::organiser, without);
    EXPECT_EQ(refused.status, 400u) << refused.body;
    EXPECT_NE(refused.body.find("has no e-mail address"), std::string::npos) << refused.body;
    EXPECT_TRUE(fixture.store().person(PersonId("christine-ludwig"))->email.has_value());

    // A file that fits into a request, but would not with the form that imports it.
    // 800 KB of short lines: with a CR before each of them, more than the 1 MiB allowed.
    std::string large;
    for (int line = 0; line < 400'000; ++line) {
        large += "#\n";
    }
    const auto too_large = upload(fixture, Who::organiser, large, "gross.toml");
    EXPECT_EQ(too_large.status, 413u);
    EXPECT_NE(too_large.body.find("zu groß"), std::string::npos);

    const auto nothing = fixture.dispatch(fixture.upload(Who::organiser, "/meeting-files", {}));
    EXPECT_EQ(nothing.status, 400u);
    EXPECT_NE(nothing.body.find("Bitte wählen Sie eine Datei aus."), std::string::npos);
}

TEST(MeetingFileUploads, AChangeToTheStoreAfterThePreviewShowsThePreviewAgainAndWritesNothing)
{
    WebFixture fixture;
    const auto file = services::export_meeting_file(fixture.store(), {kennenlernen});
    const auto preview = upload(fixture, Who::organiser, replaced(file, old_title, "Neuer Titel"));
    ASSERT_EQ(preview.status, 200u);

    const auto as_read = *fixture.store().meeting(kennenlernen);
    auto moved = as_read;
    moved.description = "Inzwischen ergänzt";
    fixture.store().update(moved, as_read);

    const auto late = confirm(fixture, Who::organiser, preview.body);
    EXPECT_EQ(late.status, 409u);
    EXPECT_NE(late.body.find("hat sich der Bestand geändert"), std::string::npos);
    EXPECT_EQ(fixture.store().meeting(kennenlernen)->title, old_title);
    // The new preview shows the description the file would remove, and can be imported.
    EXPECT_NE(late.body.find("<code>description</code>"), std::string::npos);
    const auto now = confirm(fixture, Who::organiser, late.body, {"kennenlernen-2012"});
    EXPECT_EQ(now.status, 303u) << now.body;
    EXPECT_EQ(fixture.store().meeting(kennenlernen)->title, "Neuer Titel");
}

}  // namespace
}  // namespace planner::web::testing
