// People without an e-mail address: a person needs an address or a postal address; the
// invitation leaves them out of its attendees and out of the mail, and `planner letters`
// writes them a letter to print.

#include "run_planner.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace planner::testing {
namespace {

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

// Rosa Rieger leads a self-help group and has no e-mail address.
const std::string without_email = R"([[person]]
id = "rosa-rieger"
name = "Rosa Rieger"
organisation = "shg-tinnitus-fn"
postal_address = "Seestraße 5\n88045 Friedrichshafen"

[[meeting]]
id = "brief-2013"
title = "Austausch der Gruppenleitungen"
start = 2013-03-12T18:00:00
end = 2013-03-12T20:00:00
venue = "rathaus-immenstaad"
organisers = ["karin-bartholomaeus"]
participants = [{ person = "frank-veser", role = "required" }, { person = "rosa-rieger", role = "required" }]
participants_see_each_other = true
agenda = [{ start = 2013-03-12T18:00:00, end = 2013-03-12T19:00:00, title = "Berichte aus den Gruppen" }]
)";

class LettersTest : public ::testing::Test {
protected:
    LettersTest()
    {
        EXPECT_EQ(planner({"import", immenstaad}).exit_code, 0);
        write_file(dir / "brief.toml", without_email);
        const auto imported = planner({"import", (dir / "brief.toml").string()});
        EXPECT_EQ(imported.exit_code, 0) << imported.err;
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", (dir / "planner.db").string()});
        return run_planner(args);
    }

    TemporaryDirectory dir;
};

TEST_F(LettersTest, SomeoneWithoutEMailGetsALetterToPrintAndNoMail)
{
    const auto pdf = dir / "briefe.pdf";
    const auto written = planner({"letters", "brief-2013", "-o", pdf.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    EXPECT_EQ(written.out, "wrote 1 letter to " + pdf.string() + ":\n  Rosa Rieger\n");
    const auto text = output_of("pdftotext -layout '" + pdf.string() + "' - 2>&1");
    for (const auto* expected :
         {"Rosa Rieger", "Seestraße 5", "88045 Friedrichshafen", "Einladung: Austausch der Gruppenleitungen",
          "Guten Tag Rosa Rieger,", "Dienstag, 12. März 2013, 18:00–20:00 Uhr", "Berichte aus den Gruppen",
          "karin.bartholomaeus@example.org", "Ich komme vielleicht.", "Mit freundlichen Grüßen",
          "Antwort an Karin Bartholomäus"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << " not in:\n" << text;
    }
    // The envelope's window must not say that she leads a self-help group, nor that the
    // sender is a council of self-help groups: above the subject, no organisation.
    EXPECT_EQ(text.find("Tinnitus"), std::string::npos) << text;
    const auto window = text.substr(0, text.find("Einladung: "));
    EXPECT_EQ(window.find("Selbsthilfe"), std::string::npos) << window;
    EXPECT_NE(window.find("Karin Bartholomäus"), std::string::npos) << window;

    // The mail goes to Frank only; the calendar does not list her as an attendee.
    const auto mailed = planner({"invite", "brief-2013", "--mail", (dir / "mail").string()});
    ASSERT_EQ(mailed.exit_code, 0) << mailed.err;
    EXPECT_NE(mailed.err.find("Rosa Rieger has no e-mail address and gets no mail; print their letter with 'planner "
                              "letters brief-2013 -o FILE'"),
              std::string::npos)
        << mailed.err;
    EXPECT_TRUE(std::filesystem::exists(dir / "mail" / "frank-veser.eml"));
    EXPECT_FALSE(std::filesystem::exists(dir / "mail" / "rosa-rieger.eml"));
    const auto preview = planner({"invite", "brief-2013"});
    ASSERT_EQ(preview.exit_code, 0) << preview.err;
    EXPECT_NE(preview.out.find("mailto:frank.veser@"), std::string::npos);
    EXPECT_EQ(preview.out.find("Rosa Rieger"), std::string::npos) << preview.out;

    // A calendar file does not reach her either: she is not recorded as having it.
    ASSERT_EQ(planner({"invite", "brief-2013", "-o", (dir / "brief.ics").string()}).exit_code, 0);
    SQLite::Database db((dir / "planner.db").string());
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM invitation_sent WHERE meeting = 'brief-2013'").getInt(), 2);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM invitation_sent WHERE person = 'rosa-rieger'").getInt(), 0);
    // Her home address is for the letter only, not for every reader of the meeting.
    const auto shown = planner({"show", "brief-2013", "--json"});
    EXPECT_EQ(shown.out.find("Seestraße"), std::string::npos) << shown.out;

    // Exported, she has her postal address and no e-mail line, and imports back the same.
    const auto exported = planner({"export", "brief-2013"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.out.find("postal_address = \"Seestraße 5\\n88045 Friedrichshafen\""), std::string::npos)
        << exported.out;
}

TEST_F(LettersTest, AnOrganiserNeedsAnEMailAddress)
{
    write_file(dir / "organiser.toml", R"([[meeting]]
id = "von-rosa"
title = "Von Rosa"
start = 2013-04-12T18:00:00
end = 2013-04-12T20:00:00
venue = "rathaus-immenstaad"
organisers = ["rosa-rieger"]
participants = ["frank-veser"]
)");
    const auto refused = planner({"import", (dir / "organiser.toml").string()});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("Rosa Rieger ('rosa-rieger') organises meeting 'von-rosa' but has no e-mail address"),
              std::string::npos)
        << refused.err;
    EXPECT_EQ(planner({"show", "von-rosa"}).exit_code, 1);  // nothing was written
}

TEST_F(LettersTest, ALongLetterGoesOnToTheNextPage)
{
    std::string description;
    for (int word = 0; description.size() < 7000; ++word) {
        description += "Wort" + std::to_string(word) + (word % 12 == 11 ? "\\n" : " ");
    }
    description += "Ende-der-Beschreibung";
    write_file(dir / "long.toml", "[[meeting]]\nid = \"lang-2013\"\ntitle = \"Lang\"\nstart = 2013-05-12T18:00:00\n"
                                  "end = 2013-05-12T20:00:00\nvenue = \"rathaus-immenstaad\"\norganisers = "
                                  "[\"karin-bartholomaeus\"]\nparticipants = [\"rosa-rieger\"]\ndescription = \"" +
                                      description + "\"\n");
    ASSERT_EQ(planner({"import", (dir / "long.toml").string()}).exit_code, 0);
    const auto pdf = dir / "lang.pdf";
    ASSERT_EQ(planner({"letters", "lang-2013", "-o", pdf.string()}).exit_code, 0);
    const auto text = output_of("pdftotext -layout '" + pdf.string() + "' - 2>&1");
    EXPECT_NE(text.find("Ende-der-Beschreibung"), std::string::npos);
    EXPECT_NE(text.find("Ich komme nicht."), std::string::npos);
    EXPECT_GE(std::count(text.begin(), text.end(), '\f'), 3) << "three pages";
}

TEST_F(LettersTest, SomeoneWithNeitherAddressIsRefusedAndEveryoneWithEMailNeedsNoLetter)
{
    write_file(dir / "blank.toml", "[[person]]\nid = \"leer\"\nname = \"Lea Leer\"\norganisation = "
                                   "\"shg-tinnitus-fn\"\npostal_address = \" \\n \"\n");
    EXPECT_NE(planner({"import", (dir / "blank.toml").string()}).err.find("neither an e-mail address nor a postal"),
              std::string::npos);
    write_file(dir / "tall.toml", "[[person]]\nid = \"hoch\"\nname = \"Hans Hoch\"\norganisation = "
                                  "\"shg-tinnitus-fn\"\npostal_address = \"1\\n2\\n3\\n4\\n5\\n6\"\n");
    EXPECT_NE(planner({"import", (dir / "tall.toml").string()})
                  .err.find("'postal_address' has 6 lines; an envelope's window holds the name and 5 more"),
              std::string::npos);
    write_file(dir / "nobody.toml", "[[person]]\nid = \"niemand\"\nname = \"Nina Niemand\"\norganisation = "
                                    "\"shg-tinnitus-fn\"\n");
    const auto refused = planner({"import", (dir / "nobody.toml").string()});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("person 'niemand' has neither an e-mail address nor a postal address"),
              std::string::npos)
        << refused.err;
    const auto none = planner({"letters", "kennenlernen-2012", "-o", (dir / "x.pdf").string()});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("everyone invited to meeting 'kennenlernen-2012' has an e-mail address"), std::string::npos)
        << none.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "x.pdf"));
}

}  // namespace
}  // namespace planner::testing
