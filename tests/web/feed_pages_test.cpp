// A person's own feed, fetched as a calendar program does: no cookie, the token in the
// address, If-None-Match on every later visit.

#include "web_fixture.hpp"

#include "run_planner.hpp"

#include <planner/services/feeds.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <regex>

namespace planner::web::testing {
namespace {

namespace pt = boost::posix_time;

// The meetings of tests/support/meetings-2031.toml.
void add_meetings_to_come(WebFixture& fixture)
{
    fixture.import_meeting_text("coming.toml", planner::testing::read_file(std::filesystem::path(PLANNER_SOURCE_DIR) / "tests" /
                                                         "support" / "meetings-2031.toml"));
}

Response fetch(WebFixture& fixture, const std::string& token, const std::string& etag = {})
{
    auto request = fixture.request(Who::anonymous, Method::get, "/feeds/" + token + ".ics");
    std::erase_if(request.headers, [](const auto& header) { return header.first == "cookie"; });
    if (!etag.empty()) {
        request.headers.emplace_back("if-none-match", etag);
    }
    return fixture.dispatch(request);
}

// The events' blocks of a calendar, unfolded.
std::vector<std::string> events_of(const std::string& calendar)
{
    const auto unfolded = std::regex_replace(calendar, std::regex("\r\n "), "");
    std::vector<std::string> events;
    for (auto at = unfolded.find("BEGIN:VEVENT"); at != std::string::npos; at = unfolded.find("BEGIN:VEVENT", at + 1)) {
        events.push_back(unfolded.substr(at, unfolded.find("END:VEVENT", at) - at));
    }
    return events;
}

TEST(Feeds, APersonsFeedHoldsTheirMeetingsAsTheirInvitationsDoAndNothingOlderThanSixMonths)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    const auto now = pt::second_clock::universal_time();
    const auto token = services::new_feed_link(fixture.store(), PersonId("gerda-straub"), now);
    ASSERT_TRUE(token);
    // Only one at a time: it cannot be shown again.
    EXPECT_FALSE(services::new_feed_link(fixture.store(), PersonId("gerda-straub"), now));

    const auto feed = fetch(fixture, *token);
    ASSERT_EQ(feed.status, 200u) << feed.body;
    EXPECT_EQ(feed.content_type, "text/calendar; charset=utf-8");
    EXPECT_EQ(header_of(feed, "Cache-Control"), "private, no-cache");
    EXPECT_EQ(header_of(feed, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(feed.body.find("METHOD:"), std::string::npos);  // a published calendar, not a request
    EXPECT_NE(feed.body.find("X-WR-CALNAME:Planer: Gerda Straub"), std::string::npos);
    // The series (its own event and its moved meeting), then the two single meetings;
    // the 2012 and 2013 meetings are long past.
    const auto events = events_of(feed.body);
    ASSERT_EQ(events.size(), 4U) << feed.body;
    const auto austausch = *fixture.store().meeting(MeetingId("austausch-2031"));
    const auto runde = *fixture.store().meeting(MeetingId("runde-2031"));
    EXPECT_NE(events[0].find("UID:" + runde.uid), std::string::npos);
    EXPECT_NE(events[0].find("RRULE:FREQ=MONTHLY"), std::string::npos);
    EXPECT_NE(events[1].find("RECURRENCE-ID;TZID=Europe/Berlin:20310304T180000"), std::string::npos);
    EXPECT_NE(events[2].find("UID:" + austausch.uid), std::string::npos);
    // Where the participants do not see each other: the organiser and her alone.
    EXPECT_NE(events[2].find("gerda.straub@example.org"), std::string::npos);
    EXPECT_EQ(events[2].find("wolfgang.maier@example.org"), std::string::npos);
    // Where they do: everybody.
    EXPECT_NE(events[3].find("wolfgang.maier@example.org"), std::string::npos);

    // Nothing changed: 304, with the same ETag.
    const auto etag = header_of(feed, "ETag");
    ASSERT_FALSE(etag.empty());
    const auto again = fetch(fixture, *token, etag);
    EXPECT_EQ(again.status, 304u);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(header_of(again, "ETag"), etag);
    // A change: the whole feed again, with another ETag.
    auto moved = austausch;
    moved.time = TimeRange(austausch.time.start() + pt::hours(1), austausch.time.end() + pt::hours(1));
    fixture.store().update(moved, austausch);
    const auto changed = fetch(fixture, *token, etag);
    EXPECT_EQ(changed.status, 200u);
    EXPECT_NE(header_of(changed, "ETag"), etag);
}

TEST(Feeds, AFeedTokenOpensTheFeedAloneAndARenewedOneEndsTheOld)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    auto& store = fixture.store();
    const auto now = pt::second_clock::universal_time();
    const auto feed = *services::new_feed_link(store, PersonId("gerda-straub"), now);
    // A feed token answers nothing.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + feed)).status, 404u);
    // An answer token is no feed.
    const auto answer = services::make_link(db::LinkPurpose::answer, PersonId("gerda-straub"),
                                            MeetingId("austausch-2031"), now + pt::hours(1), now);
    store.add_personal_links({&answer.row, 1});
    EXPECT_EQ(fetch(fixture, answer.token).status, 404u);
    // Without .ics, or with nothing: not a feed.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/feeds/" + feed)).status, 404u);

    const auto renewed = services::renew_feed_link(store, PersonId("gerda-straub"), now);
    EXPECT_EQ(fetch(fixture, feed).status, 404u);
    EXPECT_EQ(fetch(fixture, renewed).status, 200u);
}

TEST(Feeds, APersonMakesRenewsAndEndsTheirFeedFromTheirAnswerPage)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    auto& store = fixture.store();
    const auto now = pt::second_clock::universal_time();
    const auto answer = services::make_link(db::LinkPurpose::answer, PersonId("gerda-straub"),
                                            MeetingId("austausch-2031"), now + pt::hours(1), now);
    store.add_personal_links({&answer.row, 1});
    const auto opened = fixture.dispatch(fixture.request(Who::anonymous, Method::get, "/a/" + answer.token));
    std::smatch found;
    const auto cookies = header_of(opened, "Set-Cookie");
    ASSERT_TRUE(std::regex_search(cookies, found, std::regex("(planner-link-[a-z0-9.-]+=[A-Za-z0-9_-]+)")));
    const auto with_cookie = [&](Request request) {
        for (auto& [name, value] : request.headers) {
            if (name == "cookie") {
                value = found[1];
            }
        }
        return request;
    };
    const auto page = fixture.dispatch(with_cookie(fixture.request(Who::anonymous, Method::get, "/reply/austausch-2031")));
    const auto csrf = hidden_field(page.body, "csrf");
    ASSERT_TRUE(csrf);
    const auto renew = [&](const std::string& action) {
        return fixture.dispatch(with_cookie(
            fixture.request(Who::anonymous, Method::post, "/reply/austausch-2031/feed", {{"csrf", *csrf}, {"action", action}})));
    };

    const auto made = renew("renew");
    ASSERT_EQ(made.status, 200u) << made.body;
    std::smatch address;
    ASSERT_TRUE(std::regex_search(made.body, address, std::regex("http://planner\\.test/feeds/([A-Za-z0-9_-]{43})\\.ics")));
    EXPECT_NE(made.body.find("href=\"webcal://planner.test/feeds/" + address[1].str() + ".ics\""), std::string::npos);
    EXPECT_EQ(fetch(fixture, address[1]).status, 200u);

    const auto again = renew("renew");
    std::smatch second;
    ASSERT_TRUE(std::regex_search(again.body, second, std::regex("/feeds/([A-Za-z0-9_-]{43})\\.ics")));
    EXPECT_NE(second[1], address[1]);
    EXPECT_EQ(fetch(fixture, address[1]).status, 404u);
    EXPECT_EQ(fetch(fixture, second[1]).status, 200u);

    const auto stopped = renew("stop");
    EXPECT_NE(stopped.body.find("Das Abo ist beendet"), std::string::npos);
    EXPECT_EQ(fetch(fixture, second[1]).status, 404u);
}

TEST(Feeds, AnOrganiserWhoKeepsThePersonsRecordRenewsOrEndsTheirFeed)
{
    WebFixture fixture;
    add_meetings_to_come(fixture);
    const auto form = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/people/gerda-straub/edit"));
    EXPECT_NE(form.body.find("action=\"/people/gerda-straub/feed\""), std::string::npos);

    const auto made = fixture.dispatch(
        fixture.request(Who::organiser, Method::post, "/people/gerda-straub/feed", {{"action", "renew"}}));
    ASSERT_EQ(made.status, 200u) << made.body;
    std::smatch address;
    ASSERT_TRUE(std::regex_search(made.body, address, std::regex("http://planner\\.test/feeds/([A-Za-z0-9_-]{43})\\.ics")));
    EXPECT_EQ(fetch(fixture, address[1]).status, 200u);
    // Not the other county's organiser to touch.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::other_organiser, Method::post, "/people/gerda-straub/feed",
                                               {{"action", "stop"}}))
                  .status,
              403u);
    EXPECT_EQ(fetch(fixture, address[1]).status, 200u);
    const auto stopped = fixture.dispatch(
        fixture.request(Who::organiser, Method::post, "/people/gerda-straub/feed", {{"action", "stop"}}));
    EXPECT_NE(stopped.body.find("Das Abo ist beendet"), std::string::npos);
    EXPECT_EQ(fetch(fixture, address[1]).status, 404u);
}

Response fetch_public(WebFixture& fixture, const std::string& path, const std::string& etag = {})
{
    auto request = fixture.request(Who::anonymous, Method::get, path);
    std::erase_if(request.headers, [](const auto& header) { return header.first == "cookie"; });
    if (!etag.empty()) {
        request.headers.emplace_back("if-none-match", etag);
    }
    return fixture.dispatch(request);
}

TEST(Feeds, APublicFeedHoldsThePublicMeetingsOfItsCountyOrOrganisationWithoutAnyoneInvited)
{
    WebFixture fixture;
    // The Nachtreffen is public; the Austausch and the Runde are not.
    auto coming = planner::testing::read_file(std::filesystem::path(PLANNER_SOURCE_DIR) / "tests" / "support" /
                                              "meetings-2031.toml");
    coming = std::regex_replace(coming, std::regex("participants_see_each_other = true\n"),
                                "participants_see_each_other = true\npublic = true\n");
    // The series is public too, with its moved meeting; both present someone invited.
    coming = std::regex_replace(coming, std::regex("recurrence = \"FREQ=MONTHLY"), "public = true\nrecurrence = \"FREQ=MONTHLY");
    fixture.import_meeting_text("coming.toml", coming);
    for (const auto* id : {"nachtreffen-2031", "runde-2031"}) {
        const auto stored = *fixture.store().meeting(MeetingId(id));
        ASSERT_TRUE(stored.published) << id;
        auto presented = stored;
        presented.agenda.push_back({TimeRange(stored.time.start(), stored.time.start() + pt::hours(1)), "Bericht",
                                    PersonId("wolfgang-maier")});
        fixture.store().update(presented, stored);
    }

    for (const auto* path : {"/public/counties/bodenseekreis.ics", "/public/organisations/ks-bodenseekreis.ics"}) {
        const auto feed = fetch_public(fixture, path);
        ASSERT_EQ(feed.status, 200u) << path << feed.body;
        EXPECT_EQ(feed.content_type, "text/calendar; charset=utf-8");
        const auto events = events_of(feed.body);
        // The series, its moved meeting and the Nachtreffen; not the Austausch.
        ASSERT_EQ(events.size(), 3U) << feed.body;
        EXPECT_NE(feed.body.find("SUMMARY:Nachtreffen 2031"), std::string::npos);
        EXPECT_NE(feed.body.find("RECURRENCE-ID"), std::string::npos);
        EXPECT_NE(feed.body.find("Bericht"), std::string::npos);
        EXPECT_EQ(feed.body.find("Austausch"), std::string::npos);
        for (const auto* hidden : {"ATTENDEE", "ORGANIZER", "mailto:", "Gerda", "Wolfgang"}) {
            EXPECT_EQ(feed.body.find(hidden), std::string::npos) << hidden;
        }
        EXPECT_EQ(fetch_public(fixture, path, header_of(feed, "ETag")).status, 304u);
    }
    // Nothing public, or nothing there at all: the same 404.
    for (const auto* path : {"/public/organisations/shg-tinnitus-fn.ics", "/public/counties/konstanz.ics",
                             "/public/counties/nowhere.ics", "/public/people/gerda-straub.ics",
                             "/public/counties/bodenseekreis"}) {
        EXPECT_EQ(fetch_public(fixture, path).status, 404u) << path;
    }
    // The meeting's page names the public calendars it is in.
    const auto page = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/nachtreffen-2031"));
    EXPECT_NE(page.body.find("href=\"/public/counties/bodenseekreis.ics\""), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("href=\"/public/organisations/ks-bodenseekreis.ics\""), std::string::npos);
}

}  // namespace
}  // namespace planner::web::testing
