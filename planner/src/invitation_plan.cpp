#include <planner/invitation_plan.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace planner {
namespace {

std::string range_text(const TimeRange& range)
{
    return fmt::format("{}Z/{}Z", boost::posix_time::to_iso_extended_string(range.start()),
                       boost::posix_time::to_iso_extended_string(range.end()));
}

// Written with fmt::format: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
// `text += "x" + std::string(...)`, which a Release build with -Werror refuses.
std::string series_text(const Recurrence& recurrence)
{
    std::string text = recurrence.rule;
    for (const auto& day : recurrence.exceptions) {
        text += fmt::format(" -{}", boost::gregorian::to_iso_extended_string(day));
    }
    for (const auto& change : recurrence.changes) {
        text += fmt::format(" {}", boost::gregorian::to_iso_extended_string(change.date));
        if (change.time) {
            text += fmt::format("={}", range_text(*change.time));
        }
        if (change.venue) {
            text += fmt::format("@{}", change.venue->str());
        }
        if (change.status) {
            text += fmt::format("!{}", to_string(*change.status));
        }
    }
    return text;
}

// "part: value" lines back into a map, to name the parts that differ.
std::map<std::string, std::string> parts_of(const std::string& content)
{
    std::map<std::string, std::string> parts;
    std::istringstream lines(content);
    std::string line;
    while (std::getline(lines, line)) {
        const auto colon = line.find(": ");
        if (colon != std::string::npos) {
            parts[line.substr(0, colon)] += line.substr(colon + 2) + "\n";
        }
    }
    return parts;
}

std::vector<std::string> changed_parts(const std::string& before, const std::string& now)
{
    const auto old_parts = parts_of(before);
    const auto new_parts = parts_of(now);
    std::vector<std::string> changed;
    for (const auto& [part, value] : new_parts) {
        const auto found = old_parts.find(part);
        if (found == old_parts.end() || found->second != value) {
            changed.push_back(part);
        }
    }
    for (const auto& [part, value] : old_parts) {
        if (!new_parts.contains(part)) {
            changed.push_back(part);
        }
    }
    return changed;
}

}  // namespace

std::string significant_content(const Meeting& meeting)
{
    std::string content = fmt::format("time: {}\nzone: {}\nvenue: {}\nstatus: {}\n", range_text(meeting.time),
                                      meeting.time_zone, meeting.venue.str(), to_string(meeting.status));
    for (const auto& item : meeting.agenda) {
        content += fmt::format("agenda: {} {} {}\n", range_text(item.time), item.title,
                               item.presenter ? item.presenter->str() : std::string());
    }
    if (meeting.recurrence) {
        content += fmt::format("series: {}\n", series_text(*meeting.recurrence));
    }
    return content;
}

InvitationPlan plan_invitation(const Meeting& meeting, std::span<const SentVersion> sent)
{
    InvitationPlan plan;
    plan.sequence = meeting.sequence;
    const auto content = significant_content(meeting);
    std::map<PersonId, const SentVersion*> by_person;
    const SentVersion* latest = nullptr;  // the newest version anybody still holds
    for (const auto& version : sent) {
        by_person[version.person] = &version;
        if (!version.cancelled && (latest == nullptr || version.sequence > latest->sequence)) {
            latest = &version;
        }
    }
    if (latest != nullptr) {
        plan.changes = changed_parts(latest->content, content);
    }
    const auto people = invitees(meeting);
    bool invited_again = false;
    for (const auto& invitee : people) {
        const auto found = by_person.find(invitee.person);
        if (found == by_person.end()) {
            plan.added.push_back(invitee.person);
        } else if (found->second->cancelled) {
            plan.added.push_back(invitee.person);
            invited_again = true;
        } else if (found->second->sequence == meeting.sequence && found->second->content == content) {
            plan.up_to_date.push_back(invitee.person);
        } else {
            plan.outdated.push_back(invitee.person);
        }
    }
    for (const auto& version : sent) {
        const bool invited = std::any_of(people.begin(), people.end(),
                                         [&](const Participant& p) { return p.person == version.person; });
        if (!invited && !version.cancelled) {
            plan.removed.push_back(version.person);
        }
    }
    if (!plan.removed.empty()) {
        plan.changes.emplace_back("attendees removed");
    }
    if (invited_again) {
        plan.changes.emplace_back("attendees invited again");
    }
    if (!plan.changes.empty()) {
        ++plan.sequence;
        // Everybody who had a version now has an old one.
        plan.outdated.insert(plan.outdated.end(), plan.up_to_date.begin(), plan.up_to_date.end());
        plan.up_to_date.clear();
    }
    return plan;
}

}  // namespace planner
