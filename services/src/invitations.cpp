#include <planner/services/invitations.hpp>
#include <planner/services/meeting_queries.hpp>

#include "letters.hpp"

#include <planner/conflict_checker.hpp>
#include <planner/error.hpp>
#include <planner/ical/invitation.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/recurrence.hpp>
#include <planner/services/meetings.hpp>
#include <planner/services/personal_links.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace planner::services {
namespace {

namespace pt = boost::posix_time;

// The single meeting or series `id` names; an occurrence is sent as part of its series.
const Meeting& sendable_meeting(const Directory& directory, const std::string& id)
{
    const auto named = occurrence_named(MeetingId(id));
    if (directory.find(MeetingId(id)) == nullptr && named && directory.find(named->series) != nullptr) {
        throw Error(fmt::format("'{}' is one meeting of the series '{}'; invite to the series", id,
                                named->series.str()));
    }
    return find_meeting(directory, id);
}

std::vector<Person> people_of(const Directory& directory, const std::vector<PersonId>& ids)
{
    std::vector<Person> people;
    for (const auto& id : ids) {
        people.push_back(directory.person(id));
    }
    return people;
}

// What was sent, with each waiting message in the outbox in place of its person's record.
std::vector<SentVersion> with_waiting(std::vector<SentVersion> sent, const std::map<PersonId, db::OutboxMessage>& waiting)
{
    for (const auto& [person, message] : waiting) {
        const auto found = std::find_if(sent.begin(), sent.end(),
                                        [&](const SentVersion& version) { return version.person == person; });
        if (found == sent.end()) {
            sent.push_back(message.version);
        } else if (message.version.sequence >= found->sequence) {
            *found = message.version;
        }
    }
    return sent;
}

}  // namespace

InvitationReport invite(db::Store& store, const InviteRequest& request, const Delivery& delivery)
{
    auto directory = store.load();
    const auto& found = sendable_meeting(directory, request.meeting);
    if (found.status == MeetingStatus::cancelled) {
        throw Error(fmt::format("meeting '{}' is cancelled; an invitation would not take it out of anyone's "
                                "calendar, that needs a cancellation (METHOD:CANCEL)",
                                request.meeting));
    }
    InvitationReport report;
    report.meeting = found.id;
    report.sequence_before = found.sequence;
    const auto sent = store.sent_versions(found.id);
    report.sent_before = !sent.empty();
    const auto had_before = [&](const PersonId& person) {
        return std::any_of(sent.begin(), sent.end(),
                           [&](const SentVersion& version) { return version.person == person && !version.cancelled; });
    };
    // Through the outbox, a message waiting there (or perhaps delivered) counts as had:
    // pressing the button again queues nothing twice and raises no SEQUENCE. Someone
    // taken off the list whose invitation never left the outbox needs no cancellation,
    // and the list changed for nobody else: the invitation is withdrawn.
    auto waiting = delivery.outbox ? waiting_mail(store, found.id) : std::map<PersonId, db::OutboxMessage>{};
    std::vector<PersonId> withdrawn;
    const auto invited_now = invitees(found);
    std::erase_if(waiting, [&](const auto& entry) {
        const auto& [person, message] = entry;
        const bool invited = std::any_of(invited_now.begin(), invited_now.end(),
                                         [&](const Participant& participant) { return participant.person == person; });
        if (invited || had_before(person) || message.state != db::MailState::queued) {
            return false;
        }
        withdrawn.push_back(person);
        return true;
    });
    report.plan = plan_invitation(found, with_waiting(sent, waiting));
    const auto& plan = report.plan;
    auto as_sent = found;
    as_sent.sequence = plan.sequence;
    report.added = people_of(directory, plan.added);
    report.removed = people_of(directory, plan.removed);
    report.attendees = invitees(as_sent).size();

    const auto now = pt::second_clock::universal_time();
    std::vector<Letter> letters;
    // Whoever never had a version gets the mail of an invitation, whatever SEQUENCE says.
    auto first_time = plan.added;
    for (const auto& person : plan.outdated) {
        if (!had_before(person)) {
            first_time.push_back(person);
        }
    }
    // Participants who do not see each other each get their own copy, listing the
    // organisers and themselves; the calendar for everybody lists the organisers alone.
    const bool hidden = !guest_list_shown(as_sent, directory);
    report.guest_list_hidden = hidden;
    Letter invitation{ical::write_invitation(directory, as_sent, now, {},
                                             hidden ? std::optional(std::set<PersonId>{}) : std::nullopt),
                      "REQUEST",
                      plan.sequence == 0 ? mail::MailKind::invitation : mail::MailKind::update,
                      {},
                      first_time};
    invitation.own_copy = [&](const PersonId& recipient, std::string_view note) {
        return ical::write_invitation(directory, as_sent, now, note,
                                      hidden ? std::optional(std::set<PersonId>{recipient}) : std::nullopt);
    };
    invitation.shared_calendar_fits = !hidden;
    // By mail, only those without this version get it again.
    invitation.recipients = plan.added;
    invitation.recipients.insert(invitation.recipients.end(), plan.outdated.begin(), plan.outdated.end());
    if (!delivery.sends()) {
        invitation.recipients.insert(invitation.recipients.end(), plan.up_to_date.begin(), plan.up_to_date.end());
    }
    letters.push_back(std::move(invitation));
    for (const auto& person : plan.removed) {
        letters.push_back({ical::write_cancellation(directory, as_sent, {{{person, Role::required}}, std::nullopt, {}},
                                                    now),
                           "CANCEL",
                           mail::MailKind::cancellation,
                           {person},
                           {}});
    }
    report.everyone_has_it = delivery.sends() && letters.front().recipients.empty();
    if (report.everyone_has_it) {
        letters.erase(letters.begin());
    }
    auto left_out = drop_unconfirmed(store, directory, found.id, delivery, letters);
    if (!withdrawn.empty() && !delivery.rehearsal) {
        static_cast<void>(store.withdraw_mail(found.id, withdrawn));
    }
    // Someone taken off the list no longer answers it, nor reads it by their old link.
    if (!delivery.rehearsal && !delivery.previews_only()) {
        for (const auto& person : plan.removed) {
            static_cast<void>(store.revoke_personal_links(person, LinkPurpose::answer, found.id));
        }
    }
    const auto content = significant_content(as_sent);
    report.delivered = deliver_letters(
        store, {directory, as_sent, {}, now}, letters,
        [&](const PersonId& person) {
            const bool removed = std::find(plan.removed.begin(), plan.removed.end(), person) != plan.removed.end();
            return SentVersion{person, plan.sequence, content, removed};
        },
        delivery);
    report.delivered.left_out = std::move(left_out);
    if (!report.delivered.interrupted) {
        // As 'planner check MEETING' finds them, from the meetings around this one.
        report.conflicts = conflicts_of_meeting(store, report.meeting, TravelModel{}).conflicts;
    }
    return report;
}

CancellationReport cancel(db::Store& store, const CancelRequest& request, const Delivery& delivery)
{
    const auto& meeting = request.meeting;
    const auto directory = store.load();
    // "series@2013-05-14" names one occurrence of a series by its rule date.
    const auto named = directory.find(MeetingId(meeting)) == nullptr ? occurrence_named(MeetingId(meeting))
                                                                    : std::nullopt;
    CancellationReport report;
    report.occurrence = named ? std::optional(named->date) : std::nullopt;
    const auto& occurrence = report.occurrence;
    const auto& found = find_meeting(directory, named ? named->series.str() : meeting);
    report.meeting = found.id;
    const auto& id = found.id.str();
    auto cancelled = found;
    const auto sent = store.sent_versions(found.id);
    auto& recipients = report.recipients;
    for (const auto& invitee : invitees(found)) {
        recipients.push_back(invitee.person);
    }
    for (const auto& version : sent) {
        if (!version.cancelled &&
            std::find(recipients.begin(), recipients.end(), version.person) == recipients.end()) {
            recipients.push_back(version.person);
        }
    }
    if (occurrence) {
        if (!found.recurrence) {
            throw Error(fmt::format("meeting '{}' is not a series; cancel it as '{}'", id, id));
        }
        const auto current = occurrence_on(found, *occurrence, ical::expand_rule);
        if (!current) {
            throw Error(fmt::format("meeting '{}' has no occurrence on {}; '{}' lists them", id,
                                    boost::gregorian::to_iso_extended_string(*occurrence), "planner show " + id));
        }
        if (current->status == MeetingStatus::cancelled) {
            throw Error(fmt::format("the occurrence '{}' is already cancelled", meeting));
        }
        auto& changes = cancelled.recurrence->changes;
        auto change = std::find_if(changes.begin(), changes.end(),
                                   [&](const OccurrenceChange& c) { return c.date == *occurrence; });
        if (change == changes.end()) {
            changes.push_back({*occurrence, std::nullopt, std::nullopt, MeetingStatus::cancelled});
            std::sort(changes.begin(), changes.end(),
                      [](const OccurrenceChange& a, const OccurrenceChange& b) { return a.date < b.date; });
        } else {
            change->status = MeetingStatus::cancelled;
        }
        ++cancelled.sequence;
    } else if (found.status == MeetingStatus::cancelled) {
        // Cancelled before, but some were not reached: tell those, at the same SEQUENCE.
        std::erase_if(recipients, [&](const PersonId& person) {
            return std::any_of(sent.begin(), sent.end(),
                               [&](const SentVersion& v) { return v.person == person && v.cancelled; });
        });
        if (recipients.empty()) {
            throw NothingToSend(fmt::format("meeting '{}' is already cancelled and everyone was told", meeting));
        }
        report.cancelled_before = true;
    } else {
        cancelled.status = MeetingStatus::cancelled;
        ++cancelled.sequence;
    }
    report.sequence = cancelled.sequence;

    // The meeting is called off in the store before anyone is told, and even when no
    // message gets through, so that no check counts it; those not reached are told by
    // the next cancellation.
    if (cancelled != found) {
        store.update(cancelled, found);
    }
    const auto now = pt::second_clock::universal_time();
    std::vector<Participant> attendees;
    const auto invited = invitees(found);
    for (const auto& person : recipients) {
        const auto invitee = std::find_if(invited.begin(), invited.end(),
                                          [&](const Participant& p) { return p.person == person; });
        attendees.push_back({person, invitee == invited.end() ? Role::required : invitee->role});
    }
    // Participants who do not see each other are each told alone, beside the organisers:
    // judged on everyone told, who may include someone taken off the list since (and not
    // yet told), whose membership the list must not reveal now either.
    // (Everyone told includes everyone invited now.)
    auto everyone_told = found;
    everyone_told.participants = attendees;
    const bool hidden = !guest_list_shown(everyone_told, directory);
    const auto listing = [&](const std::optional<PersonId>& only) {
        return attendees_shown(attendees, found,
                               hidden ? std::optional(only ? std::set{*only} : std::set<PersonId>{}) : std::nullopt);
    };
    std::vector<Letter> letters{{ical::write_cancellation(directory, cancelled,
                                                          {listing(std::nullopt), occurrence, request.reason}, now),
                                 "CANCEL", mail::MailKind::cancellation, recipients, {}}};
    letters.front().own_copy = [&](const PersonId& recipient, std::string_view /*note*/) {
        return ical::write_cancellation(directory, cancelled, {listing(recipient), occurrence, request.reason}, now);
    };
    letters.front().shared_calendar_fits = !hidden;
    auto left_out = drop_unconfirmed(store, directory, found.id, delivery, letters);
    const auto content = significant_content(cancelled);
    report.delivered = deliver_letters(
        store, {directory, cancelled, request.reason, now}, letters,
        [&](const PersonId& person) { return SentVersion{person, cancelled.sequence, content, !occurrence}; },
        delivery);
    report.delivered.left_out = std::move(left_out);
    return report;
}

}  // namespace planner::services
