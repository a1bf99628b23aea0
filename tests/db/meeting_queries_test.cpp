// The store's questions about a part of it, each compared with the same question
// answered from everything load() reads, on a store whose meetings have every class of
// length (an hour to half a year, and the boundaries between the classes).

#include <planner/db/store.hpp>

#include "run_planner.hpp"

#include <planner/error.hpp>
#include <planner/ical/recurrence.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "error_message.hpp"

#include <algorithm>
#include <random>

namespace planner::db {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

using planner::testing::error_message;
using planner::testing::TemporaryDirectory;

MeetingFile example()
{
    return read_meeting_file(std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml", Directory{},
                             ical::expand_rule);
}

pt::ptime at(const char* text)
{
    return pt::time_from_string(text);
}

// Lengths around each bound of the store's length classes (a day, a week, 31 days)
// and far beyond them.
const std::vector<pt::time_duration> lengths{
    pt::hours(1),           pt::hours(3),           pt::hours(24) - pt::seconds(1), pt::hours(24),
    pt::hours(24) + pt::seconds(1), pt::hours(72),  pt::hours(7 * 24),              pt::hours(7 * 24) + pt::minutes(1),
    pt::hours(20 * 24),     pt::hours(31 * 24),     pt::hours(31 * 24) + pt::hours(1), pt::hours(200 * 24)};

// The example, and `count` more single meetings over 2013 with every length, random
// venues, organisers, counties and status.
MeetingFile region_file(std::size_t count, std::uint64_t seed)
{
    auto file = example();
    std::mt19937_64 random(seed);
    const auto pick = [&](std::size_t bound) { return static_cast<std::size_t>(random() % bound); };
    auto blank = file.meetings.front();
    blank.uid.clear();
    blank.description.clear();
    blank.organisers.clear();
    blank.participants.clear();
    blank.agenda.clear();
    blank.counties.clear();
    blank.recurrence.reset();
    for (std::size_t i = 0; i < count; ++i) {
        auto meeting = blank;
        meeting.id = MeetingId(fmt::format("m-{:04}", i));
        meeting.title = fmt::format("Treffen {}", i);
        // Starts on whole quarter hours, so that many meetings share a start.
        const auto start = pt::ptime(greg::date(2013, 1, 1)) + pt::minutes(15 * static_cast<long>(pick(365 * 96)));
        meeting.time = TimeRange(start, start + lengths[pick(lengths.size())]);
        meeting.venue = file.venues[pick(file.venues.size())].id;
        meeting.organisers.push_back(file.people[pick(file.people.size())].id);
        if (pick(2) == 0) {
            meeting.organisers.push_back(file.people[pick(file.people.size())].id);
            if (meeting.organisers[0] == meeting.organisers[1]) {
                meeting.organisers.pop_back();
            }
        }
        meeting.participants.push_back({file.people[pick(file.people.size())].id, Role::required});
        if (std::find(meeting.organisers.begin(), meeting.organisers.end(), meeting.participants[0].person) !=
            meeting.organisers.end()) {
            meeting.participants.clear();
        }
        for (const auto& county : file.counties) {
            if (pick(3) == 0) {
                meeting.counties.push_back(county.id);
            }
        }
        meeting.status = std::array{MeetingStatus::confirmed, MeetingStatus::tentative,
                                    MeetingStatus::cancelled}[pick(3)];
        file.meetings.push_back(std::move(meeting));
    }
    return file;
}

class MeetingQueriesTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        static_cast<void>(store.import(region_file(400, 2013)));
        all = store.load();
    }

    // The query answered from everything: the single meetings that match, in order.
    [[nodiscard]] std::vector<MeetingSummary> expected_singles(const MeetingQuery& query) const
    {
        std::vector<MeetingSummary> lines;
        for (const auto* meeting : all.meetings_by_start()) {
            const auto& m = *meeting;
            const auto has_county = [&](const CountyId& county) {
                return std::find(m.counties.begin(), m.counties.end(), county) != m.counties.end();
            };
            const auto organised_by = [&](const OrganisationId& organisation) {
                return std::any_of(m.organisers.begin(), m.organisers.end(), [&](const PersonId& organiser) {
                    return all.person(organiser).organisation == organisation;
                });
            };
            const bool matches =
                !m.recurrence && (!query.from || m.time.end() > *query.from) &&
                (!query.to || m.time.start() < *query.to) && (!query.county || has_county(*query.county)) &&
                (!query.organisation || organised_by(*query.organisation)) &&
                (!query.status || m.status == *query.status) &&
                (!query.visible_to || organised_by(query.visible_to->organisation) ||
                 has_county(query.visible_to->county) || all.venue(m.venue).county == query.visible_to->county);
            if (matches) {
                lines.push_back({m.id, m.title, m.time, m.time_zone, m.venue, all.venue(m.venue).name, m.status,
                                 false, m.counties});
            }
        }
        return lines;
    }

    Store store = Store::in_memory();
    Directory all;
};

TEST_F(MeetingQueriesTest, WindowsFindEveryMeetingThatOverlapsThemWhateverItsLength)
{
    std::mt19937_64 random(7);
    std::vector<pt::ptime> edges;  // starts and ends of meetings: the half-open bounds are tested on them
    for (const auto& [id, meeting] : all.meetings()) {
        edges.push_back(meeting.time.start());
        edges.push_back(meeting.time.end());
    }
    for (int round = 0; round < 300; ++round) {
        MeetingQuery query;
        query.limit = 10'000;
        auto from = edges[random() % edges.size()];
        auto to = edges[random() % edges.size()];
        if (to < from) {
            std::swap(from, to);
        }
        if (to == from) {
            to += pt::minutes(1);
        }
        if (round % 10 != 1) {
            query.from = from;
        }
        if (round % 10 != 2) {
            query.to = to;
        }
        const auto found = store.meeting_summaries(query);
        const auto expected = expected_singles(query);
        ASSERT_EQ(found.singles.total, expected.size()) << round;
        ASSERT_EQ(found.singles.meetings, expected) << round;
    }
}

TEST_F(MeetingQueriesTest, FiltersAndPagesAreThoseOfTheWholeStore)
{
    std::mt19937_64 random(11);
    const std::vector<MeetingStatus> statuses{MeetingStatus::confirmed, MeetingStatus::tentative,
                                              MeetingStatus::cancelled};
    for (int round = 0; round < 200; ++round) {
        MeetingQuery query;
        const auto start = pt::ptime(greg::date(2013, 1, 1)) + pt::hours(static_cast<long>(random() % (365 * 24)));
        query.from = start;
        query.to = start + pt::hours(24 * static_cast<long>(1 + random() % 60));
        const auto& counties = all.counties();
        const auto& organisations = all.organisations();
        const auto county = std::next(counties.begin(), static_cast<long>(random() % counties.size()))->first;
        const auto organisation =
            std::next(organisations.begin(), static_cast<long>(random() % organisations.size()))->first;
        switch (round % 5) {
        case 0: query.county = county; break;
        case 1: query.organisation = organisation; break;
        case 2: query.status = statuses[random() % statuses.size()]; break;
        case 3: query.visible_to = Visibility{organisation, county}; break;
        default: query.county = county; query.status = statuses[random() % statuses.size()]; break;
        }
        const auto expected = expected_singles(query);
        query.limit = 1 + random() % 20;
        query.offset = random() % (expected.size() + 3);
        const auto found = store.meeting_summaries(query);
        EXPECT_EQ(found.singles.total, expected.size()) << round;
        const auto first = std::min(query.offset, expected.size());
        const auto last = std::min(first + query.limit, expected.size());
        EXPECT_EQ(found.singles.meetings,
                  std::vector<MeetingSummary>(expected.begin() + static_cast<long>(first),
                                              expected.begin() + static_cast<long>(last)))
            << round;
    }
}

TEST_F(MeetingQueriesTest, ASeriesIsACandidateUntilItsFirstMeetingIsAfterTheWindow)
{
    MeetingQuery query;
    query.from = at("2013-06-01 00:00:00");
    query.to = at("2013-06-02 00:00:00");
    auto found = store.meeting_summaries(query);
    ASSERT_EQ(found.series.size(), 1U);
    const auto& candidate = found.series.front();
    EXPECT_EQ(candidate.series, all.meeting(MeetingId("sprecherrat-2013")));
    EXPECT_EQ(candidate.venue_names.at(VenueId("lra-bodenseekreis-besprechung")),
              all.venue(VenueId("lra-bodenseekreis-besprechung")).name);
    for (const auto& change : candidate.series.recurrence->changes) {
        if (change.venue) {
            EXPECT_EQ(candidate.venue_names.at(*change.venue), all.venue(*change.venue).name);
        }
    }
    // Before the series' first meeting (2013-01-08), and no meeting of it was moved there.
    query.from = at("2012-12-01 00:00:00");
    query.to = at("2013-01-08 08:30:00");
    EXPECT_TRUE(store.meeting_summaries(query).series.empty());
    // The filters the store can apply leave it out as well.
    query.to = std::nullopt;
    query.county = CountyId("konstanz");
    EXPECT_TRUE(store.meeting_summaries(query).series.empty());
}

TEST_F(MeetingQueriesTest, AWindowThatEndsBeforeItStartsIsRefused)
{
    MeetingQuery query;
    query.from = at("2013-06-02 00:00:00");
    query.to = at("2013-06-01 00:00:00");
    EXPECT_EQ(error_message([&] { static_cast<void>(store.meeting_summaries(query)); }),
              "the window of meetings ends (2013-06-01T00:00:00Z) before it starts (2013-06-02T00:00:00Z)");
}

TEST_F(MeetingQueriesTest, TheExtentAndTheMeetingsStartingInARangeAreThoseOfTheWholeStore)
{
    std::mt19937_64 random(5);
    for (int round = 0; round < 200; ++round) {
        const auto start = pt::ptime(greg::date(2013, 1, 1)) + pt::minutes(15 * static_cast<long>(random() % (365 * 96)));
        const TimeRange range(start, start + pt::minutes(15 * static_cast<long>(1 + random() % (14 * 96))));
        Involving involving;
        const bool some = round % 2 == 1;
        if (some) {
            const auto& people = all.people();
            const auto& venues = all.venues();
            involving.people.insert(std::next(people.begin(), static_cast<long>(random() % people.size()))->first);
            involving.venues.insert(std::next(venues.begin(), static_cast<long>(random() % venues.size()))->first);
        }
        const auto involves = [&](const Meeting& m) {
            if (!some) {
                return true;
            }
            const bool person = std::any_of(m.organisers.begin(), m.organisers.end(),
                                            [&](const PersonId& p) { return involving.people.contains(p); }) ||
                                std::any_of(m.participants.begin(), m.participants.end(), [&](const Participant& p) {
                                    return involving.people.contains(p.person);
                                });
            return person || involving.venues.contains(m.venue);
        };
        std::optional<TimeRange> extent;
        std::vector<Meeting> starting;
        for (const auto& [id, m] : all.meetings()) {
            if (m.recurrence || !involves(m)) {
                continue;
            }
            if (m.time.overlaps(range)) {
                extent = extent ? TimeRange(std::min(extent->start(), m.time.start()), std::max(extent->end(), m.time.end()))
                                : m.time;
            }
            if (m.time.start() >= range.start() && m.time.start() < range.end()) {
                starting.push_back(m);
            }
        }
        EXPECT_EQ(store.singles_extent(range, some ? &involving : nullptr), extent) << round;
        EXPECT_EQ(store.singles_starting(range, some ? &involving : nullptr), starting) << round;
    }
}

TEST_F(MeetingQueriesTest, SeriesBeforeATimeIncludeThoseWithAMeetingMovedBeforeIt)
{
    const auto& series = all.meeting(MeetingId("sprecherrat-2013"));
    EXPECT_EQ(store.series_before(at("2013-01-08 08:30:00")), std::vector<Meeting>{});
    EXPECT_EQ(store.series_before(at("2013-01-08 08:31:00")), std::vector<Meeting>{series});
    // A changed meeting moved before the series' first: the series is found by it.
    {
        auto moved = series;
        auto& change = moved.recurrence->changes.front();
        change.time = TimeRange(at("2012-12-20 09:00:00"), at("2012-12-20 11:00:00"));
        store.update(moved, series);
        EXPECT_EQ(store.series_before(at("2012-12-21 00:00:00")), std::vector<Meeting>{moved});
        EXPECT_EQ(store.series_before(at("2012-12-20 09:00:00")), std::vector<Meeting>{});
    }
    Involving nobody_there;
    nobody_there.people.insert(PersonId("frank-veser"));
    EXPECT_EQ(store.series_before(at("2014-01-01 00:00:00"), &nobody_there), std::vector<Meeting>{});
    Involving its_organiser;
    its_organiser.people.insert(series.organisers.front());
    EXPECT_EQ(store.series_before(at("2014-01-01 00:00:00"), &its_organiser).size(), 1U);
}

TEST_F(MeetingQueriesTest, TheRecordsOfAMeetingAreWhatItNamesAndNoMore)
{
    const auto& meeting = all.meeting(MeetingId("kennenlernen-2012"));
    const auto records = store.records_of(std::span(&meeting, 1), {PersonId("frank-veser")});
    std::set<PersonId> people{PersonId("frank-veser")};
    people.insert(meeting.organisers.begin(), meeting.organisers.end());
    for (const auto& participant : meeting.participants) {
        people.insert(participant.person);
    }
    for (const auto& item : meeting.agenda) {
        if (item.presenter) {
            people.insert(*item.presenter);
        }
    }
    std::set<OrganisationId> organisations;
    std::set<CountyId> counties(meeting.counties.begin(), meeting.counties.end());
    counties.insert(all.venue(meeting.venue).county);
    ASSERT_EQ(records.people().size(), people.size());
    for (const auto& id : people) {
        EXPECT_EQ(records.person(id), all.person(id));
        organisations.insert(all.person(id).organisation);
        counties.insert(all.organisation(all.person(id).organisation).county);
    }
    ASSERT_EQ(records.organisations().size(), organisations.size());
    for (const auto& id : organisations) {
        EXPECT_EQ(records.organisation(id), all.organisation(id));
    }
    ASSERT_EQ(records.counties().size(), counties.size());
    for (const auto& id : counties) {
        EXPECT_EQ(records.county(id), all.county(id));
    }
    ASSERT_EQ(records.venues().size(), 1U);
    EXPECT_EQ(records.venue(meeting.venue), all.venue(meeting.venue));
    EXPECT_TRUE(records.meetings().empty());

    // A series' changed meetings bring their venues.
    const auto& series = all.meeting(MeetingId("sprecherrat-2013"));
    std::set<VenueId> venues{series.venue};
    for (const auto& change : series.recurrence->changes) {
        if (change.venue) {
            venues.insert(*change.venue);
        }
    }
    EXPECT_EQ(store.records_of(std::span(&series, 1)).venues().size(), venues.size());
}

TEST_F(MeetingQueriesTest, MembersAndDelegatesAreFoundByTheirOrganisationAndAnswers)
{
    const OrganisationId office("lra-bodenseekreis");
    std::vector<Person> members;
    for (const auto& [id, person] : all.people()) {
        if (person.organisation == office) {
            members.push_back(person);
        }
    }
    EXPECT_EQ(store.members_of({office}), members);
    EXPECT_TRUE(store.members_of({}).empty());

    const Person delegate{PersonId("vertretung"), "Vera Vertretung", EmailAddress("vera@example.org"), office,
                          "", Access::any, std::nullopt};
    const MeetingId meeting("kennenlernen-2012");
    const auto& asked = all.meeting(meeting).participants.front().person;
    store.record_answers({{delegate},
                          {{meeting, Participant{delegate.id, Role::required}}},
                          {{meeting, std::nullopt, asked, Answer::delegated, 0, at("2012-10-01 10:00:00"),
                            delegate.id, ""}}});
    EXPECT_EQ(store.delegates_among({delegate.id, asked}), std::set<PersonId>{delegate.id});
    EXPECT_EQ(store.delegates_among({asked}), std::set<PersonId>{});
}

TEST_F(MeetingQueriesTest, BusyTimeAndDaysOffOfARangeAreThoseOfTheWholeStoreInTheSameOrder)
{
    std::vector<BusyPeriod> periods;
    std::mt19937_64 random(3);
    for (int i = 0; i < 300; ++i) {
        const auto start = pt::ptime(greg::date(2013, 1, 1)) + pt::hours(static_cast<long>(random() % (365 * 24)));
        // Several periods start together: their order is the import's.
        periods.push_back({PersonId("frank-veser"), TimeRange(start, start + lengths[random() % lengths.size()]),
                           fmt::format("Termin {}", i)});
        periods.push_back({PersonId("frank-veser"), TimeRange(start, start + pt::hours(1)), fmt::format("Auch {}", i)});
    }
    static_cast<void>(store.replace_busy_periods(PersonId("frank-veser"), "/home/fv/outlook.ics", periods));
    static_cast<void>(store.replace_busy_periods(PersonId("christine-ludwig"), "/home/cl/cal.ics",
                                                 std::span(periods).subspan(0, 50)));
    std::vector<Holiday> days;
    for (int day = 0; day < 365; day += 3) {
        days.push_back({greg::date(2013, 1, 1) + greg::days(day), fmt::format("Ferientag {}", day)});
    }
    static_cast<void>(store.replace_listed_holidays("DE-BW", "ferien.ics", days));
    static_cast<void>(store.replace_listed_holidays("DE-BY", "ferien.ics", std::span(days).subspan(10, 40)));

    const auto every_period = store.busy_periods();
    const auto every_day = store.listed_holidays();
    for (int round = 0; round < 100; ++round) {
        const auto start = pt::ptime(greg::date(2013, 1, 1)) + pt::hours(static_cast<long>(random() % (365 * 24)));
        const TimeRange range(start, start + pt::hours(static_cast<long>(1 + random() % (30 * 24))));
        std::vector<BusyPeriod> expected;
        std::copy_if(every_period.begin(), every_period.end(), std::back_inserter(expected),
                     [&](const BusyPeriod& period) { return period.time.overlaps(range); });
        EXPECT_EQ(store.busy_periods(range), expected) << round;

        const auto first = range.start().date();
        const auto last = range.end().date();
        std::vector<ListedHoliday> expected_days;
        std::copy_if(every_day.begin(), every_day.end(), std::back_inserter(expected_days),
                     [&](const ListedHoliday& day) { return day.holiday.date >= first && day.holiday.date <= last; });
        EXPECT_EQ(store.listed_holidays(first, last), expected_days) << round;
    }
}

TEST_F(MeetingQueriesTest, AFewIdsAndTheirNumberNameTheStoresMeetings)
{
    std::vector<MeetingId> first;
    for (const auto& [id, meeting] : all.meetings()) {
        if (first.size() < 10) {
            first.push_back(id);
        }
    }
    EXPECT_EQ(store.meeting_ids(10), first);
    EXPECT_EQ(store.meeting_count(), all.meetings().size());
}

TEST(MeetingQueriesSnapshotTest, QuestionsReadTogetherSeeOneStateOfTheStore)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    Store reader(path, OpenMode::create_if_missing);
    static_cast<void>(reader.import(example()));
    Store writer(path, OpenMode::must_exist);
    auto file = example();
    auto extra = file.meetings.front();
    extra.id = MeetingId("nachtrag");
    extra.uid.clear();
    file.meetings = {extra};

    std::size_t before = 0;
    std::size_t after = 0;
    reader.read_together([&] {
        before = reader.meeting_count();
        static_cast<void>(writer.import(file));  // another command commits in between
        after = reader.meeting_count();
    });
    EXPECT_EQ(before, 3U);
    EXPECT_EQ(after, 3U);
    EXPECT_EQ(reader.meeting_count(), 4U);
}

TEST(MeetingQueriesSnapshotTest, ADamagedRowOfAMeetingAskedAboutIsNamedWithItsTableAndRow)
{
    TemporaryDirectory dir;
    const auto path = dir / "planner.db";
    static_cast<void>(Store(path, OpenMode::create_if_missing).import(example()));
    std::int64_t row = 0;
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA ignore_check_constraints = ON");
        db.exec("UPDATE meeting SET start_utc = '2013-04-16T25:00:00Z' WHERE id = 'projekt-2013'");
        row = db.execAndGet("SELECT rowid FROM meeting WHERE id = 'projekt-2013'").getInt64();
    }
    const Store store(path, OpenMode::must_exist);
    MeetingQuery query;
    query.from = at("2013-04-01 00:00:00");
    query.to = at("2013-05-01 00:00:00");
    const auto named = path.string() + ": row " + std::to_string(row) +
                       " of table meeting: '2013-04-16T25:00:00Z' is not a UTC time like 2012-10-11T12:00:00Z; "
                       "'planner doctor' lists every problem of the store";
    // A time that is no time falls into no class of length: it is read, and named.
    EXPECT_EQ(error_message([&] { static_cast<void>(store.meeting_summaries(query)); }), named);
    EXPECT_EQ(error_message([&] {
                  static_cast<void>(store.singles_starting(TimeRange(*query.from, *query.to)));
              }),
              named);
}

}  // namespace
}  // namespace planner::db
