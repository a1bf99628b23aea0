#include "synthetic_region.hpp"

#include <planner/holidays.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <random>
#include <set>
#include <span>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <utility>

namespace planner::bench {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

constexpr int year = 2013;

constexpr std::array<std::string_view, 16> state_codes{
    "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
    "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH",
};

// A Landkreis holds about this many meetings a year: Germany's ~400 counties then
// hold a million, and each county has about ten meetings on a working day.
constexpr std::size_t meetings_per_county = 2500;
constexpr std::size_t min_counties = 4;

// Fixed slots within 08:00-17:00, in minutes after midnight, local time. Lunch and
// a coffee break lie between them, so slots never touch.
constexpr std::array<std::pair<long, long>, 3> slot_minutes{{{9 * 60, 11 * 60}, {11 * 60 + 30, 13 * 60}, {14 * 60, 16 * 60}}};
constexpr std::size_t slots_per_day = slot_minutes.size();

// Titles of at most 15 bytes stay inside std::string's small buffer: a million
// meetings then cost no title allocation.
constexpr std::array<std::string_view, 8> titles{
    "Austausch",   "Arbeitskreis", "Fallbesprechung", "Netzwerktreffen",
    "Sprecherrat", "Fortbildung",  "Jahresplanung",   "Gruppenleitung",
};
constexpr std::array<std::string_view, 12> first_names{"Anna",  "Frank", "Petra", "Jens",   "Sabine", "Uwe",
                                                       "Heike", "Dirk",  "Katja", "Stefan", "Monika", "Jörg"};
constexpr std::array<std::string_view, 12> last_names{"Müller", "Schmid", "Weber",  "Wagner", "Becker", "Hoffmann",
                                                      "Koch",   "Veser",  "Köster", "Braun",  "Keller", "Wolf"};

// People of a county, by their index within it, belong to: 0-2 the district office,
// 3 the contact point, 4-9 one of the self-help groups.
constexpr std::size_t self_help_groups = 6;

// A plant that lives on a working day; public holidays get their own days.
enum class DayPlant { person_double_booked, venue_double_booked, venue_over_capacity, agenda_overlap };
constexpr std::size_t day_plant_kinds = 4;
// Meetings each plant adds: two for the double bookings, one otherwise; one more for
// the public holiday.
constexpr std::size_t meetings_per_plant_set = 2 + 2 + 1 + 1 + 1;

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}
    // Uniform enough for a benchmark below 2^32; the modulo bias is negligible.
    std::size_t below(std::size_t bound) { return static_cast<std::size_t>(engine_() % bound); }
    double between(double low, double high)
    {
        return low + (high - low) * static_cast<double>(engine_() >> 11U) * 0x1.0p-53;
    }

private:
    std::mt19937_64 engine_;
};

std::size_t ceil_div(std::size_t a, std::size_t b)
{
    return (a + b - 1) / b;
}

struct CountyPlan {
    std::size_t index = 0;
    std::size_t state = 0;
    std::size_t base_meetings = 0;
    std::vector<VenueId> venues;
    std::vector<std::uint32_t> people;  // global person indices, shuffled as days take them
    std::vector<std::pair<greg::date, DayPlant>> day_plants;  // at most one per day
    std::vector<greg::date> holiday_plants;                   // at most one per day
};

class Generator {
public:
    explicit Generator(const RegionShape& shape) : shape_(shape), random_(shape.seed) {}

    SyntheticRegion run()
    {
        plan();
        add_counties();
        for (auto& county : counties_) {
            add_meetings(county);
        }
        if (meetings_made_ != shape_.meetings) {
            throw std::logic_error(fmt::format("the generator made {} meetings instead of {}", meetings_made_,
                                               shape_.meetings));
        }
        return std::move(region_);
    }

private:
    // ------------------------------------------------------------------ plan

    void plan()
    {
        plants_per_kind_ = shape_.plants_per_kind.value_or(std::max<std::size_t>(5, shape_.meetings / 5000));
        const auto plant_meetings = plants_per_kind_ * meetings_per_plant_set;
        if (shape_.participants == 0 || shape_.meetings < plant_meetings + min_counties) {
            throw std::invalid_argument(fmt::format(
                "a region of {} meetings with {} participants each cannot hold {} planted conflicts of each kind",
                shape_.meetings, shape_.participants, plants_per_kind_));
        }
        group_ = std::size_t{shape_.participants} + 1;
        plan_calendar();

        const auto county_count = std::max(min_counties, shape_.meetings / meetings_per_county);
        const auto base_total = shape_.meetings - plant_meetings;
        std::size_t fewest_days = working_days_[0].size();
        for (const auto& days : working_days_) {
            fewest_days = std::min(fewest_days, days.size());
        }
        // A day's base meetings fill the slots of the first venues; two more venues
        // stay free in every slot for the plants, which add at most two meetings a
        // day. People: twice what the busiest day needs, so that everybody has a
        // meeting on about every other working day, never two on one day.
        const auto busiest_day = ceil_div(ceil_div(base_total, county_count), fewest_days);
        base_venues_ = ceil_div(busiest_day, slots_per_day);
        const auto venues_per_county = base_venues_ + 2;
        people_per_county_ = 2 * (busiest_day + 2) * group_;

        counties_.resize(county_count);
        for (std::size_t c = 0; c < county_count; ++c) {
            auto& county = counties_[c];
            county.index = c;
            county.state = c % state_codes.size();
            county.base_meetings = base_total / county_count + (c < base_total % county_count ? 1 : 0);
            for (std::size_t v = 0; v < venues_per_county; ++v) {
                county.venues.emplace_back(fmt::format("v{:04}{:02}", c, v));
            }
            county.people.resize(people_per_county_);
            std::iota(county.people.begin(), county.people.end(), static_cast<std::uint32_t>(c * people_per_county_));
        }
        plan_plants();
    }

    void plan_calendar()
    {
        const auto& zone = time_zone(default_time_zone);
        const greg::date first(year, 1, 1);
        const greg::date last(year, 12, 31);
        for (auto day = first; day <= last; day += greg::days(1)) {
            std::array<pt::ptime, 2 * slots_per_day> slots{};
            for (std::size_t s = 0; s < slots_per_day; ++s) {
                slots[2 * s] = zone.to_utc(pt::ptime(day, pt::minutes(slot_minutes[s].first)));
                slots[2 * s + 1] = zone.to_utc(pt::ptime(day, pt::minutes(slot_minutes[s].second)));
            }
            utc_slots_.push_back(slots);
            const bool weekday = day.day_of_week() != greg::Saturday && day.day_of_week() != greg::Sunday;
            for (std::size_t s = 0; s < state_codes.size(); ++s) {
                const bool holiday = public_holiday_on(state_codes[s], day).has_value();
                if (weekday && !holiday) {
                    working_days_[s].push_back(day);
                } else if (weekday && holiday) {
                    weekday_holidays_[s].push_back(day);
                }
            }
        }
    }

    // Plants go to distinct (county, day) pairs spread over the region and the year,
    // so that no two of them can meet in a person, a venue or a slot.
    void plan_plants()
    {
        std::set<std::pair<std::size_t, greg::date>> taken;
        for (std::size_t i = 0; i < plants_per_kind_ * day_plant_kinds; ++i) {
            const auto kind = static_cast<DayPlant>(i % day_plant_kinds);
            for (;;) {
                auto& county = counties_[random_.below(counties_.size())];
                const auto& days = working_days_[county.state];
                const auto day = days[random_.below(days.size())];
                if (taken.emplace(county.index, day).second) {
                    county.day_plants.emplace_back(day, kind);
                    break;
                }
            }
        }
        std::vector<std::pair<std::size_t, greg::date>> holidays;
        for (const auto& county : counties_) {
            for (const auto day : weekday_holidays_[county.state]) {
                holidays.emplace_back(county.index, day);
            }
        }
        if (holidays.size() < plants_per_kind_) {
            throw std::invalid_argument(fmt::format("{} counties have only {} weekday holidays for {} plants",
                                                    counties_.size(), holidays.size(), plants_per_kind_));
        }
        for (std::size_t i = 0; i < plants_per_kind_; ++i) {
            std::swap(holidays[i], holidays[i + random_.below(holidays.size() - i)]);
            counties_[holidays[i].first].holiday_plants.push_back(holidays[i].second);
        }
        for (auto& county : counties_) {
            std::sort(county.day_plants.begin(), county.day_plants.end());
        }
    }

    // --------------------------------------------------------------- records

    void add_counties()
    {
        auto& directory = region_.directory;
        for (const auto& plan : counties_) {
            const auto c = plan.index;
            const CountyId county_id(fmt::format("lk{:04}", c));
            // Germany, roughly: 47.5-54.5 N, 6-15 E.
            const GeoPoint seat(random_.between(47.5, 54.5), random_.between(6.0, 15.0));
            directory.add(County{county_id, fmt::format("Landkreis {}", c), fmt::format("Kreisstadt {}", c),
                                 std::string(state_codes[plan.state]), seat});

            const OfficeHours office{pt::hours(8), pt::hours(17)};
            std::vector<OrganisationId> organisations;
            organisations.emplace_back(fmt::format("o{:04}a", c));
            directory.add(Organisation{organisations.back(), fmt::format("Landratsamt {}", c), county_id,
                                       OrganisationKind::district_office, std::nullopt, office});
            organisations.emplace_back(fmt::format("o{:04}b", c));
            directory.add(Organisation{organisations.back(), fmt::format("Kontaktstelle {}", c), county_id,
                                       OrganisationKind::contact_point, std::nullopt, office});
            for (std::size_t g = 0; g < self_help_groups; ++g) {
                organisations.emplace_back(fmt::format("o{:04}s{}", c, g));
                directory.add(Organisation{organisations.back(), fmt::format("Selbsthilfegruppe {}-{}", c, g),
                                           county_id, OrganisationKind::self_help_group, std::nullopt,
                                           std::nullopt});
            }

            for (std::size_t i = 0; i < people_per_county_; ++i) {
                const auto global = c * people_per_county_ + i;
                const auto slot = i % 10;
                const auto& organisation = slot < 3 ? organisations[0] : slot == 3 ? organisations[1]
                                                                                   : organisations[2 + (i / 10) % self_help_groups];
                person_ids_.emplace_back(fmt::format("p{:06}", global));
                directory.add(Person{person_ids_.back(),
                                     fmt::format("{} {}", first_names[random_.below(first_names.size())],
                                                 last_names[random_.below(last_names.size())]),
                                     EmailAddress(fmt::format("p{:06}@lk{:04}.de", global, c)), organisation,
                                     slot == 0 ? "Leitung" : "", Access::any, std::nullopt});
            }

            for (std::size_t v = 0; v < plan.venues.size(); ++v) {
                // Room for every invitee, and for the one a person double booking adds.
                const auto capacity = static_cast<unsigned>(group_ + 2 + random_.below(12));
                directory.add(Venue{plan.venues[v], fmt::format("Saal {}", v), fmt::format("Hauptstr. {}, LK {}", v + 1, c),
                                    county_id, capacity,
                                    GeoPoint(seat.latitude() + random_.between(-0.1, 0.1),
                                             seat.longitude() + random_.between(-0.1, 0.1)),
                                    Accessibility::step_free});
            }
        }
    }

    // -------------------------------------------------------------- meetings

    // The people of the county who have no meeting yet on the current day: each day
    // reshuffles the county's people, partially, and hands them out block by block.
    std::span<const std::uint32_t> take_people(CountyPlan& county)
    {
        auto& people = county.people;
        if (taken_today_ + group_ > people.size()) {
            throw std::logic_error("a county ran out of people for a day");
        }
        for (auto i = taken_today_; i < taken_today_ + group_; ++i) {
            std::swap(people[i], people[i + random_.below(people.size() - i)]);
        }
        const auto block = std::span<const std::uint32_t>(people).subspan(taken_today_, group_);
        taken_today_ += group_;
        return block;
    }

    Meeting make_meeting(greg::date day, std::size_t slot, const VenueId& venue,
                         std::span<const std::uint32_t> people)
    {
        const auto& times = utc_slots_[static_cast<std::size_t>(day.day_of_year() - 1)];
        Meeting meeting{.id = MeetingId(fmt::format("m{:07}", meetings_made_)),
                        .uid = {},
                        .title = std::string(titles[random_.below(titles.size())]),
                        .description = {},
                        .time = TimeRange(times[2 * slot], times[2 * slot + 1]),
                        .time_zone = std::string(default_time_zone),
                        .venue = venue,
                        .organisers = {},
                        .participants = {},
                        .agenda = {},
                        .status = MeetingStatus::confirmed,
                        .sequence = 0,
                        .counties = {},
                        .recurrence = {},
                        .occurrence_of = {},
                        .participants_see_each_other = {},
                        .published = false};
        ++meetings_made_;
        // "m0000001@bench" keeps the UID in the small-string buffer too.
        meeting.uid = meeting.id.str() + "@bench";
        meeting.organisers.push_back(person_ids_[people[0]]);
        meeting.participants.reserve(people.size());  // one spare for a person double booking
        for (std::size_t i = 1; i < people.size(); ++i) {
            meeting.participants.push_back({person_ids_[people[i]], i % 7 == 0 ? Role::optional : Role::required});
        }
        return meeting;
    }

    // Two or three consecutive items that split the meeting, or, to plant an overlap,
    // two whose times overlap by a quarter of an hour. Presenters are participants.
    void add_agenda(Meeting& meeting, std::size_t items, bool overlapping)
    {
        const auto start = meeting.time.start();
        const auto step = meeting.time.length() / static_cast<int>(items);
        for (std::size_t i = 0; i < items; ++i) {
            auto from = start + step * static_cast<int>(i);
            auto to = i + 1 == items ? meeting.time.end() : from + step;
            if (overlapping && i == 1) {
                from -= pt::minutes(15);
            }
            const auto& presenter = meeting.participants[random_.below(meeting.participants.size())].person;
            meeting.agenda.push_back({TimeRange(from, to), fmt::format("TOP {}", i + 1), presenter});
        }
    }

    MeetingId add(Meeting meeting)
    {
        auto id = meeting.id;
        region_.directory.add(std::move(meeting));
        return id;
    }

    void plant(ConflictKind kind, std::vector<MeetingId> meetings)
    {
        ++region_.expected[kind];
        region_.planted.push_back({kind, std::move(meetings)});
    }

    void add_meetings(CountyPlan& county)
    {
        const auto& days = working_days_[county.state];
        auto plants = county.day_plants.begin();
        for (std::size_t d = 0; d < days.size(); ++d) {
            const auto day = days[d];
            taken_today_ = 0;
            // Day d's share of the county's meetings, spread evenly over the year.
            const auto today = (d + 1) * county.base_meetings / days.size() - d * county.base_meetings / days.size();
            for (std::size_t j = 0; j < today; ++j) {
                auto meeting = make_meeting(day, j % slots_per_day, county.venues[j / slots_per_day], take_people(county));
                if (random_.below(10) == 0) {
                    add_agenda(meeting, 2 + random_.below(2), false);
                }
                add(std::move(meeting));
            }
            for (; plants != county.day_plants.end() && plants->first == day; ++plants) {
                plant_on_working_day(county, day, plants->second);
            }
        }
        for (const auto day : county.holiday_plants) {
            taken_today_ = 0;
            const auto id = add(make_meeting(day, random_.below(slots_per_day), county.venues[0], take_people(county)));
            plant(ConflictKind::public_holiday, {id});
        }
    }

    void plant_on_working_day(CountyPlan& county, greg::date day, DayPlant kind)
    {
        const auto slot = random_.below(slots_per_day);
        const auto& free_venue = county.venues[base_venues_];
        const auto& other_free_venue = county.venues[base_venues_ + 1];
        switch (kind) {
        case DayPlant::person_double_booked: {
            auto first = make_meeting(day, slot, free_venue, take_people(county));
            auto second = make_meeting(day, slot, other_free_venue, take_people(county));
            // Somebody of the first meeting, who has no other meeting that day.
            second.participants.push_back({first.participants.front().person, Role::required});
            const auto a = add(std::move(first));
            const auto b = add(std::move(second));
            plant(ConflictKind::person_double_booked, {a, b});
            break;
        }
        case DayPlant::venue_double_booked: {
            const auto a = add(make_meeting(day, slot, free_venue, take_people(county)));
            const auto b = add(make_meeting(day, slot, free_venue, take_people(county)));
            plant(ConflictKind::venue_double_booked, {a, b});
            break;
        }
        case DayPlant::venue_over_capacity: {
            // A room of its own, too small for the group, that nothing else uses.
            const VenueId room(fmt::format("x{:05}", small_rooms_++));
            const auto& seat = region_.directory.county(CountyId(fmt::format("lk{:04}", county.index)));
            region_.directory.add(Venue{room, "Kleiner Raum", "Am Markt 1", seat.id,
                                        static_cast<unsigned>(std::max<std::size_t>(1, group_ / 2)), seat.geo,
                                        Accessibility::step_free});
            const auto id = add(make_meeting(day, slot, room, take_people(county)));
            plant(ConflictKind::venue_over_capacity, {id});
            break;
        }
        case DayPlant::agenda_overlap: {
            auto meeting = make_meeting(day, slot, free_venue, take_people(county));
            add_agenda(meeting, 2, true);
            const auto id = add(std::move(meeting));
            plant(ConflictKind::agenda_overlap, {id});
            break;
        }
        }
    }

    const RegionShape& shape_;
    Random random_;
    SyntheticRegion region_;
    std::size_t plants_per_kind_ = 0;
    std::size_t group_ = 0;  // the organiser and the participants
    std::size_t base_venues_ = 0;
    std::size_t people_per_county_ = 0;
    std::array<std::vector<greg::date>, state_codes.size()> working_days_;
    std::array<std::vector<greg::date>, state_codes.size()> weekday_holidays_;
    std::vector<std::array<pt::ptime, 2 * slots_per_day>> utc_slots_;  // by day of the year
    std::vector<CountyPlan> counties_;
    std::vector<PersonId> person_ids_;  // by global person index
    std::size_t taken_today_ = 0;
    std::size_t meetings_made_ = 0;
    std::size_t small_rooms_ = 0;
};

}  // namespace

SyntheticRegion make_region(const RegionShape& shape)
{
    return Generator(shape).run();
}

db::MeetingFile meeting_file_of(const Directory& directory)
{
    db::MeetingFile file;
    const auto values = [](const auto& map, auto& into) {
        into.reserve(map.size());
        for (const auto& [id, record] : map) {
            into.push_back(record);
        }
    };
    values(directory.counties(), file.counties);
    values(directory.organisations(), file.organisations);
    values(directory.people(), file.people);
    values(directory.venues(), file.venues);
    values(directory.meetings(), file.meetings);
    return file;
}

KindCounts count_by_kind(const std::vector<Conflict>& conflicts)
{
    KindCounts counts;
    for (const auto& conflict : conflicts) {
        ++counts[conflict.kind];
    }
    return counts;
}

std::string describe(const KindCounts& counts)
{
    std::string text;
    for (const auto& [kind, count] : counts) {
        text += fmt::format("{}{} {}", text.empty() ? "" : ", ", to_string(kind), count);
    }
    return text.empty() ? "none" : text;
}

std::string compare_with_plants(const std::vector<Conflict>& conflicts, const std::vector<PlantedConflict>& planted)
{
    using Key = std::pair<ConflictKind, std::vector<MeetingId>>;
    const auto key = [](ConflictKind kind, std::vector<MeetingId> meetings) {
        std::sort(meetings.begin(), meetings.end());
        return Key(kind, std::move(meetings));
    };
    std::multiset<Key> expected;
    for (const auto& plant : planted) {
        expected.insert(key(plant.kind, plant.meetings));
    }
    std::vector<Key> extra;
    for (const auto& conflict : conflicts) {
        const auto found = expected.find(key(conflict.kind, conflict.meetings));
        if (found == expected.end()) {
            extra.push_back(key(conflict.kind, conflict.meetings));
        } else {
            expected.erase(found);
        }
    }
    if (expected.empty() && extra.empty()) {
        return {};
    }
    const auto list = [](auto begin, auto end) {
        std::string text;
        std::size_t shown = 0;
        for (auto it = begin; it != end && shown < 5; ++it, ++shown) {
            std::string ids;
            for (const auto& id : it->second) {
                ids += fmt::format("{}{}", ids.empty() ? "" : " ", id.str());
            }
            text += fmt::format("{}{} [{}]", text.empty() ? "" : "; ", to_string(it->first), ids);
        }
        return text;
    };
    return fmt::format("{} planted conflicts not reported ({}), {} reported but not planted ({})", expected.size(),
                       list(expected.begin(), expected.end()), extra.size(), list(extra.begin(), extra.end()));
}

}  // namespace planner::bench
