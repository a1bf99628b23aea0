#include <planner/ical/invitation.hpp>

#include <planner/ical/content_lines.hpp>
#include <planner/error.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <set>
#include <vector>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;
using boost::gregorian::date;

struct ComponentFree {
    void operator()(icalcomponent* component) const noexcept { icalcomponent_free(component); }
};
using Parsed = std::unique_ptr<icalcomponent, ComponentFree>;

pt::ptime local_berlin(date day, int hour, int minute = 0)
{
    return time_zone("Europe/Berlin").to_utc(pt::ptime(day, pt::hours(hour) + pt::minutes(minute)));
}

class InvitationTest : public ::testing::Test {
protected:
    InvitationTest()
    {
        directory.add(County{CountyId("bodenseekreis"), "Bodenseekreis", "Friedrichshafen", "DE-BW",
                             GeoPoint(47.6542, 9.4797)});
        directory.add(Organisation{OrganisationId("lra"), "Landratsamt Bodenseekreis", CountyId("bodenseekreis"),
                                   OrganisationKind::district_office, std::nullopt});
        add_person("koester", "Andreas Köster", "andreas.koester@example.org");
        add_person("ludwig", "Christine Ludwig", "christine.ludwig@example.org");
        add_person("bartholomaeus", "Karin Bartholomäus", "karin.bartholomaeus@example.org");
        add_person("gast", "Gerda Gast", "gerda.gast@example.org");
        add_person("info", "Ingo Info", "ingo.info@example.org");
        directory.add(Venue{VenueId("rathaus"), "Rathaus Immenstaad",
                            "Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee", CountyId("bodenseekreis"), 60,
                            GeoPoint(47.6665, 9.37), Accessibility::step_free});
        meeting = Meeting{MeetingId("kennenlernen-2012"),
                          "6f1c2a3e-0b5d-4c1e-9a7b-3d2e1f0a9b8c",
                          "Gedanken- und Erfahrungsaustausch",
                          "Kennenlernen über die Kreisgrenzen.",
                          TimeRange(local_berlin(date(2012, 10, 11), 14), local_berlin(date(2012, 10, 11), 17)),
                          "Europe/Berlin",
                          VenueId("rathaus"),
                          {PersonId("bartholomaeus"), PersonId("ludwig")},
                          {{PersonId("koester"), Role::chair},
                           {PersonId("gast"), Role::optional},
                           {PersonId("info"), Role::info}},
                          {{TimeRange(local_berlin(date(2012, 10, 11), 14), local_berlin(date(2012, 10, 11), 14, 15)),
                            "Begrüßung", PersonId("koester")}},
                          MeetingStatus::confirmed,
                          2,
                          {}};
    }

    void add_person(const std::string& id, const std::string& name, const std::string& email)
    {
        directory.add(Person{PersonId(id), name, EmailAddress(email), OrganisationId("lra"), "", Access::any,
                             std::nullopt});
    }

    std::string write() { return write_invitation(directory, meeting, pt::ptime(date(2012, 9, 20), pt::hours(8))); }

    static Parsed parse(const std::string& text)
    {
        Parsed calendar(icalparser_parse_string(text.c_str()));
        EXPECT_NE(calendar, nullptr);
        if (calendar) {
            EXPECT_EQ(icalcomponent_count_errors(calendar.get()), 0);
        }
        return calendar;
    }

    static icalcomponent* event_of(icalcomponent* calendar)
    {
        return icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
    }

    static std::vector<std::string> lines_of(const std::string& text)
    {
        std::vector<std::string> lines;
        const auto unfolded = unfold_lines(text);
        std::size_t start = 0;
        while (start < unfolded.size()) {
            const auto end = unfolded.find("\r\n", start);
            lines.push_back(unfolded.substr(start, end - start));
            start = end + 2;
        }
        return lines;
    }

    static std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix)
    {
        std::vector<std::string> result;
        for (const auto& line : lines_of(text)) {
            if (line.starts_with(prefix)) {
                result.push_back(line);
            }
        }
        return result;
    }

    Directory directory;
    Meeting meeting{MeetingId("x"), "", "", "", TimeRange(pt::ptime(date(2000, 1, 1)), pt::ptime(date(2000, 1, 2))),
                    "", VenueId("x"), {}, {}, {}, MeetingStatus::confirmed, 0, {}};
};

TEST_F(InvitationTest, EveryLineEndsInCrlfAndHasAtMost75Octets)
{
    meeting.title = std::string(20, 'x') + "Überörtlicher Erfahrungsaustausch der Selbsthilfegruppen und "
                                            "Sozialverwaltungen äöüß€";
    const auto text = write();
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        ASSERT_NE(end, std::string::npos);
        const auto line = text.substr(start, end - start);
        EXPECT_LE(line.size(), max_line_octets) << line;
        EXPECT_EQ(line.find('\n'), std::string::npos);
        EXPECT_EQ(line.find('\r'), std::string::npos);
        start = end + 2;
    }
    const auto calendar = parse(text);
    EXPECT_STREQ(icalcomponent_get_summary(event_of(calendar.get())), meeting.title.c_str());
}

TEST_F(InvitationTest, IsARequestWithMethodOnceBeforeTheFirstComponent)
{
    const auto lines = lines_of(write());
    ASSERT_GE(lines.size(), 5U);
    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    EXPECT_EQ(lines_starting(write(), "METHOD:"), std::vector<std::string>{"METHOD:REQUEST"});
    const auto method = std::find(lines.begin(), lines.end(), "METHOD:REQUEST");
    const auto first_component = std::find_if(lines.begin() + 1, lines.end(),
                                              [](const std::string& line) { return line.starts_with("BEGIN:"); });
    EXPECT_LT(method, first_component);
    EXPECT_EQ(lines_starting(write(), "VERSION:"), std::vector<std::string>{"VERSION:2.0"});
    EXPECT_EQ(lines_starting(write(), "PRODID:"), std::vector<std::string>{"PRODID:" + product_id()});
}

TEST_F(InvitationTest, TimesAreLocalWithTheirZoneAndTheStampIsUtc)
{
    const auto text = write();
    EXPECT_EQ(lines_starting(text, "DTSTART;"), std::vector<std::string>{"DTSTART;TZID=Europe/Berlin:20121011T140000"});
    EXPECT_EQ(lines_starting(text, "DTEND"), std::vector<std::string>{"DTEND;TZID=Europe/Berlin:20121011T170000"});
    EXPECT_EQ(lines_starting(text, "DTSTAMP"), std::vector<std::string>{"DTSTAMP:20120920T080000Z"});

    // libical, given the VTIMEZONE of the file, finds the same UTC instant.
    const auto calendar = parse(text);
    auto* vtimezone = icalcomponent_get_first_component(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
    ASSERT_NE(vtimezone, nullptr);
    icaltimezone* zone = icaltimezone_new();
    ASSERT_EQ(icaltimezone_set_component(zone, icalcomponent_new_clone(vtimezone)), 1);
    auto start = icalcomponent_get_dtstart(event_of(calendar.get()));
    start.zone = zone;
    const auto utc = icaltime_convert_to_zone(start, icaltimezone_get_utc_timezone());
    EXPECT_EQ(utc.hour, 12);
    EXPECT_EQ(utc.day, 11);
    icaltimezone_free(zone, 1);
}

TEST_F(InvitationTest, HasAMinimalVtimezoneWithoutUntil)
{
    const auto text = write();
    EXPECT_EQ(lines_starting(text, "TZID:"), std::vector<std::string>{"TZID:Europe/Berlin"});
    EXPECT_EQ(lines_starting(text, "BEGIN:STANDARD").size(), 1U);
    EXPECT_EQ(lines_starting(text, "BEGIN:DAYLIGHT").size(), 1U);
    const auto rules = lines_starting(text, "RRULE:");
    ASSERT_EQ(rules.size(), 2U);
    const std::set<std::string> rule_set(rules.begin(), rules.end());
    EXPECT_EQ(rule_set, (std::set<std::string>{"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                                               "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"}));
    const auto starts = lines_starting(text, "DTSTART:");
    EXPECT_EQ(std::set<std::string>(starts.begin(), starts.end()),
              (std::set<std::string>{"DTSTART:19701025T030000", "DTSTART:19700329T020000"}));
    EXPECT_EQ(text.find("UNTIL"), std::string::npos);
}

TEST_F(InvitationTest, AZoneWithoutDaylightSavingHasOnlyStandardTime)
{
    meeting.time_zone = "Asia/Tokyo";
    const auto text = write();
    EXPECT_EQ(lines_starting(text, "TZID:"), std::vector<std::string>{"TZID:Asia/Tokyo"});
    EXPECT_EQ(lines_starting(text, "BEGIN:DAYLIGHT").size(), 0U);
    EXPECT_EQ(lines_starting(text, "TZOFFSETTO:"), std::vector<std::string>{"TZOFFSETTO:+0900"});
    EXPECT_EQ(lines_starting(text, "DTSTART;"), std::vector<std::string>{"DTSTART;TZID=Asia/Tokyo:20121011T210000"});
}

TEST_F(InvitationTest, NamesTheOrganiserAndEveryInviteeWithTheirRole)
{
    const auto calendar = parse(write());
    auto* event = event_of(calendar.get());
    auto* organizer = icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY);
    ASSERT_NE(organizer, nullptr);
    EXPECT_STREQ(icalproperty_get_organizer(organizer), "mailto:karin.bartholomaeus@example.org");
    EXPECT_STREQ(icalproperty_get_parameter_as_string(organizer, "CN"), "Karin Bartholomäus");

    std::map<std::string, std::pair<icalparameter_role, icalparameter_rsvp>> attendees;
    for (auto* attendee = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY); attendee != nullptr;
         attendee = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY)) {
        auto* role = icalproperty_get_first_parameter(attendee, ICAL_ROLE_PARAMETER);
        auto* rsvp = icalproperty_get_first_parameter(attendee, ICAL_RSVP_PARAMETER);
        auto* partstat = icalproperty_get_first_parameter(attendee, ICAL_PARTSTAT_PARAMETER);
        auto* cutype = icalproperty_get_first_parameter(attendee, ICAL_CUTYPE_PARAMETER);
        ASSERT_TRUE(role && rsvp && partstat && cutype);
        EXPECT_EQ(icalparameter_get_partstat(partstat), ICAL_PARTSTAT_NEEDSACTION);
        EXPECT_EQ(icalparameter_get_cutype(cutype), ICAL_CUTYPE_INDIVIDUAL);
        attendees[icalproperty_get_attendee(attendee)] = {icalparameter_get_role(role), icalparameter_get_rsvp(rsvp)};
    }
    using Entry = std::pair<icalparameter_role, icalparameter_rsvp>;
    EXPECT_EQ(attendees, (std::map<std::string, Entry>{
                             {"mailto:andreas.koester@example.org", {ICAL_ROLE_CHAIR, ICAL_RSVP_TRUE}},
                             {"mailto:gerda.gast@example.org", {ICAL_ROLE_OPTPARTICIPANT, ICAL_RSVP_TRUE}},
                             {"mailto:ingo.info@example.org", {ICAL_ROLE_NONPARTICIPANT, ICAL_RSVP_FALSE}},
                             {"mailto:karin.bartholomaeus@example.org", {ICAL_ROLE_CHAIR, ICAL_RSVP_TRUE}},
                             {"mailto:christine.ludwig@example.org", {ICAL_ROLE_CHAIR, ICAL_RSVP_TRUE}},
                         }));
}

TEST_F(InvitationTest, CarriesPlaceStatusSequenceAndAgenda)
{
    const auto text = write();
    const auto calendar = parse(text);
    auto* event = event_of(calendar.get());
    EXPECT_STREQ(icalcomponent_get_uid(event), meeting.uid.c_str());
    EXPECT_STREQ(icalcomponent_get_location(event),
                 "Rathaus Immenstaad, Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee");
    EXPECT_EQ(icalcomponent_get_status(event), ICAL_STATUS_CONFIRMED);
    EXPECT_EQ(icalcomponent_get_sequence(event), 2);
    EXPECT_EQ(lines_starting(text, "GEO:"), std::vector<std::string>{"GEO:47.666500;9.370000"});
    const std::string description = icalcomponent_get_description(event);
    EXPECT_EQ(description, "Kennenlernen über die Kreisgrenzen.\n\nTagesordnung:\n14:00\u201314:15 Begrüßung "
                           "(Andreas Köster)\n\nOrganisation: Karin Bartholomäus, Christine Ludwig");
}

TEST_F(InvitationTest, TextIsEscaped)
{
    meeting.title = "Treffen; Austausch, Netzwerk \\ Rückblick";
    const auto text = write();
    EXPECT_EQ(lines_starting(text, "SUMMARY:"),
              std::vector<std::string>{"SUMMARY:Treffen\\; Austausch\\, Netzwerk \\\\ Rückblick"});
    const auto calendar = parse(text);
    EXPECT_STREQ(icalcomponent_get_summary(event_of(calendar.get())), meeting.title.c_str());
}

TEST_F(InvitationTest, ATitleCannotInjectALineOrAnAttendee)
{
    meeting.title = "Treffen\r\nATTENDEE:mailto:intruder@example.org\nX-EVIL:1\x01\x7f";
    const auto text = write();
    EXPECT_EQ(text.find("\r\nATTENDEE:mailto:intruder"), std::string::npos);
    EXPECT_EQ(text.find("\r\nX-EVIL"), std::string::npos);
    EXPECT_EQ(text.find('\x01'), std::string::npos);
    EXPECT_EQ(text.find('\x7f'), std::string::npos);
    const auto calendar = parse(text);
    auto* event = event_of(calendar.get());
    EXPECT_STREQ(icalcomponent_get_summary(event), "Treffen ATTENDEE:mailto:intruder@example.org X-EVIL:1");
    EXPECT_EQ(icalcomponent_count_properties(event, ICAL_ATTENDEE_PROPERTY), 5);
}

TEST_F(InvitationTest, ANameCannotInjectAParameter)
{
    add_person("koester", "Köster, \"Andreas\"; ROLE=CHAIR:mailto:evil@example.org\r\nX", "andreas.koester@example.org");
    const auto text = write();
    const auto calendar = parse(text);
    auto* event = event_of(calendar.get());
    bool found = false;
    for (auto* attendee = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY); attendee != nullptr;
         attendee = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY)) {
        if (std::string(icalproperty_get_attendee(attendee)) == "mailto:andreas.koester@example.org") {
            found = true;
            EXPECT_STREQ(icalproperty_get_parameter_as_string(attendee, "CN"),
                         "Köster, Andreas; ROLE=CHAIR:mailto:evil@example.org X");
            EXPECT_EQ(icalproperty_count_parameters(attendee), 5);  // CN CUTYPE ROLE PARTSTAT RSVP
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(icalcomponent_count_properties(event, ICAL_ATTENDEE_PROPERTY), 5);
    const auto lines = lines_starting(text, "ATTENDEE;CN=\"Köster");
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_TRUE(lines.front().starts_with("ATTENDEE;CN=\"Köster, Andreas; ROLE=CHAIR:mailto:evil@example.org X\";"))
        << lines.front();
}

TEST_F(InvitationTest, PassesLibicalsIptipRestrictions)
{
    const auto calendar = parse(write());
    Parsed clone(icalcomponent_new_clone(calendar.get()));
    EXPECT_EQ(icalrestriction_check(clone.get()), 1);
    EXPECT_EQ(icalcomponent_count_errors(clone.get()), 0);
}

TEST_F(InvitationTest, TentativeAndCancelledStatusesAreWritten)
{
    meeting.status = MeetingStatus::tentative;
    EXPECT_EQ(lines_starting(write(), "STATUS:"), std::vector<std::string>{"STATUS:TENTATIVE"});
}

TEST_F(InvitationTest, AMeetingWithoutUidIsRefused)
{
    meeting.uid.clear();
    EXPECT_THROW(static_cast<void>(write()), Error);
}

}  // namespace
}  // namespace planner::ical
