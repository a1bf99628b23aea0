// Answers that could be forged, or that would pin the record, with the real `planner`
// binary on the Immenstaad example: a mail from someone else than the attendee, a
// delegation outside the meeting's organisations or to oneself, a SEQUENCE never sent,
// a DTSTAMP ahead of the clock, a delegate whose address would make an id like an
// option.

#include "run_planner.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace planner::testing {
namespace {

using nlohmann::json;
namespace pt = boost::posix_time;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::string meeting = "kennenlernen-2012";
const std::string axel = "axel.gossner@konstanz.example.org";
const std::string knut = "knut.immeke@ravensburg.example.org";

// An answer to the meeting of `uid` by `address`; `attendee_parameters` go after
// PARTSTAT (";DELEGATED-TO=...").
std::string reply(const std::string& uid, const std::string& address, const std::string& partstat, int sequence,
                  const std::string& stamp = "20121001T080000Z", const std::string& attendee_parameters = {})
{
    return "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:-//planner tests//EN\r\nVERSION:2.0\r\n"
           "BEGIN:VEVENT\r\nATTENDEE;PARTSTAT=" +
           partstat + attendee_parameters + ":mailto:" + address + "\r\nUID:" + uid +
           "\r\nSEQUENCE:" + std::to_string(sequence) + "\r\nDTSTAMP:" + stamp + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

// `calendar` as a mail from `from`, as a client sends it.
std::string mail(const std::string& from, const std::string& calendar)
{
    return "From: " + from +
           "\r\nTo: karin.bartholomaeus@example.org\r\nSubject: Zugesagt\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/calendar; method=REPLY; charset=UTF-8\r\n\r\n" +
           calendar;
}

std::string stamp_in(pt::time_duration from_now)
{
    return pt::to_iso_string(pt::second_clock::universal_time() + from_now) + "Z";
}

class ForgedAnswersTest : public ::testing::Test {
protected:
    ForgedAnswersTest()
    {
        const auto result = planner({"import", immenstaad});
        EXPECT_EQ(result.exit_code, 0) << result.err;
    }

    RunResult planner(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--db", store()});
        return run_planner(args);
    }

    json show(const std::string& id = meeting)
    {
        const auto result = planner({"show", id, "--json"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return json::parse(result.out);
    }

    json invitee(const std::string& person)
    {
        const auto shown = show();
        for (const auto& entry : shown["invitees"]) {
            if (entry["id"] == person) {
                return entry;
            }
        }
        ADD_FAILURE() << person << " is not invited";
        return {};
    }

    void invite()
    {
        const auto result = planner({"invite", meeting, "-o", (dir / "invitation.ics").string()});
        ASSERT_EQ(result.exit_code, 0) << result.err;
    }

    // Imports `text` as the answer file `name`.
    RunResult import(const std::string& name, const std::string& text, bool as_json = true)
    {
        write_file(dir / name, text);
        std::vector<std::string> args{"replies", "import", (dir / name).string()};
        if (as_json) {
            args.emplace_back("--json");
        }
        return planner(args);
    }

    std::string uid() { return show()["uid"].get<std::string>(); }
    [[nodiscard]] std::string store() const { return (dir / "planner.db").string(); }

    TemporaryDirectory dir;
};

TEST_F(ForgedAnswersTest, AMailFromSomeoneElseIsRecordedWithAWarningThatSaysWhose)
{
    invite();
    const auto result = import("forwarded.eml", mail("Petra Maier <sekretariat@konstanz.example.org>",
                                                     reply(uid(), axel, "ACCEPTED", 0)));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto report = json::parse(result.out);
    ASSERT_EQ(report["recorded"].size(), 1U);
    EXPECT_EQ(report["warnings"],
              json::array({(dir / "forwarded.eml").string() +
                           ": the mail is from sekretariat@konstanz.example.org, not from Axel Goßner <" + axel +
                           ">, who answers in it (forwarded by an assistant?); the answer is recorded"}));
    EXPECT_NE(result.err.find("planner: warning: " + (dir / "forwarded.eml").string() + ": the mail is from"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(invitee("axel-gossner")["answer"], "accepted");
}

TEST_F(ForgedAnswersTest, AMailFromTheAttendeeOrAnIcsFileGivesNoWarning)
{
    invite();
    // The address compares without case, as the attendee's own client may write it.
    const auto own = import("own.eml", mail("Axel Goßner <Axel.Gossner@Konstanz.example.org>",
                                            reply(uid(), axel, "ACCEPTED", 0)));
    ASSERT_EQ(own.exit_code, 0) << own.err;
    EXPECT_EQ(json::parse(own.out)["warnings"], json::array());
    const auto ics = import("answer.ics", reply(uid(), axel, "DECLINED", 0, "20121002T080000Z"));
    ASSERT_EQ(ics.exit_code, 0) << ics.err;
    EXPECT_EQ(json::parse(ics.out)["warnings"], json::array());
    EXPECT_EQ(invitee("axel-gossner")["answer"], "declined");
}

TEST_F(ForgedAnswersTest, ADelegationOutsideTheMeetingsOrganisationsIsRecordedAndFlagged)
{
    invite();
    const auto result = import("delegated.ics", reply(uid(), knut, "DELEGATED", 0, "20121001T080000Z",
                                                      ";DELEGATED-TO=\"mailto:m.weiss@elsewhere.example.net\""));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto report = json::parse(result.out);
    ASSERT_EQ(report["recorded"].size(), 1U);
    EXPECT_EQ(report["recorded"][0]["delegated_to"], "m-weiss");
    EXPECT_EQ(report["recorded"][0]["delegate_outside"], true);
    const auto warning = (dir / "delegated.ics").string() +
                         ": Knut Immeke delegated meeting 'kennenlernen-2012' to m.weiss@elsewhere.example.net, whose "
                         "domain is that of none of the meeting's organisations; the delegate is recorded and "
                         "invited, check that they should come";
    EXPECT_EQ(report["warnings"], json::array({warning}));

    // In text too, and later in `show`.
    const auto text = import("delegated-again.ics",
                             reply(uid(), knut, "DELEGATED", 0, "20121001T090000Z",
                                   ";DELEGATED-TO=\"mailto:m.weiss@elsewhere.example.net\""),
                             false);
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("Knut Immeke delegated meeting 'kennenlernen-2012' to m.weiss@elsewhere.example.net "
                            "<m.weiss@elsewhere.example.net>, outside the meeting's organisations\n"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.err.find("whose domain is that of none of the meeting's organisations"), std::string::npos)
        << text.err;
    EXPECT_EQ(invitee("knut-immeke")["delegate_outside"], true);
    EXPECT_EQ(invitee("m-weiss")["answer"], "needs-action");
    const auto shown = planner({"show", meeting});
    EXPECT_NE(shown.out.find("-> m.weiss@elsewhere.example.net <m.weiss@elsewhere.example.net>, outside the "
                             "meeting's organisations: check that they should come"),
              std::string::npos)
        << shown.out;
}

TEST_F(ForgedAnswersTest, OneDelegationOutsideDoesNotLetTheNextPass)
{
    invite();
    // The first delegate joins Knut Immeke's organisation; their domain still is outside.
    ASSERT_EQ(import("first.ics", reply(uid(), knut, "DELEGATED", 0, "20121001T080000Z",
                                        ";DELEGATED-TO=\"mailto:a@elsewhere.example.net\""))
                  .exit_code,
              0);
    const auto second = import("second.ics", reply(uid(), axel, "DELEGATED", 0, "20121001T080000Z",
                                                   ";DELEGATED-TO=\"mailto:b@elsewhere.example.net\""));
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(json::parse(second.out)["recorded"][0]["delegate_outside"], true) << second.out;
}

TEST_F(ForgedAnswersTest, ADelegationWithinTheOrganisationsIsNotFlagged)
{
    invite();
    const auto result = import("delegated.ics", reply(uid(), knut, "DELEGATED", 0, "20121001T080000Z",
                                                      ";DELEGATED-TO=\"mailto:jutta.weiss@ravensburg.example.org\""));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto report = json::parse(result.out);
    EXPECT_EQ(report["recorded"][0]["delegate_outside"], false);
    EXPECT_EQ(report["warnings"], json::array());
    EXPECT_EQ(invitee("knut-immeke")["delegate_outside"], false);
}

TEST_F(ForgedAnswersTest, DelegatingToOneselfIsRefusedWithTheReason)
{
    invite();
    const auto before = dump_store(store());
    const auto result = import("self.ics", reply(uid(), knut, "DELEGATED", 0, "20121001T080000Z",
                                                 ";DELEGATED-TO=\"mailto:Knut.Immeke@ravensburg.example.org\""),
                               false);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("planner: skipped " + (dir / "self.ics").string() + ":5: the reply of event '" + uid() +
                              "': " + knut + " delegated to their own address; expected DELEGATED-TO with the "
                                             "address of someone else, who goes in their place"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(dump_store(store()), before);
}

TEST_F(ForgedAnswersTest, ADelegatesIdStartsWithALetterOrDigit)
{
    invite();
    const auto result = import("delegated.ics", reply(uid(), knut, "DELEGATED", 0, "20121001T080000Z",
                                                      ";DELEGATED-TO=\"mailto:-h@ravensburg.example.org\""));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(json::parse(result.out)["recorded"][0]["delegated_to"], "h");
    const auto dots = import("dots.ics", reply(uid(), axel, "DELEGATED", 0, "20121001T080000Z",
                                               ";DELEGATED-TO=\"mailto:..@konstanz.example.org\""));
    ASSERT_EQ(dots.exit_code, 0) << dots.err;
    EXPECT_EQ(json::parse(dots.out)["recorded"][0]["delegated_to"], "delegate");
    // The longest local part an address may have still gives an id a meeting file takes.
    const std::string longest(64, 'a');
    const auto long_address = import("long.ics", reply(uid(), "frank.veser@sigmaringen.example.org", "DELEGATED", 0, "20121001T080000Z",
                                                       ";DELEGATED-TO=\"mailto:" + longest + "@sigmaringen.example.org\""));
    ASSERT_EQ(long_address.exit_code, 0) << long_address.err;
    EXPECT_EQ(json::parse(long_address.out)["recorded"][0]["delegated_to"], std::string(56, 'a'));
}

TEST_F(ForgedAnswersTest, ASequenceNeverSentIsRefusedAndCannotPinTheAnswer)
{
    invite();
    const auto before = dump_store(store());
    const auto forged = import("forged.ics", reply(uid(), axel, "DECLINED", 7), false);
    EXPECT_EQ(forged.exit_code, 0) << forged.err;
    EXPECT_NE(forged.err.find((dir / "forged.ics").string() +
                              ": Axel Goßner answered SEQUENCE 7 of meeting 'kennenlernen-2012', but no version "
                              "above SEQUENCE 0 was ever sent; the answer is refused, as it would outrank every "
                              "genuine answer to come"),
              std::string::npos)
        << forged.err;
    EXPECT_NE(forged.out.find("recorded 0 answers, skipped 1"), std::string::npos) << forged.out;
    EXPECT_EQ(dump_store(store()), before);
    // The genuine answer to the version sent is recorded.
    ASSERT_EQ(import("genuine.ics", reply(uid(), axel, "ACCEPTED", 0)).exit_code, 0);
    EXPECT_EQ(invitee("axel-gossner")["answer"], "accepted");
}

TEST_F(ForgedAnswersTest, TheHighestSequenceSentToAnyoneIsAccepted)
{
    // A cancelled occurrence of the series raises its SEQUENCE to 1, and 1 is sent.
    ASSERT_EQ(planner({"invite", "sprecherrat-2013", "-o", (dir / "series.ics").string()}).exit_code, 0);
    ASSERT_EQ(planner({"cancel", "sprecherrat-2013@2013-03-12", "-o", (dir / "cancel.ics").string()}).exit_code, 0);
    const auto series_uid = show("sprecherrat-2013")["uid"].get<std::string>();
    const auto one = import("one.ics", reply(series_uid, "karin.bartholomaeus@example.org", "ACCEPTED", 1));
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(json::parse(one.out)["recorded"].size(), 1U) << one.err;
    const auto two = import("two.ics", reply(series_uid, "karin.bartholomaeus@example.org", "ACCEPTED", 2));
    EXPECT_EQ(json::parse(two.out)["recorded"].size(), 0U);
    EXPECT_NE(two.err.find("but no version above SEQUENCE 1 was ever sent"), std::string::npos) << two.err;
}

TEST_F(ForgedAnswersTest, AStampMoreThanADayAheadIsRefusedAndCannotPinTheAnswer)
{
    invite();
    const auto before = dump_store(store());
    const auto ahead = import("ahead.ics", reply(uid(), axel, "DECLINED", 0, stamp_in(pt::hours(25))), false);
    EXPECT_EQ(ahead.exit_code, 0) << ahead.err;
    EXPECT_NE(ahead.err.find((dir / "ahead.ics").string() + ": the answer of Axel Goßner to meeting "
                                                             "'kennenlernen-2012' is dated "),
              std::string::npos)
        << ahead.err;
    EXPECT_NE(ahead.err.find(" UTC (DTSTAMP), more than a day ahead of this computer's clock ("), std::string::npos)
        << ahead.err;
    EXPECT_EQ(dump_store(store()), before);
    // Within a day of skew an answer counts; a genuine later one still wins over it.
    ASSERT_EQ(import("skewed.ics", reply(uid(), axel, "DECLINED", 0, stamp_in(pt::hours(23)))).exit_code, 0);
    EXPECT_EQ(invitee("axel-gossner")["answer"], "declined");
    ASSERT_EQ(import("later.ics", reply(uid(), axel, "ACCEPTED", 0, stamp_in(pt::hours(23) + pt::minutes(5))))
                  .exit_code,
              0);
    EXPECT_EQ(invitee("axel-gossner")["answer"], "accepted");
}

// An answer given by phone, written down on the command line: shown with who wrote it
// down, and a later reply from the calendar replaces it.
TEST_F(ForgedAnswersTest, AnAnswerWrittenDownOnTheCommandLineShowsWhoWroteItDown)
{
    auto result = planner({"replies", "record", meeting, "frank-veser", "declined", "--comment", "krank", "--by",
                           "karin.bartholomaeus"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Frank Veser declined meeting 'kennenlernen-2012', written down by karin.bartholomaeus\n");
    auto frank = invitee("frank-veser");
    EXPECT_EQ(frank["answer"], "declined");
    EXPECT_EQ(frank["comment"], "krank");
    EXPECT_EQ(frank["recorded_by"], "karin.bartholomaeus");
    result = planner({"show", meeting});
    EXPECT_NE(result.out.find("\"krank\" (written down by karin.bartholomaeus)"), std::string::npos) << result.out;

    // A dry run shows it and writes nothing; a wrong answer is a usage error.
    result = planner({"replies", "record", meeting, "frank-veser", "accepted", "--json", "--dry-run"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(json::parse(result.out)["answer"], "accepted");
    EXPECT_EQ(invitee("frank-veser")["answer"], "declined");
    result = planner({"replies", "record", meeting, "frank-veser", "vielleicht"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(invitee("frank-veser")["answer"], "declined");

    // Without --by, the user running the command wrote it down.
    result = planner({"replies", "record", meeting, "frank-veser", "tentative", "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_FALSE(json::parse(result.out)["recorded_by"].get<std::string>().empty());

    // His own reply, read later, replaces it.
    const auto uid = show()["uid"].get<std::string>();
    result = run_planner_with_input({"--db", store(), "replies", "import", "-"},
                                    reply(uid, "frank.veser@sigmaringen.example.org", "ACCEPTED", 0, stamp_in(pt::hours(1))));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    frank = invitee("frank-veser");
    EXPECT_EQ(frank["answer"], "accepted");
    EXPECT_EQ(frank["recorded_by"], nullptr);
}

}  // namespace
}  // namespace planner::testing
