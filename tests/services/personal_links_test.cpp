// A person's own link to answer: made as the outbox's mail goes out, in its text and in
// its calendar, kept only as a hash (the mail's text goes once it is sent), and an answer
// given through it recorded as one from the person's calendar would be.

#include <planner/services/answers.hpp>
#include <planner/services/invitations.hpp>
#include <planner/services/meeting_file_import.hpp>
#include <planner/services/outbox.hpp>
#include <planner/services/personal_links.hpp>

#include "run_planner.hpp"
#include "sink_server.hpp"
#include "utc_time.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <regex>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;
using testing::SmtpSink;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const MeetingId austausch("austausch-2031");
const MeetingId runde("runde-2031");


using testing::utc;

class PersonalLinksTest : public ::testing::Test {
protected:
    PersonalLinksTest()
    {
        static_cast<void>(import_meeting_file(store, immenstaad));
        static_cast<void>(import_meeting_file(
            store, std::filesystem::path(PLANNER_SOURCE_DIR) / "tests" / "support" / "meetings-2031.toml"));
    }

    [[nodiscard]] mail::SmtpServer server() const
    {
        return testing::sink_server(sink, "planner@bodenseekreis.example");
    }

    LinkHolder holder_of(const PersonId& person, const MeetingId& meeting)
    {
        const auto made = make_link(LinkPurpose::answer, person, meeting, std::nullopt, utc(2030, 1, 1, 12));
        return {made.row, "csrf"};
    }

    testing::TemporaryDirectory dir;
    db::Store store{dir / "planner.db", db::OpenMode::create_if_missing};
    SmtpSink sink;
};

TEST_F(PersonalLinksTest, TheOutboxsMailCarriesTheLinkInItsTextAndCalendarAndForgetsItOnceSent)
{
    const auto queued =
        queue_letters_of(store, {austausch.str(), "karin", "planner@bodenseekreis.example", Language::en,
                                 "https://planner.example.org/"});
    ASSERT_EQ(queued.delivered.queued.size(), 3U);  // the organiser has her copy too
    std::atomic<bool> stopping{false};
    const auto now = pt::second_clock::universal_time() + pt::seconds(1);
    ASSERT_EQ(send_due_mail(store, server(), {}, [&] { return now; }, stopping), 3);

    const std::regex link("https://planner\\.example\\.org/a/([A-Za-z0-9_-]{43})");
    for (const auto& received : sink.messages()) {
        std::smatch in_text;
        const auto text = std::regex_replace(received.data, std::regex("=\r\n"), "");
        ASSERT_TRUE(std::regex_search(text, in_text, link)) << received.data;
        EXPECT_NE(text.find("Accept, decline or change your answer, with or without a calendar:"), std::string::npos);
        const auto part = received.data.find("Content-Type: text/calendar");
        const auto body = received.data.find("\r\n\r\n", part);
        const auto calendar = std::regex_replace(
            testing::decode_base64(std::string_view(received.data).substr(body + 4, received.data.find("\r\n--", body) - body - 4)),
            std::regex("\r\n "), "");
        std::smatch in_calendar;
        ASSERT_TRUE(std::regex_search(calendar, in_calendar, link)) << calendar;
        EXPECT_EQ(in_calendar[1], in_text[1]);
        // The link opens the answer for the person it was mailed to.
        const auto opened = open_link(store, in_text[1].str(), LinkPurpose::answer, "198.51.100.1", now, {});
        ASSERT_TRUE(std::holds_alternative<OpenedLink>(opened));
        const auto& holder = std::get<OpenedLink>(opened).holder;
        EXPECT_EQ(holder.link.meeting, austausch);
        EXPECT_EQ(received.recipients.front(), store.person(holder.link.person)->email->str());
    }
    // Sent, the mail's text is gone from the store: it held the link.
    SQLite::Database db((dir / "planner.db").string());
    SQLite::Statement texts(db, "SELECT count(*) FROM outbox WHERE state = 'sent' AND message = ''");
    ASSERT_TRUE(texts.executeStep());
    EXPECT_EQ(texts.getColumn(0).getInt(), 3);
}

TEST_F(PersonalLinksTest, ASeriesIsAnsweredUntilItsLastMeetingBeginsAndItsLinkLastsUntilThatEnds)
{
    const auto series = *store.meeting(runde);
    // The fourth (1 April) is cancelled: the third, moved to 5 March, is the last (CET, UTC+1).
    EXPECT_EQ(answers_close(series), utc(2031, 3, 5, 17));
    EXPECT_EQ(answer_link_expiry(series, utc(2030, 6, 1, 12)), utc(2031, 3, 5, 19));
    // A series' link lasts a year at most: each update brings a new one.
    EXPECT_EQ(answer_link_expiry(series, utc(2029, 1, 1, 12)), utc(2029, 1, 1, 12) + longest_series_link);
    const auto single = *store.meeting(austausch);
    EXPECT_EQ(answers_close(single), utc(2031, 6, 3, 8));
    EXPECT_EQ(answer_link_expiry(single, utc(2029, 1, 1, 12)), utc(2031, 6, 3, 10));

    const auto view = answer_view(store, holder_of(PersonId("gerda-straub"), runde), utc(2031, 2, 1, 12));
    ASSERT_EQ(view.coming.size(), 2U);  // February and March; January is past, April cancelled
    EXPECT_EQ(view.coming.front().time.start(), utc(2031, 2, 4, 17));
    EXPECT_TRUE(view.invited);
    EXPECT_EQ(view.closes, utc(2031, 3, 5, 17));
}

TEST_F(PersonalLinksTest, AnAnswerByLinkIsRecordedAsFromTheirCalendarUntilTheMeetingBegins)
{
    const auto gerda = holder_of(PersonId("gerda-straub"), austausch);
    const auto given = answer_by_link(store, gerda, Answer::accepted, "Gern", utc(2031, 5, 1, 12));
    ASSERT_TRUE(std::holds_alternative<RecordedAnswer>(given));
    const auto answers = store.answers(austausch);
    ASSERT_EQ(answers.size(), 1U);
    EXPECT_EQ(answers.front(), std::get<RecordedAnswer>(given));
    EXPECT_EQ(answers.front().recorded_by, std::nullopt);
    EXPECT_EQ(answers.front().answered, utc(2031, 5, 1, 12));

    // An older answer does not replace a newer one (as from a calendar with a later DTSTAMP).
    EXPECT_EQ(std::get<LinkAnswerProblem>(answer_by_link(store, gerda, Answer::declined, "", utc(2031, 4, 1, 12))),
              LinkAnswerProblem::newer_kept);
    // Once the meeting has begun, the answer stays.
    EXPECT_EQ(std::get<LinkAnswerProblem>(answer_by_link(store, gerda, Answer::declined, "", utc(2031, 6, 3, 8))),
              LinkAnswerProblem::closed);
    EXPECT_EQ(std::get<LinkAnswerProblem>(answer_by_link(store, gerda, Answer::needs_action, "", utc(2031, 5, 2, 12))),
              LinkAnswerProblem::not_an_answer);
    EXPECT_EQ(std::get<LinkAnswerProblem>(answer_by_link(store, gerda, Answer::declined, "zwei\nZeilen",
                                                         utc(2031, 5, 2, 12))),
              LinkAnswerProblem::comment);
    // Someone whose link outlived their place on the list answers nothing.
    const auto knut = holder_of(PersonId("knut-immeke"), austausch);
    EXPECT_EQ(std::get<LinkAnswerProblem>(answer_by_link(store, knut, Answer::accepted, "", utc(2031, 5, 2, 12))),
              LinkAnswerProblem::not_invited);
    EXPECT_FALSE(answer_view(store, knut, utc(2031, 5, 2, 12)).invited);
    EXPECT_EQ(store.answers(austausch).size(), 1U);
}

// The ATTENDEE addresses of a calendar, in order.
std::vector<std::string> attendees_of(const std::string& calendar)
{
    std::vector<std::string> found;
    const auto unfolded = std::regex_replace(calendar, std::regex("\r\n "), "");
    const std::regex attendee("\r\nATTENDEE[^:]*:mailto:([^\r]+)");
    for (auto it = std::sregex_iterator(unfolded.begin(), unfolded.end(), attendee); it != std::sregex_iterator(); ++it) {
        found.push_back((*it)[1]);
    }
    return found;
}

TEST_F(PersonalLinksTest, WhereParticipantsDoNotSeeEachOtherEachCopyListsTheOrganisersAndThemAlone)
{
    ASSERT_FALSE(guest_list_shown(*store.meeting(austausch), store.load()));  // self-help groups are invited
    Delivery delivery;
    delivery.calendar_file = dir / "all.ics";
    delivery.postmen.push_back(std::make_unique<CalendarFolder>(dir / "own", "own"));
    const auto report = invite(store, {austausch.str()}, delivery);
    EXPECT_TRUE(report.guest_list_hidden);
    const std::string christine = "christine.ludwig@selbsthilfe-bodenseekreis.example.org";
    EXPECT_EQ(attendees_of(testing::read_file(dir / "all.ics")), std::vector<std::string>{christine});
    EXPECT_EQ(attendees_of(testing::read_file(dir / "own" / "gerda-straub.ics")),
              (std::vector<std::string>{"gerda.straub@example.org", christine}));
    EXPECT_EQ(attendees_of(testing::read_file(dir / "own" / "wolfgang-maier.ics")),
              (std::vector<std::string>{"wolfgang.maier@example.org", christine}));

    // Told of the cancellation each alone, too.
    Delivery cancelling;
    cancelling.postmen.push_back(std::make_unique<CalendarFolder>(dir / "cancelled", "cancelled"));
    static_cast<void>(cancel(store, {austausch.str(), "Krankheit"}, cancelling));
    const auto gerdas = testing::read_file(dir / "cancelled" / "gerda-straub.ics");
    EXPECT_NE(gerdas.find("METHOD:CANCEL"), std::string::npos);
    EXPECT_EQ(attendees_of(gerdas), (std::vector<std::string>{"gerda.straub@example.org", christine}));

    // Shown when the organiser says so: everybody in every copy.
    auto shown = *store.meeting(austausch);
    auto before = shown;
    shown.participants_see_each_other = true;
    shown.status = MeetingStatus::confirmed;
    store.update(shown, before);
    Delivery again;
    again.postmen.push_back(std::make_unique<CalendarFolder>(dir / "shown", "shown"));
    static_cast<void>(invite(store, {austausch.str()}, again));
    EXPECT_EQ(attendees_of(testing::read_file(dir / "shown" / "gerda-straub.ics")).size(), 3U);
}

TEST_F(PersonalLinksTest, ACancellationHidesWhoWasTakenOffTheListAndNeverToldToo)
{
    // Gerda, of a self-help group, is invited with two colleagues of the district offices
    // and taken off the list before anyone is told: the list shown among the offices
    // must not name her in the cancellation that reaches her too.
    testing::write_file(dir / "offices.toml", R"toml([[meeting]]
id = "aemter-2031"
title = "Ämterrunde 2031"
start = 2031-09-02T10:00:00
end = 2031-09-02T12:00:00
venue = "rathaus-immenstaad"
organisers = ["christine-ludwig"]
participants = ["axel-gossner", "frank-veser", "gerda-straub"]
)toml");
    static_cast<void>(import_meeting_file(store, dir / "offices.toml"));
    Delivery first;
    first.postmen.push_back(std::make_unique<CalendarFolder>(dir / "first", "first"));
    static_cast<void>(invite(store, {"aemter-2031"}, first));
    const auto before = *store.meeting(MeetingId("aemter-2031"));
    auto without_her = before;
    std::erase_if(without_her.participants, [](const Participant& p) { return p.person == PersonId("gerda-straub"); });
    store.update(without_her, before);
    ASSERT_TRUE(guest_list_shown(without_her, store.load()));  // among the offices alone

    Delivery cancelling;
    cancelling.postmen.push_back(std::make_unique<CalendarFolder>(dir / "cancelled", "cancelled"));
    static_cast<void>(cancel(store, {"aemter-2031", ""}, cancelling));
    const auto axels = attendees_of(testing::read_file(dir / "cancelled" / "axel-gossner.ics"));
    EXPECT_EQ(std::count(axels.begin(), axels.end(), "gerda.straub@example.org"), 0) << testing::read_file(
        dir / "cancelled" / "axel-gossner.ics");
    const auto hers = attendees_of(testing::read_file(dir / "cancelled" / "gerda-straub.ics"));
    EXPECT_EQ(std::count(hers.begin(), hers.end(), "axel.gossner@konstanz.example.org"), 0);
}

TEST_F(PersonalLinksTest, ANewerMessageToAPersonForgetsTheTextOfTheirOlderOnesThatCanNoLongerGo)
{
    static_cast<void>(queue_letters_of(store, {austausch.str(), "karin", "planner@bodenseekreis.example", Language::de,
                                               "https://planner.example.org"}));
    const auto now = pt::second_clock::universal_time() + pt::seconds(1);
    while (const auto claimed = store.claim_mail(now)) {
        ASSERT_TRUE(store.settle_mail(claimed->id, {db::MailOutcome::Kind::refused, "550 no such user", now}, now));
    }
    const auto before = *store.meeting(austausch);
    auto moved = before;
    moved.time = TimeRange(before.time.start() + pt::hours(1), before.time.end() + pt::hours(1));
    store.update(moved, before);
    static_cast<void>(queue_letters_of(store, {austausch.str(), "karin", "planner@bodenseekreis.example", Language::de,
                                               "https://planner.example.org"}));
    SQLite::Database db((dir / "planner.db").string());
    SQLite::Statement refused(db, "SELECT count(*), sum(message = '') FROM outbox WHERE state = 'refused'");
    ASSERT_TRUE(refused.executeStep());
    EXPECT_EQ(refused.getColumn(0).getInt(), 3);
    EXPECT_EQ(refused.getColumn(1).getInt(), 3);
}

}  // namespace
}  // namespace planner::services
