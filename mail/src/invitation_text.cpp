#include <planner/mail/invitation_text.hpp>

#include "encoding.hpp"

#include <planner/date_format.hpp>
#include <planner/time_zone.hpp>

#include <fmt/format.h>

namespace planner::mail {
namespace {

// Every sentence of the mail in both languages, so that the layout below is written once.
struct Wording {
    std::string_view invitation_subject;
    std::string_view update_subject;
    std::string_view cancellation_subject;
    std::string_view greeting;
    std::string_view invited;
    std::string_view updated;
    std::string_view cancelled;
    std::string_view reason;
    std::string_view when;
    std::string_view where;
    std::string_view agenda;
    std::string_view organisers;
    std::string_view answer_here;
};

constexpr Wording german{
    "Einladung",
    "Geändert",
    "Abgesagt",
    "Guten Tag,",
    "Sie sind herzlich eingeladen:",
    "Die Einladung hat sich geändert; diese Nachricht ersetzt die frühere Einladung.",
    "Der Termin ist abgesagt.",
    "Grund",
    "Wann",
    "Wo",
    "Tagesordnung",
    "Organisation",
    "Zusagen, absagen oder die Antwort ändern, auch ohne Kalender:",
};

constexpr Wording english{
    "Invitation",
    "Updated",
    "Cancelled",
    "Hello,",
    "You are invited to:",
    "The invitation has changed; this message replaces the earlier one.",
    "The meeting is cancelled.",
    "Reason",
    "When",
    "Where",
    "Agenda",
    "Organised by",
    "Accept, decline or change your answer, with or without a calendar:",
};

std::string venue_line(const Venue& venue)
{
    return venue.address.empty() ? venue.name : fmt::format("{}, {}", venue.name, venue.address);
}

std::string agenda_lines(const Directory& directory, const Meeting& meeting, const TimeZone& zone)
{
    std::string lines;
    for (const auto& item : meeting.agenda) {
        lines += format_local_times(item.time, zone) + " " + item.title;
        if (item.presenter) {
            lines += " (" + directory.person(*item.presenter).name + ")";
        }
        lines += '\n';
    }
    return lines;
}

std::string organiser_names(const Directory& directory, const Meeting& meeting)
{
    std::string names;
    for (const auto& organiser : meeting.organisers) {
        names += (names.empty() ? "" : ", ") + directory.person(organiser).name;
    }
    return names;
}

std::string_view subject_prefix(const Wording& words, MailKind kind)
{
    switch (kind) {
    case MailKind::invitation:
        return words.invitation_subject;
    case MailKind::update:
        return words.update_subject;
    case MailKind::cancellation:
        return words.cancellation_subject;
    }
    return words.invitation_subject;
}

// What the mail is about, right after the greeting.
std::string opening(const Wording& words, MailKind kind, std::string_view reason)
{
    switch (kind) {
    case MailKind::invitation:
        return fmt::format("{}\n", words.invited);
    case MailKind::update:
        return fmt::format("{}\n", words.updated);
    case MailKind::cancellation:
        return reason.empty() ? fmt::format("{}\n", words.cancelled)
                              : fmt::format("{}\n{}: {}\n", words.cancelled, words.reason, reason);
    }
    return {};
}

}  // namespace

std::string answer_link_note(Language language, std::string_view link)
{
    const Wording& words = language == Language::de ? german : english;
    return fmt::format("{}\n{}", words.answer_here, link);
}

MailText invitation_text(const Directory& directory, const Meeting& meeting, MailKind kind, Language language,
                         std::string_view reason, std::string_view answer_link)
{
    const Wording& words = language == Language::de ? german : english;
    const TimeZone& zone = time_zone(meeting.time_zone);
    const auto when = format_in(language, meeting.time, zone);

    std::string body = fmt::format("{}\n\n{}\n{}\n\n", words.greeting, opening(words, kind, reason), meeting.title);
    body += fmt::format("{}: {}\n", words.when, when);
    body += fmt::format("{}: {}\n", words.where, venue_line(directory.venue(meeting.venue)));
    // A cancelled meeting needs to be recognised, not prepared for: no agenda, no description.
    if (kind != MailKind::cancellation && !meeting.agenda.empty()) {
        body += fmt::format("\n{}:\n{}", words.agenda, agenda_lines(directory, meeting, zone));
    }
    const auto description = detail::trim(meeting.description);
    if (kind != MailKind::cancellation && !description.empty()) {
        body += fmt::format("\n{}\n", description);
    }
    if (!meeting.organisers.empty()) {
        body += fmt::format("\n{}: {}\n", words.organisers, organiser_names(directory, meeting));
    }
    if (kind != MailKind::cancellation && !answer_link.empty()) {
        body += fmt::format("\n{}\n", answer_link_note(language, answer_link));
    }
    return MailText{fmt::format("{}: {}", subject_prefix(words, kind), meeting.title), body};
}

namespace {

struct PollWording {
    std::string_view subject;
    std::string_view reminder_subject;
    std::string_view asked;
    std::string_view reminded;
    std::string_view where;
    std::string_view vote_here;
    std::string_view names_hidden;
    std::string_view names_shown;
    std::string_view organisers;
};

constexpr PollWording german_poll{
    "Terminumfrage",
    "Erinnerung an die Terminumfrage",
    "für das folgende Treffen suchen wir einen Termin. Bitte sagen Sie uns zu jedem Termin: ja, wenn nötig, "
    "oder nein.",
    "Sie haben bei der Terminumfrage zu diesem Treffen noch nicht mitgemacht. Bitte sagen Sie uns zu jedem "
    "Termin: ja, wenn nötig, oder nein.",
    "Wo",
    "Ihr persönlicher Link zur Umfrage (nur für Sie, bitte nicht weitergeben):",
    "Die anderen Eingeladenen sehen Ihren Namen und Ihre Antworten nicht.",
    "Die anderen Eingeladenen sehen Ihren Namen und Ihre Antworten.",
    "Organisation",
};

constexpr PollWording english_poll{
    "Date poll",
    "Reminder of the date poll",
    "we are looking for a date for the meeting below. Please tell us for each time: yes, if need be, or no.",
    "You have not yet answered the date poll for this meeting. Please tell us for each time: yes, if need be, "
    "or no.",
    "Where",
    "Your own link to the poll (for you alone, please do not pass it on):",
    "The others invited do not see your name or your answers.",
    "The others invited see your name and your answers.",
    "Organised by",
};

}  // namespace

MailText poll_text(const Directory& directory, const Meeting& meeting, std::span<const TimeRange> times,
                   const PollMail& mail, Language language)
{
    const PollWording& words = language == Language::de ? german_poll : english_poll;
    const Wording& greeting = language == Language::de ? german : english;
    const TimeZone& zone = time_zone(meeting.time_zone);
    std::string body = fmt::format("{}\n\n{}\n\n{}\n", greeting.greeting, mail.reminder ? words.reminded : words.asked,
                                   meeting.title);
    body += fmt::format("{}: {}\n\n", words.where, venue_line(directory.venue(meeting.venue)));
    for (const auto& time : times) {
        body += fmt::format("  - {}\n", format_in(language, time, zone));
    }
    const auto description = detail::trim(meeting.description);
    if (!description.empty()) {
        body += fmt::format("\n{}\n", description);
    }
    body += fmt::format("\n{}\n{}\n\n{}\n", words.vote_here, mail.link,
                        mail.names_shown ? words.names_shown : words.names_hidden);
    if (!meeting.organisers.empty()) {
        body += fmt::format("\n{}: {}\n", words.organisers, organiser_names(directory, meeting));
    }
    return MailText{fmt::format("{}: {}", mail.reminder ? words.reminder_subject : words.subject, meeting.title), body};
}

}  // namespace planner::mail
