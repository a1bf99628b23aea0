#include <planner/recurrence.hpp>

#include <planner/accepted_dates.hpp>
#include <planner/directory.hpp>
#include <planner/error.hpp>
#include <planner/meeting.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>

namespace planner {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

constexpr std::array supported_frequencies{"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
constexpr std::array supported_parts{"FREQ",     "INTERVAL", "COUNT",    "UNTIL",    "BYDAY", "BYMONTHDAY",
                                     "BYMONTH",  "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "WKST"};
constexpr std::array within_a_day_parts{"BYHOUR", "BYMINUTE", "BYSECOND"};
constexpr std::array weekdays{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

template <std::size_t N>
bool is_one_of(std::string_view value, const std::array<const char*, N>& names)
{
    return std::any_of(names.begin(), names.end(), [&](const char* name) { return value == name; });
}

bool all_digits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// "-1", "+2", "15": a whole number with an optional sign.
bool is_signed_number(std::string_view text)
{
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        text.remove_prefix(1);
    }
    return all_digits(text);
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    for (std::size_t begin = 0;;) {
        const auto end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
        if (end == std::string_view::npos) {
            return parts;
        }
        begin = end + 1;
    }
}

void check_value(std::string_view name, std::string_view value)
{
    const auto fail = [&](std::string_view expected) {
        throw Error(fmt::format("{}={} in the recurrence is not valid, expected {}", name, value, expected));
    };
    if (name == "FREQ") {
        if (is_one_of(value, supported_frequencies)) {
            return;
        }
        if (value == "HOURLY" || value == "MINUTELY" || value == "SECONDLY") {
            throw Error(fmt::format("FREQ={} would repeat the meeting within a day; a meeting recurs at most daily "
                                    "(DAILY, WEEKLY, MONTHLY or YEARLY)",
                                    value));
        }
        fail("DAILY, WEEKLY, MONTHLY or YEARLY");
    }
    if (name == "INTERVAL" || name == "COUNT") {
        if (!all_digits(value) || value.size() > 6 || std::stoi(std::string(value)) < 1) {
            fail("a whole number from 1");
        }
        return;
    }
    if (name == "UNTIL") {
        // YYYYMMDD or YYYYMMDDTHHMMSSZ; the date itself is checked by reading it.
        const bool date = value.size() == 8 && all_digits(value);
        const bool utc = value.size() == 16 && all_digits(value.substr(0, 8)) && value[8] == 'T' &&
                         all_digits(value.substr(9, 6)) && value[15] == 'Z';
        if (!date && !utc) {
            fail("a date like 20131231 or a UTC date-time like 20131231T230000Z");
        }
        if (!is_accepted_year(std::stoi(std::string(value.substr(0, 4))))) {
            fail(fmt::format("a date from {}", accepted_dates_text()));
        }
        try {
            static_cast<void>(greg::from_undelimited_string(std::string(value.substr(0, 8))));
        } catch (const std::exception&) {
            fail("a date that exists, like 20131231");
        }
        return;
    }
    if (name == "WKST") {
        if (!is_one_of(value, weekdays)) {
            fail("a weekday: MO, TU, WE, TH, FR, SA or SU");
        }
        return;
    }
    // The largest magnitude each list allows (RFC 5545 3.3.10); libical takes long to
    // give up on a rule that can never match, so impossible numbers are refused here.
    const int largest = name == "BYDAY"        ? 53
                        : name == "BYMONTHDAY" ? 31
                        : name == "BYMONTH"    ? 12
                        : name == "BYWEEKNO"   ? 53
                                               : 366;  // BYYEARDAY, BYSETPOS
    const auto in_range = [&](std::string_view number) {
        const int magnitude = std::abs(std::stoi(std::string(number.substr(0, 4))));
        return number.size() <= 4 && magnitude >= 1 && magnitude <= largest &&
               (name != "BYMONTH" || number.front() != '-');
    };
    for (const auto item : split(value, ',')) {
        if (name == "BYDAY") {
            // An optional ordinal, then the weekday: "2TU", "-1FR", "MO".
            const auto ordinal = item.size() > 2 ? item.substr(0, item.size() - 2) : std::string_view{};
            if (item.size() < 2 || !is_one_of(item.substr(item.size() - 2), weekdays) ||
                (!ordinal.empty() && (!is_signed_number(ordinal) || !in_range(ordinal)))) {
                fail("weekdays with an optional ordinal from -53 to 53 but 0, like 2TU or -1FR or MO,WE");
            }
        } else if (!is_signed_number(item) || !in_range(item)) {
            fail(name == "BYMONTH" ? std::string("months from 1 to 12, separated by commas, like 3,9")
                                   : fmt::format("numbers from -{0} to {0} but 0, separated by commas, like 1,2", largest));
        }
    }
}

}  // namespace

void check_recurrence_rule(std::string_view rule)
{
    if (rule.empty()) {
        throw Error("the recurrence is empty, expected an RRULE like FREQ=MONTHLY;BYDAY=2TU");
    }
    std::set<std::string_view> seen;
    for (const auto part : split(rule, ';')) {
        const auto equals = part.find('=');
        if (equals == std::string_view::npos || equals == 0) {
            throw Error(fmt::format("'{}' in the recurrence is not NAME=VALUE, expected an RRULE like "
                                    "FREQ=MONTHLY;BYDAY=2TU",
                                    part));
        }
        const auto name = part.substr(0, equals);
        const auto value = part.substr(equals + 1);
        if (is_one_of(name, within_a_day_parts)) {
            throw Error(fmt::format("{} would repeat the meeting within a day; a meeting recurs at most daily", name));
        }
        if (!is_one_of(name, supported_parts)) {
            throw Error(fmt::format("unknown part '{}' in the recurrence, expected FREQ, INTERVAL, COUNT, UNTIL, "
                                    "BYDAY, BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS or WKST",
                                    name));
        }
        if (!seen.insert(name).second) {
            throw Error(fmt::format("{} is given twice in the recurrence", name));
        }
        check_value(name, value);
    }
    if (!seen.contains("FREQ")) {
        throw Error("the recurrence has no FREQ, expected e.g. FREQ=MONTHLY;BYDAY=2TU");
    }
    if (seen.contains("COUNT") && seen.contains("UNTIL")) {
        throw Error("the recurrence has both COUNT and UNTIL; RFC 5545 allows one of them");
    }
}

MeetingId occurrence_id(const MeetingId& series, greg::date date)
{
    return MeetingId(fmt::format("{}@{}", series.str(), greg::to_iso_extended_string(date)));
}

std::optional<SeriesOccurrence> occurrence_named(const MeetingId& id)
{
    const auto& text = id.str();
    const auto at = text.rfind('@');
    constexpr std::size_t iso_date_length = 10;  // 2013-03-12
    if (at == std::string::npos || at == 0 || text.size() - at - 1 != iso_date_length) {
        return std::nullopt;
    }
    try {
        return SeriesOccurrence{MeetingId(text.substr(0, at)), greg::from_simple_string(text.substr(at + 1))};
    } catch (const std::exception&) {
        return std::nullopt;  // not a date: Boost throws for "2013-13-45" and for letters alike
    }
}

std::optional<Meeting> occurrence_on(const Meeting& series, greg::date date, const RuleExpansion& expand)
{
    auto all = occurrences(series, expand);
    const auto found = std::find_if(all.begin(), all.end(), [&](const Meeting& occurrence) {
        return occurrence.occurrence_of && occurrence.occurrence_of->date == date;
    });
    return found == all.end() ? std::nullopt : std::optional<Meeting>(std::move(*found));
}

std::vector<Meeting> occurrences(const Meeting& series, const RuleExpansion& expand)
{
    if (!series.recurrence) {
        return {series};
    }
    const auto& recurrence = *series.recurrence;
    const auto& zone = time_zone(series.time_zone);
    const auto first_start = zone.to_local(series.time.start());
    const auto local_starts = expand(series);
    if (local_starts.empty() || local_starts.front() != first_start) {
        throw Error(fmt::format(
            "meeting '{}' starts on {}, which is not a date of its recurrence '{}'{}; a series starts with its "
            "first meeting",
            series.id.str(), greg::to_iso_extended_string(first_start.date()), recurrence.rule,
            local_starts.empty() ? std::string()
                                 : fmt::format(" (its first is {})", greg::to_iso_extended_string(local_starts.front().date()))));
    }
    std::set<greg::date> dates;
    for (const auto& start : local_starts) {
        if (!dates.insert(start.date()).second) {
            throw Error(fmt::format("the recurrence of meeting '{}' gives two meetings on {}; a meeting recurs at "
                                    "most daily",
                                    series.id.str(), greg::to_iso_extended_string(start.date())));
        }
    }
    const auto not_in_series = [&](greg::date date, std::string_view what) {
        if (!dates.contains(date)) {
            throw Error(fmt::format("{} {} of meeting '{}' is not a date of its recurrence '{}'", what,
                                    greg::to_iso_extended_string(date), series.id.str(), recurrence.rule));
        }
    };
    for (const auto& date : recurrence.exceptions) {
        not_in_series(date, "exception");
    }
    for (const auto& change : recurrence.changes) {
        not_in_series(change.date, "changed occurrence");
    }

    // Looked up once per occurrence: a long series may have many exceptions and changes.
    const std::set<greg::date> exceptions(recurrence.exceptions.begin(), recurrence.exceptions.end());
    std::map<greg::date, const OccurrenceChange*> changes;
    for (const auto& change : recurrence.changes) {
        changes.emplace(change.date, &change);
    }

    std::vector<Meeting> result;
    result.reserve(local_starts.size());
    for (const auto& local_start : local_starts) {
        const auto date = local_start.date();
        if (exceptions.contains(date)) {
            continue;
        }
        pt::ptime start;
        try {
            start = zone.to_utc(local_start);
        } catch (const Error& error) {
            throw Error(fmt::format("meeting '{}' on {}: {}", series.id.str(), greg::to_iso_extended_string(date),
                                    error.what()));
        }
        Meeting occurrence = moved(series, start);
        occurrence.id = occurrence_id(series.id, date);
        occurrence.recurrence.reset();
        occurrence.occurrence_of = SeriesOccurrence{series.id, date};
        if (const auto found = changes.find(date); found != changes.end()) {
            const auto* change = found->second;
            if (change->time) {
                occurrence = moved(std::move(occurrence), change->time->start());
                occurrence.time = *change->time;
            }
            if (change->venue) {
                occurrence.venue = *change->venue;
            }
            if (change->status) {
                occurrence.status = *change->status;
            }
        }
        result.push_back(std::move(occurrence));
    }
    return result;
}

std::optional<std::pair<std::size_t, std::size_t>> first_overlap(const std::vector<Meeting>& occurrences)
{
    std::vector<std::size_t> by_start;
    for (std::size_t i = 0; i < occurrences.size(); ++i) {
        if (occurrences[i].status != MeetingStatus::cancelled) {
            by_start.push_back(i);
        }
    }
    std::stable_sort(by_start.begin(), by_start.end(), [&](std::size_t a, std::size_t b) {
        return occurrences[a].time.start() < occurrences[b].time.start();
    });
    // The meeting that ends last so far is the one a later start can overlap.
    std::optional<std::size_t> latest_end;
    for (const auto i : by_start) {
        if (latest_end && occurrences[i].time.start() < occurrences[*latest_end].time.end()) {
            return std::pair{*latest_end, i};
        }
        if (!latest_end || occurrences[i].time.end() > occurrences[*latest_end].time.end()) {
            latest_end = i;
        }
    }
    return std::nullopt;
}

void expand_series(Directory& directory, const RuleExpansion& expand)
{
    std::vector<MeetingId> series;
    for (const auto& [id, meeting] : directory.meetings()) {
        if (meeting.recurrence) {
            series.push_back(id);
        }
    }
    for (const auto& id : series) {
        auto expanded = occurrences(directory.meeting(id), expand);
        directory.remove(id);
        for (auto& occurrence : expanded) {
            directory.add(std::move(occurrence));
        }
    }
}

bool is_or_occurs_in(const Meeting& meeting, const MeetingId& id)
{
    return meeting.id == id || (meeting.occurrence_of && meeting.occurrence_of->series == id);
}

bool names_a_meeting(const Directory& directory, const MeetingId& id)
{
    const auto& all = directory.meetings();
    return directory.find(id) != nullptr ||
           std::any_of(all.begin(), all.end(), [&](const auto& entry) { return is_or_occurs_in(entry.second, id); });
}

std::string_view rrule_weekday(greg::greg_weekday day)
{
    static constexpr std::array<std::string_view, 7> names{"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
    return names.at(day.as_number());
}

std::string rule_text(const PickedRule& picked, greg::date first)
{
    const auto until = greg::to_iso_string(picked.until);  // 20131231
    if (picked.repeat == PickedRule::Repeat::monthly_on_weekday) {
        const int ordinal = (first.day() - 1) / 7 + 1;
        return fmt::format("FREQ=MONTHLY;BYDAY={}{};UNTIL={}", ordinal == 5 ? -1 : ordinal,
                           rrule_weekday(first.day_of_week()), until);
    }
    return picked.every_weeks == 1 ? fmt::format("FREQ=WEEKLY;UNTIL={}", until)
                                   : fmt::format("FREQ=WEEKLY;INTERVAL={};UNTIL={}", picked.every_weeks, until);
}

std::optional<PickedRule> picked_rule(std::string_view rule, greg::date first)
{
    // UNTIL, a date, is last in every rule a pick gives.
    const auto until_at = rule.find("UNTIL=");
    if (until_at == std::string_view::npos || rule.size() != until_at + 14 || !all_digits(rule.substr(until_at + 6))) {
        return std::nullopt;
    }
    PickedRule picked;
    try {
        picked.until = greg::from_undelimited_string(std::string(rule.substr(until_at + 6)));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    picked.repeat = PickedRule::Repeat::monthly_on_weekday;
    if (rule_text(picked, first) == rule) {
        return picked;
    }
    picked.repeat = PickedRule::Repeat::weekly;
    for (picked.every_weeks = 1; picked.every_weeks <= 52; ++picked.every_weeks) {
        if (rule_text(picked, first) == rule) {
            return picked;
        }
    }
    return std::nullopt;
}

}  // namespace planner
