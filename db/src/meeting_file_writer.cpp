// The meeting file of records: what read_meeting_file reads back to the same records.
// One key per line, in the order people write them, so that the file reads as one
// written by hand and a problem found in it names the line of one key.

#include <planner/db/meeting_file.hpp>

#include <planner/error.hpp>
#include <planner/time_zone.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <cstdlib>

namespace planner::db {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

// The shortest text that reads back as the same double, always with a decimal point
// or an exponent: TOML reads "9" as an integer.
std::string number(double value)
{
    auto text = fmt::format("{}", value);
    if (text.find_first_of(".eEn") == std::string::npos) {
        text += ".0";
    }
    return text;
}

std::string geo(const GeoPoint& point)
{
    return fmt::format("[{}, {}]", number(point.latitude()), number(point.longitude()));
}

std::string date(greg::date day)
{
    return greg::to_iso_extended_string(day);
}

// A local date-time in the zone; with its offset where the wall clock alone does not
// name the instant (the doubled autumn hour).
std::string local_time(pt::ptime utc, const TimeZone& zone)
{
    const auto local = zone.to_local(utc);
    auto text = fmt::format("{}T{:02}:{:02}:{:02}", date(local.date()), local.time_of_day().hours(),
                            local.time_of_day().minutes(), local.time_of_day().seconds());
    bool unambiguous = false;
    try {
        unambiguous = zone.to_utc(local) == utc;
    } catch (const Error&) {
        unambiguous = false;
    }
    if (!unambiguous) {
        const auto offset = zone.utc_offset_at(utc);
        const auto minutes = offset.hours() * 60 + offset.minutes();
        text += fmt::format("{}{:02}:{:02}", minutes < 0 ? '-' : '+', std::abs(minutes) / 60, std::abs(minutes) % 60);
    }
    return text;
}

template <class Ids>
std::string id_list(const Ids& ids)
{
    std::string text = "[";
    for (const auto& id : ids) {
        text += (text.size() > 1 ? ", " : "") + toml_string(id.str());
    }
    return text + "]";
}

class Writer {
public:
    void county(const County& county)
    {
        table("[[county]]");
        key("id", toml_string(county.id.str()));
        key("name", toml_string(county.name));
        key("seat", toml_string(county.seat));
        key("state", toml_string(county.state));
        key("geo", geo(county.geo));
    }

    void organisation(const Organisation& organisation)
    {
        table("[[organisation]]");
        key("id", toml_string(organisation.id.str()));
        key("name", toml_string(organisation.name));
        key("county", toml_string(organisation.county.str()));
        key("kind", toml_string(to_string(organisation.kind)));
        if (organisation.geo) {
            key("geo", geo(*organisation.geo));
        }
        if (organisation.office_hours != default_office_hours(organisation.kind)) {
            key("office_hours", organisation.office_hours ? toml_string(to_string(*organisation.office_hours)) : "false");
        }
    }

    void person(const Person& person)
    {
        table("[[person]]");
        key("id", toml_string(person.id.str()));
        key("name", toml_string(person.name));
        if (person.email) {
            key("email", toml_string(person.email->str()));
        }
        key("organisation", toml_string(person.organisation.str()));
        if (!person.function.empty()) {
            key("function", toml_string(person.function));
        }
        if (person.access == Access::step_free) {
            key("step_free", "true");
        }
        if (!person.postal_address.empty()) {
            key("postal_address", toml_string(person.postal_address));
        }
        if (person.geo) {
            key("geo", geo(*person.geo));
        }
    }

    void venue(const Venue& venue)
    {
        table("[[venue]]");
        key("id", toml_string(venue.id.str()));
        key("name", toml_string(venue.name));
        key("address", toml_string(venue.address));
        key("county", toml_string(venue.county.str()));
        key("capacity", std::to_string(venue.capacity));
        key("geo", geo(venue.geo));
        if (venue.accessibility != Accessibility::unknown) {
            key("accessible", venue.accessibility == Accessibility::step_free ? "true" : "false");
        }
    }

    void meeting(const Meeting& meeting)
    {
        const auto& zone = time_zone(meeting.time_zone);
        table("[[meeting]]");
        key("id", toml_string(meeting.id.str()));
        if (!meeting.uid.empty()) {
            key("uid", toml_string(meeting.uid));
        }
        key("title", toml_string(meeting.title));
        if (!meeting.description.empty()) {
            key("description", toml_string(meeting.description));
        }
        key("timezone", toml_string(meeting.time_zone));
        key("start", local_time(meeting.time.start(), zone));
        key("end", local_time(meeting.time.end(), zone));
        key("venue", toml_string(meeting.venue.str()));
        key("status", toml_string(to_string(meeting.status)));
        key("organisers", id_list(meeting.organisers));
        if (!meeting.participants.empty()) {
            std::string participants = "[";
            for (const auto& participant : meeting.participants) {
                participants += participants.size() > 1 ? ", " : "";
                participants += participant.role == Role::required
                                    ? toml_string(participant.person.str())
                                    : fmt::format("{{ person = {}, role = {} }}", toml_string(participant.person.str()),
                                                  toml_string(to_string(participant.role)));
            }
            key("participants", participants + "]");
        }
        if (!meeting.counties.empty()) {
            key("counties", id_list(meeting.counties));
        }
        if (meeting.participants_see_each_other) {
            key("participants_see_each_other", *meeting.participants_see_each_other ? "true" : "false");
        }
        if (meeting.published) {
            key("public", "true");
        }
        if (meeting.recurrence) {
            key("recurrence", toml_string(meeting.recurrence->rule));
            if (!meeting.recurrence->exceptions.empty()) {
                std::string exceptions = "[";
                for (const auto& day : meeting.recurrence->exceptions) {
                    exceptions += (exceptions.size() > 1 ? ", " : "") + date(day);
                }
                key("exceptions", exceptions + "]");
            }
        }
        for (const auto& item : meeting.agenda) {
            table("[[meeting.agenda]]");
            key("start", local_time(item.time.start(), zone));
            key("end", local_time(item.time.end(), zone));
            key("title", toml_string(item.title));
            if (item.presenter) {
                key("presenter", toml_string(item.presenter->str()));
            }
        }
        if (meeting.recurrence) {
            for (const auto& change : meeting.recurrence->changes) {
                table("[[meeting.occurrence]]");
                key("date", date(change.date));
                if (change.time) {
                    key("start", local_time(change.time->start(), zone));
                    key("end", local_time(change.time->end(), zone));
                }
                if (change.venue) {
                    key("venue", toml_string(change.venue->str()));
                }
                if (change.status) {
                    key("status", toml_string(to_string(*change.status)));
                }
            }
        }
    }

    [[nodiscard]] std::string text() const { return out_; }

private:
    void table(std::string_view header)
    {
        if (!out_.empty()) {
            out_ += '\n';
        }
        out_ += header;
        out_ += '\n';
    }

    void key(std::string_view name, const std::string& value)
    {
        out_ += fmt::format("{} = {}\n", name, value);
    }

    std::string out_;
};

}  // namespace

std::string toml_string(std::string_view text)
{
    // Always a basic string on one line, written here rather than by toml++, whose
    // formatter writes a value with a line break as a multi-line literal string that
    // nothing in the value can be kept from closing: a name could then add records of
    // its own to the file, and a form's lines would no longer be one key each.
    std::string quoted = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"': quoted += "\\\""; break;
        case '\\': quoted += "\\\\"; break;
        case '\n': quoted += "\\n"; break;
        case '\r': quoted += "\\r"; break;
        case '\t': quoted += "\\t"; break;
        default:
            if (byte < 0x20 || byte == 0x7F) {
                quoted += fmt::format("\\u{:04X}", static_cast<unsigned>(byte));
            } else {
                quoted += c;
            }
        }
    }
    return quoted + "\"";
}

std::string write_meeting_file(const MeetingFile& file)
{
    Writer writer;
    for (const auto& county : file.counties) {
        writer.county(county);
    }
    for (const auto& organisation : file.organisations) {
        writer.organisation(organisation);
    }
    for (const auto& person : file.people) {
        writer.person(person);
    }
    for (const auto& venue : file.venues) {
        writer.venue(venue);
    }
    for (const auto& meeting : file.meetings) {
        writer.meeting(meeting);
    }
    return writer.text();
}

}  // namespace planner::db
