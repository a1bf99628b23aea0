// Date polls: made for a tentative meeting's invitees with a link each (mailed through
// the outbox, naming nobody else), voted in and changed through it, reminded, confirmed
// at a time that is checked again (the meeting moves, is confirmed and its invitations
// are queued, in one write), and deleted a while after they close.

#include <planner/services/meeting_file_import.hpp>
#include <planner/services/outbox.hpp>
#include <planner/services/polls.hpp>

#include "run_planner.hpp"
#include "sink_server.hpp"
#include "utc_time.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <regex>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;
using testing::SmtpSink;

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const std::filesystem::path support = std::filesystem::path(PLANNER_SOURCE_DIR) / "tests" / "support";
const MeetingId vorbereitung("vorbereitung-2031");
const PersonId gerda("gerda-straub");
const PersonId wolfgang("wolfgang-maier");
const PersonId frank("frank-veser");

using testing::utc;

class PollsTest : public ::testing::Test {
protected:
    PollsTest()
    {
        static_cast<void>(import_meeting_file(store, immenstaad));
        static_cast<void>(import_meeting_file(store, support / "meetings-2031.toml"));
        static_cast<void>(import_meeting_file(store, support / "poll-2031.toml"));
    }

    // Three Tuesdays of May 2031, 10:00 to 12:00 in Immenstaad (CEST, UTC+2).
    PollCreated create(bool names_shown = false)
    {
        return create_poll(store, {vorbereitung.str(), {utc(2031, 5, 6, 8), utc(2031, 5, 13, 8), utc(2031, 5, 20, 8)}, names_shown},
                           mailing, now);
    }

    // Sends what the outbox holds; each recipient's address with the token of their link.
    std::map<std::string, std::string> send_and_read_links()
    {
        std::atomic<bool> stopping{false};
        const auto later = now + pt::seconds(1);
        static_cast<void>(send_due_mail(store, testing::sink_server(sink, mailing.sender_address), {},
                                        [&] { return later; }, stopping));
        std::map<std::string, std::string> links;
        const std::regex link("https://planner\\.example\\.org/p/([A-Za-z0-9_-]{43})");
        const auto all = sink.messages();
        sent.assign(all.begin() + static_cast<std::ptrdiff_t>(read), all.end());
        read = all.size();
        for (const auto& received : sent) {
            const auto text = std::regex_replace(received.data, std::regex("=\r\n"), "");
            std::smatch found;
            if (std::regex_search(text, found, link)) {
                links[received.recipients.front()] = found[1];
            }
        }
        return links;
    }

    void let_them_see_each_other(bool shown)
    {
        const auto stored = *store.meeting(vorbereitung);
        auto changed = stored;
        changed.participants_see_each_other = shown;
        store.update(changed, stored);
    }

    // The kinds of the meeting's messages in the outbox that are in `state`.
    std::multiset<db::MailKind> mail_in(db::MailState state)
    {
        std::multiset<db::MailKind> kinds;
        for (const auto& message : store.mail_of_meeting(vorbereitung)) {
            if (message.state == state) {
                kinds.insert(message.kind);
            }
        }
        return kinds;
    }

    LinkHolder open(const std::string& token)
    {
        const auto opened = open_link(store, token, LinkPurpose::poll, "198.51.100.1", now, {});
        EXPECT_TRUE(std::holds_alternative<OpenedLink>(opened));
        return std::get<OpenedLink>(opened).holder;
    }

    testing::TemporaryDirectory dir;
    db::Store store{dir / "planner.db", db::OpenMode::create_if_missing};
    SmtpSink sink;
    std::vector<SmtpSink::Received> sent;  // by the last send_and_read_links
    std::size_t read = 0;
    PollMailing mailing{"christine", "planner@bodenseekreis.example", "https://planner.example.org/", Language::de};
    pt::ptime now = pt::second_clock::universal_time();
};

TEST_F(PollsTest, EachInviteeWithAnAddressGetsALinkOfTheirOwnAndNoOtherName)
{
    const auto created = create();
    EXPECT_EQ(created.poll.candidates.size(), 3U);
    EXPECT_EQ(created.poll.candidates[1], TimeRange(utc(2031, 5, 13, 8), utc(2031, 5, 13, 10)));
    EXPECT_EQ(created.mail.queued.size(), 4U);  // the organiser, the chair and two participants
    ASSERT_EQ(created.mail.without_email.size(), 1U);
    EXPECT_EQ(created.mail.without_email.front().id, PersonId("hanna-post"));
    EXPECT_EQ(store.poll(vorbereitung), created.poll);

    const auto links = send_and_read_links();
    ASSERT_EQ(links.size(), 4U);
    for (const auto& received : sent) {
        const auto text = std::regex_replace(received.data, std::regex("=\r\n"), "");
        EXPECT_NE(text.find("Terminumfrage: Vorbereitung 2031"), std::string::npos);
        if (received.recipients.front() == "gerda.straub@example.org") {
            EXPECT_EQ(text.find("Wolfgang Maier"), std::string::npos) << text;
            EXPECT_EQ(text.find("Hanna Post"), std::string::npos) << text;
        }
    }
    // A poll's mail gives nobody a version of the meeting, and its text goes once sent.
    EXPECT_TRUE(store.sent_versions(vorbereitung).empty());
    SQLite::Database db((dir / "planner.db").string());
    SQLite::Statement texts(db, "SELECT count(*) FROM outbox WHERE kind = 'poll' AND state = 'sent' AND message = ''");
    ASSERT_TRUE(texts.executeStep());
    EXPECT_EQ(texts.getColumn(0).getInt(), 4);
    // The link opens the poll for the person it was mailed to, and nothing else.
    const auto holder = open(links.at("gerda.straub@example.org"));
    EXPECT_EQ(holder.link.person, gerda);
    EXPECT_EQ(holder.link.meeting, vorbereitung);
    EXPECT_EQ(std::get<LinkRefusal>(open_link(store, links.at("gerda.straub@example.org"), LinkPurpose::answer,
                                              "198.51.100.1", now, {})),
              LinkRefusal::wrong_token);
}

TEST_F(PollsTest, APollIsRefusedWhereItCannotFindATime)
{
    const auto refused = [&](const std::string& meeting, std::vector<pt::ptime> starts, const std::string& expected) {
        try {
            static_cast<void>(create_poll(store, {meeting, std::move(starts), false}, mailing, now));
            ADD_FAILURE() << "not refused: " << expected;
        } catch (const Error& error) {
            EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
        }
    };
    refused(vorbereitung.str(), {utc(2031, 5, 6, 8)}, "2 to 10 times, not 1");
    std::vector<pt::ptime> eleven;
    for (int day = 1; day <= 11; ++day) {
        eleven.push_back(utc(2031, 5, day, 8));
    }
    refused(vorbereitung.str(), eleven, "not 11");
    refused(vorbereitung.str(), {utc(2031, 5, 6, 8), utc(2020, 5, 6, 8)}, "time 2 of the poll (2020-May-06 08:00:00 UTC) has passed");
    refused(vorbereitung.str(), {utc(2031, 5, 6, 8), utc(2031, 5, 6, 8)}, "is given twice");
    refused("austausch-2031", {utc(2031, 5, 6, 8), utc(2031, 5, 7, 8)}, "is confirmed; a poll is for a tentative meeting");
    refused("runde-2031", {utc(2031, 5, 6, 8), utc(2031, 5, 7, 8)}, "is a series");
    EXPECT_THROW(static_cast<void>(create_poll(store, {"none", {utc(2031, 5, 6, 8), utc(2031, 5, 7, 8)}, false},
                                               mailing, now)),
                 NotFound);
    static_cast<void>(create());
    refused(vorbereitung.str(), {utc(2031, 5, 6, 8), utc(2031, 5, 7, 8)}, "has a poll open already");
    auto without_sender = mailing;
    without_sender.sender_address.clear();
    EXPECT_THROW(static_cast<void>(create_poll(store, {vorbereitung.str(), {utc(2031, 5, 6, 8), utc(2031, 5, 7, 8)}, false},
                                               without_sender, now)),
                 Error);
}

TEST_F(PollsTest, VotesAreCountedChangedAndShownByNameOnlyWhereThePollAllows)
{
    static_cast<void>(create());
    const auto links = send_and_read_links();
    const auto gerda_link = open(links.at("gerda.straub@example.org"));
    const auto wolfgang_link = open(links.at("wolfgang.maier@example.org"));
    using enum PollVote;
    const std::vector<std::optional<PollVote>> gerda_votes{yes, no, if_need_be};
    EXPECT_EQ(vote_in_poll(store, gerda_link, gerda_votes, now), std::nullopt);
    const std::vector<std::optional<PollVote>> wolfgang_votes{yes, yes, std::nullopt};
    EXPECT_EQ(vote_in_poll(store, wolfgang_link, wolfgang_votes, now), VoteProblem::incomplete);
    const std::vector<std::optional<PollVote>> too_few{yes, yes};
    EXPECT_EQ(vote_in_poll(store, wolfgang_link, too_few, now), VoteProblem::incomplete);
    const std::vector<std::optional<PollVote>> wolfgang_first{no, no, no};
    EXPECT_EQ(vote_in_poll(store, wolfgang_link, wolfgang_first, now), std::nullopt);
    // Changed: the new votes replace the old.
    const std::vector<std::optional<PollVote>> wolfgang_then{yes, if_need_be, no};
    EXPECT_EQ(vote_in_poll(store, wolfgang_link, wolfgang_then, now), std::nullopt);

    const auto table = poll_table(store, vorbereitung, TravelModel{});
    ASSERT_EQ(table.candidates.size(), 3U);
    EXPECT_EQ(table.candidates[0].yes, 2);
    EXPECT_EQ(table.candidates[1].yes, 0);
    EXPECT_EQ(table.candidates[1].if_need_be, 1);
    EXPECT_EQ(table.candidates[1].no, 1);
    EXPECT_EQ(table.candidates[2].no, 1);
    // Gerda is required and cannot on the 13th; Wolfgang is optional, so his no is only counted.
    ASSERT_EQ(table.candidates[1].required_cannot.size(), 1U);
    EXPECT_EQ(table.candidates[1].required_cannot.front().id, gerda);
    EXPECT_TRUE(table.candidates[2].required_cannot.empty());
    std::vector<PersonId> not_voted;
    for (const auto& person : table.not_voted) {
        not_voted.push_back(person.id);
    }
    EXPECT_EQ(not_voted, (std::vector<PersonId>{frank, PersonId("hanna-post"), PersonId("christine-ludwig")}));

    // Names hidden: she sees the counts and her own votes, and no one else's name.
    const auto hidden = poll_view(store, gerda_link);
    EXPECT_EQ(hidden.mine, gerda_votes);
    EXPECT_EQ(hidden.tallies[0].yes, 2);
    EXPECT_TRUE(hidden.others.empty());
    EXPECT_TRUE(hidden.invited);
}

TEST_F(PollsTest, WhereThePollShowsNamesTheVotersSeeEachOther)
{
    // Self-help groups are invited: the participants do not see each other by the rule,
    // and a poll cannot show their names.
    EXPECT_THROW(static_cast<void>(create(true)), Error);
    EXPECT_FALSE(store.poll(vorbereitung));
    let_them_see_each_other(true);
    static_cast<void>(create(true));
    const auto links = send_and_read_links();
    const auto gerda_link = open(links.at("gerda.straub@example.org"));
    const std::vector<std::optional<PollVote>> votes{PollVote::yes, PollVote::no, PollVote::yes};
    EXPECT_EQ(vote_in_poll(store, open(links.at("wolfgang.maier@example.org")), votes, now), std::nullopt);
    const auto view = poll_view(store, gerda_link);
    ASSERT_EQ(view.others.size(), 1U);
    EXPECT_EQ(view.others.front().name, "Wolfgang Maier");
    EXPECT_EQ(view.others.front().votes, votes);
    const auto mail = sent.front().data;
    EXPECT_NE(std::regex_replace(mail, std::regex("=\r\n"), "").find("sehen Ihren Namen und Ihre Antworten."),
              std::string::npos);
    // Once the organiser hides the guest list, the poll hides the names too.
    let_them_see_each_other(false);
    EXPECT_TRUE(poll_view(store, gerda_link).others.empty());
    EXPECT_FALSE(poll_view(store, gerda_link).names_shown);
    EXPECT_FALSE(poll_table(store, vorbereitung, TravelModel{}).names_shown);
}

TEST_F(PollsTest, AReminderGoesToThoseWhoHaveNotVotedWithANewLink)
{
    static_cast<void>(create());
    const auto first = send_and_read_links();
    const std::vector<std::optional<PollVote>> votes{PollVote::yes, PollVote::yes, PollVote::yes};
    EXPECT_EQ(vote_in_poll(store, open(first.at("gerda.straub@example.org")), votes, now), std::nullopt);
    const auto reminded = remind_poll(store, vorbereitung, mailing, now);
    std::vector<PersonId> who;
    for (const auto& person : reminded.queued) {
        who.push_back(person.id);
    }
    EXPECT_EQ(who, (std::vector<PersonId>{frank, wolfgang, PersonId("christine-ludwig")}));
    const auto second = send_and_read_links();
    ASSERT_EQ(second.size(), 3U);
    EXPECT_FALSE(second.contains("gerda.straub@example.org"));
    EXPECT_NE(sent.front().data.find("Erinnerung an die Terminumfrage"), std::string::npos);
    // The first link of someone reminded opens nothing now; the new one does.
    EXPECT_TRUE(std::holds_alternative<LinkRefusal>(
        open_link(store, first.at("wolfgang.maier@example.org"), LinkPurpose::poll, "198.51.100.1", now, {})));
    EXPECT_EQ(open(second.at("wolfgang.maier@example.org")).link.person, wolfgang);
}

TEST_F(PollsTest, ConfirmingMovesAndConfirmsTheMeetingClosesThePollAndQueuesTheInvitations)
{
    static_cast<void>(create());
    const auto links = send_and_read_links();
    const auto gerda_link = open(links.at("gerda.straub@example.org"));
    const auto before = *store.meeting(vorbereitung);
    const auto confirmation = confirm_poll(store, vorbereitung, 2, mailing, TravelModel{}, ErrorConflicts::refused, now);
    ASSERT_TRUE(confirmation.confirmed);
    const auto after = *store.meeting(vorbereitung);
    EXPECT_EQ(after.time, TimeRange(utc(2031, 5, 20, 8), utc(2031, 5, 20, 10)));
    EXPECT_EQ(after.status, MeetingStatus::confirmed);
    EXPECT_EQ(after.agenda.size(), before.agenda.size());
    const auto poll = *store.poll(vorbereitung);
    EXPECT_EQ(poll.closed, now);
    EXPECT_EQ(poll.chosen, 2);
    ASSERT_TRUE(confirmation.letters);
    EXPECT_EQ(confirmation.letters->delivered.queued.size(), 4U);
    // The poll's mail went before; what waits now is the invitations alone.
    EXPECT_EQ(mail_in(db::MailState::queued).size(), 4U);
    EXPECT_EQ(mail_in(db::MailState::queued).count(db::MailKind::calendar), 4U);
    // Closed: its links open nothing, and a vote is refused.
    const std::vector<std::optional<PollVote>> votes{PollVote::yes, PollVote::yes, PollVote::yes};
    EXPECT_EQ(vote_in_poll(store, gerda_link, votes, now), VoteProblem::closed);
    EXPECT_TRUE(std::holds_alternative<LinkRefusal>(
        open_link(store, links.at("frank.veser@sigmaringen.example.org"), LinkPurpose::poll, "198.51.100.1", now, {})));
    EXPECT_THROW(static_cast<void>(confirm_poll(store, vorbereitung, 1, mailing, TravelModel{}, ErrorConflicts::refused, now)),
                 Error);
    // The invitations reach their people with the new time.
    static_cast<void>(send_and_read_links());
    ASSERT_EQ(sent.size(), 4U);
    EXPECT_NE(sent.front().data.find("text/calendar; method=REQUEST"), std::string::npos);
}

TEST_F(PollsTest, ATimeThatHasAConflictNowIsConfirmedOnlyWhenTheOrganiserAcceptsIt)
{
    static_cast<void>(create());
    // Since the poll began, Frank Veser (the chair) was booked elsewhere on the 13th.
    auto other = *store.meeting(MeetingId("austausch-2031"));
    auto clash = moved(other, utc(2031, 5, 13, 8));
    clash.participants.push_back({frank, Role::required});
    store.update(clash, other);
    const auto refused = confirm_poll(store, vorbereitung, 1, mailing, TravelModel{}, ErrorConflicts::refused, now);
    EXPECT_FALSE(refused.confirmed);
    EXPECT_TRUE(refused.preview.has_errors());
    EXPECT_EQ(store.meeting(vorbereitung)->status, MeetingStatus::tentative);
    EXPECT_FALSE(store.poll(vorbereitung)->closed);
    EXPECT_FALSE(poll_table(store, vorbereitung, TravelModel{}).candidates[1].conflicts.empty());
    EXPECT_TRUE(poll_table(store, vorbereitung, TravelModel{}).candidates[0].conflicts.empty());

    const auto accepted = confirm_poll(store, vorbereitung, 1, mailing, TravelModel{}, ErrorConflicts::accepted, now);
    EXPECT_TRUE(accepted.confirmed);
    EXPECT_EQ(store.meeting(vorbereitung)->time.start(), utc(2031, 5, 13, 8));
}

TEST_F(PollsTest, AClosedPollIsDeletedWithItsVotesAfterThirtyDays)
{
    static_cast<void>(create());
    const auto links = send_and_read_links();
    const std::vector<std::optional<PollVote>> votes{PollVote::yes, PollVote::yes, PollVote::yes};
    EXPECT_EQ(vote_in_poll(store, open(links.at("gerda.straub@example.org")), votes, now), std::nullopt);
    end_poll(store, vorbereitung, now);
    EXPECT_THROW(end_poll(store, vorbereitung, now), Error);
    EXPECT_EQ(forget_closed_polls(store, now + pt::hours(24 * 29)), 0);
    EXPECT_TRUE(store.poll(vorbereitung));
    EXPECT_EQ(forget_closed_polls(store, now + pt::hours(24 * 30) + pt::seconds(1)), 1);
    EXPECT_FALSE(store.poll(vorbereitung));
    EXPECT_TRUE(store.poll_votes(vorbereitung).empty());
    SQLite::Database db((dir / "planner.db").string());
    SQLite::Statement left(db, "SELECT count(*) FROM personal_link WHERE purpose = 'poll'");
    ASSERT_TRUE(left.executeStep());
    EXPECT_EQ(left.getColumn(0).getInt(), 0);
    // The meeting may have a new poll.
    static_cast<void>(create());
    EXPECT_FALSE(store.poll(vorbereitung)->closed);
}

TEST_F(PollsTest, PollMailAndCalendarMailOfOneMeetingDoNotReplaceEachOther)
{
    static_cast<void>(create());
    // The meeting's invitation queued while its poll's mail waits: both go.
    static_cast<void>(queue_letters_of(store, {vorbereitung.str(), "christine", mailing.sender_address, Language::de,
                                               mailing.base_url}));
    EXPECT_EQ(mail_in(db::MailState::queued).count(db::MailKind::poll), 4U);
    EXPECT_EQ(mail_in(db::MailState::queued).count(db::MailKind::calendar), 4U);
    // A reminder replaces the poll mail alone.
    static_cast<void>(remind_poll(store, vorbereitung, mailing, now));
    EXPECT_EQ(mail_in(db::MailState::queued).count(db::MailKind::calendar), 4U);
    EXPECT_EQ(mail_in(db::MailState::superseded).size(), 4U);
    EXPECT_EQ(mail_in(db::MailState::superseded).count(db::MailKind::poll), 4U);
}

TEST_F(PollsTest, SomeoneTakenOffTheListGetsNoPollMailAndTheirLinkEnds)
{
    static_cast<void>(create());
    const auto stored = *store.meeting(vorbereitung);
    auto changed = stored;
    std::erase_if(changed.participants, [](const Participant& p) { return p.person == wolfgang; });
    store.update(changed, stored);
    const auto links = send_and_read_links();
    EXPECT_EQ(links.size(), 3U);
    EXPECT_FALSE(links.contains("wolfgang.maier@example.org"));
    const auto wolfgangs = store.personal_links(wolfgang, LinkPurpose::poll, vorbereitung);
    ASSERT_EQ(wolfgangs.size(), 1U);
    EXPECT_TRUE(wolfgangs.front().revoked);
    EXPECT_FALSE(store.personal_links(gerda, LinkPurpose::poll, vorbereitung).front().revoked);
}

TEST_F(PollsTest, PollMailRefusedToSomeoneTakenOffTheListCannotBeSentAgain)
{
    static_cast<void>(create());
    // Wolfgang's mail is refused; the others' go.
    std::int64_t refused = 0;
    while (const auto message = store.claim_mail(now + pt::seconds(1))) {
        const bool his = message->version.person == wolfgang;
        refused = his ? message->id : refused;
        ASSERT_TRUE(store.settle_mail(message->id,
                                      {his ? db::MailOutcome::Kind::refused : db::MailOutcome::Kind::accepted,
                                       his ? "550 mailbox full" : "250 ok", {}},
                                      now));
    }
    ASSERT_NE(refused, 0);
    const auto stored = *store.meeting(vorbereitung);
    auto changed = stored;
    std::erase_if(changed.participants, [](const Participant& p) { return p.person == wolfgang; });
    store.update(changed, stored);
    // Its text went with him: it cannot go again, empty or not.
    EXPECT_FALSE(send_again(store, vorbereitung, refused, now));
    EXPECT_FALSE(store.claim_mail(now + pt::seconds(2)));
}

TEST_F(PollsTest, AMeetingSettledOtherwiseEndsItsPoll)
{
    static_cast<void>(create());
    const auto links = send_and_read_links();
    const auto stored = *store.meeting(vorbereitung);
    auto cancelled = stored;
    cancelled.status = MeetingStatus::cancelled;
    store.update(cancelled, stored);
    const auto poll = *store.poll(vorbereitung);
    EXPECT_TRUE(poll.closed);
    EXPECT_FALSE(poll.chosen);
    EXPECT_TRUE(std::holds_alternative<LinkRefusal>(
        open_link(store, links.at("gerda.straub@example.org"), LinkPurpose::poll, "198.51.100.1", now, {})));
    EXPECT_THROW(static_cast<void>(remind_poll(store, vorbereitung, mailing, now)), Error);
    EXPECT_THROW(static_cast<void>(confirm_poll(store, vorbereitung, 0, mailing, TravelModel{}, ErrorConflicts::refused, now)),
                 Error);
}

TEST_F(PollsTest, AMeetingMadeLongerSinceThePollBeganIsNotConfirmedAtItsShorterTimes)
{
    static_cast<void>(create());
    const auto stored = *store.meeting(vorbereitung);
    auto longer = stored;
    longer.time = TimeRange(stored.time.start(), stored.time.end() + pt::hours(1));
    store.update(longer, stored);
    try {
        static_cast<void>(confirm_poll(store, vorbereitung, 0, mailing, TravelModel{}, ErrorConflicts::refused, now));
        ADD_FAILURE() << "confirmed";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("is 03:00:00 long now, and the times of its poll 02:00:00"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_FALSE(store.poll(vorbereitung)->closed);
    EXPECT_EQ(store.meeting(vorbereitung)->status, MeetingStatus::tentative);
}

TEST(PollTimeTest, TimesAreReadAsPeopleTypeThemInTheMeetingsZone)
{
    const std::string berlin = "Europe/Berlin";
    EXPECT_EQ(poll_time_from_text("2031-03-10 14:00", berlin), utc(2031, 3, 10, 13));
    EXPECT_EQ(poll_time_from_text(" 2031-07-10T09:30 ", berlin), utc(2031, 7, 10, 7, 30));
    EXPECT_EQ(poll_time_from_text("10.03.2031 14:00", berlin), utc(2031, 3, 10, 13));
    EXPECT_EQ(poll_time_from_text("10.03.2031 9:05", berlin), utc(2031, 3, 10, 8, 5));
    for (const auto* wrong : {"", "2031-03-10", "2031-02-30 10:00", "2031-03-10 24:00", "2031-3-10 10:00",
                              "10.03.31 10:00", "2031-03-10 10:0", "morgen 10:00", "2031-03-10 10:00 Uhr"}) {
        EXPECT_EQ(poll_time_from_text(wrong, berlin), std::nullopt) << wrong;
    }
    // The hour the clocks skip in spring.
    EXPECT_THROW(static_cast<void>(poll_time_from_text("2031-03-30 02:30", berlin)), Error);
    EXPECT_EQ(poll_time_text(utc(2031, 3, 10, 13), berlin), "2031-03-10 14:00");
}

}  // namespace
}  // namespace planner::services
