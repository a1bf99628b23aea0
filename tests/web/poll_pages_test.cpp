// A date poll in the browser's pages: started by the organiser from the meeting's page,
// voted in through a person's own link (which opens that poll alone, and names nobody
// else), counted in the organiser's table, and confirmed: the meeting moves and its
// invitations are queued.

#include "web_fixture.hpp"

#include "run_planner.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <map>
#include <regex>

namespace planner::web::testing {
namespace {

namespace pt = boost::posix_time;

const MeetingId vorbereitung("vorbereitung-2031");
const std::string poll_page = "/meetings/vorbereitung-2031/poll";

void add_poll_meeting(WebFixture& fixture)
{
    const auto support = std::filesystem::path(PLANNER_SOURCE_DIR) / "tests" / "support";
    fixture.import_meeting_text("coming.toml", planner::testing::read_file(support / "meetings-2031.toml"));
    fixture.import_meeting_text("poll.toml", planner::testing::read_file(support / "poll-2031.toml"));
}

// Each person's link in the poll mail the outbox holds, claimed as its worker claims them.
std::map<std::string, std::string> poll_links(WebFixture& fixture)
{
    std::map<std::string, std::string> links;
    const auto now = pt::second_clock::universal_time() + pt::seconds(1);
    while (const auto message = fixture.store().claim_mail(now)) {
        const auto text = std::regex_replace(message->message, std::regex("=\r\n"), "");
        std::smatch found;
        if (message->kind == db::MailKind::poll &&
            std::regex_search(text, found, std::regex("http://planner\\.test/p/([A-Za-z0-9_-]{43})"))) {
            links[message->version.person.str()] = found[1];
        }
    }
    return links;
}

// A request with the cookie of a poll link's session for `meeting`, as the browser sends it.
Request as_voter(const WebFixture& fixture, Method method, const std::string& target, const std::string& meeting,
                 const std::string& cookie, NameValues form = {})
{
    auto request = fixture.request(Who::anonymous, method, target, std::move(form));
    for (auto& [name, value] : request.headers) {
        if (name == "cookie") {
            value = "planner-poll-" + meeting + "=" + cookie;
        }
    }
    return request;
}

std::string poll_cookie(const Response& response)
{
    std::smatch found;
    const auto cookies = header_of(response, "Set-Cookie");
    if (std::regex_search(cookies, found, std::regex("planner-poll-[a-z0-9._-]+=([A-Za-z0-9_-]+)"))) {
        return found[1];
    }
    return {};
}

Response start_poll(WebFixture& fixture, const std::string& times, bool names_shown = false)
{
    const auto form = fixture.dispatch(fixture.request(Who::organiser, Method::get, poll_page));
    EXPECT_EQ(form.status, 200u) << form.body;
    NameValues fields{{"times", times}};
    if (names_shown) {
        fields.emplace_back("names-shown", "yes");
    }
    return fixture.dispatch(fixture.request(Who::organiser, Method::post, poll_page, std::move(fields)));
}

TEST(PollPages, TheOrganiserStartsAPollAndEachInviteeVotesThroughTheirOwnLinkSeeingNoOtherName)
{
    WebFixture fixture;
    add_poll_meeting(fixture);
    const auto meeting_page = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/vorbereitung-2031"));
    EXPECT_NE(meeting_page.body.find("href=\"/meetings/vorbereitung-2031/poll\""), std::string::npos);

    // A line that is no time is named, and nothing is made.
    const auto wrong = start_poll(fixture, "2031-05-06 10:00\nDienstag 10 Uhr\n");
    EXPECT_EQ(wrong.status, 400u);
    EXPECT_NE(wrong.body.find("Zeile 2: „Dienstag 10 Uhr“ ist keine Zeit"), std::string::npos) << wrong.body;
    EXPECT_FALSE(fixture.store().poll(vorbereitung));
    // Self-help groups are invited, so the poll cannot show names: the form does not offer it.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::get, poll_page)).body.find("names-shown"),
              std::string::npos);
    const auto named = start_poll(fixture, "2031-05-06 10:00\n2031-05-13 10:00\n", true);
    EXPECT_EQ(named.status, 400u);
    EXPECT_NE(named.body.find("do not see each other"), std::string::npos) << named.body;
    const auto too_few = start_poll(fixture, "2031-05-06 10:00\n");
    EXPECT_EQ(too_few.status, 400u);
    EXPECT_NE(too_few.body.find("a poll asks about 2 to 10 times, not 1"), std::string::npos);

    const auto started = start_poll(fixture, "2031-05-06 10:00\n13.05.2031 10:00\n\n2031-05-20 10:00\n");
    ASSERT_EQ(started.status, 303u) << started.body;
    EXPECT_EQ(header_of(started, "Location"), "/meetings/vorbereitung-2031/poll?created=4");
    const auto links = poll_links(fixture);
    ASSERT_EQ(links.size(), 4U);

    const auto followed = fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/p/" + links.at("gerda-straub")));
    ASSERT_EQ(followed.status, 303u) << followed.body;
    EXPECT_EQ(header_of(followed, "Location"), "/vote/vorbereitung-2031");
    EXPECT_EQ(header_of(followed, "Referrer-Policy"), "no-referrer");
    const auto cookie = poll_cookie(followed);
    ASSERT_FALSE(cookie.empty());

    const auto page = fixture.dispatch(as_voter(fixture, Method::get, "/vote/vorbereitung-2031", "vorbereitung-2031", cookie));
    ASSERT_EQ(page.status, 200u) << page.body;
    EXPECT_NE(page.body.find("Vorbereitung 2031"), std::string::npos);
    EXPECT_NE(page.body.find("Christine Ludwig"), std::string::npos);
    EXPECT_NE(page.body.find("Dienstag, 13. Mai 2031, 10:00–12:00 Uhr"), std::string::npos) << page.body;
    for (const auto* other : {"Wolfgang Maier", "Hanna Post", "Frank Veser"}) {
        EXPECT_EQ(page.body.find(other), std::string::npos) << other;
    }
    const auto csrf = hidden_field(page.body, "csrf");
    ASSERT_TRUE(csrf);
    const auto incomplete = fixture.dispatch(as_voter(fixture, Method::post, "/vote/vorbereitung-2031", "vorbereitung-2031",
                                                      cookie, {{"csrf", *csrf}, {"vote-0", "yes"}}));
    EXPECT_EQ(incomplete.status, 400u);
    EXPECT_NE(incomplete.body.find("Bitte wählen Sie zu jedem Termin"), std::string::npos);
    const auto voted = fixture.dispatch(as_voter(fixture, Method::post, "/vote/vorbereitung-2031", "vorbereitung-2031", cookie,
                                                 {{"csrf", *csrf}, {"vote-0", "yes"}, {"vote-1", "no"}, {"vote-2", "if_need_be"}}));
    ASSERT_EQ(voted.status, 303u) << voted.body;
    EXPECT_EQ(header_of(voted, "Location"), "/vote/vorbereitung-2031?saved=1");
    const auto saved = fixture.dispatch(as_voter(fixture, Method::get, "/vote/vorbereitung-2031?saved=1", "vorbereitung-2031", cookie));
    EXPECT_NE(saved.body.find("Ihre Antworten sind gespeichert."), std::string::npos);
    EXPECT_NE(saved.body.find("id=\"vote-1-no\" name=\"vote-1\" value=\"no\" checked"), std::string::npos) << saved.body;

    // The organiser's table counts it and names who required cannot come.
    const auto table = fixture.dispatch(fixture.request(Who::organiser, Method::get, poll_page));
    ASSERT_EQ(table.status, 200u);
    EXPECT_NE(table.body.find("1 ja, 0 wenn nötig, 0 nein"), std::string::npos) << table.body;
    EXPECT_NE(table.body.find("<td>Gerda Straub</td>"), std::string::npos) << table.body;
    EXPECT_NE(table.body.find("Hanna Post (Ohne E-Mail-Adresse"), std::string::npos);
}

TEST(PollPages, APollLinkOpensThatPollAloneAndNoAnswerOrOtherMeeting)
{
    WebFixture fixture;
    add_poll_meeting(fixture);
    ASSERT_EQ(start_poll(fixture, "2031-05-06 10:00\n2031-05-13 10:00\n").status, 303u);
    const auto links = poll_links(fixture);
    const auto& token = links.at("gerda-straub");
    // Not a link to answer, nor a feed.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + token)).status, 404u);
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/feeds/" + token + ".ics")).status, 404u);
    const auto cookie = poll_cookie(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/p/" + token)));
    ASSERT_FALSE(cookie.empty());
    // Its session opens neither the answer page of the meeting nor another meeting's poll.
    auto answer = fixture.request(Who::anonymous, Method::get, "/reply/vorbereitung-2031");
    for (auto& [name, value] : answer.headers) {
        if (name == "cookie") {
            value = "planner-link-vorbereitung-2031=" + cookie;
        }
    }
    EXPECT_EQ(fixture.dispatch(answer).status, 404u);
    EXPECT_EQ(fixture.dispatch(as_voter(fixture, Method::get, "/vote/austausch-2031", "austausch-2031", cookie)).status, 404u);
    // A staff account, signed in, is nobody's voter.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::staff, Method::get, "/vote/vorbereitung-2031")).status, 404u);
}

TEST(PollPages, TheOrganiserRemindsAndConfirmsATimeAndTheInvitationsAreQueued)
{
    WebFixture fixture;
    add_poll_meeting(fixture);
    // Its organiser lets the participants see each other, and the poll shows names.
    const auto stored = *fixture.store().meeting(vorbereitung);
    auto shown = stored;
    shown.participants_see_each_other = true;
    fixture.store().update(shown, stored);
    ASSERT_EQ(start_poll(fixture, "2031-05-06 10:00\n2031-05-13 10:00\n", true).status, 303u);
    const auto links = poll_links(fixture);
    const auto cookie = poll_cookie(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/p/" + links.at("wolfgang-maier"))));
    const auto page = fixture.dispatch(as_voter(fixture, Method::get, "/vote/vorbereitung-2031", "vorbereitung-2031", cookie));
    const auto csrf = hidden_field(page.body, "csrf");
    ASSERT_TRUE(csrf);
    ASSERT_EQ(fixture.dispatch(as_voter(fixture, Method::post, "/vote/vorbereitung-2031", "vorbereitung-2031", cookie,
                                        {{"csrf", *csrf}, {"vote-0", "no"}, {"vote-1", "yes"}}))
                  .status,
              303u);
    // Names shown: the next voter sees his.
    const auto other = poll_cookie(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/p/" + links.at("gerda-straub"))));
    const auto seen = fixture.dispatch(as_voter(fixture, Method::get, "/vote/vorbereitung-2031", "vorbereitung-2031", other));
    EXPECT_NE(seen.body.find("<th scope=\"row\">Wolfgang Maier</th>"), std::string::npos) << seen.body;

    const auto reminded = fixture.dispatch(fixture.request(Who::organiser, Method::post, poll_page + "/remind"));
    ASSERT_EQ(reminded.status, 303u) << reminded.body;
    EXPECT_EQ(header_of(reminded, "Location"), poll_page + "?reminded=3");
    EXPECT_EQ(poll_links(fixture).size(), 3U);

    const auto confirmed = fixture.dispatch(
        fixture.request(Who::organiser, Method::post, poll_page + "/confirm", {{"candidate", "1"}}));
    ASSERT_EQ(confirmed.status, 303u) << confirmed.body;
    EXPECT_EQ(header_of(confirmed, "Location"), poll_page + "?confirmed=1");
    const auto meeting = *fixture.store().meeting(vorbereitung);
    EXPECT_EQ(meeting.status, MeetingStatus::confirmed);
    EXPECT_EQ(meeting.time.start(), pt::ptime(boost::gregorian::date(2031, 5, 13), pt::hours(8)));
    const auto after = fixture.dispatch(fixture.request(Who::organiser, Method::get, poll_page + "?confirmed=1"));
    EXPECT_NE(after.body.find("Der Termin ist festgelegt"), std::string::npos) << after.body;
    EXPECT_EQ(after.body.find("Diesen Termin festlegen"), std::string::npos);
    std::size_t invitations = 0;
    const auto now = pt::second_clock::universal_time() + pt::seconds(1);
    while (const auto message = fixture.store().claim_mail(now)) {
        invitations += message->kind == db::MailKind::calendar ? 1U : 0U;
    }
    EXPECT_EQ(invitations, 4U);
    // Closed: the voter's session ends with it.
    EXPECT_EQ(fixture.dispatch(as_voter(fixture, Method::get, "/vote/vorbereitung-2031", "vorbereitung-2031", cookie)).status,
              404u);
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::post, poll_page + "/end")).status, 400u);
}

}  // namespace
}  // namespace planner::web::testing
