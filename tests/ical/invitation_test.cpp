#include <planner/ical/invitation.hpp>

#include "error_message.hpp"

#include <planner/ical/content_lines.hpp>
#include <planner/error.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace planner::ical {
namespace {

namespace pt = boost::posix_time;
using boost::gregorian::date;

struct ComponentFree {
    void operator()(icalcomponent* component) const noexcept { icalcomponent_free(component); }
};
using Parsed = std::unique_ptr<icalcomponent, ComponentFree>;

struct IteratorFree {
    void operator()(icalrecur_iterator* iterator) const noexcept { icalrecur_iterator_free(iterator); }
};

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
                          {},
                          std::nullopt,
                          std::nullopt,
                          std::nullopt};
    }

    void add_person(const std::string& id, const std::string& name, const std::string& email)
    {
        directory.add(Person{PersonId(id), name, EmailAddress(email), OrganisationId("lra"), "", Access::any,
                             std::nullopt});
    }

    std::string write() { return write_invitation(directory, meeting, stamp); }

    const pt::ptime stamp{date(2012, 9, 20), pt::hours(8)};

    // The Sprecherrat meets on the second Tuesday of each month of 2013 at 14:00; not
    // in August; in May on the Wednesday morning in the Bürgerhaus; November is off.
    void make_series()
    {
        directory.add(Venue{VenueId("buergerhaus"), "Bürgerhaus Immenstaad", "Hauptstraße 2, 88090 Immenstaad",
                            CountyId("bodenseekreis"), 40, GeoPoint(47.6671, 9.3652), Accessibility::step_free});
        meeting.time = TimeRange(local_berlin(date(2013, 1, 8), 14), local_berlin(date(2013, 1, 8), 16));
        meeting.agenda = {{TimeRange(local_berlin(date(2013, 1, 8), 14), local_berlin(date(2013, 1, 8), 14, 15)),
                           "Begrüßung", PersonId("koester")}};
        meeting.recurrence = Recurrence{
            "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231",
            {date(2013, 8, 13)},
            {OccurrenceChange{date(2013, 5, 14),
                              TimeRange(local_berlin(date(2013, 5, 15), 10), local_berlin(date(2013, 5, 15), 12)),
                              VenueId("buergerhaus"), std::nullopt},
             OccurrenceChange{date(2013, 11, 12), std::nullopt, std::nullopt, MeetingStatus::cancelled}}};
    }

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

    static std::vector<icalcomponent*> events_of(icalcomponent* calendar)
    {
        std::vector<icalcomponent*> events;
        for (auto* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event != nullptr;
             event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
            events.push_back(event);
        }
        return events;
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
                    "", VenueId("x"), {}, {}, {}, MeetingStatus::confirmed, 0, {}, {}, {}, {}};
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

// ------------------------------------------------------------------ series

// The file's own VTIMEZONE as a libical zone, to turn its local times into UTC.
class FileZone {
public:
    explicit FileZone(icalcomponent* calendar) : zone_(icaltimezone_new())
    {
        auto* vtimezone = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT);
        EXPECT_NE(vtimezone, nullptr);
        if (vtimezone != nullptr) {
            EXPECT_EQ(icaltimezone_set_component(zone_, icalcomponent_new_clone(vtimezone)), 1);
        }
    }
    ~FileZone() { icaltimezone_free(zone_, 1); }
    FileZone(const FileZone&) = delete;
    FileZone& operator=(const FileZone&) = delete;

    [[nodiscard]] icaltimezone* get() const { return zone_; }

    // A local time of the file (its TZID is the file's one zone) as UTC.
    [[nodiscard]] pt::ptime to_utc(icaltimetype local) const
    {
        local.zone = zone_;
        return as_ptime(icaltime_convert_to_zone(local, icaltimezone_get_utc_timezone()));
    }

    static pt::ptime as_ptime(const icaltimetype& time)
    {
        return {date(static_cast<unsigned short>(time.year), static_cast<unsigned short>(time.month),
                     static_cast<unsigned short>(time.day)),
                pt::hours(time.hour) + pt::minutes(time.minute) + pt::seconds(time.second)};
    }

private:
    icaltimezone* zone_;
};

std::string tzid_of(icalproperty* property)
{
    const char* tzid = icalproperty_get_parameter_as_string(property, "TZID");
    return tzid == nullptr ? "" : tzid;
}

TEST_F(InvitationTest, ASeriesHasOneMasterEventWithRuleUntilInUtcAndExceptions)
{
    make_series();
    const auto text = write();
    EXPECT_EQ(lines_starting(text, "RRULE:FREQ=MONTHLY"),
              std::vector<std::string>{"RRULE:FREQ=MONTHLY;UNTIL=20131231T225959Z;BYDAY=2TU"});
    // The exception, and the cancelled occurrence: RFC 5546 has no cancelled instance
    // inside a REQUEST, so it is left out like an exception.
    EXPECT_EQ(lines_starting(text, "EXDATE"), (std::vector<std::string>{"EXDATE;TZID=Europe/Berlin:20130813T140000",
                                                                         "EXDATE;TZID=Europe/Berlin:20131112T140000"}));
    EXPECT_EQ(lines_starting(text, "DTSTART;"),
              (std::vector<std::string>{"DTSTART;TZID=Europe/Berlin:20130108T140000",
                                        "DTSTART;TZID=Europe/Berlin:20130515T100000"}));

    const auto calendar = parse(text);
    const auto events = events_of(calendar.get());
    ASSERT_EQ(events.size(), 2U);
    auto* master = events.front();
    EXPECT_EQ(icalcomponent_get_first_property(master, ICAL_RECURRENCEID_PROPERTY), nullptr);
    auto* rrule = icalcomponent_get_first_property(master, ICAL_RRULE_PROPERTY);
    ASSERT_NE(rrule, nullptr);
    const auto rule = icalproperty_get_rrule(rrule);
    EXPECT_EQ(rule.freq, ICAL_MONTHLY_RECURRENCE);
    EXPECT_EQ(icaltime_is_utc(rule.until), 1);
    EXPECT_EQ(FileZone::as_ptime(rule.until),
              pt::ptime(date(2013, 12, 31), pt::hours(22) + pt::minutes(59) + pt::seconds(59)));
    EXPECT_EQ(icalcomponent_count_properties(master, ICAL_EXDATE_PROPERTY), 2);
    auto* exdate = icalcomponent_get_first_property(master, ICAL_EXDATE_PROPERTY);
    EXPECT_EQ(tzid_of(exdate), "Europe/Berlin");
    const FileZone zone(calendar.get());
    EXPECT_EQ(zone.to_utc(icalproperty_get_exdate(exdate)), local_berlin(date(2013, 8, 13), 14));
}

TEST_F(InvitationTest, EachChangedOccurrenceIsAnEventWithTheSeriesUidAndARecurrenceId)
{
    make_series();
    const auto calendar = parse(write());
    const auto events = events_of(calendar.get());
    ASSERT_EQ(events.size(), 2U);
    const FileZone zone(calendar.get());
    using Reading = std::tuple<pt::ptime, pt::ptime, pt::ptime, std::string, icalproperty_status>;
    std::vector<Reading> changed;
    for (auto* event : std::vector<icalcomponent*>(events.begin() + 1, events.end())) {
        EXPECT_STREQ(icalcomponent_get_uid(event), meeting.uid.c_str());
        EXPECT_EQ(icalcomponent_get_sequence(event), meeting.sequence);
        EXPECT_STREQ(icalcomponent_get_summary(event), meeting.title.c_str());
        EXPECT_EQ(icalcomponent_count_properties(event, ICAL_ATTENDEE_PROPERTY), 5);
        EXPECT_EQ(icalcomponent_count_properties(event, ICAL_ORGANIZER_PROPERTY), 1);
        EXPECT_EQ(icalcomponent_count_properties(event, ICAL_RRULE_PROPERTY), 0);
        EXPECT_EQ(icalcomponent_count_properties(event, ICAL_EXDATE_PROPERTY), 0);
        auto* recurrence_id = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY);
        ASSERT_NE(recurrence_id, nullptr);
        EXPECT_EQ(tzid_of(recurrence_id), "Europe/Berlin");
        changed.emplace_back(zone.to_utc(icalproperty_get_recurrenceid(recurrence_id)),
                             zone.to_utc(icalcomponent_get_dtstart(event)), zone.to_utc(icalcomponent_get_dtend(event)),
                             icalcomponent_get_location(event), icalcomponent_get_status(event));
    }
    const std::string rathaus = "Rathaus Immenstaad, Dr.-Zimmermann-Straße 1, 88090 Immenstaad am Bodensee";
    EXPECT_EQ(changed, (std::vector<Reading>{
                           {local_berlin(date(2013, 5, 14), 14), local_berlin(date(2013, 5, 15), 10),
                            local_berlin(date(2013, 5, 15), 12),
                            "Bürgerhaus Immenstaad, Hauptstraße 2, 88090 Immenstaad", ICAL_STATUS_CONFIRMED},
                       }));
    EXPECT_EQ(icalcomponent_get_status(events.front()), ICAL_STATUS_CONFIRMED);
}

TEST_F(InvitationTest, AMovedOccurrencesAgendaMovesWithIt)
{
    make_series();
    const auto calendar = parse(write());
    const auto events = events_of(calendar.get());
    ASSERT_EQ(events.size(), 2U);
    const std::string master = icalcomponent_get_description(events[0]);
    const std::string moved = icalcomponent_get_description(events[1]);
    EXPECT_NE(master.find("\n14:00\u201314:15 Begrüßung (Andreas Köster)"), std::string::npos) << master;
    EXPECT_NE(moved.find("\n10:00\u201310:15 Begrüßung (Andreas Köster)"), std::string::npos) << moved;
}

// An independent expansion: libical iterates the rule as read back, from a DTSTART in
// the file's VTIMEZONE (so it compares the UTC UNTIL correctly), and the test applies
// EXDATE and RECURRENCE-ID itself. The VTIMEZONE must cover every occurrence: winter
// ones are at 13:00 UTC, summer ones at 12:00.
TEST_F(InvitationTest, LibicalReadsTheSeriesOccurrencesBackInUtc)
{
    make_series();
    const auto calendar = parse(write());
    const auto events = events_of(calendar.get());
    ASSERT_EQ(events.size(), 2U);
    const FileZone zone(calendar.get());
    auto* master = events.front();
    auto start = icalcomponent_get_dtstart(master);
    start.zone = zone.get();
    const auto length = zone.to_utc(icalcomponent_get_dtend(master)) - zone.to_utc(start);
    std::set<pt::ptime> excluded;
    for (auto* exdate = icalcomponent_get_first_property(master, ICAL_EXDATE_PROPERTY); exdate != nullptr;
         exdate = icalcomponent_get_next_property(master, ICAL_EXDATE_PROPERTY)) {
        excluded.insert(zone.to_utc(icalproperty_get_exdate(exdate)));
    }
    std::map<pt::ptime, icalcomponent*> overrides;
    for (auto* event : std::vector<icalcomponent*>(events.begin() + 1, events.end())) {
        overrides[zone.to_utc(icalcomponent_get_recurrenceid(event))] = event;
    }

    using Occurrence = std::tuple<pt::ptime, pt::ptime, icalproperty_status>;
    std::vector<Occurrence> occurrences;
    const auto rule = icalproperty_get_rrule(icalcomponent_get_first_property(master, ICAL_RRULE_PROPERTY));
    const std::unique_ptr<icalrecur_iterator, IteratorFree> iterator(icalrecur_iterator_new(rule, start));
    ASSERT_NE(iterator, nullptr);
    for (auto next = icalrecur_iterator_next(iterator.get()); !icaltime_is_null_time(next) && occurrences.size() < 50;
         next = icalrecur_iterator_next(iterator.get())) {
        const auto utc = zone.to_utc(next);
        if (excluded.contains(utc)) {
            continue;
        }
        if (const auto found = overrides.find(utc); found != overrides.end()) {
            occurrences.emplace_back(zone.to_utc(icalcomponent_get_dtstart(found->second)),
                                     zone.to_utc(icalcomponent_get_dtend(found->second)),
                                     icalcomponent_get_status(found->second));
        } else {
            occurrences.emplace_back(utc, utc + length, icalcomponent_get_status(master));
        }
    }

    const auto at = [](int month, int day, int utc_hour) {
        const pt::ptime start_utc(date(2013, static_cast<unsigned short>(month), static_cast<unsigned short>(day)),
                                  pt::hours(utc_hour));
        return std::pair{start_utc, start_utc + pt::hours(2)};
    };
    std::vector<Occurrence> expected;
    for (const auto& [month, day, utc_hour] : std::vector<std::tuple<int, int, int>>{
             {1, 8, 13}, {2, 12, 13}, {3, 12, 13}, {4, 9, 12}, {5, 15, 8}, {6, 11, 12}, {7, 9, 12}, {9, 10, 12},
             {10, 8, 12}, {12, 10, 13}}) {
        const auto [start_utc, end_utc] = at(month, day, utc_hour);
        expected.emplace_back(start_utc, end_utc, ICAL_STATUS_CONFIRMED);
    }
    EXPECT_EQ(occurrences, expected);
}

// What libical's RFC 5546 tables (icalrestriction_check) find wrong with a calendar.
std::set<std::string> iptip_errors(const std::string& text)
{
    const Parsed calendar(icalparser_parse_string(text.c_str()));
    Parsed clone(icalcomponent_new_clone(calendar.get()));
    static_cast<void>(icalrestriction_check(clone.get()));
    std::set<std::string> errors;
    for (auto* event = icalcomponent_get_first_component(clone.get(), ICAL_VEVENT_COMPONENT); event != nullptr;
         event = icalcomponent_get_next_component(clone.get(), ICAL_VEVENT_COMPONENT)) {
        for (auto* error = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY); error != nullptr;
             error = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
            errors.insert(icalproperty_get_xlicerror(error));
        }
    }
    return errors;
}

// RFC 5546 3.2.2 allows only TENTATIVE and CONFIRMED as STATUS in a REQUEST: a series
// with a cancelled occurrence passes because that occurrence is an EXDATE.
TEST_F(InvitationTest, ASeriesWithACancelledOccurrencePassesLibicalsIptipRestrictions)
{
    make_series();
    EXPECT_EQ(iptip_errors(write()), std::set<std::string>{});
}

TEST_F(InvitationTest, ACancellationKeepsTheUidAndNamesOnlyThoseItIsFor)
{
    meeting.sequence = 3;
    const std::vector<Participant> gast{{PersonId("gast"), Role::optional}};
    const auto text = write_cancellation(directory, meeting, {gast, std::nullopt, "Raum; belegt"}, stamp);
    EXPECT_EQ(lines_starting(text, "METHOD"), std::vector<std::string>{"METHOD:CANCEL"});
    EXPECT_EQ(iptip_errors(text), std::set<std::string>{});
    const auto calendar = parse(text);
    const auto events = events_of(calendar.get());
    ASSERT_EQ(events.size(), 1U);
    EXPECT_STREQ(icalcomponent_get_uid(events[0]), meeting.uid.c_str());
    EXPECT_EQ(icalcomponent_get_sequence(events[0]), 3);
    EXPECT_EQ(icalcomponent_get_status(events[0]), ICAL_STATUS_CANCELLED);
    EXPECT_STREQ(icalcomponent_get_comment(events[0]), "Raum; belegt");
    ASSERT_EQ(icalcomponent_count_properties(events[0], ICAL_ATTENDEE_PROPERTY), 1);
    auto* attendee = icalcomponent_get_first_property(events[0], ICAL_ATTENDEE_PROPERTY);
    EXPECT_STREQ(icalproperty_get_attendee(attendee), "mailto:gerda.gast@example.org");
    EXPECT_EQ(icalproperty_get_first_parameter(attendee, ICAL_RSVP_PARAMETER), nullptr);
    EXPECT_EQ(icalcomponent_count_properties(events[0], ICAL_ORGANIZER_PROPERTY), 1);
}

TEST_F(InvitationTest, CancellingOneOccurrenceNamesItByItsRecurrenceId)
{
    make_series();
    meeting.sequence = 1;
    const auto people = invitees(meeting);
    const auto text = write_cancellation(directory, meeting, {people, date(2013, 5, 14), ""}, stamp);
    EXPECT_EQ(iptip_errors(text), std::set<std::string>{});
    const auto calendar = parse(text);
    const auto events = events_of(calendar.get());
    ASSERT_EQ(events.size(), 1U);
    const FileZone zone(calendar.get());
    // The occurrence of 14 May was moved to the 15th: RECURRENCE-ID names the rule's day.
    EXPECT_EQ(zone.to_utc(icalcomponent_get_recurrenceid(events[0])), local_berlin(date(2013, 5, 14), 14));
    EXPECT_EQ(zone.to_utc(icalcomponent_get_dtstart(events[0])), local_berlin(date(2013, 5, 15), 10));
    EXPECT_EQ(icalcomponent_count_properties(events[0], ICAL_RRULE_PROPERTY), 0);
    EXPECT_EQ(icalcomponent_get_status(events[0]), ICAL_STATUS_CANCELLED);
    EXPECT_EQ(icalcomponent_get_sequence(events[0]), 1);

    EXPECT_EQ(planner::testing::error_message([&] { static_cast<void>(write_cancellation(directory, meeting, {people, date(2013, 5, 15), ""}, stamp)); }),
              "meeting '" + meeting.id.str() + "' has no occurrence on 2013-05-15");
}

TEST_F(InvitationTest, ARuleWithCountIsWrittenAsItIs)
{
    make_series();
    meeting.recurrence->rule = "FREQ=WEEKLY;COUNT=10;BYDAY=TU";
    meeting.recurrence->exceptions.clear();
    meeting.recurrence->changes.clear();
    const auto text = write();
    EXPECT_EQ(lines_starting(text, "RRULE:FREQ=WEEKLY"),
              std::vector<std::string>{"RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=TU"});
    EXPECT_EQ(lines_starting(text, "EXDATE").size(), 0U);
    EXPECT_EQ(lines_starting(text, "RECURRENCE-ID").size(), 0U);
}

// The last day the planner accepts (planner/accepted_dates.hpp) is written as it is,
// in summer time too, and libical reads the same instants back from the VTIMEZONE.
TEST_F(InvitationTest, TheLastAcceptedDateIsWrittenCorrectly)
{
    meeting.time = TimeRange(local_berlin(date(2199, 7, 1), 14), local_berlin(date(2199, 7, 1), 16));
    meeting.agenda.clear();
    meeting.recurrence = Recurrence{"FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=21991231", {}, {}};
    auto text = write();
    EXPECT_EQ(lines_starting(text, "DTSTART;"), std::vector<std::string>{"DTSTART;TZID=Europe/Berlin:21990701T140000"});
    EXPECT_EQ(lines_starting(text, "RRULE:FREQ=MONTHLY"),
              std::vector<std::string>{"RRULE:FREQ=MONTHLY;UNTIL=21991231T225959Z;BYMONTHDAY=1"});
    const auto calendar = parse(text);
    const FileZone zone(calendar.get());
    EXPECT_EQ(zone.to_utc(icalcomponent_get_dtstart(event_of(calendar.get()))),
              pt::ptime(date(2199, 7, 1), pt::hours(12)));

    meeting.time = TimeRange(local_berlin(date(2199, 12, 31), 22), local_berlin(date(2199, 12, 31), 23, 59));
    meeting.recurrence.reset();
    text = write();
    EXPECT_EQ(lines_starting(text, "DTEND"), std::vector<std::string>{"DTEND;TZID=Europe/Berlin:21991231T235900"});
    const auto last = parse(text);
    EXPECT_EQ(FileZone(last.get()).to_utc(icalcomponent_get_dtend(event_of(last.get()))),
              pt::ptime(date(2199, 12, 31), pt::hours(22) + pt::minutes(59)));
}

std::string error_of(const std::function<std::string()>& write)
{
    try {
        static_cast<void>(write());
    } catch (const Error& error) {
        return error.what();
    }
    return "(no error)";
}

// planner::occurrences refuses these, in its words; the invitation must not be
// written either.
TEST_F(InvitationTest, ASeriesWhoseDatesAreNotThoseOfItsRuleIsRefused)
{
    const auto refused_naming = [&](const std::string& what) {
        const auto error = error_of([&] { return write(); });
        EXPECT_NE(error.find("kennenlernen-2012"), std::string::npos) << error;
        EXPECT_NE(error.find(what), std::string::npos) << error;
    };
    make_series();
    meeting.recurrence->exceptions = {date(2013, 8, 14)};
    refused_naming("2013-08-14");

    make_series();
    meeting.recurrence->changes.front().date = date(2014, 1, 14);
    refused_naming("2014-01-14");

    make_series();
    meeting.time = TimeRange(local_berlin(date(2013, 1, 9), 14), local_berlin(date(2013, 1, 9), 16));
    refused_naming("2013-01-09");

    make_series();
    meeting.recurrence->rule = "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231T140000";
    EXPECT_EQ(error_of([&] { return write(); }),
              "meeting 'kennenlernen-2012': the recurrence rule 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=20131231T140000' ends "
              "(UNTIL) at a local date-time without zone; give a date (UNTIL=20131231) or a UTC date-time "
              "(UNTIL=20131231T230000Z)");
}

}  // namespace
}  // namespace planner::ical
