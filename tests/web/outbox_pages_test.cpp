// The meeting page's mail: the one button queues the letters in the outbox, the page
// says what became of each person's message, and a refused one goes again when the
// organiser says so. No worker runs here: what the pages queue stays queued.

#include "web_fixture.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <algorithm>

namespace planner::web::testing {
namespace {

namespace pt = boost::posix_time;

constexpr std::string_view page_of_meeting = "/meetings/kennenlernen-2012";
constexpr std::string_view send = "/meetings/kennenlernen-2012/send";

std::string body_of(WebFixture& fixture, Who who)
{
    const auto page = fixture.dispatch(fixture.request(who, Method::get, std::string(page_of_meeting)));
    EXPECT_EQ(page.status, 200u);
    return page.body;
}

TEST(OutboxPages, TheButtonQueuesTheInvitationsAndThePageSaysWhatBecameOfEach)
{
    WebFixture fixture;
    const auto before = body_of(fixture, Who::organiser);
    EXPECT_NE(before.find("<h2 id=\"mail\">Versand</h2>"), std::string::npos);
    EXPECT_NE(before.find("action=\"/meetings/kennenlernen-2012/send\""), std::string::npos);
    EXPECT_NE(before.find("Einladungen senden"), std::string::npos);
    EXPECT_NE(before.find(std::string(WebFixture::mail_sender)), std::string::npos);
    EXPECT_NE(before.find("Über den Postausgang wurde noch nichts verschickt."), std::string::npos);

    const auto sent = fixture.dispatch(fixture.request(Who::organiser, Method::post, std::string(send)));
    ASSERT_EQ(sent.status, 303u) << sent.body;
    // Back to the page, which says what was queued: a reload there sends nothing again.
    EXPECT_EQ(header_of(sent, "Location"), "/meetings/kennenlernen-2012?queued=25&waiting=0&left-out=0#mail");
    const auto queued = fixture.store().mail_of_meeting(MeetingId("kennenlernen-2012"));
    ASSERT_EQ(queued.size(), 25U);
    EXPECT_TRUE(std::all_of(queued.begin(), queued.end(), [](const db::OutboxMessage& message) {
        return message.state == db::MailState::queued && message.queued_by == "karin" &&
               message.envelope_from == WebFixture::mail_sender;
    }));
    const auto location = header_of(sent, "Location");
    // As a browser asks for it: without the fragment.
    const auto told = fixture.dispatch(
        fixture.request(Who::organiser, Method::get, location.substr(0, location.find('#'))));
    EXPECT_NE(told.body.find("<p role=\"status\">Eingereiht: 25. Schon unterwegs: 0."), std::string::npos) << told.body;

    // Pressed again: nothing is queued twice.
    const auto again = fixture.dispatch(fixture.request(Who::organiser, Method::post, std::string(send)));
    EXPECT_EQ(header_of(again, "Location"), "/meetings/kennenlernen-2012?queued=0&waiting=0&left-out=0#mail");
    EXPECT_EQ(fixture.store().mail_of_meeting(MeetingId("kennenlernen-2012")).size(), 25U);

    const auto after = body_of(fixture, Who::organiser);
    EXPECT_NE(after.find("<td>frank.veser@sigmaringen.example.org</td>"), std::string::npos);
    EXPECT_NE(after.find("<span>wartet</span>"), std::string::npos);
}

TEST(OutboxPages, ARefusalShowsTheServersWordsAndGoesAgainWhenTheOrganiserSaysSo)
{
    WebFixture fixture;
    static_cast<void>(fixture.dispatch(fixture.request(Who::organiser, Method::post, std::string(send))));
    auto& store = fixture.store();
    const auto now = pt::second_clock::universal_time() + pt::seconds(1);
    const auto claimed = store.claim_mail(now);
    ASSERT_TRUE(claimed.has_value());
    ASSERT_TRUE(store.settle_mail(
        claimed->id, {db::MailOutcome::Kind::refused, "550 5.1.1 <x@y.example>: user unknown", now}, now));

    const auto page = body_of(fixture, Who::organiser);
    EXPECT_NE(page.find("<span>abgelehnt</span><br><small>550 5.1.1 &lt;x@y.example&gt;: user unknown</small>"),
              std::string::npos);
    const auto again_path = "/meetings/kennenlernen-2012/mail/" + std::to_string(claimed->id) + "/again";
    EXPECT_NE(page.find("action=\"" + again_path + "\""), std::string::npos);

    const auto again = fixture.dispatch(fixture.request(Who::organiser, Method::post, again_path));
    EXPECT_EQ(again.status, 303u);
    EXPECT_EQ(header_of(again, "Location"), "/meetings/kennenlernen-2012#mail");
    const auto messages = store.mail_of_meeting(MeetingId("kennenlernen-2012"));
    const auto requeued = std::find_if(messages.begin(), messages.end(),
                                       [&](const db::OutboxMessage& message) { return message.id == claimed->id; });
    ASSERT_NE(requeued, messages.end());
    EXPECT_EQ(requeued->state, db::MailState::queued);
    // Queued again, it cannot be queued once more; an entry that is no number is no entry.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::post, again_path)).status, 400u);
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::post,
                                               "/meetings/kennenlernen-2012/mail/x1/again"))
                  .status,
              400u);
}

TEST(OutboxPages, OnlyThoseWhoMayChangeTheMeetingSeeTheMailAndWithoutSmtpNothingIsSent)
{
    WebFixture fixture;
    EXPECT_EQ(body_of(fixture, Who::staff).find("id=\"mail\""), std::string::npos);
    fixture.without_mail();
    const auto page = body_of(fixture, Who::organiser);
    EXPECT_NE(page.find("Dieser Dienst verschickt keine E-Mails"), std::string::npos);
    EXPECT_EQ(page.find("action=\"/meetings/kennenlernen-2012/send\""), std::string::npos);
    const auto refused = fixture.dispatch(fixture.request(Who::organiser, Method::post, std::string(send)));
    EXPECT_EQ(refused.status, 400u);
    EXPECT_TRUE(fixture.store().mail_of_meeting(MeetingId("kennenlernen-2012")).empty());
}

TEST(OutboxPages, SomeoneWithoutEMailIsLeftOutOfTheMailAndGetsALetterToPrint)
{
    WebFixture fixture;
    fixture.import_meeting_text("brief.toml", R"([[person]]
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
organisers = ["karin-bartholomaeus", "christine-ludwig"]
participants = [{ person = "frank-veser", role = "required" }, { person = "rosa-rieger", role = "required" }]
)");
    const auto page = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/brief-2013"));
    ASSERT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("href=\"/meetings/brief-2013/letters.pdf\">Briefe zum Drucken (PDF) für alle ohne E-Mail-Adresse: 1<"),
              std::string::npos);
    const auto letters = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/brief-2013/letters.pdf"));
    ASSERT_EQ(letters.status, 200u) << letters.body;
    EXPECT_EQ(letters.content_type, "application/pdf");
    EXPECT_TRUE(letters.body.starts_with("%PDF-"));
    EXPECT_EQ(header_of(letters, "Content-Disposition"), "attachment; filename=\"briefe-brief-2013.pdf\"");
    // Staff read the meeting, but postal addresses are for those who organise it.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::staff, Method::get, "/meetings/brief-2013/letters.pdf")).status,
              403u);

    const auto sent = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/meetings/brief-2013/send"));
    EXPECT_EQ(header_of(sent, "Location"), "/meetings/brief-2013?queued=3&waiting=0&left-out=0#mail");
    const auto queued = fixture.store().mail_of_meeting(MeetingId("brief-2013"));
    EXPECT_EQ(queued.size(), 3U);  // the organisers and Frank
    EXPECT_TRUE(std::none_of(queued.begin(), queued.end(), [](const db::OutboxMessage& message) {
        return message.version.person == PersonId("rosa-rieger");
    }));
}

}  // namespace
}  // namespace planner::web::testing
