// A person's own link to answer, followed as a participant without an account does:
// from the mail the outbox holds, through the session it opens, to the answer the
// organiser sees. And each token opens only what it was made for.

#include "web_fixture.hpp"

#include "run_planner.hpp"

#include <planner/services/personal_links.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <regex>

namespace planner::web::testing {
namespace {

namespace pt = boost::posix_time;

const MeetingId austausch("austausch-2031");
const MeetingId nachtreffen("nachtreffen-2031");

// The meetings of tests/support/meetings-2031.toml.
void add_meetings_to_come(WebFixture& fixture)
{
    fixture.import_meeting_text("coming.toml", planner::testing::read_file(std::filesystem::path(PLANNER_SOURCE_DIR) / "tests" /
                                                         "support" / "meetings-2031.toml"));
}

// The link in the mail to `person` that the organiser's button queued, read as a mail
// program shows the text (quoted-printable undone). The messages are claimed as the
// outbox's worker claims them; none is sent.
std::string send_and_take_link(WebFixture& fixture, const MeetingId& meeting, const std::string& person)
{
    const auto sent = fixture.dispatch(
        fixture.request(Who::organiser, Method::post, "/meetings/" + meeting.str() + "/send"));
    EXPECT_EQ(sent.status, 303u) << sent.body;
    std::string token;
    const auto now = pt::second_clock::universal_time() + pt::seconds(1);
    while (const auto message = fixture.store().claim_mail(now)) {
        if (message->version.person.str() != person || message->meeting != meeting) {
            continue;
        }
        const auto text = std::regex_replace(message->message, std::regex("=\r\n"), "");
        std::smatch found;
        if (std::regex_search(text, found, std::regex("http://planner\\.test/a/([A-Za-z0-9_-]{43})"))) {
            token = found[1];
        }
    }
    return token;
}

// A request with the cookie of a link's session and nothing else a browser of ours
// would have.
Request as_link_holder(const WebFixture& fixture, Method method, const std::string& target, const std::string& cookie,
                       NameValues form = {})
{
    auto request = fixture.request(Who::anonymous, method, target, std::move(form));
    // The cookie of the meeting the target names, as the browser sends it there.
    const auto meeting = target.substr(std::string("/reply/").size(), target.find('?') - std::string("/reply/").size());
    for (auto& [name, value] : request.headers) {
        if (name == "cookie") {
            value = "planner-link-" + meeting + "=" + cookie;
        }
    }
    return request;
}

// The cookie the response sets for a link's session.
std::string link_cookie(const Response& response)
{
    std::smatch found;
    const auto cookies = header_of(response, "Set-Cookie");
    if (std::regex_search(cookies, found, std::regex("planner-link-[a-z0-9._-]+=([A-Za-z0-9_-]+)"))) {
        return found[1];
    }
    return {};
}

TEST(AnswerLinks, TheLinkInTheMailOpensTheAnswerPageWithoutTheTokenAndTheAnswerReachesTheOrganiser)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    const auto token = send_and_take_link(fixture, austausch, "gerda-straub");
    ASSERT_EQ(token.size(), 43U);
    // The store keeps the hash of the token, never the token.
    const auto links = fixture.store().personal_links(PersonId("gerda-straub"), db::LinkPurpose::answer, austausch);
    ASSERT_EQ(links.size(), 1U);
    EXPECT_EQ(links.front().hash, services::token_hash(token));
    EXPECT_EQ(links.front().expires, pt::ptime(boost::gregorian::date(2031, 6, 3), pt::hours(10)));  // 12:00 CEST

    const auto followed = fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + token));
    ASSERT_EQ(followed.status, 303u) << followed.body;
    EXPECT_EQ(header_of(followed, "Location"), "/reply/austausch-2031");
    EXPECT_EQ(header_of(followed, "Referrer-Policy"), "no-referrer");
    const auto cookie = link_cookie(followed);
    ASSERT_FALSE(cookie.empty());
    EXPECT_NE(header_of(followed, "Set-Cookie").find("HttpOnly; SameSite=Lax; Max-Age=7200"), std::string::npos);

    const auto page = fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/austausch-2031", cookie));
    ASSERT_EQ(page.status, 200u) << page.body;
    EXPECT_NE(page.body.find("Austausch 2031"), std::string::npos);
    EXPECT_NE(page.body.find("Antwort von Gerda Straub"), std::string::npos);
    EXPECT_NE(page.body.find("Christine Ludwig"), std::string::npos);
    EXPECT_NE(page.body.find("Sie haben noch nicht geantwortet."), std::string::npos);
    // Nobody else invited is named: a self-help group's membership is the person's own.
    EXPECT_EQ(page.body.find("Wolfgang Maier"), std::string::npos);
    EXPECT_EQ(page.body.find(token), std::string::npos);

    const auto csrf = hidden_field(page.body, "csrf");
    ASSERT_TRUE(csrf);
    const auto answered = fixture.dispatch(as_link_holder(fixture, Method::post, "/reply/austausch-2031", cookie,
                                                          {{"csrf", *csrf}, {"answer", "tentative"},
                                                           {"comment", "Ich komme mit dem Zug"}}));
    ASSERT_EQ(answered.status, 303u) << answered.body;
    EXPECT_EQ(header_of(answered, "Location"), "/reply/austausch-2031?saved=1");
    auto answers = fixture.store().answers(austausch);
    ASSERT_EQ(answers.size(), 1U);
    EXPECT_EQ(answers.front().answer, Answer::tentative);
    EXPECT_EQ(answers.front().comment, "Ich komme mit dem Zug");
    EXPECT_EQ(answers.front().recorded_by, std::nullopt);  // their own answer, as from a calendar
    EXPECT_EQ(answers.front().sequence, fixture.store().meeting(austausch)->sequence);

    // The organiser's page shows it as any answer, with the comment.
    const auto organisers_page =
        fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/austausch-2031"));
    EXPECT_NE(organisers_page.body.find("<td>vielleicht</td><td>Ich komme mit dem Zug</td>"), std::string::npos)
        << organisers_page.body;

    // Changed: the newer answer replaces the first.
    const auto changed = fixture.dispatch(as_link_holder(fixture, Method::post, "/reply/austausch-2031", cookie,
                                                         {{"csrf", *csrf}, {"answer", "declined"}}));
    ASSERT_EQ(changed.status, 303u) << changed.body;
    answers = fixture.store().answers(austausch);
    ASSERT_EQ(answers.size(), 1U);
    EXPECT_EQ(answers.front().answer, Answer::declined);
    const auto saved = fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/austausch-2031?saved=1", cookie));
    EXPECT_NE(saved.body.find("Ihre Antwort bisher: abgesagt"), std::string::npos) << saved.body;


    // Without the form's token of the session, nothing is recorded.
    const auto forged = fixture.dispatch(as_link_holder(fixture, Method::post, "/reply/austausch-2031", cookie,
                                                        {{"csrf", "forged"}, {"answer", "accepted"}}));
    EXPECT_EQ(forged.status, 403u);
    EXPECT_EQ(fixture.store().answers(austausch).front().answer, Answer::declined);
}

TEST(AnswerLinks, EachTokenOpensOnlyWhatItWasMadeFor)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    const auto token = send_and_take_link(fixture, austausch, "gerda-straub");
    const auto cookie = link_cookie(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + token)));
    ASSERT_FALSE(cookie.empty());

    // The session of one meeting's link reaches no other meeting, nor can it answer one.
    EXPECT_EQ(fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/nachtreffen-2031", cookie)).status, 404u);
    const auto page = fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/austausch-2031", cookie));
    const auto csrf = hidden_field(page.body, "csrf");
    ASSERT_TRUE(csrf);
    EXPECT_EQ(fixture.dispatch(as_link_holder(fixture, Method::post, "/reply/nachtreffen-2031", cookie,
                                              {{"csrf", *csrf}, {"answer", "accepted"}}))
                  .status,
              404u);
    EXPECT_TRUE(fixture.store().answers(nachtreffen).empty());
    // Nor is the link's cookie an account's session, nor an account's a link's.
    EXPECT_EQ(fixture.dispatch(as_link_holder(fixture, Method::get, "/meetings/austausch-2031", cookie)).status, 303u);
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::get, "/reply/austausch-2031")).status, 404u);

    // A link made for another purpose (a feed) opens no answer page.
    auto& store = fixture.store();
    const auto now = pt::second_clock::universal_time();
    const auto feed = services::make_link(db::LinkPurpose::feed, PersonId("gerda-straub"), std::nullopt, std::nullopt, now);
    store.add_personal_links({&feed.row, 1});
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + feed.token)).status, 404u);

    // An expired link opens nothing.
    const auto expired = services::make_link(db::LinkPurpose::answer, PersonId("gerda-straub"), austausch,
                                             now - pt::minutes(1), now - pt::hours(1));
    store.add_personal_links({&expired.row, 1});
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + expired.token)).status, 404u);

    // A revoked link opens nothing, and the session it opened ends with it (both of
    // her links to answer this meeting are revoked: the mail's and the expired one).
    EXPECT_EQ(store.revoke_personal_links(PersonId("gerda-straub"), db::LinkPurpose::answer, austausch), 2U);
    EXPECT_EQ(fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/austausch-2031", cookie)).status, 404u);
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + token)).status, 404u);
}

TEST(AnswerLinks, AWrongTokenIsSlowedAndTooManyAreToldSo)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    const auto token = send_and_take_link(fixture, austausch, "gerda-straub");
    const services::LinkLimits limits;
    for (int i = 0; i < limits.wrong_tokens_per_address; ++i) {
        const auto wrong = fixture.dispatch(
            fixture.request(Who::anonymous, Method::get, "/a/" + std::string(42, 'A') + std::to_string(i % 10)));
        EXPECT_EQ(wrong.status, 404u);
        EXPECT_GE(wrong.delay, std::chrono::milliseconds(1000));
        EXPECT_EQ(header_of(wrong, "Referrer-Policy"), "no-referrer");
    }
    // The next wrong one from that address is told so.
    const auto refused = fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + std::string(43, 'B')));
    EXPECT_EQ(refused.status, 429u);
    EXPECT_GE(refused.delay, std::chrono::milliseconds(1000));
    EXPECT_NE(refused.body.find("Zu viele ungültige Links"), std::string::npos);
    // A right one still opens, so that a page elsewhere that makes browsers ask for
    // wrong links cannot lock an office out of its own.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + token)).status, 303u);
}

TEST(AnswerLinks, WhereTheOrganiserLetsParticipantsSeeEachOtherTheAnswerPageNamesTheOthers)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    const auto token = send_and_take_link(fixture, nachtreffen, "gerda-straub");
    const auto cookie = link_cookie(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + token)));
    const auto page = fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/nachtreffen-2031", cookie));
    ASSERT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("<dt>Ebenfalls eingeladen</dt><dd>Wolfgang Maier</dd>"), std::string::npos) << page.body;

    // The organiser's page says which it is, and whether by the rule.
    const auto shown = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/nachtreffen-2031"));
    EXPECT_NE(shown.body.find("<dt>Teilnehmende sehen einander</dt><dd>ja</dd>"), std::string::npos);
    const auto hidden = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/austausch-2031"));
    EXPECT_NE(hidden.body.find("<dt>Teilnehmende sehen einander</dt><dd>nein: jede Einladung nennt nur die "
                               "Organisation und die eingeladene Person (automatisch)</dd>"),
              std::string::npos)
        << hidden.body;
}

TEST(AnswerLinks, LinksToTwoMeetingsOpenSideBySide)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    const auto first = link_cookie(fixture.dispatch(fixture.request(
        Who::anonymous, Method::get, "/a/" + send_and_take_link(fixture, austausch, "gerda-straub"))));
    const auto second = link_cookie(fixture.dispatch(fixture.request(
        Who::anonymous, Method::get, "/a/" + send_and_take_link(fixture, nachtreffen, "gerda-straub"))));
    EXPECT_EQ(fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/austausch-2031", first)).status, 200u);
    EXPECT_EQ(fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/nachtreffen-2031", second)).status, 200u);
}

TEST(AnswerLinks, SomeoneTakenOffTheListReadsNothingOfTheMeetingAndTheNextSendingEndsTheirLink)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    const auto token = send_and_take_link(fixture, austausch, "gerda-straub");
    const auto cookie = link_cookie(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + token)));
    auto& store = fixture.store();
    const auto before = *store.meeting(austausch);
    auto without_her = before;
    std::erase_if(without_her.participants, [](const Participant& p) { return p.person == PersonId("gerda-straub"); });
    without_her.description = "Neue Tagesordnung";
    store.update(without_her, before);

    const auto page = fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/austausch-2031", cookie));
    EXPECT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("nicht mehr auf der Einladungsliste"), std::string::npos);
    EXPECT_EQ(page.body.find("Austausch 2031"), std::string::npos);
    EXPECT_EQ(page.body.find("Neue Tagesordnung"), std::string::npos);
    EXPECT_EQ(page.body.find("Rathaus"), std::string::npos);

    // The organiser sends the change: she is told of her cancellation, and her link ends.
    static_cast<void>(send_and_take_link(fixture, austausch, "wolfgang-maier"));
    EXPECT_EQ(fixture.dispatch(as_link_holder(fixture, Method::get, "/reply/austausch-2031", cookie)).status, 404u);
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + token)).status, 404u);
}

}  // namespace
}  // namespace planner::web::testing
