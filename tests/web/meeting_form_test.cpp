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
    // Not said in the form: by the rule (Gerda leads a self-help group).
    EXPECT_EQ(meeting->participants_see_each_other, std::nullopt);

    // The organiser decides that they see each other; the form opens with it again.
    EXPECT_FALSE(meeting->published);
    auto edited = new_meeting("save");
    edited.emplace_back("guest-list", "shown");
    edited.emplace_back("public", "yes");
    edited.emplace_back("version", form_version_in(fixture.dispatch(
                                       fixture.request(Who::organiser, Method::get, "/meetings/austausch-2013-06/edit"))));
    const auto shown = fixture.dispatch(
        fixture.request(Who::organiser, Method::post, "/meetings/austausch-2013-06/edit", edited));
    ASSERT_EQ(shown.status, 303u) << shown.body;
    EXPECT_EQ(fixture.store().meeting(MeetingId("austausch-2013-06"))->participants_see_each_other, true);
    const auto reopened =
        fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/austausch-2013-06/edit"));
    EXPECT_NE(reopened.body.find("<option value=\"shown\" selected>ja</option>"), std::string::npos);
    // And that it is public; the form opens with that too.
    EXPECT_TRUE(fixture.store().meeting(MeetingId("austausch-2013-06"))->published);
    EXPECT_NE(reopened.body.find("<option value=\"yes\" selected>Ja: im öffentlichen Kalender"), std::string::npos);

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

namespace planner::web::testing {
namespace {

// Every other Tuesday in spring 2013, Christine and Karin at the district office's
// meeting room: where the Sprecherrat, with both of them, sits on the second Tuesday of
// the month.
NameValues jour_fixe(const std::string& action)
{
    return {{"id", "jour-fixe-2013"},
            {"title", "Jour fixe der Kontaktstelle"},
            {"day", "2013-03-05"},
            {"start", "10:00"},
            {"end", "11:00"},
            {"timezone", "Europe/Berlin"},
            {"venue", "lra-bodenseekreis-besprechung"},
            {"status", "confirmed"},
            {"counties", "bodenseekreis"},
            {"organisers", "christine-ludwig"},
            {"role-karin-bartholomaeus", "required"},
            {"repeat", "weekly"},
            {"every", "2"},
            {"until", "2013-06-25"},
            {"exceptions", "2013-04-02\r\n"},
            {"moved-from", "2013-05-14"},
            {"moved-day", "2013-05-15"},
            {"moved-start", "10:00"},
            {"moved-end", "11:00"},
            {"action", action}};
}

TEST(MeetingForm, ASeriesIsPickedCheckedMeetingByMeetingSavedAndOpenedAgain)
{
    WebFixture fixture;
    const MeetingId id("jour-fixe-2013");
    const auto checked = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", jour_fixe("check")));
    ASSERT_EQ(checked.status, 200u) << checked.body;
    // Each of its meetings is checked: on 11 June it meets in the room the Sprecherrat
    // has then, with Karin at both; the moved one meets the Sprecherrat's moved one.
    EXPECT_NE(checked.body.find("jour-fixe-2013@2013-06-11"), std::string::npos) << checked.body;
    EXPECT_NE(checked.body.find("jour-fixe-2013@2013-05-14"), std::string::npos);
    EXPECT_EQ(checked.body.find("jour-fixe-2013@2013-04-02"), std::string::npos);  // left out
    EXPECT_FALSE(fixture.store().meeting(id).has_value());

    auto anyway = jour_fixe("save");
    anyway.emplace_back("accept-errors", "yes");
    const auto saved = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", anyway));
    ASSERT_EQ(saved.status, 303u) << saved.body;
    const auto series = fixture.store().meeting(id);
    ASSERT_TRUE(series.has_value());
    ASSERT_TRUE(series->recurrence.has_value());
    EXPECT_EQ(series->recurrence->rule, "FREQ=WEEKLY;INTERVAL=2;UNTIL=20130625");
    EXPECT_EQ(series->recurrence->exceptions, std::vector<boost::gregorian::date>{boost::gregorian::date(2013, 4, 2)});
    ASSERT_EQ(series->recurrence->changes.size(), 1u);
    EXPECT_EQ(series->recurrence->changes[0].date, boost::gregorian::date(2013, 5, 14));
    EXPECT_EQ(series->recurrence->changes[0].time->start(), boost::posix_time::time_from_string("2013-05-15 08:00:00"));

    // Opened again, the picker holds what was picked.
    const auto form = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/jour-fixe-2013/edit"));
    ASSERT_EQ(form.status, 200u) << form.body;
    EXPECT_NE(form.body.find("<option value=\"weekly\" selected>"), std::string::npos);
    EXPECT_NE(form.body.find("name=\"every\" min=\"1\" max=\"52\" type=\"number\" value=\"2\""), std::string::npos) << form.body;
    EXPECT_NE(form.body.find("name=\"until\" type=\"date\" value=\"2013-06-25\""), std::string::npos);
    EXPECT_NE(form.body.find(">2013-04-02\n</textarea>"), std::string::npos);
    EXPECT_NE(form.body.find("name=\"moved-day\" type=\"date\" value=\"2013-05-15\""), std::string::npos);

    // Its page offers the form.
    const auto page_of_series = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/jour-fixe-2013"));
    EXPECT_NE(page_of_series.body.find("href=\"/meetings/jour-fixe-2013/edit\""), std::string::npos);

    // Changed in the form: ending two weeks earlier.
    auto shorter = jour_fixe("save");
    shorter[13].second = "2013-06-11";
    shorter.emplace_back("accept-errors", "yes");
    shorter.emplace_back("version", form_version_in(form));
    const auto changed = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/meetings/jour-fixe-2013/edit", shorter));
    ASSERT_EQ(changed.status, 303u) << changed.body;
    EXPECT_EQ(fixture.store().meeting(id)->recurrence->rule, "FREQ=WEEKLY;INTERVAL=2;UNTIL=20130611");
    EXPECT_EQ(fixture.store().meeting(id)->recurrence->changes.size(), 1u);

    // Made a single meeting again: checked as the one meeting it becomes, not against
    // the meetings it had.
    auto single = jour_fixe("check");
    single[11].second = "none";
    for (auto index : {14, 15, 16, 17, 18}) {
        single[static_cast<std::size_t>(index)].second = "";
    }
    single.emplace_back("version", form_version_in(
        fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/jour-fixe-2013/edit"))));
    const auto as_one = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/meetings/jour-fixe-2013/edit", single));
    ASSERT_EQ(as_one.status, 200u) << as_one.body;
    EXPECT_EQ(as_one.body.find("jour-fixe-2013@"), std::string::npos) << as_one.body;

    // Every one of its days left out: no meeting to conflict, and no error.
    auto none_left = jour_fixe("check");
    none_left[0].second = "nie-2013";
    none_left[13].second = "2013-03-05";
    none_left[14].second = "2013-03-05";
    for (auto index : {15, 16, 17, 18}) {
        none_left[static_cast<std::size_t>(index)].second = "";
    }
    EXPECT_EQ(fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", none_left)).status, 200u);

    // Monthly on its weekday: the Sprecherrat's own rule, which its form would write.
    auto monthly = jour_fixe("save");
    monthly[0].second = "monatlich-2013";
    monthly[2].second = "2013-01-08";
    monthly[11].second = "monthly";
    monthly[12].second = "1";
    monthly[13].second = "2013-12-31";
    monthly[14].second = "";
    for (auto index : {15, 16, 17, 18}) {
        monthly[static_cast<std::size_t>(index)].second = "";
    }
    monthly.emplace_back("accept-errors", "yes");
    const auto monthly_saved = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", monthly));
    ASSERT_EQ(monthly_saved.status, 303u) << monthly_saved.body;
    EXPECT_EQ(fixture.store().meeting(MeetingId("monatlich-2013"))->recurrence->rule,
              "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231");
}

TEST(MeetingForm, ASeriesDayThatTheRuleDoesNotGiveIsShownBesideItsField)
{
    WebFixture fixture;
    auto wrong = jour_fixe("check");
    wrong[14].second = "2013-04-03";  // a Wednesday
    const auto refused = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", wrong));
    EXPECT_EQ(refused.status, 400u);
    EXPECT_NE(refused.body.find("id=\"problem-exceptions\""), std::string::npos) << refused.body;

    auto not_a_number = jour_fixe("check");
    not_a_number[12].second = "zwei";
    const auto weeks = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", not_a_number));
    EXPECT_EQ(weeks.status, 400u);
    EXPECT_NE(weeks.body.find("id=\"problem-every\""), std::string::npos);
    EXPECT_FALSE(fixture.store().meeting(MeetingId("jour-fixe-2013")).has_value());

    auto single = jour_fixe("check");
    single[11].second = "none";
    const auto not_a_series = fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", single));
    EXPECT_EQ(not_a_series.status, 400u);
    EXPECT_NE(not_a_series.body.find("id=\"problem-repeat\""), std::string::npos);

    // Every other week is for weekly; the end before the first day; a day that is none.
    auto monthly_every = jour_fixe("check");
    monthly_every[11].second = "monthly";
    EXPECT_NE(fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", monthly_every))
                  .body.find("id=\"problem-every\""),
              std::string::npos);
    auto ends_before = jour_fixe("check");
    ends_before[13].second = "2013-03-01";
    EXPECT_NE(fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", ends_before))
                  .body.find("id=\"problem-until\""),
              std::string::npos);
    auto no_such_day = jour_fixe("check");
    no_such_day[2].second = "2013-02-30";
    EXPECT_NE(fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", no_such_day))
                  .body.find("id=\"problem-day\""),
              std::string::npos);
    // The moved meeting's end before its start: beside its end.
    auto backwards = jour_fixe("check");
    backwards[17].second = "11:00";
    backwards[18].second = "10:00";
    EXPECT_NE(fixture.dispatch(fixture.request(Who::organiser, Method::post, "/new-meeting", backwards))
                  .body.find("id=\"problem-moved-end\""),
              std::string::npos);

    // The Sprecherrat has a meeting cancelled as well as one moved: its rule and those
    // are changed in its meeting file.
    const auto sprecherrat = fixture.dispatch(fixture.request(Who::admin, Method::get, "/meetings/sprecherrat-2013/edit"));
    EXPECT_EQ(sprecherrat.status, 400u);
    EXPECT_NE(sprecherrat.body.find("/meeting-files"), std::string::npos);
}

}  // namespace
}  // namespace planner::web::testing
