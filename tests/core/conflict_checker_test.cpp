#include <planner/conflict_checker.hpp>

#include <planner/error.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace planner {

// Names instead of bytes in the failure messages of GoogleTest.
void PrintTo(ConflictKind kind, std::ostream* out) { *out << to_string(kind); }

}  // namespace planner

namespace {

namespace pt = boost::posix_time;

using namespace planner;

pt::ptime utc(const std::string& text)
{
    return pt::time_from_string(text.size() == 16 ? text + ":00" : text);
}

// A wall-clock time of the zone ("2013-03-06 09:30") as a UTC instant.
pt::ptime local(const std::string& text, const std::string& zone = "Europe/Berlin")
{
    return time_zone(zone).to_utc(utc(text));
}

Participant required(const char* id) { return {PersonId{id}, Role::required}; }
Participant optional(const char* id) { return {PersonId{id}, Role::optional}; }
Participant info(const char* id) { return {PersonId{id}, Role::info}; }

AgendaItem item(const char* title, const std::string& start, const std::string& end)
{
    return {TimeRange(local(start), local(end)), title, std::nullopt};
}

std::vector<std::string> ids(const std::vector<MeetingId>& meetings)
{
    std::vector<std::string> result;
    for (const auto& id : meetings) {
        result.push_back(id.str());
    }
    return result;
}

std::vector<ConflictKind> kinds(const std::vector<Conflict>& conflicts)
{
    std::vector<ConflictKind> result;
    for (const auto& conflict : conflicts) {
        result.push_back(conflict.kind);
    }
    return result;
}

class ConflictCheckerTest : public ::testing::Test {
protected:
    ConflictCheckerTest()
    {
        directory.add(County{CountyId{"bodenseekreis"}, "Bodenseekreis", "Friedrichshafen", "DE-BW",
                             GeoPoint(47.6553, 9.4760)});
        directory.add(Organisation{OrganisationId{"lra-bsk"}, "Landratsamt Bodenseekreis", CountyId{"bodenseekreis"},
                                   OrganisationKind::district_office, std::nullopt});
        add_person("anna", "Anna Amsel");
        add_person("bernd", "Bernd Berg");
        add_person("clara", "Clara Clausen");
        add_person("dieter", "Dieter Dorn");
        add_person("emil", "Emil Eck");
        add_venue("saal", "Großer Saal", 50);
        add_venue("buero", "Büro der Kontaktstelle", 10);
        add_venue("raum", "Kleiner Raum", 3);
        add_venue("kabine", "Telefonkabine", 1);
    }

    void add_person(const char* id, const char* name)
    {
        directory.add(Person{PersonId{id}, name, EmailAddress(std::string(id) + "@bodenseekreis.de"),
                             OrganisationId{"lra-bsk"}, "", Access::any, std::nullopt});
    }

    void add_venue(const char* id, const char* name, unsigned capacity)
    {
        directory.add(Venue{VenueId{id}, name, "Glärnischstraße 1, 88045 Friedrichshafen", CountyId{"bodenseekreis"},
                            capacity, GeoPoint(47.6553, 9.4760), Accessibility::unknown});
    }

    // Adds a meeting given in local times of `zone` and returns a copy; a changed copy
    // replaces it when added again.
    Meeting add_meeting(const char* id, const char* title, const std::string& start, const std::string& end,
                         const char* venue, std::vector<PersonId> organisers, std::vector<Participant> participants,
                         const std::string& zone = "Europe/Berlin")
    {
        directory.add(Meeting{MeetingId{id}, std::string("uid-") + id, title, "",
                              TimeRange(local(start, zone), local(end, zone)), zone, VenueId{venue},
                              std::move(organisers), std::move(participants), {}, MeetingStatus::confirmed, 0, {}, {}, {}, {}});
        return directory.meeting(MeetingId{id});
    }

    Directory directory;
};

// ------------------------------------------------------------ names

TEST(ConflictKind, NamesAsScriptsSeeThem)
{
    EXPECT_EQ(to_string(ConflictKind::person_double_booked), "person-double-booked");
    EXPECT_EQ(to_string(ConflictKind::venue_double_booked), "venue-double-booked");
    EXPECT_EQ(to_string(ConflictKind::venue_over_capacity), "venue-over-capacity");
    EXPECT_EQ(to_string(ConflictKind::agenda_outside_meeting), "agenda-outside-meeting");
    EXPECT_EQ(to_string(ConflictKind::agenda_overlap), "agenda-overlap");
    EXPECT_EQ(to_string(Severity::error), "error");
    EXPECT_EQ(to_string(Severity::warning), "warning");
}

TEST_F(ConflictCheckerTest, EmptyDirectoryHasNoConflicts)
{
    EXPECT_TRUE(find_conflicts(Directory{}).empty());
    EXPECT_TRUE(find_conflicts(directory).empty());
}

// ------------------------------------------------------------ people

TEST_F(ConflictCheckerTest, PersonInTwoMeetingsOverlappingByOneMinute)
{
    add_meeting("sitzung-a", "Sitzung A", "2013-03-06 09:30", "2013-03-06 11:01", "saal", {PersonId{"anna"}},
                {required("bernd")});
    add_meeting("sitzung-b", "Sitzung B", "2013-03-06 11:00", "2013-03-06 12:00", "raum", {PersonId{"clara"}},
                {required("bernd")});
    const std::vector<Conflict> expected{
        {ConflictKind::person_double_booked, Severity::error, {MeetingId{"sitzung-a"}, MeetingId{"sitzung-b"}},
         {PersonId{"bernd"}}, std::nullopt, TimeRange(utc("2013-03-06 10:00"), utc("2013-03-06 10:01")),
         "Europe/Berlin", "Bernd Berg is in 'Sitzung A' and 'Sitzung B' at the same time, 2013-03-06 11:00\u201311:01"},
    };
    EXPECT_EQ(find_conflicts(directory), expected);
}

TEST_F(ConflictCheckerTest, BackToBackMeetingsDoNotConflict)
{
    add_meeting("anschluss-a", "Anschluss A", "2013-06-11 10:00", "2013-06-11 11:00", "saal", {PersonId{"anna"}},
                {required("bernd")});
    add_meeting("anschluss-b", "Anschluss B", "2013-06-11 11:00", "2013-06-11 12:00", "saal", {PersonId{"anna"}},
                {required("bernd")});
    EXPECT_TRUE(find_conflicts(directory).empty());
}

TEST_F(ConflictCheckerTest, OrganiserIsDoubleBookedToo)
{
    add_meeting("leitung", "Leitungsrunde", "2013-03-06 09:00", "2013-03-06 10:00", "saal", {PersonId{"anna"}},
                {required("bernd")});
    add_meeting("beirat", "Beirat", "2013-03-06 09:30", "2013-03-06 10:30", "raum", {PersonId{"clara"}},
                {required("anna")});
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].kind, ConflictKind::person_double_booked);
    EXPECT_EQ(conflicts[0].people, std::vector<PersonId>{PersonId{"anna"}});
    EXPECT_EQ(conflicts[0].message,
              "Anna Amsel is in 'Leitungsrunde' and 'Beirat' at the same time, 2013-03-06 09:30\u201310:00");
}

TEST_F(ConflictCheckerTest, OrganiserOfBothMeetings)
{
    add_meeting("a", "A", "2013-03-06 09:00", "2013-03-06 10:00", "saal", {PersonId{"anna"}}, {});
    add_meeting("b", "B", "2013-03-06 09:59", "2013-03-06 10:30", "raum", {PersonId{"anna"}}, {});
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].people, std::vector<PersonId>{PersonId{"anna"}});
    EXPECT_EQ(conflicts[0].time, TimeRange(local("2013-03-06 09:59"), local("2013-03-06 10:00")));
}

TEST_F(ConflictCheckerTest, PersonOnlyInformedIsNotDoubleBooked)
{
    add_meeting("a", "A", "2013-03-06 09:00", "2013-03-06 11:00", "saal", {PersonId{"anna"}}, {required("bernd")});
    add_meeting("b", "B", "2013-03-06 10:00", "2013-03-06 12:00", "raum", {PersonId{"clara"}}, {info("bernd")});
    EXPECT_TRUE(find_conflicts(directory).empty());
}

TEST_F(ConflictCheckerTest, OptionalParticipantIsDoubleBooked)
{
    add_meeting("a", "A", "2013-03-06 09:00", "2013-03-06 11:00", "saal", {PersonId{"anna"}}, {required("bernd")});
    add_meeting("b", "B", "2013-03-06 10:00", "2013-03-06 12:00", "raum", {PersonId{"clara"}}, {optional("bernd")});
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].people, std::vector<PersonId>{PersonId{"bernd"}});
}

TEST_F(ConflictCheckerTest, EveryPairOfThreeOverlappingMeetings)
{
    add_meeting("a", "A", "2013-03-06 09:00", "2013-03-06 12:00", "saal", {PersonId{"anna"}}, {required("bernd")});
    add_meeting("b", "B", "2013-03-06 10:00", "2013-03-06 11:00", "raum", {PersonId{"clara"}}, {required("bernd")});
    add_meeting("c", "C", "2013-03-06 10:30", "2013-03-06 11:30", "buero", {PersonId{"dieter"}},
                {required("bernd")});
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 3U);
    std::set<std::vector<std::string>> pairs;
    for (const auto& conflict : conflicts) {
        EXPECT_EQ(conflict.kind, ConflictKind::person_double_booked);
        pairs.insert(ids(conflict.meetings));
    }
    EXPECT_EQ(pairs, (std::set<std::vector<std::string>>{{"a", "b"}, {"a", "c"}, {"b", "c"}}));
    EXPECT_EQ(conflicts[0].time, TimeRange(local("2013-03-06 10:00"), local("2013-03-06 11:00")));
}

TEST_F(ConflictCheckerTest, MeetingThatEndedEarlierIsNoLongerRunning)
{
    add_meeting("a", "A", "2013-03-06 09:00", "2013-03-06 10:00", "saal", {PersonId{"anna"}}, {required("bernd")});
    add_meeting("c", "C", "2013-03-06 09:30", "2013-03-06 09:45", "raum", {PersonId{"clara"}}, {required("bernd")});
    add_meeting("b", "B", "2013-03-06 10:00", "2013-03-06 11:00", "buero", {PersonId{"dieter"}},
                {required("bernd")});
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(ids(conflicts[0].meetings), (std::vector<std::string>{"a", "c"}));
    EXPECT_EQ(conflicts[0].time, TimeRange(local("2013-03-06 09:30"), local("2013-03-06 09:45")));
}

TEST_F(ConflictCheckerTest, PersonNotInTheDirectoryIsNamedById)
{
    add_meeting("a", "A", "2013-03-06 09:00", "2013-03-06 10:00", "saal", {PersonId{"anna"}}, {required("gast")});
    add_meeting("b", "B", "2013-03-06 09:00", "2013-03-06 10:00", "raum", {PersonId{"clara"}}, {required("gast")});
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].message, "gast is in 'A' and 'B' at the same time, 2013-03-06 09:00\u201310:00");
}

// ------------------------------------------------------------ cancelled and tentative

TEST_F(ConflictCheckerTest, CancelledMeetingTakesPartInNoConflict)
{
    add_meeting("person-a", "Person A", "2013-03-06 09:30", "2013-03-06 11:00", "saal", {PersonId{"anna"}},
                {required("bernd")});
    auto cancelled = add_meeting("abgesagt", "Abgesagt", "2013-03-06 09:00", "2013-03-06 10:15", "saal",
                                  {PersonId{"clara"}}, {required("bernd")});
    cancelled.status = MeetingStatus::cancelled;
    directory.add(cancelled);
    EXPECT_TRUE(find_conflicts(directory).empty());
    EXPECT_TRUE(find_conflicts(directory, MeetingId{"abgesagt"}).empty());
    EXPECT_TRUE(find_conflicts(directory, MeetingId{"person-a"}).empty());

    // Without the cancellation both rules would fire.
    cancelled.status = MeetingStatus::confirmed;
    directory.add(cancelled);
    EXPECT_EQ(kinds(find_conflicts(directory)),
              (std::vector<ConflictKind>{ConflictKind::person_double_booked, ConflictKind::venue_double_booked}));
}

TEST_F(ConflictCheckerTest, CancelledMeetingIsNotCheckedForCapacityOrAgenda)
{
    auto cancelled = add_meeting("abgesagt", "Abgesagt", "2013-05-14 10:00", "2013-05-14 12:00", "kabine",
                                  {PersonId{"anna"}}, {required("bernd"), required("clara")});
    cancelled.agenda = {item("Zu früh", "2013-05-14 09:00", "2013-05-14 10:30"),
                        item("Parallel", "2013-05-14 10:15", "2013-05-14 11:00")};
    cancelled.status = MeetingStatus::cancelled;
    directory.add(cancelled);
    EXPECT_TRUE(find_conflicts(directory).empty());
    cancelled.status = MeetingStatus::tentative;
    directory.add(cancelled);
    EXPECT_EQ(find_conflicts(directory).size(), 3U);
}

TEST_F(ConflictCheckerTest, TentativeMeetingTakesPart)
{
    add_meeting("a", "A", "2013-03-06 09:00", "2013-03-06 11:00", "saal", {PersonId{"anna"}}, {required("bernd")});
    auto tentative = add_meeting("b", "B", "2013-03-06 10:00", "2013-03-06 12:00", "raum", {PersonId{"clara"}},
                                  {required("bernd")});
    tentative.status = MeetingStatus::tentative;
    directory.add(tentative);
    EXPECT_EQ(kinds(find_conflicts(directory)), std::vector<ConflictKind>{ConflictKind::person_double_booked});
}

// ------------------------------------------------------------ venues

TEST_F(ConflictCheckerTest, VenueDoubleBooked)
{
    add_meeting("raum-a", "Raum A", "2013-03-14 14:00", "2013-03-14 16:00", "saal", {PersonId{"anna"}}, {});
    add_meeting("raum-b", "Raum B", "2013-03-14 15:00", "2013-03-14 17:00", "saal", {PersonId{"bernd"}}, {});
    const std::vector<Conflict> expected{
        {ConflictKind::venue_double_booked, Severity::error, {MeetingId{"raum-a"}, MeetingId{"raum-b"}}, {},
         VenueId{"saal"}, TimeRange(utc("2013-03-14 14:00"), utc("2013-03-14 15:00")), "Europe/Berlin",
         "Großer Saal is booked for 'Raum A' and 'Raum B' at the same time, 2013-03-14 15:00\u201316:00"},
    };
    EXPECT_EQ(find_conflicts(directory), expected);
}

TEST_F(ConflictCheckerTest, DifferentVenuesAtTheSameTimeAreFine)
{
    add_meeting("raum-a", "Raum A", "2013-03-14 14:00", "2013-03-14 16:00", "saal", {PersonId{"anna"}}, {});
    add_meeting("raum-b", "Raum B", "2013-03-14 14:00", "2013-03-14 16:00", "buero", {PersonId{"bernd"}}, {});
    EXPECT_TRUE(find_conflicts(directory).empty());
}

TEST_F(ConflictCheckerTest, VenueFullToCapacityIsFine)
{
    // Kleiner Raum holds 3: the organiser and two participants; the informed do not come.
    add_meeting("klausur", "Klausur", "2013-04-23 14:00", "2013-04-23 16:00", "raum", {PersonId{"anna"}},
                {required("bernd"), optional("clara"), info("dieter"), info("emil")});
    EXPECT_TRUE(find_conflicts(directory).empty());
}

TEST_F(ConflictCheckerTest, VenueOverCapacityByOne)
{
    add_meeting("klausur", "Klausur", "2013-04-23 14:00", "2013-04-23 16:00", "raum", {PersonId{"anna"}},
                {required("bernd"), optional("clara"), required("dieter"), info("emil")});
    const std::vector<Conflict> expected{
        {ConflictKind::venue_over_capacity, Severity::error, {MeetingId{"klausur"}}, {}, VenueId{"raum"},
         TimeRange(utc("2013-04-23 12:00"), utc("2013-04-23 14:00")), "Europe/Berlin",
         "4 people are expected at 'Klausur' but Kleiner Raum holds 3, 2013-04-23 14:00\u201316:00"},
    };
    EXPECT_EQ(find_conflicts(directory), expected);
}

TEST_F(ConflictCheckerTest, OrganiserAlsoListedAsParticipantTakesOneSeat)
{
    add_meeting("klausur", "Klausur", "2013-04-23 14:00", "2013-04-23 16:00", "raum", {PersonId{"anna"}},
                {required("anna"), required("bernd"), required("clara")});
    EXPECT_TRUE(find_conflicts(directory).empty());
}

// ------------------------------------------------------------ agenda

TEST_F(ConflictCheckerTest, AgendaItemStartingOneMinuteBeforeTheMeeting)
{
    auto meeting = add_meeting("vor-beginn", "Klausur", "2013-05-14 10:00", "2013-05-14 12:00", "saal",
                                {PersonId{"anna"}}, {});
    meeting.agenda = {item("Begrüßung", "2013-05-14 09:59", "2013-05-14 10:15"),
                      item("Abschluss", "2013-05-14 11:30", "2013-05-14 12:00")};
    directory.add(meeting);
    const std::vector<Conflict> expected{
        {ConflictKind::agenda_outside_meeting, Severity::error, {MeetingId{"vor-beginn"}}, {}, std::nullopt,
         TimeRange(utc("2013-05-14 07:59"), utc("2013-05-14 08:15")), "Europe/Berlin",
         "agenda item 'Begrüßung' of 'Klausur' (2013-05-14 09:59\u201310:15) is not within the meeting "
         "(2013-05-14 10:00\u201312:00)"},
    };
    EXPECT_EQ(find_conflicts(directory), expected);
}

TEST_F(ConflictCheckerTest, AgendaFillingTheMeetingExactlyIsFine)
{
    auto meeting = add_meeting("klausur", "Klausur", "2013-05-14 10:00", "2013-05-14 12:00", "saal",
                                {PersonId{"anna"}}, {});
    meeting.agenda = {item("Begrüßung", "2013-05-14 10:00", "2013-05-14 10:15"),
                      item("Berichte", "2013-05-14 10:15", "2013-05-14 11:30"),
                      item("Abschluss", "2013-05-14 11:30", "2013-05-14 12:00")};
    directory.add(meeting);
    EXPECT_TRUE(find_conflicts(directory).empty());
}

TEST_F(ConflictCheckerTest, AgendaItemEndingOneMinuteAfterTheMeeting)
{
    auto meeting = add_meeting("klausur", "Klausur", "2013-05-14 10:00", "2013-05-14 12:00", "saal",
                                {PersonId{"anna"}}, {});
    meeting.agenda = {item("Ausklang", "2013-05-14 11:30", "2013-05-14 12:01")};
    directory.add(meeting);
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].kind, ConflictKind::agenda_outside_meeting);
    EXPECT_EQ(conflicts[0].message,
              "agenda item 'Ausklang' of 'Klausur' (2013-05-14 11:30\u201312:01) is not within the meeting "
              "(2013-05-14 10:00\u201312:00)");
}

TEST_F(ConflictCheckerTest, OverlappingAgendaItems)
{
    auto meeting = add_meeting("ueberlappung", "Klausur", "2013-05-15 13:00", "2013-05-15 15:00", "saal",
                                {PersonId{"anna"}}, {});
    // Listed out of order: the conflict names them in the order they start.
    meeting.agenda = {item("Öffentlichkeitsarbeit", "2013-05-15 13:45", "2013-05-15 14:30"),
                      item("Berichte", "2013-05-15 13:15", "2013-05-15 14:00")};
    directory.add(meeting);
    const std::vector<Conflict> expected{
        {ConflictKind::agenda_overlap, Severity::error, {MeetingId{"ueberlappung"}}, {}, std::nullopt,
         TimeRange(utc("2013-05-15 11:45"), utc("2013-05-15 12:00")), "Europe/Berlin",
         "agenda items 'Berichte' and 'Öffentlichkeitsarbeit' of 'Klausur' overlap, 2013-05-15 13:45\u201314:00"},
    };
    EXPECT_EQ(find_conflicts(directory), expected);
}

TEST_F(ConflictCheckerTest, LongAgendaItemOverlapsEveryItemWithinIt)
{
    auto meeting = add_meeting("klausur", "Klausur", "2013-05-15 13:00", "2013-05-15 15:00", "saal",
                                {PersonId{"anna"}}, {});
    meeting.agenda = {item("Workshop", "2013-05-15 13:00", "2013-05-15 15:00"),
                      item("Pause", "2013-05-15 13:30", "2013-05-15 13:45"),
                      item("Fazit", "2013-05-15 14:30", "2013-05-15 15:00")};
    directory.add(meeting);
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 2U);
    EXPECT_EQ(conflicts[0].message, "agenda items 'Workshop' and 'Pause' of 'Klausur' overlap, 2013-05-15 "
                                    "13:30\u201313:45");
    EXPECT_EQ(conflicts[1].message, "agenda items 'Workshop' and 'Fazit' of 'Klausur' overlap, 2013-05-15 "
                                    "14:30\u201315:00");
}

// ------------------------------------------------------------ one meeting

class ConflictsOfOneMeeting : public ConflictCheckerTest {
protected:
    ConflictsOfOneMeeting()
    {
        // a and b share bernd; b and c share the small room; c has an agenda item
        // that starts before it.
        add_meeting("a", "A", "2013-03-06 09:00", "2013-03-06 10:00", "saal", {PersonId{"anna"}},
                    {required("bernd")});
        add_meeting("b", "B", "2013-03-06 09:30", "2013-03-06 10:30", "raum", {PersonId{"clara"}},
                    {required("bernd")});
        auto c = add_meeting("c", "C", "2013-03-06 10:15", "2013-03-06 11:00", "raum", {PersonId{"dieter"}},
                              {required("emil")});
        c.agenda = {item("Vorab", "2013-03-06 10:10", "2013-03-06 10:20")};
        directory.add(c);
    }
};

// The kinds, sorted, so that these tests do not depend on the order of the result.
std::multiset<ConflictKind> kind_set(const std::vector<Conflict>& conflicts)
{
    const auto list = kinds(conflicts);
    return {list.begin(), list.end()};
}

const Conflict* find_kind(const std::vector<Conflict>& conflicts, ConflictKind kind)
{
    const auto found = std::find_if(conflicts.begin(), conflicts.end(),
                                    [&](const Conflict& conflict) { return conflict.kind == kind; });
    return found == conflicts.end() ? nullptr : &*found;
}

TEST_F(ConflictsOfOneMeeting, AllConflicts)
{
    EXPECT_EQ(kind_set(find_conflicts(directory)),
              (std::multiset<ConflictKind>{ConflictKind::person_double_booked, ConflictKind::agenda_outside_meeting,
                                           ConflictKind::venue_double_booked}));
}

TEST_F(ConflictsOfOneMeeting, OnlyThoseInvolvingTheMeeting)
{
    const auto of_a = find_conflicts(directory, MeetingId{"a"});
    ASSERT_EQ(of_a.size(), 1U);
    EXPECT_EQ(of_a[0].kind, ConflictKind::person_double_booked);
    EXPECT_EQ(ids(of_a[0].meetings), (std::vector<std::string>{"a", "b"}));

    const auto of_b = find_conflicts(directory, MeetingId{"b"});
    EXPECT_EQ(kind_set(of_b), (std::multiset<ConflictKind>{ConflictKind::person_double_booked,
                                                           ConflictKind::venue_double_booked}));

    const auto of_c = find_conflicts(directory, MeetingId{"c"});
    EXPECT_EQ(of_c.size(), 2U);
    const auto* agenda = find_kind(of_c, ConflictKind::agenda_outside_meeting);
    ASSERT_NE(agenda, nullptr);
    EXPECT_EQ(ids(agenda->meetings), std::vector<std::string>{"c"});
    const auto* venue = find_kind(of_c, ConflictKind::venue_double_booked);
    ASSERT_NE(venue, nullptr);
    EXPECT_EQ(ids(venue->meetings), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(venue->time, TimeRange(local("2013-03-06 10:15"), local("2013-03-06 10:30")));
    EXPECT_EQ(venue->message,
              "Kleiner Raum is booked for 'B' and 'C' at the same time, 2013-03-06 10:15\u201310:30");
}

TEST_F(ConflictsOfOneMeeting, TheSameConflictsAsInTheFullCheck)
{
    const auto all = find_conflicts(directory);
    for (const char* id : {"a", "b", "c"}) {
        for (const auto& conflict : find_conflicts(directory, MeetingId{id})) {
            EXPECT_NE(std::find(all.begin(), all.end(), conflict), all.end()) << conflict.message;
        }
    }
}

TEST_F(ConflictsOfOneMeeting, UnknownMeetingThrowsNotFound)
{
    try {
        static_cast<void>(find_conflicts(directory, MeetingId{"nope"}));
        ADD_FAILURE() << "expected planner::NotFound";
    } catch (const NotFound& error) {
        EXPECT_STREQ(error.what(), "unknown meeting 'nope'");
    }
}

// ------------------------------------------------------------ order

TEST_F(ConflictCheckerTest, OrderedByTime)
{
    // Ids in another order than the times, so that an order by id shows.
    auto agenda = add_meeting("a-agenda", "Agenda", "2013-03-06 12:00", "2013-03-06 13:00", "saal",
                               {PersonId{"anna"}}, {});
    agenda.agenda = {item("Eins", "2013-03-06 12:00", "2013-03-06 12:30"),
                     item("Zwei", "2013-03-06 12:00", "2013-03-06 12:45")};
    directory.add(agenda);
    add_meeting("b-person-1", "Person 1", "2013-03-06 10:00", "2013-03-06 11:00", "saal", {PersonId{"bernd"}}, {});
    add_meeting("c-person-2", "Person 2", "2013-03-06 10:00", "2013-03-06 11:00", "buero", {PersonId{"bernd"}}, {});
    add_meeting("z-kapazitaet", "Kapazität", "2013-03-06 09:00", "2013-03-06 09:30", "kabine", {PersonId{"clara"}},
                {required("dieter")});
    EXPECT_EQ(kinds(find_conflicts(directory)),
              (std::vector<ConflictKind>{ConflictKind::venue_over_capacity, ConflictKind::person_double_booked,
                                         ConflictKind::agenda_overlap}));
}

TEST_F(ConflictCheckerTest, OrderedByTheStartOfTheFirstMeetingInvolved)
{
    // conflict_checker.hpp: "The result is ordered by the start of the first meeting
    // involved". Bernd's conflict involves the long meeting that starts at 09:00; the
    // cabin's conflict involves only the meeting that starts at 10:00.
    add_meeting("lang", "Lange Sitzung", "2013-03-06 09:00", "2013-03-06 13:00", "saal", {PersonId{"anna"}},
                {required("bernd")});
    add_meeting("spaet", "Späte Runde", "2013-03-06 11:00", "2013-03-06 12:00", "buero", {PersonId{"clara"}},
                {required("bernd")});
    add_meeting("mitte", "Mittlere Runde", "2013-03-06 10:00", "2013-03-06 10:30", "kabine", {PersonId{"dieter"}},
                {required("emil")});
    EXPECT_EQ(kinds(find_conflicts(directory)),
              (std::vector<ConflictKind>{ConflictKind::person_double_booked, ConflictKind::venue_over_capacity}));
}

TEST_F(ConflictCheckerTest, EveryConflictIsAnErrorAndTheyAreSortedByTime)
{
    add_meeting("a", "A", "2013-03-06 09:00", "2013-03-06 12:00", "raum", {PersonId{"anna"}},
                {required("bernd"), required("clara"), required("dieter")});
    add_meeting("b", "B", "2013-03-06 10:00", "2013-03-06 11:00", "raum", {PersonId{"emil"}}, {required("bernd")});
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 3U);
    for (std::size_t i = 0; i < conflicts.size(); ++i) {
        EXPECT_EQ(conflicts[i].severity, Severity::error);
        if (i > 0) {
            EXPECT_LE(conflicts[i - 1].time.start(), conflicts[i].time.start());
        }
    }
}

// ------------------------------------------------------------ time zones and DST

TEST_F(ConflictCheckerTest, LocalTimesInMessagesOnTheSpringForwardDay)
{
    // 01:30 CET is 00:30Z, 04:00 CEST is 02:00Z: one and a half hours.
    auto night = add_meeting("nacht", "Nachtsitzung", "2013-03-31 01:30", "2013-03-31 04:00", "saal",
                              {PersonId{"anna"}}, {required("bernd")});
    night.agenda = {item("Teil 1", "2013-03-31 01:45", "2013-03-31 03:15"),
                    item("Teil 2", "2013-03-31 03:30", "2013-03-31 04:15")};
    directory.add(night);
    add_meeting("fruehstueck", "Frühstück", "2013-03-31 03:00", "2013-03-31 05:00", "raum", {PersonId{"clara"}},
                {required("bernd")});
    const std::vector<Conflict> expected{
        {ConflictKind::person_double_booked, Severity::error, {MeetingId{"nacht"}, MeetingId{"fruehstueck"}},
         {PersonId{"bernd"}}, std::nullopt, TimeRange(utc("2013-03-31 01:00"), utc("2013-03-31 02:00")),
         "Europe/Berlin",
         "Bernd Berg is in 'Nachtsitzung' and 'Frühstück' at the same time, 2013-03-31 03:00\u201304:00"},
        {ConflictKind::agenda_outside_meeting, Severity::error, {MeetingId{"nacht"}}, {}, std::nullopt,
         TimeRange(utc("2013-03-31 01:30"), utc("2013-03-31 02:15")), "Europe/Berlin",
         "agenda item 'Teil 2' of 'Nachtsitzung' (2013-03-31 03:30\u201304:15) is not within the meeting "
         "(2013-03-31 01:30\u201304:00)"},
    };
    EXPECT_EQ(find_conflicts(directory), expected);
}

TEST_F(ConflictCheckerTest, MeetingsEitherSideOfTheSpringGapTouch)
{
    // 01:00 CET to 03:00 CEST is one hour (00:00Z-01:00Z); 03:00-04:00 CEST follows it
    // without a break.
    const auto before = add_meeting("vor", "Vorher", "2013-03-31 01:00", "2013-03-31 03:00", "saal",
                                    {PersonId{"anna"}}, {required("bernd")});
    EXPECT_EQ(before.time.length(), pt::hours(1));
    add_meeting("nach", "Nachher", "2013-03-31 03:00", "2013-03-31 04:00", "saal", {PersonId{"anna"}},
                {required("bernd")});
    EXPECT_TRUE(find_conflicts(directory).empty());
    // One minute more and they overlap, at 03:00 local time.
    add_meeting("vor", "Vorher", "2013-03-31 01:00", "2013-03-31 03:01", "saal", {PersonId{"anna"}},
                {required("bernd")});
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 3U);
    const std::string when = ", 2013-03-31 03:00\u201303:01";
    for (const auto& conflict : conflicts) {
        EXPECT_TRUE(conflict.message.ends_with(when)) << conflict.message;
    }
}

TEST_F(ConflictCheckerTest, LocalTimesInMessagesOnTheFallBackDay)
{
    const auto& berlin = time_zone("Europe/Berlin");
    // 02:30 CEST (00:30Z) to 03:30 CET (02:30Z), and 02:15 CET (01:15Z) to 03:00 CET (02:00Z).
    auto first = add_meeting("erste", "Erste", "2012-10-27 10:00", "2012-10-27 11:00", "saal", {PersonId{"anna"}},
                              {required("bernd")});
    first.time = TimeRange(berlin.to_utc(utc("2012-10-28 02:30"), pt::hours(2)), local("2012-10-28 03:30"));
    directory.add(first);
    auto second = add_meeting("zweite", "Zweite", "2012-10-27 10:00", "2012-10-27 11:00", "raum",
                               {PersonId{"clara"}}, {required("bernd")});
    second.time = TimeRange(berlin.to_utc(utc("2012-10-28 02:15"), pt::hours(1)), local("2012-10-28 03:00"));
    directory.add(second);
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts[0].time, TimeRange(utc("2012-10-28 01:15"), utc("2012-10-28 02:00")));
    EXPECT_EQ(conflicts[0].message,
              "Bernd Berg is in 'Erste' and 'Zweite' at the same time, 2012-10-28 02:15\u201303:00");
}

TEST_F(ConflictCheckerTest, MessageUsesTheZoneOfTheFirstMeeting)
{
    // 09:00-11:00 in New York is 14:00Z-16:00Z; 15:30-17:30 in Berlin is 14:30Z-16:30Z.
    add_meeting("call", "Call New York", "2013-03-06 09:00", "2013-03-06 11:00", "buero", {PersonId{"anna"}},
                {required("bernd")}, "America/New_York");
    add_meeting("runde", "Runde", "2013-03-06 15:30", "2013-03-06 17:30", "saal", {PersonId{"clara"}},
                {required("bernd")});
    const auto conflicts = find_conflicts(directory);
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(ids(conflicts[0].meetings), (std::vector<std::string>{"call", "runde"}));
    EXPECT_EQ(conflicts[0].time, TimeRange(utc("2013-03-06 14:30"), utc("2013-03-06 16:00")));
    EXPECT_EQ(conflicts[0].time_zone, "America/New_York");
    EXPECT_EQ(conflicts[0].message,
              "Bernd Berg is in 'Call New York' and 'Runde' at the same time, 2013-03-06 09:30\u201311:00");
}

// ------------------------------------------------------------ the full rule set

// Real places around Lake Constance, for the rules that need distances, states,
// office hours and accessibility.
class RuleTest : public ::testing::Test {
protected:
    RuleTest()
    {
        directory.add(County{CountyId{"bodenseekreis"}, "Bodenseekreis", "Friedrichshafen", "DE-BW",
                             GeoPoint(47.6553, 9.4760)});
        directory.add(County{CountyId{"sigmaringen"}, "Landkreis Sigmaringen", "Sigmaringen", "DE-BW",
                             GeoPoint(48.0870, 9.2160)});
        directory.add(County{CountyId{"lindau"}, "Landkreis Lindau (Bodensee)", "Lindau", "DE-BY",
                             GeoPoint(47.5460, 9.6840)});
        directory.add(Organisation{OrganisationId{"lra-bsk"}, "Landratsamt Bodenseekreis", CountyId{"bodenseekreis"},
                                   OrganisationKind::district_office, std::nullopt,
                                   OfficeHours{pt::hours(8), pt::hours(17)}});
        directory.add(Organisation{OrganisationId{"lra-sig"}, "Landratsamt Sigmaringen", CountyId{"sigmaringen"},
                                   OrganisationKind::district_office, std::nullopt,
                                   OfficeHours{pt::hours(8), pt::hours(16)}});
        directory.add(Organisation{OrganisationId{"shg"}, "Selbsthilfegruppe Tinnitus", CountyId{"bodenseekreis"},
                                   OrganisationKind::self_help_group, std::nullopt, std::nullopt});
        add_person("koester", "Andreas Köster", "lra-bsk");
        add_person("veser", "Frank Veser", "lra-sig");
        add_person("straub", "Gerda Straub", "shg", Access::step_free);
        add_venue("fn", "Landratsamt Friedrichshafen", "bodenseekreis", GeoPoint(47.6553, 9.4760));
        add_venue("sig", "Landratsamt Sigmaringen", "sigmaringen", GeoPoint(48.0870, 9.2160));
        add_venue("lindau", "Inselhalle Lindau", "lindau", GeoPoint(47.5460, 9.6840));
        add_venue("keller", "Gewölbekeller", "bodenseekreis", GeoPoint(47.6553, 9.4760), Accessibility::not_step_free);
    }

    void add_person(const char* id, const char* name, const char* organisation, Access access = Access::any)
    {
        directory.add(Person{PersonId{id}, name, EmailAddress(std::string(id) + "@example.org"),
                             OrganisationId{organisation}, "", access, std::nullopt});
    }

    void add_venue(const char* id, const char* name, const char* county, GeoPoint geo,
                   Accessibility accessibility = Accessibility::step_free)
    {
        directory.add(Venue{VenueId{id}, name, "Adresse", CountyId{county}, 40, geo, accessibility});
    }

    Meeting& add_meeting(const char* id, const std::string& start, const std::string& end, const char* venue,
                         std::vector<Participant> participants, MeetingStatus status = MeetingStatus::confirmed)
    {
        directory.add(Meeting{MeetingId{id}, std::string("uid-") + id, id, "", TimeRange(local(start), local(end)),
                              "Europe/Berlin", VenueId{venue}, {}, std::move(participants), {}, status, 0, {}, std::nullopt,
                              std::nullopt, std::nullopt});
        return const_cast<Meeting&>(directory.meeting(MeetingId{id}));
    }

    std::vector<Conflict> conflicts(const CheckInput& input = {}) const { return find_conflicts(directory, input); }

    std::vector<Conflict> only(ConflictKind kind, const CheckInput& input = {}) const
    {
        auto all = conflicts(input);
        std::erase_if(all, [&](const Conflict& c) { return c.kind != kind; });
        return all;
    }

    Directory directory;
};

TEST(ConflictKind, EveryKindHasItsName)
{
    EXPECT_EQ(to_string(ConflictKind::person_busy), "person-busy");
    EXPECT_EQ(to_string(ConflictKind::venue_not_accessible), "venue-not-accessible");
    EXPECT_EQ(to_string(ConflictKind::agenda_presenter), "agenda-presenter");
    EXPECT_EQ(to_string(ConflictKind::public_holiday), "public-holiday");
    EXPECT_EQ(to_string(ConflictKind::weekend), "weekend");
    EXPECT_EQ(to_string(ConflictKind::outside_office_hours), "outside-office-hours");
    EXPECT_EQ(to_string(ConflictKind::travel), "travel");
    EXPECT_EQ(to_string(ConflictKind::county_not_covered), "county-not-covered");
}

TEST_F(RuleTest, AnOrdinaryWorkingDayHasNoConflicts)
{
    add_meeting("a", "2013-03-06 10:00", "2013-03-06 12:00", "fn", {required("koester"), required("straub")});
    EXPECT_TRUE(conflicts().empty()) << conflicts().front().message;
}

TEST_F(RuleTest, PublicHolidayOfTheVenuesState)
{
    // Fronleichnam 2013 (30 May) is a holiday in Baden-Württemberg and Bavaria.
    add_meeting("fronleichnam", "2013-05-30 10:00", "2013-05-30 12:00", "fn", {required("straub")});
    const auto found = only(ConflictKind::public_holiday);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_EQ(found[0].venue, VenueId{"fn"});
    EXPECT_EQ(found[0].message, "'fronleichnam' falls on Fronleichnam (2013-05-30), a public holiday in DE-BW");
}

TEST_F(RuleTest, AHolidayOfAnotherStateIsNoConflict)
{
    // Mariä Himmelfahrt is statutory in the Saarland only; Lindau is in Bavaria.
    add_meeting("bw", "2013-08-15 10:00", "2013-08-15 12:00", "fn", {required("straub")});
    add_meeting("by", "2013-08-15 14:00", "2013-08-15 16:00", "lindau", {required("straub")});
    EXPECT_TRUE(only(ConflictKind::public_holiday).empty());
}

TEST_F(RuleTest, EpiphanyIsAHolidayInBadenWuerttembergButNotElsewhere)
{
    add_meeting("heilige-drei-koenige", "2014-01-06 10:00", "2014-01-06 12:00", "fn", {required("straub")});
    ASSERT_EQ(only(ConflictKind::public_holiday).size(), 1U);
}

TEST_F(RuleTest, AMeetingEndingAtMidnightBeforeAHolidayIsFine)
{
    // 2 October 2013 ends at midnight; 3 October is the Tag der Deutschen Einheit.
    add_meeting("abend", "2013-10-02 20:00", "2013-10-03 00:00", "fn", {required("straub")});
    EXPECT_TRUE(only(ConflictKind::public_holiday).empty());
    add_meeting("abend", "2013-10-02 20:00", "2013-10-03 00:01", "fn", {required("straub")});
    EXPECT_EQ(only(ConflictKind::public_holiday).size(), 1U);
}

TEST_F(RuleTest, AMeetingBeforeTheHolidayTableIsCheckedWithoutHolidays)
{
    // Tokyo's rule has held since 1951, so a 1989 meeting converts; the holiday table
    // starts in 1990: Tag der Arbeit 1989 is not known, the other rules still apply.
    directory.add(Meeting{MeetingId{"alt"}, "uid-alt", "alt", "",
                          TimeRange(local("1989-05-01 10:00", "Asia/Tokyo"), local("1989-05-01 12:00", "Asia/Tokyo")),
                          "Asia/Tokyo", VenueId{"fn"}, {}, {required("straub")}, {},
                          MeetingStatus::confirmed, 0, {}, {}, {}, {}});
    EXPECT_TRUE(only(ConflictKind::public_holiday).empty());
    EXPECT_EQ(conflicts().size(), 0U);
}

TEST_F(RuleTest, ATentativeMeetingOnAHolidayIsAWarning)
{
    add_meeting("vielleicht", "2013-10-03 10:00", "2013-10-03 12:00", "fn", {required("straub")},
                MeetingStatus::tentative);
    const auto found = only(ConflictKind::public_holiday);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].severity, Severity::warning);
}

TEST_F(RuleTest, WeekendWarnsForOfficesOnly)
{
    add_meeting("samstag", "2013-03-09 10:00", "2013-03-09 12:00", "fn", {required("koester"), required("straub")});
    const auto found = only(ConflictKind::weekend);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_EQ(found[0].people, std::vector<PersonId>{PersonId{"koester"}});
    EXPECT_EQ(found[0].message, "'samstag' is on a weekend, 2013-03-09 10:00\u201312:00, outside the working week of "
                                "Landratsamt Bodenseekreis 08:00-17:00 (Andreas Köster)");

    add_meeting("samstag", "2013-03-09 10:00", "2013-03-09 12:00", "fn", {required("straub")});
    EXPECT_TRUE(conflicts().empty());
}

TEST_F(RuleTest, OfficeHoursAreCheckedAtTheirBoundaries)
{
    add_meeting("frueh", "2013-03-06 08:00", "2013-03-06 09:00", "fn", {required("koester")});
    add_meeting("spaet", "2013-03-06 16:00", "2013-03-06 17:00", "fn", {required("koester")});
    EXPECT_TRUE(conflicts().empty());

    add_meeting("spaet", "2013-03-06 16:00", "2013-03-06 17:01", "fn", {required("koester")});
    const auto found = only(ConflictKind::outside_office_hours);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].message, "'spaet' (2013-03-06 16:00\u201317:01) is outside the office hours of Landratsamt "
                                "Bodenseekreis 08:00-17:00 (Andreas Köster)");
}

TEST_F(RuleTest, OfficesOutsideTheirHoursAreNamedInTheOrderOfTheirIds)
{
    // Added in the other order, so that their places in memory are too: the message must
    // not depend on where the directory keeps them (the whole store and the part read
    // for one meeting must say the same).
    for (const auto* id : {"zz-amt", "mm-amt", "aa-amt"}) {
        directory.add(Organisation{OrganisationId{id}, std::string("Amt ") + id, CountyId{"bodenseekreis"},
                                   OrganisationKind::district_office, std::nullopt,
                                   OfficeHours{pt::hours(8), pt::hours(17)}});
        add_person((std::string("p-") + id).c_str(), (std::string("Person ") + id).c_str(), id);
    }
    add_meeting("spaet", "2013-03-06 16:00", "2013-03-06 17:30", "fn",
                {required("p-zz-amt"), required("p-aa-amt"), required("p-mm-amt")});
    const auto found = only(ConflictKind::outside_office_hours);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].message, "'spaet' (2013-03-06 16:00\u201317:30) is outside the office hours of Amt aa-amt "
                                "08:00-17:00 (Person aa-amt); Amt mm-amt 08:00-17:00 (Person mm-amt); Amt zz-amt "
                                "08:00-17:00 (Person zz-amt)");
    EXPECT_EQ(found[0].people, (std::vector{PersonId{"p-aa-amt"}, PersonId{"p-mm-amt"}, PersonId{"p-zz-amt"}}));
}

TEST_F(RuleTest, EveningMeetingsOfSelfHelpGroupsAreFine)
{
    add_meeting("abends", "2013-03-06 19:00", "2013-03-06 21:00", "fn", {required("straub")});
    EXPECT_TRUE(conflicts().empty());
}

TEST_F(RuleTest, OfficeHoursFollowTheMeetingsZoneAcrossTheClockChange)
{
    // 31 March 2013 is a Sunday; 1 April (Ostermontag) a holiday; 2 April 08:00 CEST
    // is 06:00 UTC and within the hours, 07:30 CEST is not.
    add_meeting("dienstag", "2013-04-02 08:00", "2013-04-02 10:00", "fn", {required("koester")});
    EXPECT_TRUE(conflicts().empty());
    add_meeting("dienstag", "2013-04-02 07:30", "2013-04-02 10:00", "fn", {required("koester")});
    EXPECT_EQ(only(ConflictKind::outside_office_hours).size(), 1U);
}

TEST_F(RuleTest, NoStepFreeAccessWarnsForThoseWhoNeedIt)
{
    add_meeting("keller", "2013-03-06 10:00", "2013-03-06 12:00", "keller", {required("koester"), required("straub")});
    const auto found = only(ConflictKind::venue_not_accessible);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_EQ(found[0].people, std::vector<PersonId>{PersonId{"straub"}});
    EXPECT_EQ(found[0].message, "Gewölbekeller has no step-free access, which Gerda Straub needs for 'keller', "
                                "2013-03-06 10:00\u201312:00");

    add_meeting("keller", "2013-03-06 10:00", "2013-03-06 12:00", "keller", {required("koester")});
    EXPECT_TRUE(only(ConflictKind::venue_not_accessible).empty());
}

TEST_F(RuleTest, APresenterMustBeAtTheMeeting)
{
    auto& meeting = add_meeting("a", "2013-03-06 10:00", "2013-03-06 12:00", "fn", {required("koester"), info("straub")});
    meeting.agenda = {AgendaItem{TimeRange(local("2013-03-06 10:00"), local("2013-03-06 10:30")), "Bericht",
                                 PersonId{"koester"}},
                      AgendaItem{TimeRange(local("2013-03-06 10:30"), local("2013-03-06 11:00")), "Impuls",
                                 PersonId{"straub"}},
                      AgendaItem{TimeRange(local("2013-03-06 11:00"), local("2013-03-06 11:30")), "Gast",
                                 PersonId{"veser"}}};
    const auto found = only(ConflictKind::agenda_presenter);
    ASSERT_EQ(found.size(), 2U);
    EXPECT_EQ(found[0].message, "Gerda Straub, who presents 'Impuls' (2013-03-06 10:30\u201311:00), is not among the "
                                "participants of 'a'");
    EXPECT_EQ(found[1].people, std::vector<PersonId>{PersonId{"veser"}});
}

// Friedrichshafen to Sigmaringen: 52 km as the crow flies, 67 km by road, 81 min at 50 km/h.
TEST(Travel, DrivingTimeFromCoordinates)
{
    const GeoPoint friedrichshafen(47.6553, 9.4760);
    const GeoPoint sigmaringen(48.0870, 9.2160);
    EXPECT_NEAR(great_circle_km(friedrichshafen, sigmaringen), 52.0, 1.0);
    EXPECT_EQ(great_circle_km(friedrichshafen, friedrichshafen), 0.0);
    const TravelModel model;
    EXPECT_EQ(driving_time(model, friedrichshafen, sigmaringen), pt::minutes(81));
    TravelModel fast = model;
    fast.average_speed_kmh = 100;
    EXPECT_EQ(driving_time(fast, friedrichshafen, sigmaringen), pt::minutes(41));
}

TEST_F(RuleTest, TravelImpossibleTightAndEnough)
{
    // 81 min of driving plus 15 min of buffer between Friedrichshafen and Sigmaringen.
    add_meeting("fn", "2013-03-06 09:00", "2013-03-06 10:00", "fn", {required("straub")});
    const auto gap = [&](int minutes) {
        const auto start = local("2013-03-06 10:00") + pt::minutes(minutes);
        directory.add(Meeting{MeetingId{"sig"}, "uid-sig", "sig", "", TimeRange(start, start + pt::hours(1)),
                              "Europe/Berlin", VenueId{"sig"}, {}, {required("straub")}, {},
                              MeetingStatus::confirmed, 0, {}, {}, {}, {}});
        return only(ConflictKind::travel);
    };
    EXPECT_TRUE(gap(96).empty());  // exactly the drive and the buffer
    ASSERT_EQ(gap(95).size(), 1U);
    EXPECT_EQ(gap(95)[0].severity, Severity::warning);
    ASSERT_EQ(gap(81).size(), 1U);  // exactly the drive: possible, but tight
    EXPECT_EQ(gap(81)[0].severity, Severity::warning);
    ASSERT_EQ(gap(80).size(), 1U);
    EXPECT_EQ(gap(80)[0].severity, Severity::error);
    EXPECT_EQ(gap(80)[0].meetings, (std::vector<MeetingId>{MeetingId{"fn"}, MeetingId{"sig"}}));
    EXPECT_EQ(gap(80)[0].message, "Gerda Straub has 80 min from 'fn' at Landratsamt Friedrichshafen to 'sig' at "
                                  "Landratsamt Sigmaringen, but the drive takes about 81 min");
    EXPECT_EQ(gap(90)[0].message, "Gerda Straub has 90 min from 'fn' at Landratsamt Friedrichshafen to 'sig' at "
                                  "Landratsamt Sigmaringen, but the drive takes about 81 min and 15 min to arrive");
}

TEST_F(RuleTest, TravelModelIsConfigurable)
{
    add_meeting("fn", "2013-03-06 09:00", "2013-03-06 10:00", "fn", {required("straub")});
    add_meeting("sig", "2013-03-06 11:00", "2013-03-06 12:00", "sig", {required("straub")});
    ASSERT_EQ(only(ConflictKind::travel).size(), 1U);
    CheckInput fast;
    fast.travel.average_speed_kmh = 100;
    EXPECT_TRUE(only(ConflictKind::travel, fast).empty());
}

TEST_F(RuleTest, TravelOnlyMattersOnTheSameDayAndBetweenDifferentPlaces)
{
    add_meeting("fn", "2013-03-06 09:00", "2013-03-06 10:00", "fn", {required("straub")});
    add_meeting("fn2", "2013-03-06 10:00", "2013-03-06 11:00", "fn", {required("straub")});
    add_meeting("sig", "2013-03-07 08:00", "2013-03-07 09:00", "sig", {required("straub")});
    EXPECT_TRUE(conflicts().empty());
}

TEST_F(RuleTest, EveryListedCountyNeedsSomeoneWhoMustCome)
{
    auto& meeting = add_meeting("austausch", "2013-03-06 10:00", "2013-03-06 12:00", "fn",
                                {required("koester"), optional("veser")});
    meeting.counties = {CountyId{"bodenseekreis"}, CountyId{"sigmaringen"}};
    const auto found = only(ConflictKind::county_not_covered);
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].severity, Severity::warning);
    EXPECT_EQ(found[0].message, "'austausch' brings together counties without a chair or required participant from "
                                "Landkreis Sigmaringen");

    meeting.participants[1].role = Role::chair;
    EXPECT_TRUE(only(ConflictKind::county_not_covered).empty());
}

TEST_F(RuleTest, BusyPeriodsFromElsewhereCount)
{
    add_meeting("a", "2013-03-06 10:00", "2013-03-06 12:00", "fn", {required("veser"), required("straub")});
    const std::vector<BusyPeriod> busy{
        {PersonId{"veser"}, TimeRange(local("2013-03-06 11:30"), local("2013-03-06 13:00")), "Kreistag"},
        {PersonId{"veser"}, TimeRange(local("2013-03-06 12:00"), local("2013-03-06 13:00")), "Mittagessen"},
        {PersonId{"straub"}, TimeRange(local("2013-03-06 08:00"), local("2013-03-06 10:00")), "Arzt"},
        {PersonId{"unbekannt"}, TimeRange(local("2013-03-06 08:00"), local("2013-03-06 18:00")), "?"},
    };
    CheckInput input;
    input.busy_periods = busy;
    const auto found = only(ConflictKind::person_busy, input);
    ASSERT_EQ(found.size(), 1U);  // touching periods are free
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_EQ(found[0].people, std::vector<PersonId>{PersonId{"veser"}});
    EXPECT_EQ(found[0].time, TimeRange(local("2013-03-06 11:30"), local("2013-03-06 12:00")));
    EXPECT_EQ(found[0].message, "Frank Veser is busy during 'a' (Kreistag), 2013-03-06 11:30\u201312:00");
}

TEST_F(RuleTest, BusyPeriodsAcrossSeveralMeetings)
{
    add_meeting("a", "2013-03-06 09:00", "2013-03-06 10:00", "fn", {required("veser")});
    add_meeting("b", "2013-03-06 13:00", "2013-03-06 14:00", "fn", {required("veser")});
    add_meeting("c", "2013-03-07 09:00", "2013-03-07 10:00", "fn", {required("veser")});
    const std::vector<BusyPeriod> busy{
        {PersonId{"veser"}, TimeRange(local("2013-03-06 08:00"), local("2013-03-06 16:00")), "Klausur"}};
    CheckInput input;
    input.busy_periods = busy;
    const auto found = only(ConflictKind::person_busy, input);
    ASSERT_EQ(found.size(), 2U);
    EXPECT_EQ(ids(found[0].meetings), std::vector<std::string>{"a"});
    EXPECT_EQ(ids(found[1].meetings), std::vector<std::string>{"b"});
}

TEST_F(RuleTest, TentativeMeetingsMakeWarningsAndCancelledOnesNothing)
{
    add_meeting("fest", "2013-03-06 10:00", "2013-03-06 12:00", "fn", {required("veser")});
    add_meeting("vielleicht", "2013-03-06 11:00", "2013-03-06 13:00", "fn", {required("veser")},
                MeetingStatus::tentative);
    add_meeting("abgesagt", "2013-03-06 10:00", "2013-03-06 13:00", "fn", {required("veser")},
                MeetingStatus::cancelled);
    const auto all = conflicts();
    ASSERT_EQ(all.size(), 2U);  // Veser and the venue, each between fest and vielleicht
    for (const auto& conflict : all) {
        EXPECT_EQ(conflict.severity, Severity::warning);
        EXPECT_EQ(ids(conflict.meetings), (std::vector<std::string>{"fest", "vielleicht"}));
    }
}

TEST_F(RuleTest, CheckingACancelledMeetingFindsNothing)
{
    add_meeting("fest", "2013-03-06 10:00", "2013-03-06 12:00", "fn", {required("veser")});
    add_meeting("abgesagt", "2013-03-06 10:00", "2013-03-06 13:00", "fn", {required("veser")},
                MeetingStatus::cancelled);
    EXPECT_TRUE(find_conflicts(directory, MeetingId{"abgesagt"}).empty());
    EXPECT_THROW(static_cast<void>(find_conflicts(directory, MeetingId{"gibt-es-nicht"})), NotFound);
}

}  // namespace
