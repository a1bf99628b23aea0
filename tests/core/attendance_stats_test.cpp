#include <planner/attendance_stats.hpp>

#include <planner/recurrence.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace planner {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

// Two counties, a district office and a self-help group; two meetings in 2012, one
// in 2013 and a cancelled one.
class AttendanceStatsTest : public ::testing::Test {
protected:
    AttendanceStatsTest()
    {
        directory.add(County{CountyId("bsk"), "Bodenseekreis", "Friedrichshafen", "DE-BW", GeoPoint(47.65, 9.48)});
        directory.add(County{CountyId("sig"), "Landkreis Sigmaringen", "Sigmaringen", "DE-BW", GeoPoint(48.09, 9.22)});
        directory.add(Organisation{OrganisationId("lra"), "Landratsamt Bodenseekreis", CountyId("bsk"),
                                   OrganisationKind::district_office, std::nullopt});
        directory.add(Organisation{OrganisationId("shg"), "Selbsthilfegruppe Sigmaringen", CountyId("sig"),
                                   OrganisationKind::self_help_group, std::nullopt});
        add_person("karin", "lra");
        add_person("andreas", "lra");
        add_person("gerda", "shg");
        add_person("wolfgang", "shg");
        directory.add(Venue{VenueId("rathaus"), "Rathaus", "Adresse", CountyId("bsk"), 60, GeoPoint(47.66, 9.37),
                            Accessibility::unknown});
        add_meeting("herbst", greg::date(2012, 10, 11), {"andreas", "gerda"}, MeetingStatus::confirmed);
        add_meeting("winter", greg::date(2012, 12, 6), {"gerda", "wolfgang"}, MeetingStatus::confirmed);
        add_meeting("fruehjahr", greg::date(2013, 3, 7), {"andreas"}, MeetingStatus::confirmed);
        add_meeting("abgesagt", greg::date(2012, 11, 8), {"andreas", "gerda"}, MeetingStatus::cancelled);
    }

    void add_person(const char* id, const char* organisation)
    {
        directory.add(Person{PersonId(id), id, EmailAddress(std::string(id) + "@example.org"),
                             OrganisationId(organisation), "", Access::any, std::nullopt});
    }

    void add_meeting(const char* id, greg::date day, const std::vector<const char*>& participants,
                     MeetingStatus status)
    {
        Meeting meeting{MeetingId(id), id, id, "", TimeRange(pt::ptime(day, pt::hours(12)), pt::ptime(day, pt::hours(15))),
                        "Europe/Berlin", VenueId("rathaus"), {PersonId("karin")}, {}, {}, status, 0, {},
                        std::nullopt, std::nullopt, std::nullopt};
        for (const auto* person : participants) {
            meeting.participants.push_back({PersonId(person), Role::required});
        }
        directory.add(std::move(meeting));
    }

    [[nodiscard]] RecordedAnswer accepted(const char* meeting, const char* person) const
    {
        return {MeetingId(meeting), std::nullopt, PersonId(person), Answer::accepted, 0, pt::ptime(greg::date(2012, 10, 1)),
                std::nullopt, "", std::nullopt};
    }

    static AttendanceRecord came(const char* meeting, const char* person, bool walk_in = false)
    {
        return {MeetingId(meeting), std::nullopt, PersonId(person), Presence::present, walk_in};
    }

    Directory directory;
};

TEST_F(AttendanceStatsTest, CountsPerCountyAndKindOverTheYear)
{
    const std::vector<RecordedAnswer> answers{accepted("herbst", "andreas"), accepted("herbst", "gerda"),
                                              accepted("winter", "gerda"), accepted("fruehjahr", "andreas")};
    const std::vector<AttendanceRecord> attendance{
        came("herbst", "karin"), came("herbst", "gerda"),
        {MeetingId("herbst"), std::nullopt, PersonId("andreas"), Presence::excused, false},
        came("winter", "karin"), came("winter", "gerda"), came("winter", "wolfgang"),
        came("winter", "andreas", true),  // not invited: a walk-in
        came("fruehjahr", "karin")};
    const auto stats =
        attendance_stats(directory, answers, attendance, greg::date(2012, 1, 1), greg::date(2012, 12, 31));

    // Bodenseekreis: karin (2 meetings) and andreas (herbst) invited = 3; andreas
    // accepted herbst; karin came twice; andreas walked into winter.
    // Sigmaringen: gerda (herbst, winter), wolfgang (winter) = 3; gerda accepted both; all came.
    EXPECT_EQ(stats.by_county, (std::vector<StatsLine>{{"Bodenseekreis", 2, 3, 1, 2, 1},
                                                       {"Landkreis Sigmaringen", 2, 3, 2, 3, 0}}));
    EXPECT_EQ(stats.by_organisation_kind, (std::vector<StatsLine>{{"district-office", 2, 3, 1, 2, 1},
                                                                  {"self-help-group", 2, 3, 2, 3, 0}}));
    EXPECT_EQ(stats.total, (StatsLine{"", 2, 6, 3, 5, 1}));
    EXPECT_DOUBLE_EQ(stats.total.attendance_rate(), 5.0 / 6.0);
}

TEST_F(AttendanceStatsTest, TheWindowAndCancelledMeetingsDecideWhatCounts)
{
    const auto only_2013 = attendance_stats(directory, {}, {}, greg::date(2013, 1, 1), greg::date(2013, 12, 31));
    EXPECT_EQ(only_2013.total, (StatsLine{"", 1, 2, 0, 0, 0}));
    EXPECT_DOUBLE_EQ(only_2013.total.attendance_rate(), 0.0);
    const auto november = attendance_stats(directory, {}, {}, greg::date(2012, 11, 1), greg::date(2012, 11, 30));
    EXPECT_TRUE(november.by_county.empty());
    EXPECT_EQ(november.total, StatsLine{});
}

TEST_F(AttendanceStatsTest, AnOccurrenceCountsWithItsOwnAnswerElseTheSeries)
{
    Meeting series = directory.meeting(MeetingId("fruehjahr"));
    series.id = MeetingId("reihe");
    series.recurrence = Recurrence{"FREQ=MONTHLY;COUNT=2", {}, {}};
    directory.remove(MeetingId("fruehjahr"));
    directory.add(series);
    const auto month_starts = [](const Meeting& m) {
        const auto first = time_zone(m.time_zone).to_local(m.time.start());
        return std::vector<pt::ptime>{first, first + greg::months(1)};
    };
    expand_series(directory, month_starts);
    const std::vector<RecordedAnswer> answers{
        {MeetingId("reihe"), std::nullopt, PersonId("andreas"), Answer::accepted, 0, pt::ptime(greg::date(2013, 1, 1)),
         std::nullopt, "", std::nullopt},
        {MeetingId("reihe"), greg::date(2013, 4, 7), PersonId("andreas"), Answer::declined, 0,
         pt::ptime(greg::date(2013, 1, 1)), std::nullopt, "", std::nullopt}};
    const std::vector<AttendanceRecord> attendance{
        {MeetingId("reihe"), greg::date(2013, 3, 7), PersonId("andreas"), Presence::present, false}};
    const auto stats = attendance_stats(directory, answers, attendance, greg::date(2013, 1, 1), greg::date(2013, 12, 31));
    // Two meetings, karin and andreas each time; andreas accepted March (the series'
    // answer) but declined April, and came in March.
    EXPECT_EQ(stats.total, (StatsLine{"", 2, 4, 1, 1, 0}));
}

TEST(Presence, NamesRoundTrip)
{
    for (const auto presence : {Presence::present, Presence::absent, Presence::excused}) {
        EXPECT_EQ(presence_from_string(to_string(presence)), presence);
    }
    EXPECT_EQ(to_string(Presence::excused), "excused");
}

}  // namespace
}  // namespace planner
