// Check-in at the door: staff mark who came, find or add someone who came uninvited,
// and two tablets at one door keep each other's ticks.

#include "web_fixture.hpp"

#include <planner/meeting.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace planner::web::testing {
namespace {

const AttendanceRecord* record_of(const std::vector<AttendanceRecord>& records, std::string_view person)
{
    const auto found = std::find_if(records.begin(), records.end(),
                                    [&](const AttendanceRecord& record) { return record.person.str() == person; });
    return found == records.end() ? nullptr : &*found;
}

constexpr std::string_view door = "/meetings/kennenlernen-2012/check-in";

TEST(DoorPages, StaffMarkWhoCameAndThePageCountsThem)
{
    WebFixture fixture;
    const auto invited = attendees_in_room(*fixture.store().meeting(MeetingId("kennenlernen-2012"))).size();
    const auto before = fixture.dispatch(fixture.request(Who::staff, Method::get, std::string(door)));
    ASSERT_EQ(before.status, 200u);
    EXPECT_NE(before.body.find(fmt::format("0 von {} anwesend, 0 entschuldigt, 0 ohne Einladung", invited)),
              std::string::npos);
    // Grouped by county, each person with a button for each presence.
    EXPECT_NE(before.body.find("<h2>Landkreis Sigmaringen</h2>"), std::string::npos) << before.body;
    EXPECT_NE(before.body.find("id=\"person-frank-veser\""), std::string::npos);
    EXPECT_NE(before.body.find("name=\"presence\" value=\"excused\""), std::string::npos);

    const auto marked = fixture.dispatch(fixture.request(Who::staff, Method::post, std::string(door),
                                                         {{"person", "frank-veser"}, {"presence", "present"}}));
    EXPECT_EQ(marked.status, 303u);
    EXPECT_EQ(header_of(marked, "Location"), std::string(door) + "#person-frank-veser");
    const auto excused = fixture.dispatch(fixture.request(Who::staff, Method::post, std::string(door),
                                                          {{"person", "axel-gossner"}, {"presence", "excused"}}));
    EXPECT_EQ(excused.status, 303u);

    const auto records = fixture.store().attendance(MeetingId("kennenlernen-2012"));
    ASSERT_EQ(records.size(), 2U);
    ASSERT_NE(record_of(records, "frank-veser"), nullptr);
    EXPECT_EQ(record_of(records, "frank-veser")->presence, Presence::present);
    EXPECT_FALSE(record_of(records, "frank-veser")->walk_in);
    EXPECT_EQ(record_of(records, "axel-gossner")->presence, Presence::excused);
    const auto after = fixture.dispatch(fixture.request(Who::staff, Method::get, std::string(door)));
    EXPECT_NE(after.body.find(fmt::format("1 von {} anwesend, 1 entschuldigt, 0 ohne Einladung", invited)),
              std::string::npos);

    // A tap on the wrong button is put right with another.
    const auto corrected = fixture.dispatch(fixture.request(Who::staff, Method::post, std::string(door),
                                                            {{"person", "frank-veser"}, {"presence", "absent"}}));
    EXPECT_EQ(corrected.status, 303u);
    EXPECT_EQ(record_of(fixture.store().attendance(MeetingId("kennenlernen-2012")), "frank-veser")->presence,
              Presence::absent);
}

TEST(DoorPages, TwoTabletsAtOneDoorKeepEachOthersTicks)
{
    WebFixture fixture;
    const auto in_room = attendees_in_room(*fixture.store().meeting(MeetingId("kennenlernen-2012")));
    ASSERT_GE(in_room.size(), 10U);
    // Both tablets loaded the page before anyone was ticked; each ticks every other
    // person from its stale page, alternating.
    const auto first_page = fixture.dispatch(fixture.request(Who::staff, Method::get, std::string(door)));
    const auto second_page = fixture.dispatch(fixture.request(Who::organiser, Method::get, std::string(door)));
    ASSERT_EQ(first_page.status, 200u);
    ASSERT_EQ(second_page.status, 200u);
    for (std::size_t i = 0; i < in_room.size(); ++i) {
        const auto tablet = i % 2 == 0 ? Who::staff : Who::organiser;
        const auto response = fixture.dispatch(fixture.request(tablet, Method::post, std::string(door),
                                                               {{"person", in_room[i].str()}, {"presence", "present"}}));
        ASSERT_EQ(response.status, 303u) << in_room[i].str();
    }
    const auto records = fixture.store().attendance(MeetingId("kennenlernen-2012"));
    EXPECT_EQ(records.size(), in_room.size());
    for (const auto& person : in_room) {
        ASSERT_NE(record_of(records, person.str()), nullptr) << person.str();
    }
}

TEST(DoorPages, SomeoneUninvitedIsFoundAmongTheCountiesPeopleOrAddedOnTheSpot)
{
    WebFixture fixture;
    fixture.import_meeting_text("more.toml", R"toml([[person]]
id = "helga-nachtweih"
name = "Helga Nachtweih"
email = "helga.nachtweih@example.org"
organisation = "shg-krebs-fn"
)toml");
    // Too short a search finds nobody: a county's people cannot be read off letter by letter.
    const auto short_search = fixture.dispatch(fixture.request(Who::staff, Method::get, std::string(door) + "?find=na"));
    EXPECT_EQ(short_search.body.find("Helga"), std::string::npos);
    const auto found = fixture.dispatch(fixture.request(Who::staff, Method::get, std::string(door) + "?find=nachtW"));
    ASSERT_EQ(found.status, 200u);
    EXPECT_NE(found.body.find("Helga Nachtweih"), std::string::npos) << found.body;
    // Lena of Lindau is not of the counties this meeting concerns.
    const auto lindau = fixture.dispatch(fixture.request(Who::staff, Method::get, std::string(door) + "?find=Lindner"));
    EXPECT_EQ(lindau.body.find("Lena"), std::string::npos);
    EXPECT_NE(lindau.body.find("Niemand gefunden"), std::string::npos);

    const auto came = fixture.dispatch(fixture.request(Who::staff, Method::post, std::string(door),
                                                       {{"person", "helga-nachtweih"}, {"presence", "present"}}));
    EXPECT_EQ(came.status, 303u);
    const auto after_came = fixture.store().attendance(MeetingId("kennenlernen-2012"));
    const auto* record = record_of(after_came, "helga-nachtweih");
    ASSERT_NE(record, nullptr);
    EXPECT_TRUE(record->walk_in);
    // Someone uninvited cannot be excused: they were not expected.
    const auto excused = fixture.dispatch(fixture.request(Who::staff, Method::post, std::string(door),
                                                          {{"person", "helga-nachtweih"}, {"presence", "excused"}}));
    EXPECT_EQ(excused.status, 400u);
    EXPECT_NE(excused.body.find("was not invited"), std::string::npos);

    // Someone the store does not know: added with name, organisation and address.
    const auto added = fixture.dispatch(fixture.request(
        Who::staff, Method::post, "/meetings/kennenlernen-2012/walk-ins",
        {{"name", "Jürgen Weiß"}, {"organisation", "shg-rheuma-salem"}, {"email", "j.weiss@example.org"}}));
    EXPECT_EQ(added.status, 303u);
    EXPECT_EQ(header_of(added, "Location"), std::string(door) + "#person-juergen-weiss");
    const auto person = fixture.store().person(PersonId("juergen-weiss"));
    ASSERT_TRUE(person.has_value());
    EXPECT_EQ(person->name, "Jürgen Weiß");
    EXPECT_EQ(person->organisation, OrganisationId("shg-rheuma-salem"));
    const auto after_added = fixture.store().attendance(MeetingId("kennenlernen-2012"));
    const auto* walk_in = record_of(after_added, "juergen-weiss");
    ASSERT_NE(walk_in, nullptr);
    EXPECT_TRUE(walk_in->walk_in);
    const auto page = fixture.dispatch(fixture.request(Who::staff, Method::get, std::string(door)));
    EXPECT_NE(page.body.find("<h2>Ohne Einladung gekommen</h2>"), std::string::npos);
    EXPECT_NE(page.body.find("Jürgen Weiß"), std::string::npos);

    // A second Jürgen Weiß is someone else, with an id of their own.
    const auto namesake = fixture.dispatch(fixture.request(
        Who::staff, Method::post, "/meetings/kennenlernen-2012/walk-ins",
        {{"name", "Jürgen Weiß"}, {"organisation", "lra-konstanz"}, {"email", "juergen.weiss@example.org"}}));
    EXPECT_EQ(header_of(namesake, "Location"), std::string(door) + "#person-juergen-weiss-2");

    // What is wrong is said, and nothing is written.
    const auto people_before = fixture.store().records().people().size();
    const auto attendance_before = fixture.store().attendance(MeetingId("kennenlernen-2012"));
    for (const auto& [form, says] : std::vector<std::pair<NameValues, std::string>>{
             {{{"name", "Ohne Adresse"}, {"organisation", "lra-konstanz"}, {"email", "keine"}}, "is not an e-mail address"},
             {{{"name", " "}, {"organisation", "lra-konstanz"}, {"email", "a@example.org"}}, "give the name"},
             {{{"name", "Eins\nZwei"}, {"organisation", "lra-konstanz"}, {"email", "a@example.org"}}, "on one line"},
             {{{"name", "Ohne Stelle"}, {"organisation", "gibt-es-nicht"}, {"email", "a@example.org"}},
              "unknown organisation"}}) {
        const auto refused =
            fixture.dispatch(fixture.request(Who::staff, Method::post, "/meetings/kennenlernen-2012/walk-ins", form));
        EXPECT_EQ(refused.status, 400u) << says;
        EXPECT_NE(refused.body.find(says), std::string::npos) << refused.body;
    }
    // Nobody of another county is ticked by id, nor added to another county's
    // organisation; an id the store lacks gets the same answer.
    for (const auto* stranger : {"lena-lindner", "niemand"}) {
        const auto outside = fixture.dispatch(fixture.request(Who::staff, Method::post, std::string(door),
                                                              {{"person", stranger}, {"presence", "present"}}));
        EXPECT_EQ(outside.status, 400u) << stranger;
        EXPECT_NE(outside.body.find("nor one of the people of the counties it concerns"), std::string::npos);
    }
    const auto lindau_group = fixture.dispatch(fixture.request(
        Who::staff, Method::post, "/meetings/kennenlernen-2012/walk-ins",
        {{"name", "Lisa Lindau"}, {"organisation", "lra-lindau"}, {"email", "lisa@example.org"}}));
    EXPECT_EQ(lindau_group.status, 400u);
    EXPECT_EQ(fixture.store().records().people().size(), people_before);
    EXPECT_EQ(fixture.store().attendance(MeetingId("kennenlernen-2012")), attendance_before);
}

TEST(DoorPages, ASeriesIsCheckedInMeetingByMeetingAndACancelledOneNotAtAll)
{
    WebFixture fixture;
    // Not today: the series' days to choose from, without the cancelled one.
    const auto choose = fixture.dispatch(fixture.request(Who::organiser, Method::get, "/meetings/sprecherrat-2013/check-in"));
    ASSERT_EQ(choose.status, 200u);
    EXPECT_NE(choose.body.find("/meetings/sprecherrat-2013/check-in?on=2013-05-14"), std::string::npos) << choose.body;
    EXPECT_EQ(choose.body.find("on=2013-12-10"), std::string::npos);
    EXPECT_EQ(choose.body.find("on=2013-08-13"), std::string::npos);

    const auto may = fixture.dispatch(
        fixture.request(Who::organiser, Method::get, "/meetings/sprecherrat-2013/check-in?on=2013-05-14"));
    ASSERT_EQ(may.status, 200u);
    EXPECT_NE(may.body.find("action=\"/meetings/sprecherrat-2013/check-in?on=2013-05-14\""), std::string::npos);
    const auto marked = fixture.dispatch(fixture.request(Who::organiser, Method::post,
                                                         "/meetings/sprecherrat-2013/check-in?on=2013-05-14",
                                                         {{"person", "gerda-straub"}, {"presence", "present"}}));
    EXPECT_EQ(marked.status, 303u);
    EXPECT_EQ(header_of(marked, "Location"), "/meetings/sprecherrat-2013/check-in?on=2013-05-14#person-gerda-straub");
    const auto records = fixture.store().attendance(MeetingId("sprecherrat-2013"));
    ASSERT_EQ(records.size(), 1U);
    EXPECT_EQ(records.front().occurrence, boost::gregorian::date(2013, 5, 14));

    const auto cancelled = fixture.dispatch(
        fixture.request(Who::organiser, Method::get, "/meetings/sprecherrat-2013/check-in?on=2013-12-10"));
    EXPECT_NE(cancelled.body.find("abgesagt"), std::string::npos);
    EXPECT_EQ(cancelled.body.find("name=\"presence\""), std::string::npos);
    const auto refused = fixture.dispatch(fixture.request(Who::organiser, Method::post,
                                                          "/meetings/sprecherrat-2013/check-in?on=2013-12-10",
                                                          {{"person", "gerda-straub"}, {"presence", "present"}}));
    EXPECT_EQ(refused.status, 400u);
    const auto no_meeting = fixture.dispatch(fixture.request(Who::organiser, Method::post,
                                                             "/meetings/sprecherrat-2013/check-in?on=2013-08-13",
                                                             {{"person", "gerda-straub"}, {"presence", "present"}}));
    EXPECT_EQ(no_meeting.status, 400u);
    EXPECT_EQ(fixture.store().attendance(MeetingId("sprecherrat-2013")).size(), 1U);
}

}  // namespace
}  // namespace planner::web::testing
