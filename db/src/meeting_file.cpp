#include <planner/db/meeting_file.hpp>

#include <planner/accepted_dates.hpp>
#include <planner/error.hpp>
#include <planner/input_size.hpp>
#include <planner/id.hpp>
#include <planner/regions.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <vector>
#include <sstream>

namespace planner::db {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

std::string_view type_name(toml::node_type type)
{
    switch (type) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
    }
    return "nothing";
}

pt::ptime to_ptime(const toml::date& date, const toml::time& time)
{
    return {greg::date(static_cast<unsigned short>(date.year), static_cast<unsigned short>(date.month),
                       static_cast<unsigned short>(date.day)),
            pt::hours(time.hour) + pt::minutes(time.minute) + pt::seconds(time.second)};
}

// Text of one line (names, titles, addresses) and of a description: enough for any real
// meeting, and bounded, because a 10 MB title stalls the attendance lists and the PDF.
constexpr std::size_t max_description_characters = 10'000;
// toml++ reads dotted keys, arrays and inline tables recursively: 40,000 key parts
// overflow the stack. A meeting file needs three levels.
constexpr std::size_t max_nesting = 16;

// A meeting file holds a region's year of meetings in a few megabytes; one larger than
// any file the planner reads is a mistake, and is refused before it is read.
void check_file_size(std::uintmax_t bytes, const std::string& source)
{
    if (bytes > max_input_file_bytes) {
        throw Error(fmt::format("{}: the meeting file has {} bytes, more than the {} (32 MiB) the planner reads; "
                                "split it into several files",
                                source, bytes, max_input_file_bytes));
    }
}


// Refuses, with its line, a key of more dotted parts or arrays and inline tables nested
// deeper than max_nesting, before toml++ sees the text. Strings and comments are
// skipped; what is not TOML is left to toml++ to report.
void check_nesting(std::string_view text, const std::string& source)
{
    std::size_t line = 1;
    std::vector<char> open;  // the '[' and '{' of the values around
    bool in_key = true;      // at the start of a line (or of an inline table's entry) until '='
    std::size_t key_parts = 1;
    const auto start_key = [&] {
        in_key = true;
        key_parts = 1;
    };
    // Skips a string that starts at `at`, counting its lines; returns the index of its
    // last character.
    const auto skip_string = [&](std::size_t at) {
        const char quote = text[at];
        const bool multi_line = text.substr(at, 3) == std::string(3, quote);
        std::size_t i = at + (multi_line ? 3 : 1);
        for (; i < text.size(); ++i) {
            if (text[i] == '\\' && quote == '"') {
                if (i + 1 < text.size() && text[i + 1] == '\n') {
                    ++line;
                }
                ++i;
            } else if (text[i] == '\n') {
                if (!multi_line) {
                    return i - 1;  // an unterminated string, which toml++ reports
                }
                ++line;
            } else if (text[i] == quote && !multi_line) {
                return i;
            } else if (text[i] == quote && text.substr(i, 3) == std::string(3, quote)) {
                // Up to two more quotes belong to the text, as in a title that ends with a quote.
                std::size_t end = i + 2;
                while (end + 1 < text.size() && text[end + 1] == quote && end < i + 4) {
                    ++end;
                }
                return end;
            }
        }
        return text.size();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        switch (text[i]) {
        case '\n':
            ++line;
            if (open.empty()) {
                start_key();
            }
            break;
        case '#':
            while (i + 1 < text.size() && text[i + 1] != '\n') {
                ++i;
            }
            break;
        case '"':
        case '\'':
            i = skip_string(i);
            break;
        case '=':
            in_key = false;
            break;
        case '.':
            if (in_key && ++key_parts > max_nesting) {
                throw Error(fmt::format("{}:{}: a key of more than {} dotted parts; a meeting file nests three "
                                        "levels deep",
                                        source, line, max_nesting));
            }
            break;
        case '[':
        case '{':
            if (text[i] == '[' && open.empty() && in_key) {
                break;  // a table header, [meeting] or [[meeting.agenda]]: a key
            }
            open.push_back(text[i]);
            if (open.size() > max_nesting) {
                throw Error(fmt::format("{}:{}: arrays and inline tables nested more than {} deep; a meeting file "
                                        "nests three levels deep",
                                        source, line, max_nesting));
            }
            if (text[i] == '{') {
                start_key();
            } else {
                in_key = false;
            }
            break;
        case ']':
        case '}':
            if (!open.empty()) {
                open.pop_back();
                in_key = false;
            }
            break;
        case ',':
            if (!open.empty() && open.back() == '{') {
                start_key();
            }
            break;
        default:
            break;
        }
    }
}

// The records of one kind keep the position of their id, for duplicate reports.
template <class IdType>
using SeenIds = std::set<IdType>;

class MeetingFileReader {
public:
    MeetingFileReader(std::string source_name, const Directory& known, const RuleExpansion& expand)
        : source_(std::move(source_name)), known_(known), expand_(expand)
    {
    }

    MeetingFile read(std::string_view text)
    {
        check_file_size(text.size(), source_);
        check_nesting(text, source_);
        toml::table root;
        try {
            root = toml::parse(text, source_);
        } catch (const toml::parse_error& error) {
            throw Error(fmt::format("{}:{}:{}: {}", source_, error.source().begin.line, error.source().begin.column,
                                    error.description()));
        }
        check_keys(root, {"county", "organisation", "person", "venue", "meeting"}, "the file");
        // Records are read in dependency order so that references can be checked
        // against what is already read.
        for_each_record(root, "county", [&](const toml::table& t) { read_county(t); });
        for_each_record(root, "organisation", [&](const toml::table& t) { read_organisation(t); });
        for_each_record(root, "person", [&](const toml::table& t) { read_person(t); });
        for_each_record(root, "venue", [&](const toml::table& t) { read_venue(t); });
        for_each_record(root, "meeting", [&](const toml::table& t) { read_meeting(t); });
        return std::move(file_);
    }

private:
    [[nodiscard]] std::string where(const toml::node& node) const
    {
        return fmt::format("{}:{}:{}", source_, node.source().begin.line, node.source().begin.column);
    }

    [[noreturn]] void fail(const toml::node& node, std::string_view message) const
    {
        throw Error(fmt::format("{}: {}", where(node), message));
    }

    template <class OnRecord>
    void for_each_record(const toml::table& root, std::string_view key, OnRecord on_record)
    {
        const toml::node* node = root.get(key);
        if (node == nullptr) {
            return;
        }
        const auto* records = node->as_array();
        if (records == nullptr || !records->is_array_of_tables()) {
            fail(*node, fmt::format("'{}' must be an array of tables, written [[{}]]", key, key));
        }
        for (const auto& record : *records) {
            on_record(*record.as_table());
        }
    }

    void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed, std::string_view what) const
    {
        for (const auto& [key, value] : table) {
            if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) {
                continue;
            }
            std::string expected;
            for (const auto name : allowed) {
                expected += expected.empty() ? "" : ", ";
                expected += name;
            }
            fail(value, fmt::format("unknown key '{}' in {}, expected one of: {}", key.str(), what, expected));
        }
    }

    const toml::node& required(const toml::table& table, std::string_view key, std::string_view what) const
    {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            fail(table, fmt::format("{} is missing '{}'", what, key));
        }
        return *node;
    }

    std::string text(const toml::node& node, std::string_view key) const
    {
        if (!node.is_string()) {
            fail(node, fmt::format("'{}' must be a string, not {}", key, type_name(node.type())));
        }
        const auto& value = node.as_string()->get();
        const auto limit = key == "description" ? max_description_characters : max_line_characters;
        if (const auto length = characters_in(value); length > limit) {
            fail(node, fmt::format("'{}' is {} characters long, more than the limit of {}", key, length, limit));
        }
        return value;
    }

    std::string required_text(const toml::table& table, std::string_view key, std::string_view what) const
    {
        const auto& node = required(table, key, what);
        auto value = text(node, key);
        const bool blank = std::all_of(value.begin(), value.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
        if (blank) {
            fail(node, fmt::format("'{}' of {} must not be empty", key, what));
        }
        return value;
    }

    std::string optional_text(const toml::table& table, std::string_view key) const
    {
        const toml::node* node = table.get(key);
        return node == nullptr ? std::string{} : text(*node, key);
    }

    std::optional<bool> optional_flag(const toml::table& table, std::string_view key) const
    {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_boolean()) {
            fail(*node, fmt::format("'{}' must be true or false, not {}", key, type_name(node->type())));
        }
        return node->as_boolean()->get();
    }

    // Ids are checked here, where they are read, because they become file names and
    // are typed in commands (planner::id_problem).
    std::string id_of(const toml::table& table, std::string_view kind) const
    {
        const auto& node = required(table, "id", fmt::format("a [[{}]]", kind));
        auto id = text(node, "id");
        if (const auto problem = id_problem(id)) {
            fail(node, fmt::format("{} id '{}' is not valid, {}", kind, id, *problem));
        }
        return id;
    }

    template <class IdType>
    IdType new_id(const toml::table& table, std::string_view kind, SeenIds<IdType>& seen) const
    {
        IdType id(id_of(table, kind));
        if (!seen.insert(id).second) {
            fail(*table.get("id"), fmt::format("duplicate {} id '{}'", kind, id.str()));
        }
        return id;
    }

    GeoPoint geo(const toml::node& node) const
    {
        const auto* pair = node.as_array();
        if (pair == nullptr || pair->size() != 2 || !pair->get(0)->is_number() || !pair->get(1)->is_number()) {
            fail(node, "'geo' must be [latitude, longitude] in decimal degrees, e.g. [47.66, 9.37]");
        }
        try {
            return {pair->get(0)->value<double>().value(), pair->get(1)->value<double>().value()};
        } catch (const Error& error) {
            fail(node, error.what());
        }
    }

    std::optional<GeoPoint> optional_geo(const toml::table& table) const
    {
        const toml::node* node = table.get("geo");
        return node == nullptr ? std::nullopt : std::optional<GeoPoint>(geo(*node));
    }

    // A reference must name a record of this file (already read, so among the ids
    // seen) or of the store.
    template <class IdType>
    IdType reference(const toml::node& node, std::string_view key, std::string_view kind,
                     const SeenIds<IdType>& in_file) const
    {
        IdType id(text(node, key));
        if (!in_file.contains(id) && known_.find(id) == nullptr) {
            fail(node, fmt::format("unknown {} '{}', expected the id of a [[{}]] in this file or the store", kind,
                                   id.str(), kind));
        }
        return id;
    }

    // A state the planner does not know, or spells otherwise, would have no holidays
    // and so switch their check off without a word.
    std::string state_of(const toml::table& table) const
    {
        auto state = required_text(table, "state", "a county");
        const auto& node = *table.get("state");
        const auto* region = known_region(state);
        if (region == nullptr) {
            std::string german;
            for (const auto& known : known_regions()) {
                if (known.code.starts_with("DE-")) {
                    german += fmt::format("{}{}", german.empty() ? "" : ", ", known.code);
                }
            }
            fail(node, fmt::format("unknown state '{}', expected an ISO 3166-2 code: a German state ({}) or a region "
                                   "of a neighbouring country that 'planner holidays import' knows, e.g. CH-TG or AT-8",
                                   state, german));
        }
        if (region->code != state) {
            fail(node, fmt::format("state '{}' must be written '{}'", state, region->code));
        }
        return state;
    }

    void read_county(const toml::table& table)
    {
        check_keys(table, {"id", "name", "seat", "state", "geo"}, "a [[county]]");
        County county{new_id(table, "county", counties_), required_text(table, "name", "a county"),
                      required_text(table, "seat", "a county"), state_of(table),
                      geo(required(table, "geo", "a county"))};
        file_.counties.push_back(std::move(county));
    }

    void read_organisation(const toml::table& table)
    {
        check_keys(table, {"id", "name", "county", "kind", "geo", "office_hours"}, "an [[organisation]]");
        Organisation organisation{new_id(table, "organisation", organisations_),
                                  required_text(table, "name", "an organisation"),
                                  reference<CountyId>(required(table, "county", "an organisation"), "county",
                                                      "county", counties_),
                                  OrganisationKind::other, optional_geo(table)};
        const auto& kind_node = required(table, "kind", "an organisation");
        const auto kind = organisation_kind_from_string(text(kind_node, "kind"));
        if (!kind) {
            fail(kind_node, fmt::format("unknown organisation kind '{}', expected district-office, contact-point, "
                                        "self-help-group, civic-initiative, council or other",
                                        text(kind_node, "kind")));
        }
        organisation.kind = *kind;
        organisation.office_hours = office_hours(table, *kind);
        file_.organisations.push_back(std::move(organisation));
    }

    // Absent: the default of the kind; false: none; "08:00-17:00": Monday to Friday.
    std::optional<OfficeHours> office_hours(const toml::table& table, OrganisationKind kind) const
    {
        const toml::node* node = table.get("office_hours");
        if (node == nullptr) {
            return default_office_hours(kind);
        }
        if (const auto* flag = node->as_boolean(); flag != nullptr && !flag->get()) {
            return std::nullopt;
        }
        const auto hours = node->is_string() ? office_hours_from_string(node->as_string()->get()) : std::nullopt;
        if (!hours) {
            fail(*node, fmt::format("'office_hours' must be like \"08:00-17:00\" (Monday to Friday) or false, not {}",
                                    node->is_string() ? "'" + node->as_string()->get() + "'"
                                                      : std::string(type_name(node->type()))));
        }
        return hours;
    }

    // DIN 5008: six lines in the address field, one of them the name.
    static constexpr long max_postal_lines = 5;

    void read_person(const toml::table& table)
    {
        check_keys(table, {"id", "name", "email", "organisation", "function", "step_free", "geo", "postal_address"},
                   "a [[person]]");
        auto id = new_id(table, "person", people_);
        auto name = required_text(table, "name", "a person");
        std::optional<EmailAddress> email;
        if (const auto* email_node = table.get("email")) {
            try {
                email.emplace(text(*email_node, "email"));
            } catch (const Error& error) {
                fail(*email_node, error.what());
            }
        }
        auto postal_address = optional_text(table, "postal_address");
        if (std::all_of(postal_address.begin(), postal_address.end(),
                        [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; })) {
            postal_address.clear();
        }
        if (const auto lines = std::count(postal_address.begin(), postal_address.end(), '\n') + 1;
            !postal_address.empty() && lines > max_postal_lines) {
            fail(*table.get("postal_address"),
                 fmt::format("'postal_address' has {} lines; an envelope's window holds the name and {} more", lines,
                             max_postal_lines));
        }
        if (!email && postal_address.empty()) {
            fail(table, fmt::format("person '{}' has neither an e-mail address nor a postal address; give email = "
                                    "\"...\" or, for someone without e-mail, postal_address = \"street\\npostcode "
                                    "town\" for a printed letter",
                                    id.str()));
        }
        Person person{std::move(id),
                      std::move(name),
                      std::move(email),
                      reference<OrganisationId>(required(table, "organisation", "a person"), "organisation",
                                                "organisation", organisations_),
                      optional_text(table, "function"),
                      optional_flag(table, "step_free").value_or(false) ? Access::step_free : Access::any,
                      optional_geo(table),
                      std::move(postal_address)};
        file_.people.push_back(std::move(person));
    }

    void read_venue(const toml::table& table)
    {
        check_keys(table, {"id", "name", "address", "county", "capacity", "geo", "accessible"}, "a [[venue]]");
        auto id = new_id(table, "venue", venues_);
        auto name = required_text(table, "name", "a venue");
        auto address = required_text(table, "address", "a venue");
        auto county = reference<CountyId>(required(table, "county", "a venue"), "county", "county", counties_);
        const auto& capacity_node = required(table, "capacity", "a venue");
        const auto capacity = capacity_node.value<std::int64_t>();
        if (!capacity_node.is_integer() || *capacity < 1 || *capacity > 1'000'000) {
            fail(capacity_node, fmt::format("'capacity' must be a whole number of seats from 1 to 1000000, not {}",
                                            capacity_node.is_integer() ? std::to_string(*capacity)
                                                                       : std::string(type_name(capacity_node.type()))));
        }
        const auto accessible = optional_flag(table, "accessible");
        Venue venue{std::move(id), std::move(name), std::move(address), std::move(county),
                    static_cast<unsigned>(*capacity), geo(required(table, "geo", "a venue")),
                    !accessible ? Accessibility::unknown
                                : (*accessible ? Accessibility::step_free : Accessibility::not_step_free)};
        file_.venues.push_back(std::move(venue));
    }

    // Checked before a Boost date is made of it, which throws for years before 1400.
    void require_accepted_year(const toml::node& node, std::string_view key, const toml::date& date) const
    {
        if (!is_accepted_year(date.year)) {
            fail(node, fmt::format("'{}' {:04}-{:02}-{:02} is outside the dates the planner accepts, {}", key,
                                   static_cast<int>(date.year), static_cast<int>(date.month),
                                   static_cast<int>(date.day), accepted_dates_text()));
        }
    }

    // A meeting's start or end: a local date-time in the meeting's zone, or an
    // offset date-time, which is how a time in the doubled autumn hour is given.
    pt::ptime instant(const toml::node& node, std::string_view key, const TimeZone& zone) const
    {
        const auto* value = node.as_date_time();
        if (value == nullptr) {
            fail(node, fmt::format("'{}' must be a local date-time like 2012-10-11T14:00:00, not {}", key,
                                   type_name(node.type())));
        }
        const auto& date_time = value->get();
        require_accepted_year(node, key, date_time.date);
        const auto local = to_ptime(date_time.date, date_time.time);
        try {
            if (date_time.offset) {
                return zone.to_utc(local, pt::minutes(date_time.offset->minutes));
            }
            return zone.to_utc(local);
        } catch (const Error& error) {
            fail(node, error.what());
        }
    }

    // An agenda time: a local time on the meeting's first day, or a local date-time.
    pt::ptime agenda_instant(const toml::node& node, std::string_view key, const TimeZone& zone,
                             greg::date meeting_day) const
    {
        if (const auto* time = node.as_time()) {
            try {
                return zone.to_utc(to_ptime({static_cast<std::uint16_t>(meeting_day.year()),
                                             static_cast<std::uint8_t>(meeting_day.month().as_number()),
                                             static_cast<std::uint8_t>(meeting_day.day().as_number())},
                                            time->get()));
            } catch (const Error& error) {
                fail(node, error.what());
            }
        }
        if (node.is_date_time()) {
            return instant(node, key, zone);
        }
        fail(node, fmt::format("'{}' of an agenda item must be a local time like 14:30:00, not {}", key,
                               type_name(node.type())));
    }

    TimeRange time_range(pt::ptime start, pt::ptime end, const toml::node& end_node) const
    {
        if (end <= start) {
            fail(end_node, fmt::format("end {} is not after start {}", pt::to_iso_extended_string(end) + "Z",
                                       pt::to_iso_extended_string(start) + "Z"));
        }
        return {start, end};
    }

    PersonId person_reference(const toml::node& node, std::string_view key) const
    {
        return reference<PersonId>(node, key, "person", people_);
    }

    void read_meeting(const toml::table& table)
    {
        check_keys(table, {"id", "uid", "title", "description", "start", "end", "timezone", "venue", "organisers",
                           "participants", "status", "counties", "agenda", "recurrence", "exceptions", "occurrence",
                           "participants_see_each_other", "public"},
                   "a [[meeting]]");
        auto id = new_id(table, "meeting", meetings_);
        auto title = required_text(table, "title", "a meeting");
        auto description = optional_text(table, "description");
        const auto what = fmt::format("meeting '{}'", id.str());

        std::string zone_name(default_time_zone);
        if (const toml::node* zone_node = table.get("timezone")) {
            zone_name = text(*zone_node, "timezone");
            try {
                static_cast<void>(time_zone(zone_name));
            } catch (const Error& error) {
                fail(*zone_node, error.what());
            }
        }
        const auto& zone = time_zone(zone_name);
        const auto& start_node = required(table, "start", what);
        const auto& end_node = required(table, "end", what);
        // Start before end, so that a file with both wrong is reported at its start.
        const auto start = instant(start_node, "start", zone);
        auto time = time_range(start, instant(end_node, "end", zone), end_node);
        auto venue = reference<VenueId>(required(table, "venue", what), "venue", "venue", venues_);

        Meeting meeting{std::move(id), {}, std::move(title), std::move(description), time, std::move(zone_name),
                        std::move(venue), {}, {}, {}, MeetingStatus::confirmed, 0, {}, std::nullopt, std::nullopt,
                        optional_flag(table, "participants_see_each_other"),
                        optional_flag(table, "public").value_or(false)};
        read_people(table, meeting, what);
        if (const toml::node* status_node = table.get("status")) {
            meeting.status = status_of(*status_node);
        }
        if (const toml::node* counties_node = table.get("counties")) {
            for (const auto& county : list(*counties_node, "counties")) {
                auto county_id = reference<CountyId>(county, "counties", "county", counties_);
                if (std::find(meeting.counties.begin(), meeting.counties.end(), county_id) != meeting.counties.end()) {
                    fail(county, fmt::format("county '{}' is listed twice in {}", county_id.str(), what));
                }
                meeting.counties.push_back(std::move(county_id));
            }
        }
        read_agenda(table, meeting, zone);
        read_recurrence(table, meeting, zone);
        keep_identity(table, meeting);
        file_.meetings.push_back(std::move(meeting));
    }

    const toml::array& list(const toml::node& node, std::string_view key) const
    {
        const auto* array = node.as_array();
        if (array == nullptr) {
            fail(node, fmt::format("'{}' must be an array, not {}", key, type_name(node.type())));
        }
        return *array;
    }

    void read_people(const toml::table& table, Meeting& meeting, const std::string& what) const
    {
        const auto& organisers_node = required(table, "organisers", what);
        for (const auto& organiser : list(organisers_node, "organisers")) {
            auto id = person_reference(organiser, "organisers");
            if (std::find(meeting.organisers.begin(), meeting.organisers.end(), id) != meeting.organisers.end()) {
                fail(organiser, fmt::format("person '{}' is listed twice as organiser of {}", id.str(), what));
            }
            meeting.organisers.push_back(std::move(id));
        }
        if (meeting.organisers.empty()) {
            fail(organisers_node, fmt::format("{} needs at least one organiser", what));
        }
        const toml::node* participants_node = table.get("participants");
        if (participants_node == nullptr) {
            return;
        }
        for (const auto& entry : list(*participants_node, "participants")) {
            Participant participant;
            if (const auto* detail = entry.as_table()) {
                check_keys(*detail, {"person", "role"}, "a participant");
                participant.person = person_reference(required(*detail, "person", "a participant"), "person");
                if (const toml::node* role_node = detail->get("role")) {
                    const auto role = role_from_string(text(*role_node, "role"));
                    if (!role) {
                        fail(*role_node, fmt::format("unknown role '{}', expected chair, required, optional or info",
                                                     text(*role_node, "role")));
                    }
                    participant.role = *role;
                }
            } else if (entry.is_string()) {
                participant.person = person_reference(entry, "participants");
            } else {
                fail(entry, fmt::format("a participant must be a person id or {{ person = \"id\", role = \"...\" }}, "
                                        "not {}",
                                        type_name(entry.type())));
            }
            const bool listed = std::any_of(meeting.participants.begin(), meeting.participants.end(),
                                            [&](const Participant& p) { return p.person == participant.person; });
            if (listed) {
                fail(entry, fmt::format("person '{}' is listed twice as participant of {}", participant.person.str(),
                                        what));
            }
            meeting.participants.push_back(std::move(participant));
        }
    }

    void read_agenda(const toml::table& table, Meeting& meeting, const TimeZone& zone) const
    {
        const toml::node* agenda_node = table.get("agenda");
        if (agenda_node == nullptr) {
            return;
        }
        const auto* items = agenda_node->as_array();
        if (items == nullptr || !items->is_array_of_tables()) {
            fail(*agenda_node, "'agenda' must be an array of tables, written [[meeting.agenda]]");
        }
        const auto meeting_day = zone.to_local(meeting.time.start()).date();
        for (const auto& item_node : *items) {
            const auto& item = *item_node.as_table();
            check_keys(item, {"start", "end", "title", "presenter"}, "an agenda item");
            const auto& start_node = required(item, "start", "an agenda item");
            const auto& end_node = required(item, "end", "an agenda item");
            const auto start = agenda_instant(start_node, "start", zone, meeting_day);
            AgendaItem agenda_item{time_range(start, agenda_instant(end_node, "end", zone, meeting_day), end_node),
                                   required_text(item, "title", "an agenda item"), std::nullopt};
            if (const toml::node* presenter = item.get("presenter")) {
                agenda_item.presenter = person_reference(*presenter, "presenter");
            }
            meeting.agenda.push_back(std::move(agenda_item));
        }
    }

    MeetingStatus status_of(const toml::node& node) const
    {
        const auto status = meeting_status_from_string(text(node, "status"));
        if (!status) {
            fail(node, fmt::format("unknown status '{}', expected confirmed, tentative or cancelled", text(node, "status")));
        }
        return *status;
    }

    greg::date date_of(const toml::node& node, std::string_view key) const
    {
        const auto* value = node.as_date();
        if (value == nullptr) {
            fail(node, fmt::format("'{}' must be a date like 2013-08-13, not {}", key, type_name(node.type())));
        }
        const auto& date = value->get();
        require_accepted_year(node, key, date);
        return {static_cast<unsigned short>(date.year), static_cast<unsigned short>(date.month),
                static_cast<unsigned short>(date.day)};
    }

    // `recurrence`, `exceptions` and [[meeting.occurrence]]: a series, checked against
    // the dates its rule gives.
    void read_recurrence(const toml::table& table, Meeting& meeting, const TimeZone& zone) const
    {
        const toml::node* rule_node = table.get("recurrence");
        for (const auto* key : {"exceptions", "occurrence"}) {
            if (rule_node == nullptr && table.get(key) != nullptr) {
                fail(*table.get(key), fmt::format("'{}' belongs to a recurring meeting, but meeting '{}' has no "
                                                  "'recurrence'",
                                                  key, meeting.id.str()));
            }
        }
        if (rule_node == nullptr) {
            return;
        }
        auto rule = text(*rule_node, "recurrence");
        std::transform(rule.begin(), rule.end(), rule.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (rule.starts_with("RRULE:")) {
            rule.erase(0, 6);
        }
        try {
            check_recurrence_rule(rule);
        } catch (const Error& error) {
            fail(*rule_node, error.what());
        }
        if (!expand_) {
            fail(*rule_node, "recurring meetings cannot be read here: this reader was given no rule expansion");
        }
        Recurrence recurrence{rule, {}, {}};
        // Which node named each date, to point at it when the rule does not give it.
        std::vector<std::pair<greg::date, const toml::node*>> named;
        // Sets beside the lists: a long series may name thousands of dates.
        std::set<greg::date> excepted;
        std::set<greg::date> changed;
        std::map<greg::date, const toml::node*> moved_starts;
        if (const toml::node* exceptions = table.get("exceptions")) {
            for (const auto& entry : list(*exceptions, "exceptions")) {
                const auto date = date_of(entry, "exceptions");
                if (!excepted.insert(date).second) {
                    fail(entry, fmt::format("exception {} is listed twice", greg::to_iso_extended_string(date)));
                }
                recurrence.exceptions.push_back(date);
                named.emplace_back(date, &entry);
            }
        }
        if (const toml::node* changes = table.get("occurrence")) {
            const auto* items = changes->as_array();
            if (items == nullptr || !items->is_array_of_tables()) {
                fail(*changes, "'occurrence' must be an array of tables, written [[meeting.occurrence]]");
            }
            for (const auto& item_node : *items) {
                recurrence.changes.push_back(read_occurrence_change(*item_node.as_table(), excepted, changed, zone));
                if (recurrence.changes.back().time) {
                    moved_starts.emplace(recurrence.changes.back().date, item_node.as_table()->get("start"));
                }
                named.emplace_back(recurrence.changes.back().date, item_node.as_table()->get("date"));
            }
        }
        std::sort(recurrence.changes.begin(), recurrence.changes.end(),
                  [](const OccurrenceChange& a, const OccurrenceChange& b) { return a.date < b.date; });
        meeting.recurrence = std::move(recurrence);

        // Whatever the rule does not give is pointed at where the file names it; the
        // rest (a start that is not the rule's first) at the rule itself.
        std::vector<pt::ptime> starts;
        try {
            starts = expand_(meeting);
        } catch (const Error& error) {
            fail(*rule_node, error.what());
        }
        std::set<greg::date> given;
        for (const auto& start : starts) {
            given.insert(start.date());
        }
        for (const auto& [date, node] : named) {
            if (!given.contains(date)) {
                fail(*node, fmt::format("{} is not a date of the recurrence '{}' of meeting '{}'",
                                        greg::to_iso_extended_string(date), rule, meeting.id.str()));
            }
        }
        std::vector<Meeting> all;
        try {
            all = occurrences(meeting, [&](const Meeting&) { return starts; });
        } catch (const Error& error) {
            fail(*rule_node, error.what());
        }
        if (const auto overlap = first_overlap(all)) {
            const auto& first = all[overlap->first];
            const auto& second = all[overlap->second];
            // A moved meeting is the likelier mistake, so the message points at its start.
            const toml::node* where = rule_node;
            for (const auto* occurrence : {&second, &first}) {
                if (const auto moved = moved_starts.find(occurrence->occurrence_of->date); moved != moved_starts.end()) {
                    where = moved->second;
                    break;
                }
            }
            const auto local = [&](pt::ptime utc) {
                const auto time = zone.to_local(utc);
                return fmt::format("{} {:02}:{:02}", greg::to_iso_extended_string(time.date()), time.time_of_day().hours(),
                                   time.time_of_day().minutes());
            };
            fail(*where, fmt::format("meetings '{}' and '{}' of the series overlap, from {} to {}; a series' meetings "
                                     "must not overlap each other",
                                     first.id.str(), second.id.str(), local(second.time.start()),
                                     local(std::min(first.time.end(), second.time.end()))));
        }
    }

    OccurrenceChange read_occurrence_change(const toml::table& item, const std::set<greg::date>& excepted,
                                            std::set<greg::date>& changed, const TimeZone& zone) const
    {
        check_keys(item, {"date", "start", "end", "venue", "status"}, "an occurrence");
        const auto& date_node = required(item, "date", "an occurrence");
        OccurrenceChange change{date_of(date_node, "date"), std::nullopt, std::nullopt, std::nullopt};
        const bool listed = !changed.insert(change.date).second;
        if (listed || excepted.contains(change.date)) {
            fail(date_node, fmt::format("the occurrence of {} is {}", greg::to_iso_extended_string(change.date),
                                        listed ? "changed twice" : "also an exception, so it does not happen at all"));
        }
        const toml::node* start_node = item.get("start");
        const toml::node* end_node = item.get("end");
        if ((start_node == nullptr) != (end_node == nullptr)) {
            fail(item, "a moved occurrence needs both 'start' and 'end'");
        }
        if (start_node != nullptr) {
            const auto start = instant(*start_node, "start", zone);
            change.time = time_range(start, instant(*end_node, "end", zone), *end_node);
        }
        if (const toml::node* venue_node = item.get("venue")) {
            change.venue = reference<VenueId>(*venue_node, "venue", "venue", venues_);
        }
        if (const toml::node* status_node = item.get("status")) {
            change.status = status_of(*status_node);
        }
        if (!change.time && !change.venue && !change.status) {
            fail(item, "an occurrence changes nothing; give 'start' and 'end', 'venue' or 'status'");
        }
        return change;
    }

    // A meeting the store knows keeps its UID and SEQUENCE; the file may name the UID
    // of a meeting that was invited elsewhere, but may not change a known one.
    void keep_identity(const toml::table& table, Meeting& meeting) const
    {
        const toml::node* uid_node = table.get("uid");
        const std::string uid = uid_node == nullptr ? std::string{} : text(*uid_node, "uid");
        // The stored uid is not named: whoever writes the file may not read the meeting.
        if (const Meeting* stored = known_.find(meeting.id)) {
            if (!uid.empty() && uid != stored->uid) {
                fail(*uid_node, fmt::format("uid '{}' is not the uid meeting '{}' already has; a meeting's uid never "
                                            "changes (leave 'uid' out to keep it)",
                                            uid, meeting.id.str()));
            }
            meeting.uid = stored->uid;
            meeting.sequence = stored->sequence;
            return;
        }
        if (!uid.empty()) {
            if (!uids_in_use_) {
                uids_in_use_.emplace();
                for (const auto& [id, other] : known_.meetings()) {
                    uids_in_use_->insert(other.uid);
                }
            }
            if (!uids_in_use_->insert(uid).second) {
                fail(*uid_node, fmt::format("uid '{}' is already another meeting's; leave 'uid' out and the new "
                                            "meeting gets one of its own",
                                            uid));
            }
        }
        meeting.uid = uid;
    }

    std::string source_;
    const Directory& known_;
    // Every uid of the store's meetings and of the file's so far, once a new meeting
    // names one.
    mutable std::optional<std::set<std::string>> uids_in_use_;
    const RuleExpansion& expand_;
    MeetingFile file_;
    SeenIds<CountyId> counties_;
    SeenIds<OrganisationId> organisations_;
    SeenIds<PersonId> people_;
    SeenIds<VenueId> venues_;
    SeenIds<MeetingId> meetings_;
};

}  // namespace

MeetingFile parse_meeting_file(std::string_view toml_text, const std::string& source_name, const Directory& known,
                               const RuleExpansion& expand)
{
    return MeetingFileReader(source_name, known, expand).read(toml_text);
}

MeetingFile read_meeting_file(const std::filesystem::path& path, const Directory& known, const RuleExpansion& expand)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("{}: cannot read the meeting file", path.string()));
    }
    std::error_code no_size;
    if (const auto bytes = std::filesystem::file_size(path, no_size); !no_size) {
        check_file_size(bytes, path.string());
    }
    std::ostringstream content;
    content << in.rdbuf();
    return parse_meeting_file(content.str(), path.string(), known, expand);
}

}  // namespace planner::db
