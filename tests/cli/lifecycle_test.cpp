// The life of an invitation with the real `planner` binary on the Immenstaad
// example: invite, update, people added and removed, a cancelled occurrence, answers
// of every kind read back, mail written and sent to a local SMTP sink, and a
// cancellation. Bad answers change nothing in the store.

#include "run_planner.hpp"
#include "smtp_sink.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace planner::testing {
namespace {

using nlohmann::json;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string meeting = "kennenlernen-2012";
const std::string axel = "axel.gossner@konstanz.example.org";
const std::string frank = "frank.veser@sigmaringen.example.org";
const std::string andreas = "andreas.koester@bodenseekreis.example.org";
const std::string knut = "knut.immeke@ravensburg.example.org";

// The value of the first line starting with `name` (e.g. "SEQUENCE:"), unfolded.
std::string property(const std::string& calendar, const std::string& name)
{
    const auto at = calendar.find("\r\n" + name);
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + 2 + name.size();
    return calendar.substr(start, calendar.find("\r\n", start) - start);
}

int count_of(const std::string& text, const std::string& what)
{
    int count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++count;
    }
    return count;
}

// An answer as Outlook sends it: no ORGANIZER, MAILTO in capitals, the address in
// another case than the invitation's, a Windows zone name.
std::string outlook_reply(const std::string& uid, const std::string& address, const std::string& partstat, int sequence,
                          const std::string& extra = {})
{
    std::string upper = address;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    return "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n"
           "BEGIN:VEVENT\r\nATTENDEE;PARTSTAT=" +
           partstat + extra + ":MAILTO:" + upper +
           "\r\nCOMMENT;LANGUAGE=de-DE:Bis dann\r\nSUMMARY;LANGUAGE=de-DE:Zugesagt: Austausch\r\n"
           "DTSTART;TZID=W. Europe Standard Time:20121011T140000\r\nDTEND;TZID=W. Europe Standard Time:20121011T170000\r\n"
           "UID:" +
           uid + "\r\nSEQUENCE:" + std::to_string(sequence) +
           "\r\nDTSTAMP:20121001T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

class LifecycleTest : public ::testing::Test {
protected:
    LifecycleTest()
    {
        const auto result = planner({"import", immenstaad});
        EXPECT_EQ(result.exit_code, 0) << result.err;
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", store()});
        return run_planner(args);
    }

    json show(const std::string& id)
    {
        const auto result = planner({"show", id, "--json"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return json::parse(result.out);
    }

    // Writes the invitation to `name` and returns it.
    std::string invite(const std::string& name, const std::string& id = meeting)
    {
        const auto result = planner({"invite", id, "-o", (dir / name).string()});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        last_output = result.out;
        return read_file(dir / name);
    }

    // Imports the example with `from` replaced by `to`.
    void import_changed(const std::string& from, const std::string& to)
    {
        write_file(dir / "changed.toml", replaced(read_file(immenstaad), from, to));
        const auto result = planner({"import", (dir / "changed.toml").string()});
        ASSERT_EQ(result.exit_code, 0) << result.err;
    }

    std::map<std::string, std::string> answers(const std::string& id = meeting)
    {
        std::map<std::string, std::string> by_person;
        const auto shown = show(id);
        for (const auto& invitee : shown["invitees"]) {
            by_person[invitee["id"].get<std::string>()] = invitee["answer"].get<std::string>();
        }
        return by_person;
    }

    std::string uid() { return show(meeting)["uid"].get<std::string>(); }

    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
    std::string last_output;
};

TEST_F(LifecycleTest, SequenceRisesOncePerSignificantChangeAndTheUidStays)
{
    const auto first = invite("first.ics");
    EXPECT_EQ(property(first, "SEQUENCE:"), "0");
    const auto uid_sent = property(first, "UID:");

    const auto again = invite("again.ics");
    EXPECT_EQ(property(again, "SEQUENCE:"), "0");
    EXPECT_NE(last_output.find("no significant change since the last invitation: SEQUENCE stays 0"), std::string::npos)
        << last_output;
    // A new title is no reason to ask everybody again.
    import_changed("title = \"Gedanken- und Erfahrungsaustausch Selbsthilfe und Sozialverwaltung\"",
                   "title = \"Erfahrungsaustausch Selbsthilfe und Sozialverwaltung\"");
    EXPECT_EQ(property(invite("retitled.ics"), "SEQUENCE:"), "0");

    import_changed("start = 2012-10-11T14:00:00\nend = 2012-10-11T17:00:00",
                   "start = 2012-10-11T15:00:00\nend = 2012-10-11T18:00:00");
    const auto moved = invite("moved.ics");
    EXPECT_EQ(property(moved, "SEQUENCE:"), "1");
    EXPECT_EQ(property(moved, "UID:"), uid_sent);
    EXPECT_EQ(property(moved, "DTSTART;TZID=Europe/Berlin:"), "20121011T150000");
    EXPECT_NE(last_output.find("changed since the last invitation (time): SEQUENCE 0 -> 1"), std::string::npos)
        << last_output;
    EXPECT_EQ(show(meeting)["sequence"], 1);

    // Sending the update twice does not raise it twice.
    EXPECT_EQ(property(invite("moved-again.ics"), "SEQUENCE:"), "1");
}

TEST_F(LifecycleTest, SomeoneTakenOffTheListGetsACancellationOfTheirOwn)
{
    static_cast<void>(invite("first.ics"));
    import_changed("  { person = \"axel-gossner\", role = \"required\" },\n", "");
    const auto result = planner({"invite", meeting, "--per-attendee", (dir / "out").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("taken off the list, each sent a cancellation: Axel Goßner"), std::string::npos)
        << result.out;

    const auto cancellation = read_file(dir / "out" / "axel-gossner.ics");
    EXPECT_EQ(property(cancellation, "METHOD:"), "CANCEL");
    EXPECT_EQ(property(cancellation, "STATUS:"), "CANCELLED");
    EXPECT_EQ(property(cancellation, "SEQUENCE:"), "1");
    EXPECT_EQ(count_of(cancellation, "\r\nATTENDEE"), 1);
    EXPECT_NE(cancellation.find("mailto:" + axel), std::string::npos);

    const auto update = read_file(dir / "out" / "frank-veser.ics");
    EXPECT_EQ(property(update, "METHOD:"), "REQUEST");
    EXPECT_EQ(property(update, "SEQUENCE:"), "1");
    EXPECT_EQ(update.find(axel), std::string::npos);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir / "out"), {}), 25);

    // Told once: the next invitation has nothing new for anybody.
    const auto next = planner({"invite", meeting, "--per-attendee", (dir / "next").string()});
    EXPECT_NE(next.out.find("SEQUENCE stays 1"), std::string::npos) << next.out;
    EXPECT_FALSE(std::filesystem::exists(dir / "next" / "axel-gossner.ics"));
}

TEST_F(LifecycleTest, ANewParticipantGetsTheCurrentVersion)
{
    import_changed("  { person = \"markus-rauch\", role = \"optional\" },\n", "");
    static_cast<void>(invite("first.ics"));
    // The example as it is has Markus Rauch on the list.
    ASSERT_EQ(planner({"import", immenstaad}).exit_code, 0);
    const auto result = planner({"invite", meeting, "--mail", (dir / "mail").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("new on the list: Markus Rauch"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("SEQUENCE stays 0"), std::string::npos) << result.out;
    const auto message = read_file(dir / "mail" / "markus-rauch.eml");
    EXPECT_NE(message.find("Subject: Einladung: Gedanken- und Erfahrungsaustausch"), std::string::npos)
        << message.substr(0, 600);
    EXPECT_NE(message.find("To: Markus Rauch <markus.rauch@example.org>"), std::string::npos) << message.substr(0, 600);
    EXPECT_NE(message.find("Content-Type: text/calendar; method=REQUEST; charset=UTF-8"), std::string::npos);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir / "mail"), {}), 25);
}

TEST_F(LifecycleTest, CancellingOneOccurrenceSendsACancelWithItsRecurrenceId)
{
    const auto series = invite("series.ics", "sprecherrat-2013");
    EXPECT_EQ(property(series, "SEQUENCE:"), "0");

    const auto result = planner({"cancel", "sprecherrat-2013@2013-03-12", "--reason", "Raum belegt", "-o",
                                 (dir / "cancel.ics").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto cancellation = read_file(dir / "cancel.ics");
    EXPECT_EQ(property(cancellation, "METHOD:"), "CANCEL");
    EXPECT_EQ(property(cancellation, "SEQUENCE:"), "1");
    EXPECT_EQ(property(cancellation, "UID:"), property(series, "UID:"));
    EXPECT_EQ(property(cancellation, "RECURRENCE-ID;TZID=Europe/Berlin:"), "20130312T093000");
    EXPECT_EQ(property(cancellation, "STATUS:"), "CANCELLED");
    EXPECT_EQ(property(cancellation, "COMMENT:"), "Raum belegt");
    EXPECT_EQ(cancellation.find("RRULE:FREQ=MONTHLY"), std::string::npos);
    EXPECT_EQ(cancellation.find("RSVP=TRUE"), std::string::npos);

    // The store knows, and the next invitation leaves the day out.
    const auto shown = show("sprecherrat-2013");
    const auto& occurrences = shown["occurrences"];
    const auto march = std::find_if(occurrences.begin(), occurrences.end(),
                                    [](const json& o) { return o["date"] == "2013-03-12"; });
    ASSERT_NE(march, occurrences.end());
    EXPECT_EQ((*march)["status"], "cancelled");
    const auto after = invite("after.ics", "sprecherrat-2013");
    EXPECT_EQ(property(after, "SEQUENCE:"), "1");
    EXPECT_NE(after.find("EXDATE;TZID=Europe/Berlin:20130312T093000"), std::string::npos);
    EXPECT_EQ(after.find("STATUS:CANCELLED"), std::string::npos);

    const auto twice = planner({"cancel", "sprecherrat-2013@2013-03-12"});
    EXPECT_EQ(twice.exit_code, 1);
    EXPECT_EQ(twice.err, "planner: error: the occurrence 'sprecherrat-2013@2013-03-12' is already cancelled\n");
    const auto no_such_day = planner({"cancel", "sprecherrat-2013@2013-03-13"});
    EXPECT_EQ(no_such_day.exit_code, 1);
    EXPECT_EQ(no_such_day.err, "planner: error: meeting 'sprecherrat-2013' has no occurrence on 2013-03-13; 'planner "
                               "show sprecherrat-2013' lists them\n");
}

TEST_F(LifecycleTest, CancellingTheMeetingTellsEveryoneAndRefusesAnotherInvitation)
{
    static_cast<void>(invite("first.ics"));
    const auto result = planner({"cancel", meeting, "--reason", "Krankheit", "-o", (dir / "cancel.ics").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto cancellation = read_file(dir / "cancel.ics");
    EXPECT_EQ(property(cancellation, "METHOD:"), "CANCEL");
    EXPECT_EQ(property(cancellation, "SEQUENCE:"), "1");
    EXPECT_EQ(property(cancellation, "STATUS:"), "CANCELLED");
    // Leaders of self-help groups are invited, so the participants do not see each
    // other: the calendar for everybody names the two organisers alone.
    EXPECT_EQ(count_of(cancellation, "\r\nATTENDEE"), 2);
    EXPECT_EQ(cancellation.find(frank), std::string::npos);
    EXPECT_EQ(show(meeting)["status"], "cancelled");
    EXPECT_EQ(show(meeting)["sequence"], 1);

    const auto again = planner({"cancel", meeting});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_EQ(again.err, "planner: error: meeting 'kennenlernen-2012' is already cancelled and everyone was told\n");
    const auto invitation = planner({"invite", meeting});
    EXPECT_EQ(invitation.exit_code, 1);
}

TEST_F(LifecycleTest, APreviewOnStandardOutputRecordsNobodyAsInvited)
{
    const auto preview = planner({"invite", meeting});
    ASSERT_EQ(preview.exit_code, 0) << preview.err;
    EXPECT_TRUE(preview.out.starts_with("BEGIN:VCALENDAR\r\n"));
    EXPECT_NE(preview.err.find("a preview on standard output: nobody is recorded as invited; deliver it with -o FILE, "
                               "--per-attendee DIR, --mail DIR or --send"),
              std::string::npos)
        << preview.err;
    // Everybody still lacks the invitation: sending reaches them all.
    SmtpSink sink;
    const auto sent = planner({"invite", meeting, "--send", "--smtp-host", "127.0.0.1", "--smtp-port",
                               std::to_string(sink.port()), "--smtp-tls", "none"});
    EXPECT_EQ(sent.exit_code, 0) << sent.err;
    EXPECT_EQ(sink.messages().size(), 25U);
}

TEST_F(LifecycleTest, ACancellationOnStandardOutputCallsTheMeetingOffButTellsNobody)
{
    static_cast<void>(invite("first.ics"));
    const auto preview = planner({"cancel", meeting});
    ASSERT_EQ(preview.exit_code, 0) << preview.err;
    EXPECT_NE(preview.out.find("METHOD:CANCEL\r\n"), std::string::npos);
    EXPECT_NE(preview.err.find("cancelled meeting 'kennenlernen-2012' (SEQUENCE 1); 0 of 25 told"), std::string::npos)
        << preview.err;
    EXPECT_NE(preview.err.find("the cancellation went to standard output only"), std::string::npos) << preview.err;
    EXPECT_EQ(show(meeting)["status"], "cancelled");

    const auto told = planner({"cancel", meeting, "-o", (dir / "cancel.ics").string()});
    ASSERT_EQ(told.exit_code, 0) << told.err;
    EXPECT_NE(told.out.find("telling the 25 not reached then"), std::string::npos) << told.out;
    EXPECT_NE(told.out.find("25 of 25 told"), std::string::npos) << told.out;
    EXPECT_EQ(property(read_file(dir / "cancel.ics"), "SEQUENCE:"), "1");
}

TEST_F(LifecycleTest, AnswersOfEveryKindAreRecordedAndShown)
{
    static_cast<void>(invite("first.ics"));
    const auto id = uid();
    write_file(dir / "accepted.ics", outlook_reply(id, axel, "ACCEPTED", 0));
    write_file(dir / "declined.ics", outlook_reply(id, frank, "DECLINED", 0));
    write_file(dir / "tentative.ics", outlook_reply(id, andreas, "TENTATIVE", 0));
    write_file(dir / "delegated.ics",
               outlook_reply(id, knut, "DELEGATED", 0, ";DELEGATED-TO=\"mailto:jutta.weiss@ravensburg.example.org\""));
    write_file(dir / "unknown-person.ics", outlook_reply(id, "nobody@example.org", "ACCEPTED", 0));
    write_file(dir / "unknown-meeting.ics", outlook_reply("no-such-uid", axel, "ACCEPTED", 0));
    const auto result =
        planner({"replies", "import", (dir / "accepted.ics").string(), (dir / "declined.ics").string(),
                 (dir / "tentative.ics").string(), (dir / "delegated.ics").string(),
                 (dir / "unknown-person.ics").string(), (dir / "unknown-meeting.ics").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("recorded 4 answers, skipped 2"), std::string::npos) << result.out;
    EXPECT_NE(result.err.find("'NOBODY@EXAMPLE.ORG' is not invited to meeting 'kennenlernen-2012'"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("no meeting has the UID 'no-such-uid'"), std::string::npos) << result.err;

    const auto by_person = answers();
    EXPECT_EQ(by_person.at("axel-gossner"), "accepted");
    EXPECT_EQ(by_person.at("frank-veser"), "declined");
    EXPECT_EQ(by_person.at("andreas-koester"), "tentative");
    EXPECT_EQ(by_person.at("knut-immeke"), "delegated");
    // The delegate joins with Knut Immeke's organisation, and is invited next time.
    EXPECT_EQ(by_person.at("jutta-weiss"), "needs-action");
    const auto next = planner({"invite", meeting, "-o", (dir / "next.ics").string()});
    EXPECT_NE(next.out.find("new on the list: jutta.weiss@ravensburg.example.org"), std::string::npos) << next.out;

    const auto accepted_only = planner({"attendance", meeting, "--only", "accepted", "--format", "csv"});
    ASSERT_EQ(accepted_only.exit_code, 0) << accepted_only.err;
    EXPECT_NE(accepted_only.out.find("Axel Goßner"), std::string::npos);
    EXPECT_EQ(accepted_only.out.find("Frank Veser"), std::string::npos);
    EXPECT_EQ(count_of(accepted_only.out, "\r\n"), 2) << accepted_only.out;
}

// An answer as Thunderbird mails it (tests/mail/fixtures), for this store's meeting.
TEST_F(LifecycleTest, AnAnswerInsideAMailIsRecorded)
{
    static_cast<void>(invite("first.ics"));
    const auto mail = read_file(std::string(PLANNER_SOURCE_DIR) + "/tests/mail/fixtures/thunderbird-reply.eml");
    write_file(dir / "zusage.eml", replaced(mail, "UID:immenstaad-reply-test@example.org", "UID:" + uid()));
    const auto result = planner({"replies", "import", (dir / "zusage.eml").string(), "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto recorded = json::parse(result.out)["recorded"];
    ASSERT_EQ(recorded.size(), 1U) << result.out;
    EXPECT_EQ(recorded[0]["person"], "stefan-buehler");
    EXPECT_EQ(recorded[0]["answer"], "accepted");
    EXPECT_EQ(answers().at("stefan-buehler"), "accepted");
}

TEST_F(LifecycleTest, AnAnswerForOneOccurrenceIsKeptForThatDay)
{
    static_cast<void>(invite("series.ics", "sprecherrat-2013"));
    const auto series_uid = show("sprecherrat-2013")["uid"].get<std::string>();
    const auto for_day = [&](const std::string& local) {
        return replaced(outlook_reply(series_uid, "karin.bartholomaeus@example.org", "DECLINED", 0),
                        "\r\nSEQUENCE:", "\r\nRECURRENCE-ID;TZID=Europe/Berlin:" + local + "\r\nSEQUENCE:");
    };
    write_file(dir / "march.ics", for_day("20130312T093000"));
    write_file(dir / "no-such-day.ics", for_day("20130313T093000"));
    const auto result =
        planner({"replies", "import", (dir / "march.ics").string(), (dir / "no-such-day.ics").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("no-such-day.ics: meeting 'sprecherrat-2013' has no occurrence on 2013-03-13; the "
                              "answer of Karin Bartholomäus is skipped"),
              std::string::npos)
        << result.err;
    const auto shown = show("sprecherrat-2013");
    EXPECT_EQ(shown["occurrence_answers"],
              (json::array({{{"occurrence", "2013-03-12"}, {"person", "karin-bartholomaeus"}, {"answer", "declined"}}})));
    EXPECT_EQ(answers("sprecherrat-2013").at("karin-bartholomaeus"), "needs-action");
}

TEST_F(LifecycleTest, AnswersToWhatWasCancelledOrNeverSentAreRecordedWithAWarning)
{
    static_cast<void>(invite("series.ics", "sprecherrat-2013"));
    ASSERT_EQ(planner({"cancel", "sprecherrat-2013@2013-03-12", "-o", (dir / "cancel.ics").string()}).exit_code, 0);
    const auto series_uid = show("sprecherrat-2013")["uid"].get<std::string>();
    write_file(dir / "march.ics", replaced(outlook_reply(series_uid, "karin.bartholomaeus@example.org", "ACCEPTED", 1),
                                           "\r\nSEQUENCE:", "\r\nRECURRENCE-ID;TZID=Europe/Berlin:20130312T093000\r\nSEQUENCE:"));
    // kennenlernen-2012 was never sent: its invitation reached Frank from elsewhere.
    write_file(dir / "frank.ics", outlook_reply(uid(), frank, "ACCEPTED", 0));
    const auto result =
        planner({"replies", "import", (dir / "march.ics").string(), (dir / "frank.ics").string(), "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto report = json::parse(result.out);
    EXPECT_EQ(report["recorded"].size(), 2U);
    EXPECT_EQ(report["warnings"],
              json::array({(dir / "march.ics").string() + ": Karin Bartholomäus answered the occurrence "
                                                           "'sprecherrat-2013@2013-03-12', which is cancelled; the "
                                                           "answer is recorded",
                           (dir / "frank.ics").string() + ": Frank Veser answered meeting 'kennenlernen-2012', which "
                                                          "the planner never sent them; the answer is recorded"}));
    EXPECT_NE(result.err.find("planner: warning: " + (dir / "march.ics").string()), std::string::npos) << result.err;
    EXPECT_EQ(answers().at("frank-veser"), "accepted");

    // An older answer for the same day is ignored, and not also said to be recorded.
    write_file(dir / "march-older.ics", replaced(read_file(dir / "march.ics"), "DTSTAMP:20121001", "DTSTAMP:20120901"));
    const auto older = planner({"replies", "import", (dir / "march-older.ics").string(), "--json"});
    ASSERT_EQ(older.exit_code, 0) << older.err;
    EXPECT_EQ(json::parse(older.out)["warnings"], json::array());
    EXPECT_NE(older.err.find("this older answer is ignored"), std::string::npos) << older.err;
    EXPECT_EQ(older.err.find("is recorded"), std::string::npos) << older.err;
}

TEST_F(LifecycleTest, AnOccurrenceIsInvitedAsPartOfItsSeries)
{
    const auto result = planner({"invite", "sprecherrat-2013@2013-03-12"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: 'sprecherrat-2013@2013-03-12' is one meeting of the series "
                          "'sprecherrat-2013'; invite to the series\n");
}

// --smtp-tls implies its port, as in the configuration file: implicit TLS is 465.
TEST_F(LifecycleTest, TheSecurityOfTheConnectionImpliesItsPort)
{
    const auto result = planner({"invite", meeting, "--send", "--smtp-host", "127.0.0.1", "--smtp-tls", "implicit"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("via smtps://127.0.0.1:465"), std::string::npos) << result.err;
}

TEST_F(LifecycleTest, APasswordIsNeverSentUnencryptedToAnotherHost)
{
    const auto result = planner({"invite", meeting, "--send", "--smtp-host", "mail.example.org", "--smtp-tls", "none",
                                 "--smtp-user", "kb"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: --smtp-user with --smtp-tls none would send the password unencrypted to "
                          "mail.example.org; use starttls or implicit\n");
}

TEST_F(LifecycleTest, AnAnswerToAnOlderVersionIsIgnoredWithAWarning)
{
    static_cast<void>(invite("first.ics"));
    import_changed("start = 2012-10-11T14:00:00\nend = 2012-10-11T17:00:00",
                   "start = 2012-10-11T15:00:00\nend = 2012-10-11T18:00:00");
    static_cast<void>(invite("moved.ics"));
    write_file(dir / "old.ics", outlook_reply(uid(), axel, "ACCEPTED", 0));
    const auto result = planner({"replies", "import", (dir / "old.ics").string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("Axel Goßner answered SEQUENCE 0 of meeting 'kennenlernen-2012', which has changed since "
                              "(SEQUENCE 1); the answer is ignored and the new version asks again"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(answers().at("axel-gossner"), "needs-action");

    write_file(dir / "new.ics", outlook_reply(uid(), axel, "ACCEPTED", 1));
    EXPECT_EQ(planner({"replies", "import", (dir / "new.ics").string()}).exit_code, 0);
    EXPECT_EQ(answers().at("axel-gossner"), "accepted");
}

TEST_F(LifecycleTest, EachAnswerFileIsItsOwnUnit)
{
    static_cast<void>(invite("first.ics"));
    write_file(dir / "good.ics", outlook_reply(uid(), axel, "ACCEPTED", 0));
    const auto good = outlook_reply(uid(), frank, "ACCEPTED", 0);
    write_file(dir / "truncated.ics", good.substr(0, good.find("END:VEVENT")));
    write_file(dir / "two.ics", replaced(good, "COMMENT", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + andreas + "\r\nCOMMENT"));
    write_file(dir / "no-calendar.ics", "Hallo Frau Bartholomäus,\r\nich komme gern.\r\n");
    write_file(dir / "garbage.ics", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    const auto before = dump_store(store());
    // What each file is refused for, after its name.
    const std::map<std::string, std::string> expected{
        {"truncated.ics", ":14:1: the file ends inside VEVENT (begun on line 5); is it cut off?"},
        {"two.ics", ":5: the reply of event '" + uid() + "' names 2 attendees"},
        {"no-calendar.ics", ":1: neither a mail nor an iCalendar file"},
        {"garbage.ics", ":1: neither a mail nor an iCalendar file, not even text (it starts with byte 0x89)"}};
    // Alone, a file without an answer changes nothing.
    for (const auto& [name, message] : expected) {
        const auto result = planner({"replies", "import", (dir / name).string()});
        EXPECT_EQ(result.exit_code, 1) << name;
        EXPECT_NE(result.err.find("planner: skipped " + (dir / name).string() + message), std::string::npos)
            << name << ": " << result.err;
        EXPECT_EQ(dump_store(store()), before) << name;
    }
    // Beside a good answer, the good one is recorded and the other listed as skipped.
    ASSERT_EQ(planner({"replies", "import", (dir / "good.ics").string()}).exit_code, 0);
    const auto with_good = dump_store(store());
    ASSERT_NE(with_good, before);
    for (const auto& [name, message] : expected) {
        const auto result =
            planner({"replies", "import", (dir / name).string(), (dir / "good.ics").string(), "--json"});
        EXPECT_EQ(result.exit_code, 1) << name;
        const auto report = json::parse(result.out);
        ASSERT_EQ(report["recorded"].size(), 1U) << result.out;
        EXPECT_EQ(report["recorded"][0]["person"], "axel-gossner");
        ASSERT_EQ(report["files_skipped"].size(), 1U) << result.out;
        EXPECT_EQ(report["files_skipped"][0]["file"], (dir / name).string());
        EXPECT_EQ(report["files_skipped"][0]["reason"].get<std::string>().find((dir / name).string() + message), 0U)
            << result.out;
        EXPECT_EQ(dump_store(store()), with_good) << name;
    }
}

TEST_F(LifecycleTest, JsonStaysJsonWhenAFileNameIsNotUtf8)
{
    // A file name from an old Windows share, in Windows-1252: not UTF-8, and named in the output.
    const auto name = (dir / "Antwort-M\xfcller.txt").string();
    write_file(name, "Ich komme gern.\r\n");
    const auto result = planner({"replies", "import", name, "--json"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const auto report = json::parse(result.out);
    EXPECT_EQ(report["files_skipped"][0]["file"], (dir / "Antwort-M\xef\xbf\xbdller.txt").string());  // U+FFFD
}

TEST_F(LifecycleTest, AFolderOfAnswersAndStandardInput)
{
    static_cast<void>(invite("first.ics"));
    const auto answers = dir / "antworten";
    std::filesystem::create_directory(answers);
    write_file(answers / "axel.ics", outlook_reply(uid(), axel, "ACCEPTED", 0));
    write_file(answers / "frank.ics", outlook_reply(uid(), frank, "DECLINED", 0));
    // An out-of-office reply that went to the same folder, and a hidden file.
    write_file(answers / "abwesend.eml", "From: andreas@example.org\r\nSubject: Abwesend\r\nAuto-Submitted: "
                                         "auto-replied\r\nContent-Type: text/plain\r\n\r\nIch bin nicht da.\r\n");
    write_file(answers / ".DS_Store", std::string("\0\0\0\1Bud1", 8));
    const auto result = planner({"replies", "import", answers.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("recorded 2 answers, skipped 0; 1 file without an answer skipped"), std::string::npos)
        << result.out;
    EXPECT_NE(result.err.find("planner: skipped " + (answers / "abwesend.eml").string() +
                              ": no text/calendar part in the mail"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find(".DS_Store"), std::string::npos) << result.err;

    const auto piped = run_planner_with_input({"--db", store(), "replies", "import", "-"},
                                              outlook_reply(uid(), andreas, "TENTATIVE", 0));
    EXPECT_EQ(piped.exit_code, 0) << piped.err;
    EXPECT_NE(piped.out.find("tentative meeting"), std::string::npos) << piped.out;
}

TEST_F(LifecycleTest, SendDeliversOneMessagePerAttendeeAndRetriesOnlyTheFailed)
{
    SmtpSink sink;
    sink.reject_recipient(frank);
    const std::vector<std::string> smtp{"--send", "--smtp-host", "127.0.0.1", "--smtp-port",
                                        std::to_string(sink.port()), "--smtp-tls", "none"};
    std::vector<std::string> args{"invite", meeting};
    args.insert(args.end(), smtp.begin(), smtp.end());
    const auto first = planner(args);
    EXPECT_EQ(first.exit_code, 1);
    EXPECT_NE(first.err.find("not delivered to Frank Veser <" + frank + ">"), std::string::npos) << first.err;
    EXPECT_NE(first.err.find("550"), std::string::npos) << first.err;
    const auto received = sink.messages();
    ASSERT_EQ(received.size(), 24U);
    for (const auto& message : received) {
        EXPECT_EQ(message.from, "karin.bartholomaeus@example.org");
        ASSERT_EQ(message.recipients.size(), 1U);
        EXPECT_NE(message.data.find("text/calendar; method=REQUEST; charset=UTF-8"), std::string::npos);
    }

    // Only Frank Veser lacks the invitation; the next run sends it to him alone.
    const auto second = planner(args);
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_EQ(sink.messages().size(), 24U);
    EXPECT_NE(second.err.find("not delivered to Frank Veser"), std::string::npos);
    EXPECT_EQ(count_of(second.out, "sent to"), 0) << second.out;
}

TEST_F(LifecycleTest, SendWithoutAServerSaysWhatIsMissing)
{
    const auto result = planner({"invite", meeting, "--send"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "planner: error: --send needs an SMTP server: give --smtp-host, or [smtp] host in "
                          "--smtp-config FILE\n");
    EXPECT_TRUE(show(meeting)["sequence"] == 0);
}

}  // namespace
}  // namespace planner::testing
