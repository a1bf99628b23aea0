// The read side's questions, each compared with the same question answered from the
// whole store (Store::load, every series expanded, the whole check), on a synthetic
// region with planted conflicts and on top of it series, a journey too short, a long
// meeting around a short one, busy time and days off.

#include <planner/services/meeting_queries.hpp>

#include "synthetic_region.hpp"
#include "whole_store_page.hpp"

#include <planner/conflict_checker.hpp>
#include <planner/delegation_circle.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

// A local time in Berlin, as UTC.
pt::ptime berlin(const char* local)
{
    return time_zone(default_time_zone).to_utc(pt::time_from_string(local));
}

TimeRange local_range(const char* from, const char* to)
{
    return {berlin(from), berlin(to)};
}

// The region's first county ("lk0000", DE-BW): its district office and venues.
const OrganisationId office("o0000a");

Meeting meeting_like(const Directory& region, const char* id, TimeRange time, const char* venue,
                     std::vector<const char*> organisers, std::vector<const char*> participants)
{
    auto meeting = region.meetings().begin()->second;
    meeting.id = MeetingId(id);
    meeting.uid.clear();
    meeting.title = id;
    meeting.time = time;
    meeting.venue = VenueId(venue);
    meeting.agenda.clear();
    meeting.counties.clear();
    meeting.organisers.clear();
    meeting.participants.clear();
    for (const auto* organiser : organisers) {
        meeting.organisers.emplace_back(organiser);
    }
    for (const auto* participant : participants) {
        meeting.participants.push_back({PersonId(participant), Role::required});
    }
    return meeting;
}

// What the region lacks: series (one with a moved, a cancelled and a relocated meeting,
// one without end), a journey too short, a long meeting around a short one of the same
// person, a tentative and a cancelled meeting. Their people ("x-1" ...) have no other
// meetings, so each case is what it is meant to be.
db::MeetingFile extras(const Directory& region)
{
    db::MeetingFile file;
    for (int i = 1; i <= 9; ++i) {
        file.people.push_back({PersonId(fmt::format("x-{}", i)), fmt::format("Extra {}", i),
                               EmailAddress(fmt::format("x{}@lk0000.de", i)), office, "", Access::any, std::nullopt});
    }
    auto weekly = meeting_like(region, "reihe-woche", local_range("2013-03-05 17:00:00", "2013-03-05 18:30:00"),
                               "v000000", {"x-1"}, {"x-2", "x-3"});
    weekly.recurrence = Recurrence{"FREQ=WEEKLY;BYDAY=TU;COUNT=20", {greg::date(2013, 3, 19)}, {}};
    weekly.recurrence->changes = {
        // Moved into a working morning, when the region meets.
        {greg::date(2013, 4, 2), local_range("2013-04-03 09:00:00", "2013-04-03 12:00:00"), std::nullopt, std::nullopt},
        {greg::date(2013, 4, 9), std::nullopt, std::nullopt, MeetingStatus::cancelled},
        // Held in the next county, right after x-2's journey (below) starts there.
        {greg::date(2013, 4, 16), std::nullopt, VenueId("v000100"), std::nullopt},
    };
    file.meetings.push_back(weekly);
    auto monthly = meeting_like(region, "reihe-monat", local_range("2013-01-09 16:30:00", "2013-01-09 18:00:00"),
                                "v000001", {"x-4"}, {"x-1"});
    monthly.recurrence = Recurrence{"FREQ=MONTHLY;BYDAY=2WE", {}, {}};
    file.meetings.push_back(monthly);

    // x-2 drives from the first county to the next in half an hour, on a series' day.
    file.meetings.push_back(meeting_like(region, "fahrt-hin", local_range("2013-04-16 14:00:00", "2013-04-16 16:00:00"),
                                         "v000001", {"x-2"}, {}));
    auto back = meeting_like(region, "fahrt-weiter", local_range("2013-05-14 10:30:00", "2013-05-14 11:30:00"),
                             "v000100", {"x-5"}, {"x-6"});
    back.status = MeetingStatus::tentative;
    file.meetings.push_back(back);
    file.meetings.push_back(meeting_like(region, "fahrt-los", local_range("2013-05-14 09:00:00", "2013-05-14 10:00:00"),
                                         "v000000", {"x-5"}, {}));
    auto called_off = meeting_like(region, "abgesagt", local_range("2013-05-14 09:00:00", "2013-05-14 12:00:00"),
                                   "v000000", {"x-5"}, {});
    called_off.status = MeetingStatus::cancelled;
    file.meetings.push_back(called_off);

    // x-7's long meeting holds a short one; the next after it is three days later, far
    // away, an hour after the long one ends: only the short one is before it.
    file.meetings.push_back(meeting_like(region, "lang", local_range("2013-06-03 08:00:00", "2013-06-06 08:00:00"),
                                         "v000002", {"x-7"}, {}));
    file.meetings.push_back(meeting_like(region, "lang-kurz", local_range("2013-06-03 10:00:00", "2013-06-03 11:00:00"),
                                         "v000002", {"x-7"}, {}));
    file.meetings.push_back(meeting_like(region, "lang-danach", local_range("2013-06-06 09:00:00", "2013-06-06 10:00:00"),
                                         "v000100", {"x-7"}, {"x-8"}));
    // x-9 is at a conference for two weeks, and at a meeting in its second: a meeting
    // that began long before is in two places at once all the same.
    file.meetings.push_back(meeting_like(region, "tagung", local_range("2013-07-01 08:00:00", "2013-07-12 18:00:00"),
                                         "v000002", {"x-9"}, {}));
    file.meetings.push_back(meeting_like(region, "tagung-mitten", local_range("2013-07-10 10:00:00", "2013-07-10 11:00:00"),
                                         "v000001", {"x-9"}, {}));
    // x-8 is at a meeting that began in 1969, and at one in it, around the first minute
    // of 1970: the minutes the store finds a person's meetings by count back from there.
    const auto utc = [](const char* time) { return pt::time_from_string(time); };
    file.meetings.push_back(meeting_like(region, "vor-1970-lang",
                                         {utc("1969-12-29 07:00:00"), utc("1970-01-02 07:00:00")}, "v000002",
                                         {"x-8"}, {}));
    file.meetings.push_back(meeting_like(region, "vor-1970-kurz",
                                         {utc("1969-12-31 23:30:00"), utc("1970-01-01 00:30:00")}, "v000002",
                                         {"x-3"}, {"x-8"}));
    // x-6 has the evening after a morning meeting far away: a journey of many hours.
    file.meetings.push_back(meeting_like(region, "abends", local_range("2013-05-14 18:00:00", "2013-05-14 19:00:00"),
                                         "v000300", {"x-6"}, {}));
    return file;
}

class MeetingQueriesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        bench::RegionShape shape;
        shape.meetings = 1500;
        region_ = new bench::SyntheticRegion(bench::make_region(shape));
        store_ = new db::Store(db::Store::in_memory());
        static_cast<void>(store_->import(bench::meeting_file_of(region_->directory)));
        static_cast<void>(store_->import(extras(region_->directory)));

        // Busy time: over a series' meetings for weeks, during a journey's first meeting,
        // and during some of the region's meetings.
        const std::vector<BusyPeriod> x1{{PersonId("x-1"), local_range("2013-03-10 00:00:00", "2013-03-30 00:00:00"),
                                          "Urlaub"}};
        static_cast<void>(store_->replace_busy_periods(PersonId("x-1"), "urlaub.ics", x1));
        const std::vector<BusyPeriod> x5{{PersonId("x-5"), local_range("2013-05-14 09:30:00", "2013-05-14 09:45:00"),
                                          "Anruf"},
                                         {PersonId("x-5"), local_range("2013-05-14 09:30:00", "2013-05-14 10:45:00"),
                                          "Auch"}};
        static_cast<void>(store_->replace_busy_periods(PersonId("x-5"), "telefon.ics", x5));
        std::size_t taken = 0;
        for (const auto& [id, meeting] : region_->directory.meetings()) {
            if (taken++ % 97 == 0) {
                const std::vector<BusyPeriod> busy{
                    {meeting.organisers.front(), TimeRange(meeting.time.start() - pt::minutes(30),
                                                           meeting.time.start() + pt::minutes(30)),
                     "Termin"}};
                static_cast<void>(store_->replace_busy_periods(meeting.organisers.front(), "kalender.ics", busy));
            }
        }
        // A day off in the first county's state, on the journey's day.
        const std::vector<Holiday> days{{greg::date(2013, 5, 14), "Brückentag"}, {greg::date(2013, 3, 12), "Ausflug"}};
        static_cast<void>(store_->replace_listed_holidays("DE-BW", "ferien.ics", days));

        whole_ = new Directory(store_->load());
        expand_series(*whole_, ical::expand_rule);
        busy_ = new std::vector<BusyPeriod>(store_->busy_periods());
        days_off_ = new std::vector<ListedHoliday>(store_->listed_holidays());
        every_conflict_ = new std::vector<Conflict>(whole_check(std::nullopt));
    }

    static void TearDownTestSuite()
    {
        delete every_conflict_;
        delete days_off_;
        delete busy_;
        delete whole_;
        delete store_;
        delete region_;
    }

    // `planner check [MEETING]` as it reads the whole store.
    static std::vector<Conflict> whole_check(const std::optional<MeetingId>& meeting)
    {
        CheckInput input;
        input.busy_periods = *busy_;
        input.listed_holidays = *days_off_;
        input.travel = travel;
        input.meeting = meeting;
        return find_conflicts(*whole_, input);
    }

    static inline const TravelModel travel{};
    static inline bench::SyntheticRegion* region_ = nullptr;
    static inline db::Store* store_ = nullptr;
    static inline Directory* whole_ = nullptr;
    static inline std::vector<BusyPeriod>* busy_ = nullptr;
    static inline std::vector<ListedHoliday>* days_off_ = nullptr;
    static inline std::vector<Conflict>* every_conflict_ = nullptr;
};

std::string kinds_of(const std::vector<Conflict>& conflicts)
{
    std::string text;
    for (const auto& conflict : conflicts) {
        text += fmt::format("{} {}\n", to_string(conflict.kind), conflict.meetings.front().str());
    }
    return text;
}

TEST_F(MeetingQueriesTest, TheExtrasHaveTheConflictsTheyWereMadeFor)
{
    // Without these, the comparisons below would not compare the cases they are for.
    std::set<std::pair<ConflictKind, std::string>> found;
    for (const auto& conflict : *every_conflict_) {
        for (const auto& id : conflict.meetings) {
            found.emplace(conflict.kind, id.str());
        }
    }
    for (const auto& [kind, id] : std::vector<std::pair<ConflictKind, std::string>>{
             {ConflictKind::travel, "fahrt-weiter"},
             {ConflictKind::travel, "reihe-woche@2013-04-16"},
             {ConflictKind::person_busy, "fahrt-los"},
             {ConflictKind::person_busy, "reihe-woche@2013-03-12"},
             {ConflictKind::public_holiday, "fahrt-los"},
             {ConflictKind::person_double_booked, "lang-kurz"},
             {ConflictKind::person_double_booked, "tagung-mitten"},
             {ConflictKind::person_double_booked, "vor-1970-kurz"},
             {ConflictKind::travel, "abends"}}) {
        EXPECT_TRUE(found.contains({kind, id})) << to_string(kind) << " " << id << "\n" << kinds_of(*every_conflict_);
    }
    EXPECT_FALSE(found.contains({ConflictKind::travel, "lang-danach"}));
    EXPECT_EQ(bench::compare_with_plants(whole_check(std::nullopt), region_->planted).find("0 planted conflicts not "
                                                                                          "reported"),
              0U);
}

TEST_F(MeetingQueriesTest, TheConflictsOfEveryMeetingAreThoseTheWholeStoreGivesIt)
{
    std::set<MeetingId> asked;
    for (const auto& plant : region_->planted) {
        asked.insert(plant.meetings.begin(), plant.meetings.end());
    }
    for (const auto& meeting : extras(region_->directory).meetings) {
        asked.insert(meeting.id);
    }
    for (const auto* id : {"reihe-woche@2013-03-12", "reihe-woche@2013-04-09", "reihe-woche@2013-04-16",
                           "reihe-woche@2013-03-05", "reihe-monat@2013-05-08", "reihe-monat@2150-01-14"}) {
        asked.emplace(id);
    }
    std::mt19937_64 random(1);
    const auto& meetings = region_->directory.meetings();
    for (int i = 0; i < 40; ++i) {
        asked.insert(std::next(meetings.begin(), static_cast<long>(random() % meetings.size()))->first);
    }
    for (const auto& id : asked) {
        const auto report = conflicts_of_meeting(*store_, id, travel);
        const auto expected = whole_check(id);
        EXPECT_EQ(report.conflicts, expected) << id.str() << "\n" << kinds_of(report.conflicts) << "expected\n"
                                              << kinds_of(expected);
        for (const auto& conflict : report.conflicts) {
            for (const auto& named : conflict.meetings) {
                EXPECT_EQ(report.schedule.meeting(named), whole_->meeting(named)) << named.str();
            }
        }
    }
}

TEST_F(MeetingQueriesTest, TheConflictsOfADraftAreThoseItWouldHaveOnceStored)
{
    std::set<MeetingId> asked;
    for (const auto& plant : region_->planted) {
        asked.insert(plant.meetings.begin(), plant.meetings.end());
    }
    std::mt19937_64 random(2);
    const auto& meetings = region_->directory.meetings();
    for (int i = 0; i < 30; ++i) {
        asked.insert(std::next(meetings.begin(), static_cast<long>(random() % meetings.size()))->first);
    }
    std::size_t compared = 0;
    for (const auto& id : asked) {
        const auto* stored = whole_->find(id);
        if (stored == nullptr || stored->occurrence_of) {
            continue;  // drafts are single meetings
        }
        // Unchanged, a draft has the stored meeting's conflicts.
        EXPECT_EQ(conflicts_of_draft(*store_, *stored, travel).conflicts, conflicts_of_meeting(*store_, id, travel).conflicts)
            << id.str();
        // Moved by 90 minutes, the conflicts the whole store would give it there.
        const auto draft = moved(*stored, stored->time.start() + pt::minutes(90));
        auto changed = *whole_;
        changed.remove(id);
        changed.add(draft);
        CheckInput input;
        input.busy_periods = *busy_;
        input.listed_holidays = *days_off_;
        input.travel = travel;
        input.meeting = id;
        const auto expected = find_conflicts(changed, input);
        const auto report = conflicts_of_draft(*store_, draft, travel);
        EXPECT_EQ(report.conflicts, expected) << id.str() << "\n" << kinds_of(report.conflicts) << "expected\n"
                                              << kinds_of(expected);
        ++compared;
    }
    EXPECT_GT(compared, 20U);
    // A new meeting: everyone of a planted double booking, at its time, under a new id.
    auto brand_new = whole_->meeting(*region_->planted.front().meetings.begin());
    brand_new.id = MeetingId("ganz-neu");
    EXPECT_FALSE(conflicts_of_draft(*store_, brand_new, travel).conflicts.empty());
}

TEST_F(MeetingQueriesTest, TheConflictsOfAWindowAreThoseOfTheWholeStoreThatInvolveAMeetingInIt)
{
    std::vector<TimeRange> windows;
    for (auto day = greg::date(2013, 3, 1); day <= greg::date(2013, 6, 30); day += greg::days(3)) {
        windows.emplace_back(pt::ptime(day), pt::ptime(day + greg::days(1)));
    }
    for (auto monday = greg::date(2013, 1, 7); monday < greg::date(2014, 1, 1); monday += greg::weeks(5)) {
        windows.emplace_back(pt::ptime(monday), pt::ptime(monday + greg::weeks(1)));
    }
    windows.emplace_back(local_range("2013-06-06 08:30:00", "2013-06-06 08:45:00"));  // inside "lang" only
    windows.emplace_back(local_range("2013-07-10 10:30:00", "2013-07-10 10:45:00"));  // inside "tagung-mitten"
    windows.emplace_back(pt::ptime(greg::date(2012, 1, 1)), pt::ptime(greg::date(2014, 1, 1)));
    for (const auto& window : windows) {
        std::vector<Conflict> expected;
        std::copy_if(every_conflict_->begin(), every_conflict_->end(), std::back_inserter(expected),
                     [&](const Conflict& conflict) {
                         return std::any_of(conflict.meetings.begin(), conflict.meetings.end(), [&](const MeetingId& id) {
                             return whole_->meeting(id).time.overlaps(window);
                         });
                     });
        const auto report = conflicts_between(*store_, window, travel);
        EXPECT_EQ(report.conflicts, expected) << pt::to_simple_string(window.start()) << "\n"
                                              << kinds_of(report.conflicts) << "expected\n"
                                              << kinds_of(expected);
    }
}

TEST_F(MeetingQueriesTest, AnUnknownOrCancelledMeetingIsNamedOrHasNoConflicts)
{
    for (const auto* unknown : {"gibt-es-nicht", "reihe-woche@2013-03-19", "reihe-woche@2013-03-06",
                                "fahrt-los@2013-05-14"}) {
        try {
            static_cast<void>(conflicts_of_meeting(*store_, MeetingId(unknown), travel));
            ADD_FAILURE() << unknown;
        } catch (const NotFound& error) {
            EXPECT_EQ(std::string(error.what()),
                      fmt::format("unknown meeting '{}'; the store has: abends, abgesagt, fahrt-hin, fahrt-los, "
                                  "fahrt-weiter, lang, lang-danach, lang-kurz, m0000000, m0000001 and {} more ('planner "
                                  "meetings' lists them)",
                                  unknown, store_->meeting_count() - 10));
        }
    }
    EXPECT_TRUE(conflicts_of_meeting(*store_, MeetingId("abgesagt"), travel).conflicts.empty());
    EXPECT_TRUE(conflicts_of_meeting(*store_, MeetingId("reihe-woche@2013-04-09"), travel).conflicts.empty());
}

TEST_F(MeetingQueriesTest, AListIsThePageTheWholeStoreGivesWithEachSeriesOnce)
{
    const auto stored = store_->load();
    std::mt19937_64 random(4);
    const std::vector<MeetingStatus> statuses{MeetingStatus::confirmed, MeetingStatus::tentative,
                                              MeetingStatus::cancelled};
    std::vector<db::MeetingQuery> queries;
    // Windows that hold the series' changed meetings, and nothing but a series.
    for (const auto& [from, to] : std::vector<std::pair<const char*, const char*>>{
             {"2013-04-03 00:00:00", "2013-04-04 00:00:00"},
             {"2013-04-09 00:00:00", "2013-04-10 00:00:00"},
             {"2013-03-19 00:00:00", "2013-03-20 00:00:00"},
             {"2013-04-16 00:00:00", "2013-04-17 00:00:00"},
             {"2150-01-01 00:00:00", "2150-02-01 00:00:00"}}) {
        db::MeetingQuery query;
        query.from = berlin(from);
        query.to = berlin(to);
        queries.push_back(query);
        query.status = MeetingStatus::cancelled;
        queries.push_back(query);
    }
    for (int round = 0; round < 60; ++round) {
        db::MeetingQuery query;
        const auto start = pt::ptime(greg::date(2013, 1, 1)) + pt::hours(static_cast<long>(random() % (365 * 24)));
        if (round % 7 != 0) {
            query.from = start;
        }
        if (round % 5 != 0) {
            query.to = start + pt::hours(static_cast<long>(1 + random() % (14 * 24)));
        }
        switch (round % 4) {
        case 0: query.county = CountyId(fmt::format("lk{:04}", random() % 4)); break;
        case 1: query.organisation = office; break;
        case 2: query.status = statuses[random() % 3]; break;
        default: query.visible_to = db::Visibility{office, CountyId("lk0001")}; break;
        }
        query.limit = 1 + random() % 30;
        query.offset = random() % 40;
        queries.push_back(query);
    }
    for (std::size_t i = 0; i < queries.size(); ++i) {
        EXPECT_EQ(list_meetings(*store_, queries[i]), bench::whole_store_page(stored, queries[i])) << i;
    }
}

TEST_F(MeetingQueriesTest, ASeriesIsListedOnceWithItsMeetingInTheWindow)
{
    db::MeetingQuery query;
    query.from = berlin("2013-04-03 00:00:00");
    query.to = berlin("2013-04-04 00:00:00");
    query.organisation = office;
    const auto page = list_meetings(*store_, query);
    const auto series = std::find_if(page.meetings.begin(), page.meetings.end(),
                                     [](const auto& line) { return line.id == MeetingId("reihe-woche"); });
    ASSERT_NE(series, page.meetings.end());
    EXPECT_TRUE(series->series);
    EXPECT_EQ(series->time, local_range("2013-04-03 09:00:00", "2013-04-03 12:00:00"));  // moved there
    query.from = berlin("2013-04-16 00:00:00");
    query.to = berlin("2013-04-17 00:00:00");
    query.limit = 1000;
    const auto relocated = list_meetings(*store_, query);
    const auto moved = std::find_if(relocated.meetings.begin(), relocated.meetings.end(),
                                    [](const auto& line) { return line.id == MeetingId("reihe-woche"); });
    ASSERT_NE(moved, relocated.meetings.end());
    EXPECT_EQ(moved->venue, VenueId("v000100"));
    EXPECT_EQ(moved->venue_name, whole_->venue(VenueId("v000100")).name);
}

TEST(MeetingDetailsTest, AMeetingsPageHasWhatTheWholeStoreSaysOfIt)
{
    auto store = db::Store::in_memory();
    static_cast<void>(store.import(
        db::read_meeting_file(std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml", Directory{}, ical::expand_rule)));
    const MeetingId meeting("kennenlernen-2012");
    const auto before = store.load();
    const auto& stored = before.meeting(meeting);
    // Two delegations: one to a colleague's address, one outside every organisation.
    const auto& knut = before.person(PersonId("knut-immeke"));
    const Person inside{PersonId("kollege"), "Kai Kollege", EmailAddress("kai@" + knut.email->str().substr(knut.email->str().find('@') + 1)),
                        knut.organisation, "", Access::any, std::nullopt};
    const Person outside{PersonId("m-weiss"), "M. Weiss", EmailAddress("m.weiss@elsewhere.example.net"),
                         knut.organisation, "", Access::any, std::nullopt};
    const auto answered = pt::time_from_string("2012-10-01 08:00:00");
    store.record_answers({{inside, outside},
                          {{meeting, Participant{inside.id, Role::required}},
                           {meeting, Participant{outside.id, Role::required}}},
                          {{meeting, std::nullopt, knut.id, Answer::delegated, 0, answered, outside.id, "Vertretung"},
                           {meeting, std::nullopt, stored.participants.back().person, Answer::delegated, 0, answered,
                            inside.id, ""},
                           {meeting, std::nullopt, stored.organisers.front(), Answer::accepted, 0, answered,
                            std::nullopt, ""}}});
    const std::vector<AttendanceRecord> came{{meeting, std::nullopt, knut.id, Presence::excused, false},
                                             {meeting, std::nullopt, outside.id, Presence::present, false}};
    store.record_attendance(came);

    const auto all = store.load();
    const auto details = meeting_details(store, meeting);
    EXPECT_EQ(details.meeting, all.meeting(meeting));
    EXPECT_TRUE(details.occurrences.empty());
    EXPECT_EQ(details.answers, store.answers(meeting));
    EXPECT_EQ(details.attendance, store.attendance(meeting));
    EXPECT_EQ(details.delegates_outside,
              delegates_outside(all, all.meeting(meeting), store.answers(meeting), store.delegates()));
    EXPECT_EQ(details.delegates_outside, std::set<PersonId>{outside.id});
    for (const auto& invitee : invitees(details.meeting)) {
        const auto& person = details.records.person(invitee.person);
        EXPECT_EQ(person, all.person(invitee.person));
        EXPECT_EQ(details.records.county_of(person), all.county_of(person));
    }
    EXPECT_EQ(details.records.venue(details.meeting.venue), all.venue(details.meeting.venue));
    for (const auto& county : details.meeting.counties) {
        EXPECT_EQ(details.records.county(county), all.county(county));
    }
    const auto series = meeting_details(store, MeetingId("sprecherrat-2013"));
    // Its people, and not the other members of their organisations, which were read
    // for the delegation circle alone.
    std::set<PersonId> people;
    for (const auto& invitee : invitees(series.meeting)) {
        people.insert(invitee.person);
    }
    for (const auto& item : series.meeting.agenda) {
        if (item.presenter) {
            people.insert(*item.presenter);
        }
    }
    std::set<PersonId> read;
    for (const auto& [id, person] : series.records.people()) {
        read.insert(id);
    }
    EXPECT_EQ(read, people);
    EXPECT_LT(read.size(), all.people().size());
    EXPECT_EQ(series.occurrences, occurrences(all.meeting(MeetingId("sprecherrat-2013")), ical::expand_rule));
    for (const auto& one : series.occurrences) {
        EXPECT_EQ(series.records.venue(one.venue), all.venue(one.venue));
    }
    try {
        static_cast<void>(meeting_details(store, MeetingId("kennenlernen")));
        ADD_FAILURE();
    } catch (const NotFound& error) {
        EXPECT_STREQ(error.what(), "unknown meeting 'kennenlernen'; the store has: kennenlernen-2012, projekt-2013, "
                                   "sprecherrat-2013");
    }
}

}  // namespace
}  // namespace planner::services
