// `planner invite --config FILE`: the command line writes the links the service's mails
// carry, each person's own, into the mail's text and their calendar's DESCRIPTION, and
// stores only their hashes.

#include "run_planner.hpp"

#include <planner/db/store.hpp>
#include <planner/services/accounts.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <cctype>
#include <regex>

namespace planner::testing {
namespace {

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";

// The meetings of tests/support/meetings-2031.toml.
const std::string coming = std::string(PLANNER_SOURCE_DIR) + "/tests/support/meetings-2031.toml";

// The tokens of the answer links in `text`, in order.
std::vector<std::string> links_in(const std::string& text)
{
    std::vector<std::string> tokens;
    const std::regex link("https://planner\\.example\\.org/a/([A-Za-z0-9_-]{43})");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), link); it != std::sregex_iterator(); ++it) {
        tokens.push_back((*it)[1]);
    }
    return tokens;
}

// A mail's text as its reader sees it (quoted-printable soft breaks undone), or a
// calendar's lines unfolded.
std::string readable(const std::string& text)
{
    const auto joined = std::regex_replace(std::regex_replace(text, std::regex("=\r\n"), ""), std::regex("\r\n "), "");
    std::string decoded;
    for (std::size_t i = 0; i < joined.size(); ++i) {
        if (joined[i] == '=' && i + 2 < joined.size() && std::isxdigit(static_cast<unsigned char>(joined[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(joined[i + 2]))) {
            decoded += static_cast<char>(std::stoi(joined.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            decoded += joined[i];
        }
    }
    return decoded;
}

class AnswerLinksOnTheCommandLine : public ::testing::Test {
protected:
    AnswerLinksOnTheCommandLine()
    {
        write_file(dir / "serve.toml", "[web]\nbase_url = \"https://planner.example.org\"\n");
        EXPECT_EQ(planner({"import", immenstaad}).exit_code, 0);
        EXPECT_EQ(planner({"import", coming}).exit_code, 0);
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", (dir / "planner.db").string()});
        return run_planner(args);
    }

    TemporaryDirectory dir;
};

TEST_F(AnswerLinksOnTheCommandLine, EachPersonsMailAndCalendarCarryTheirOwnLinkAndTheStoreOnlyItsHash)
{
    const auto result = planner({"invite", "austausch-2031", "--mail", (dir / "mail").string(), "--per-attendee",
                                 (dir / "ics").string(), "--config", (dir / "serve.toml").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;

    const auto gerdas_mail = readable(read_file(dir / "mail" / "gerda-straub.eml"));
    const auto gerdas_links = links_in(gerdas_mail);
    ASSERT_EQ(gerdas_links.size(), 1U) << gerdas_mail;
    EXPECT_NE(gerdas_mail.find("Zusagen, absagen oder die Antwort ändern, auch ohne Kalender:"), std::string::npos);
    // Her calendar (the one in her folder) has the same link at the end of DESCRIPTION.
    const auto gerdas_calendar = readable(read_file(dir / "ics" / "gerda-straub.ics"));
    EXPECT_EQ(links_in(gerdas_calendar), gerdas_links);
    EXPECT_NE(gerdas_calendar.find("Organisation: Christine Ludwig\\n\\nZusagen"), std::string::npos)
        << gerdas_calendar;

    const auto wolfgangs_links = links_in(readable(read_file(dir / "mail" / "wolfgang-maier.eml")));
    ASSERT_EQ(wolfgangs_links.size(), 1U);
    EXPECT_NE(wolfgangs_links, gerdas_links);

    // The store has the hashes of the links, never the tokens.
    const auto dump = dump_store(dir / "planner.db");
    EXPECT_EQ(dump.find(gerdas_links.front()), std::string::npos);
    EXPECT_NE(dump.find(services::token_hash(gerdas_links.front())), std::string::npos);
    db::Store store(dir / "planner.db", db::OpenMode::must_exist);
    const auto hers = store.personal_links(PersonId("gerda-straub"), db::LinkPurpose::answer, MeetingId("austausch-2031"));
    // One copy of hers went through both postmen: one link.
    ASSERT_EQ(hers.size(), 1U);
    EXPECT_EQ(hers.front().hash, services::token_hash(gerdas_links.front()));
}

TEST_F(AnswerLinksOnTheCommandLine, NoConfigNoLinkAndARehearsalOrTheCalendarForEverybodyMakesNone)
{
    ASSERT_EQ(planner({"invite", "austausch-2031", "--mail", (dir / "plain").string()}).exit_code, 0);
    EXPECT_TRUE(links_in(readable(read_file(dir / "plain" / "gerda-straub.eml"))).empty());

    const auto before = dump_store(dir / "planner.db");
    const auto rehearsed = planner({"invite", "austausch-2031", "--mail", (dir / "dry").string(), "--config",
                                    (dir / "serve.toml").string(), "--dry-run"});
    ASSERT_EQ(rehearsed.exit_code, 0) << rehearsed.err;
    EXPECT_EQ(dump_store(dir / "planner.db"), before);

    // A preview on standard output, and the calendar for everybody, are nobody's own: no
    // link in them, and none made.
    const auto previewed = planner({"invite", "austausch-2031", "--config", (dir / "serve.toml").string()});
    ASSERT_EQ(previewed.exit_code, 0) << previewed.err;
    EXPECT_TRUE(links_in(previewed.out).empty());
    ASSERT_EQ(planner({"invite", "austausch-2031", "-o", (dir / "all.ics").string(), "--config",
                       (dir / "serve.toml").string()})
                  .exit_code,
              0);
    EXPECT_TRUE(links_in(readable(read_file(dir / "all.ics"))).empty());
    SQLite::Database db((dir / "planner.db").string());
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM personal_link").getInt(), 0);
}

TEST_F(AnswerLinksOnTheCommandLine, AConfigThatNamesNoAddressABrowserCouldReachIsRefused)
{
    write_file(dir / "open.toml", "[web]\nlisten = \"0.0.0.0:8080\"\n");
    const auto result = planner({"invite", "austausch-2031", "--mail", (dir / "mail").string(), "--config",
                                 (dir / "open.toml").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("needs base_url in the configuration's [web]"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "mail"));
}

TEST_F(AnswerLinksOnTheCommandLine, AFeedAddressIsPrintedOnceAndRenewedOnRequest)
{
    const auto config = (dir / "serve.toml").string();
    const auto made = planner({"feed", "url", "gerda-straub", "--config", config});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::regex addresses("https://planner\\.example\\.org/feeds/([A-Za-z0-9_-]{43})\\.ics\n"
                               "webcal://planner\\.example\\.org/feeds/([A-Za-z0-9_-]{43})\\.ics\n");
    std::smatch printed;
    ASSERT_TRUE(std::regex_match(made.out, printed, addresses)) << made.out;
    EXPECT_EQ(printed[1], printed[2]);
    EXPECT_EQ(dump_store(dir / "planner.db").find(printed[1].str()), std::string::npos);

    // Only its hash is kept: it cannot be shown again, and nothing changes.
    const auto before = dump_store(dir / "planner.db");
    const auto again = planner({"feed", "url", "gerda-straub", "--config", config});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_EQ(again.err, "planner: error: 'gerda-straub' has a feed address already, and only its hash is kept, so it "
                         "cannot be shown again; 'planner feed renew gerda-straub' makes a new one (the old one stops "
                         "working)\n");
    EXPECT_EQ(dump_store(dir / "planner.db"), before);

    const auto renewed = planner({"feed", "renew", "gerda-straub", "--config", config});
    ASSERT_EQ(renewed.exit_code, 0) << renewed.err;
    std::smatch fresh;
    ASSERT_TRUE(std::regex_match(renewed.out, fresh, addresses)) << renewed.out;
    EXPECT_NE(fresh[1], printed[1]);
    db::Store store(dir / "planner.db", db::OpenMode::must_exist);
    const auto links = store.personal_links(PersonId("gerda-straub"), db::LinkPurpose::feed, std::nullopt);
    ASSERT_EQ(links.size(), 2U);
    EXPECT_TRUE(links[0].revoked);
    EXPECT_FALSE(links[1].revoked);

    const auto nobody = planner({"feed", "url", "niemand", "--config", config});
    EXPECT_EQ(nobody.exit_code, 1);
    EXPECT_EQ(nobody.err, "planner: error: unknown person 'niemand'\n");
    EXPECT_EQ(planner({"feed", "url", "gerda-straub"}).exit_code, 2);  // --config is required
}

}  // namespace
}  // namespace planner::testing
