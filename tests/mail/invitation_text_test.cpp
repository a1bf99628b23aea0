#include <planner/mail/invitation_text.hpp>

#include <planner/db/meeting_file.hpp>
#include <planner/ical/recurrence.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace planner::mail {
namespace {

// The Immenstaad meeting of the example file, with everyone it names.
class InvitationTextTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto file = db::read_meeting_file(PLANNER_EXAMPLES_DIR "/immenstaad-2012.toml", Directory{},
                                          ical::expand_rule);
        for (auto& person : file.people) {
            directory_.add(std::move(person));
        }
        for (auto& venue : file.venues) {
            directory_.add(std::move(venue));
        }
        for (auto& meeting : file.meetings) {
            directory_.add(std::move(meeting));
        }
    }

    [[nodiscard]] const Meeting& kennenlernen() const { return directory_.meeting(MeetingId("kennenlernen-2012")); }

    Directory directory_;
};

const std::string description =
    "Leiter von Selbsthilfegruppen und ehrenamtlich Engagierte aus Bürgerinitiativen\n"
    "mehrerer Landkreise kommen mit Vertretern der Sozialverwaltungen der Landkreise\n"
    "Konstanz, Sigmaringen, Ravensburg und Bodenseekreis zu einem Gedanken- und\n"
    "Erfahrungsaustausch zusammen. Das Treffen soll vor allem dem gegenseitigen\n"
    "Kennenlernen dienen. Freiwillig Engagierte und professionelle Unterstützer sollen\n"
    "über die Landkreisgrenzen hinweg gut vernetzt sein; für das kommende Jahr ist ein\n"
    "landkreisübergreifendes Projekt von Selbsthilfegruppen geplant.\n";

TEST_F(InvitationTextTest, WritesAGermanInvitation)
{
    const auto text = invitation_text(directory_, kennenlernen(), MailKind::invitation, Language::de);
    EXPECT_EQ(text.subject, "Einladung: Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung");
    EXPECT_EQ(text.body,
              "Guten Tag,\n"
              "\n"
              "Sie sind herzlich eingeladen:\n"
              "\n"
              "Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung\n"
              "\n"
              "Wann: Donnerstag, 11. Oktober 2012, 14:00–17:00 Uhr\n"
              "Wo: Rathaus Immenstaad, Sitzungssaal, Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee\n"
              "\n"
              "Tagesordnung:\n"
              "14:00–14:15 Begrüßung (Andreas Köster)\n"
              "14:15–14:45 Vorstellungsrunde\n"
              "14:45–15:15 Impulse aus dem Sprecherrat der Selbsthilfegruppen im Bodenseekreis (Karin Bartholomäus)\n"
              "15:15–16:00 Erfahrungsaustausch in Kleingruppen\n"
              "16:00–16:20 Kaffeepause\n"
              "16:20–16:50 Ausblick: landkreisübergreifendes Projekt 2013 (Christine Ludwig)\n"
              "16:50–17:00 Abschluss (Andreas Köster)\n"
              "\n" +
                  description +
                  "\n"
                  "Organisation: Karin Bartholomäus, Christine Ludwig\n");
}

TEST_F(InvitationTextTest, WritesAnEnglishInvitation)
{
    const auto text = invitation_text(directory_, kennenlernen(), MailKind::invitation, Language::en);
    EXPECT_EQ(text.subject, "Invitation: Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung");
    EXPECT_TRUE(text.body.starts_with("Hello,\n"
                                      "\n"
                                      "You are invited to:\n"
                                      "\n"
                                      "Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung\n"
                                      "\n"
                                      "When: Thursday, 11 October 2012, 14:00–17:00\n"
                                      "Where: Rathaus Immenstaad, Sitzungssaal, Dr.-Zimmermann-Straße 1, 88090 "
                                      "Immenstaad am Bodensee\n"
                                      "\n"
                                      "Agenda:\n"
                                      "14:00–14:15 Begrüßung (Andreas Köster)\n"))
        << text.body;
    EXPECT_TRUE(text.body.ends_with("\nOrganised by: Karin Bartholomäus, Christine Ludwig\n")) << text.body;
}

TEST_F(InvitationTextTest, SaysThatAnUpdateReplacesTheInvitation)
{
    const auto german = invitation_text(directory_, kennenlernen(), MailKind::update, Language::de);
    EXPECT_EQ(german.subject, "Geändert: Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung");
    EXPECT_TRUE(german.body.starts_with(
        "Guten Tag,\n\nDie Einladung hat sich geändert; diese Nachricht ersetzt die frühere Einladung.\n\n"))
        << german.body;
    const auto english = invitation_text(directory_, kennenlernen(), MailKind::update, Language::en);
    EXPECT_EQ(english.subject, "Updated: Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung");
    EXPECT_TRUE(english.body.starts_with(
        "Hello,\n\nThe invitation has changed; this message replaces the earlier one.\n\n"))
        << english.body;
}

TEST_F(InvitationTextTest, WritesACancellationWithItsReason)
{
    const auto text = invitation_text(directory_, kennenlernen(), MailKind::cancellation, Language::de,
                                      "Der Sitzungssaal wird renoviert.");
    EXPECT_EQ(text.subject, "Abgesagt: Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung");
    EXPECT_EQ(text.body,
              "Guten Tag,\n"
              "\n"
              "Der Termin ist abgesagt.\n"
              "Grund: Der Sitzungssaal wird renoviert.\n"
              "\n"
              "Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung\n"
              "\n"
              "Wann: Donnerstag, 11. Oktober 2012, 14:00–17:00 Uhr\n"
              "Wo: Rathaus Immenstaad, Sitzungssaal, Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee\n"
              "\n"
              "Organisation: Karin Bartholomäus, Christine Ludwig\n");
    const auto english = invitation_text(directory_, kennenlernen(), MailKind::cancellation, Language::en);
    EXPECT_EQ(english.subject, "Cancelled: Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung");
    EXPECT_TRUE(english.body.starts_with("Hello,\n\nThe meeting is cancelled.\n\nGedanken-")) << english.body;
}

TEST_F(InvitationTextTest, WritesTheTimeOfAnOccurrenceInItsOwnZone)
{
    // The May meeting of the Sprecherrat series moved to Wednesday, 15 May 2013.
    const auto& series = directory_.meeting(MeetingId("sprecherrat-2013"));
    const auto occurrences = planner::occurrences(series, ical::expand_rule);
    const auto may = std::find_if(occurrences.begin(), occurrences.end(), [](const Meeting& meeting) {
        return meeting.time.start().date().month() == 5;
    });
    ASSERT_NE(may, occurrences.end());
    const auto text = invitation_text(directory_, *may, MailKind::invitation, Language::en);
    EXPECT_NE(text.body.find("When: Wednesday, 15 May 2013, 09:30–12:00\n"), std::string::npos) << text.body;
}

}  // namespace
}  // namespace planner::mail
