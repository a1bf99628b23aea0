// A meeting made and changed in the form: the meeting file's checks beside the fields,
// the conflicts before saving, and "save anyway" for errors.

#include "web_fixture.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <planner/invitation_plan.hpp>

#include <span>

#include <string>

namespace planner::web::testing {
namespace {

NameValues new_meeting(const std::string& action)
{
    return {{"id", "austausch-2013-06"},
            {"title", "Austausch im Juni"},
            {"description", "Zweite Runde, \"mit\" <Gästen>"},
            {"day", "2013-06-03"},
            {"start", "10:00"},
            {"end", "12:00"},
            {"timezone", "Europe/Berlin"},
            {"venue", "rathaus-immenstaad"},
            {"status", "confirmed"},
            {"counties", "bodenseekreis"},
            {"counties", "konstanz"},
            {"organisers", "karin-bartholomaeus"},
            {"organisers", "christine-ludwig"},  // of Karin's account's office, the contact point
            {"role-axel-gossner", "required"},
            {"role-gerda-straub", "optional"},
            {"agenda-0-start", "10:00"},
            {"agenda-0-end", "11:00"},
            {"agenda-0-title", "Begrüßung"},
            {"agenda-0-presenter", "karin-bartholomaeus"},
            {"action", action}};
}

TEST(MeetingForm, AnOrganiserChecksThenSavesANewMeeting)
{
    WebFixture fixture;
    const auto blank = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/new-meeting"));
    ASSERT_EQ(blank.status, 200u);
    // The people of her county are offered, by organisation, and she is an organiser.
    EXPECT_NE(blank.body.find("id=\"organiser-karin-bartholomaeus\" aria-labelledby=\"who-karin-bartholomaeus organiser-label\" checked"),
              std::string::npos)
        << blank.body;

    const auto checked = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", new_meeting("check")));
    ASSERT_EQ(checked.status, 200u) << checked.body;
    EXPECT_NE(checked.body.find("Vor dem Speichern"), std::string::npos);
    EXPECT_NE(checked.body.find("Es wurde noch keine Einladung verschickt"), std::string::npos);
    EXPECT_FALSE(fixture.store().meeting(MeetingId("austausch-2013-06")).has_value());  // a check writes nothing

    const auto saved = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", new_meeting("save")));
    ASSERT_EQ(saved.status, 303u) << saved.body;
    EXPECT_EQ(header_of(saved, "Location"), "/meetings/austausch-2013-06");
    const auto meeting = fixture.store().meeting(MeetingId("austausch-2013-06"));
    ASSERT_TRUE(meeting.has_value());
    EXPECT_EQ(meeting->title, "Austausch im Juni");
    EXPECT_EQ(meeting->description, "Zweite Runde, \"mit\" <Gästen>");
    EXPECT_EQ(meeting->time, TimeRange(boost::posix_time::time_from_string("2013-06-03 08:00:00"),
                                       boost::posix_time::time_from_string("2013-06-03 10:00:00")));
    EXPECT_EQ(meeting->organisers, (std::vector{PersonId("karin-bartholomaeus"), PersonId("christine-ludwig")}));
    ASSERT_EQ(meeting->participants.size(), 2U);
    EXPECT_EQ(meeting->counties, (std::vector{CountyId("bodenseekreis"), CountyId("konstanz")}));
    ASSERT_EQ(meeting->agenda.size(), 1U);
    EXPECT_EQ(meeting->agenda.front().presenter, std::optional(PersonId("karin-bartholomaeus")));
    EXPECT_FALSE(meeting->uid.empty());

    // The same id again is said beside the id.
    const auto again = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", new_meeting("check")));
    EXPECT_EQ(again.status, 400u);
    EXPECT_NE(again.body.find("id=\"problem-id\""), std::string::npos) << again.body;
}

TEST(MeetingForm, TheMeetingFilesChecksAreShownBesideTheirFields)
{
    WebFixture fixture;
    const auto refused_with = [&](const std::string& name, const std::string& value) {
        auto form = new_meeting("check");
        for (auto& [key, old] : form) {
            if (key == name) {
                old = value;
            }
        }
        return fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", form));
    };
    struct Case {
        std::string field;
        std::string value;
        std::string shown_at;
        std::string says;
    };
    for (const auto& [field, value, shown_at, says] : std::vector<Case>{
             {"end", "09:00", "end", "is not after start"},
             {"start", "10 Uhr", "start", "Uhrzeit wie 14:00"},
             {"day", "3.6.2013", "day", "Tag wie 2012-10-11"},
             {"id", "-neu", "id", "start with a letter or digit"},
             {"venue", "nirgendwo", "venue", "unknown venue &#39;nirgendwo&#39;"},
             {"timezone", "Mars/Olympus", "timezone", "Mars/Olympus"},
             {"title", "", "title", "must not be empty"},
             {"agenda-0-end", "09:30", "agenda-0-end", "is not after start"},
             {"role-gerda-straub", "boss", "people", "unknown role &#39;boss&#39;"},
             {"status", "postponed", "status", "unknown status"},
         }) {
        SCOPED_TRACE(field);
        const auto response = refused_with(field, value);
        EXPECT_EQ(response.status, 400u);
        const auto problem = response.body.find("id=\"problem-" + shown_at + "\"");
        ASSERT_NE(problem, std::string::npos) << response.body;
        EXPECT_NE(response.body.find(says, problem), std::string::npos) << response.body.substr(problem, 300);
    }
    EXPECT_FALSE(fixture.store().meeting(MeetingId("austausch-2013-06")).has_value());
}

NameValues with(NameValues form, const std::string& name, const std::string& value)
{
    for (auto& [key, old] : form) {
        if (key == name) {
            old = value;
            return form;
        }
    }
    form.emplace_back(name, value);
    return form;
}

TEST(MeetingForm, AConflictThatIsAnErrorIsSavedOnlyWhenTheOrganiserSaysSo)
{
    WebFixture fixture;
    // Axel Goßner is at the Immenstaad meeting on 11 October 2012, 14:00 to 17:00.
    auto form = with(with(with(new_meeting("check"), "day", "2012-10-11"), "start", "15:00"), "end", "16:00");
    form = with(with(form, "agenda-0-start", "15:00"), "agenda-0-end", "15:30");
    const auto checked = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", form));
    ASSERT_EQ(checked.status, 200u);
    EXPECT_NE(checked.body.find("kennenlernen-2012"), std::string::npos) << checked.body;
    EXPECT_NE(checked.body.find("name=\"accept-errors\""), std::string::npos);

    const auto refused = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", with(form, "action", "save")));
    EXPECT_EQ(refused.status, 200u);
    EXPECT_NE(refused.body.find("Trotz Fehlern speichern"), std::string::npos);
    EXPECT_FALSE(fixture.store().meeting(MeetingId("austausch-2013-06")).has_value());

    const auto saved = fixture.dispatch(fixture.request(
        Who::organiser, Method::post, "/new-meeting", with(with(form, "action", "save"), "accept-errors", "yes")));
    EXPECT_EQ(saved.status, 303u);
    EXPECT_TRUE(fixture.store().meeting(MeetingId("austausch-2013-06")).has_value());
}

TEST(MeetingForm, ChangingAMeetingSaysWhoWillNeedAnUpdate)
{
    WebFixture fixture;
    ASSERT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", new_meeting("save"))).status,
              303u);
    const MeetingId id("austausch-2013-06");
    const auto stored = *fixture.store().meeting(id);
    // Axel Goßner got the invitation.
    const SentVersion sent{PersonId("axel-gossner"), 0, significant_content(stored), false};
    fixture.store().record_sent(id, std::span(&sent, 1));

    const auto edit = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/austausch-2013-06/edit"));
    ASSERT_EQ(edit.status, 200u);
    EXPECT_NE(edit.body.find("name=\"start\" type=\"time\" value=\"10:00\""), std::string::npos) << edit.body;
    EXPECT_NE(edit.body.find("<option value=\"optional\" selected>"), std::string::npos);

    auto moved = with(with(with(new_meeting("check"), "start", "13:00"), "end", "15:00"), "version",
                      form_version_in(edit));
    moved = with(with(moved, "agenda-0-start", "13:00"), "agenda-0-end", "14:00");
    const auto preview =
        fixture.dispatch(fixture.request(Who::organiser, Method::post, "/meetings/austausch-2013-06/edit", moved));
    ASSERT_EQ(preview.status, 200u) << preview.body;
    EXPECT_NE(preview.body.find("Neue Version (SEQUENCE 1), geändert: Tagesordnung, Zeit"), std::string::npos) << preview.body;
    EXPECT_NE(preview.body.find("Eine Aktualisierung bekommen: Axel Goßner"), std::string::npos);
    EXPECT_EQ(*fixture.store().meeting(id), stored);

    // The id of the path is kept, whatever the form says.
    const auto saved = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/meetings/austausch-2013-06/edit",
                                                        with(with(moved, "action", "save"), "id", "anders")));
    EXPECT_EQ(saved.status, 303u);
    const auto changed = *fixture.store().meeting(id);
    EXPECT_EQ(changed.uid, stored.uid);
    EXPECT_EQ(changed.time.start(), boost::posix_time::time_from_string("2013-06-03 11:00:00"));
    EXPECT_FALSE(fixture.store().meeting(MeetingId("anders")).has_value());

    // A form opened before that save does not silently undo it: it says so, and stands
    // on the meeting as it is now.
    const auto stale = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/meetings/austausch-2013-06/edit",
                                                        with(with(moved, "start", "16:00"), "action", "save")));
    EXPECT_EQ(stale.status, 400u);
    EXPECT_NE(stale.body.find("Jemand hat diesen Eintrag geändert"), std::string::npos);
    EXPECT_EQ(*fixture.store().meeting(id), changed);
    EXPECT_NE(form_version_in(stale), form_version_in(edit));

    // The organiser's meeting file, imported again with the meeting as it was before,
    // does not silently set back what was changed in the browser.
    fixture.import_meeting_text("austausch.toml", R"toml([[meeting]]
id = "austausch-2013-06"
title = "Austausch im Juni (aus der Datei)"
start = 2013-06-03T10:00:00
end = 2013-06-03T12:00:00
venue = "rathaus-immenstaad"
organisers = ["karin-bartholomaeus"]
)toml");
    EXPECT_EQ(*fixture.store().meeting(id), changed);

    // So is a meeting over two days: the form would save it as one day's, unasked.
    fixture.import_meeting_text("tagung.toml", R"toml([[meeting]]
id = "tagung"
title = "Zwei Tage"
start = 2013-06-10T09:00:00
end = 2013-06-11T17:00:00
venue = "rathaus-immenstaad"
organisers = ["christine-ludwig"]
)toml");
    const auto two_days = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/tagung/edit"));
    EXPECT_EQ(two_days.status, 400u);
    EXPECT_NE(two_days.body.find("runs over several days"), std::string::npos);

    // A series is changed through its meeting file, for now.
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::admin, Method::get, "/meetings/sprecherrat-2013/edit")).status, 400u);
}

}  // namespace
}  // namespace planner::web::testing
