// The life of an invitation: invite (and update), cancel, and the answers read back.

#include "command_support.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "terminal_text.hpp"

#include <planner/cli/run.hpp>
#include <planner/conflict_checker.hpp>
#include <planner/db/store.hpp>
#include <planner/delegation_circle.hpp>
#include <planner/error.hpp>
#include <planner/id.hpp>
#include <planner/ical/invitation.hpp>
#include <planner/ical/recurrence.hpp>
#include <planner/ical/reply.hpp>
#include <planner/invitation_plan.hpp>
#include <planner/mail/calendar_part.hpp>
#include <planner/mail/invitation_text.hpp>
#include <planner/mail/message.hpp>
#include <planner/mail/smtp.hpp>
#include <planner/recurrence.hpp>
#include <planner/shown_text.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <span>
#include <sstream>
#include <tuple>

namespace planner::cli {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

// One calendar and the people it goes to: the invitation for everyone invited, or a
// cancellation for one person taken off the list.
struct Letter {
    std::string calendar;
    std::string method;  // the calendar's METHOD, for the mail's Content-Type
    mail::MailKind kind;
    std::vector<PersonId> recipients;
    std::vector<PersonId> first_time;  // of the recipients of an update: their mail is an invitation
};

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

mail::SmtpServer smtp_server_of(const DeliveryOptions& options)
{
    mail::SmtpServer server;
    if (options.smtp_config) {
        server = mail::read_smtp_config(*options.smtp_config);
    } else {
        server.password = mail::password_from_environment();
    }
    if (options.smtp_host) {
        server.host = *options.smtp_host;
    }
    if (options.smtp_tls) {
        const auto tls = mail::tls_named(*options.smtp_tls);
        if (!tls) {
            throw Error(fmt::format("--smtp-tls '{}': expected none, starttls or implicit", *options.smtp_tls));
        }
        server.tls = *tls;
        server.port = mail::default_port(*tls);
    }
    if (options.smtp_port) {
        server.port = *options.smtp_port;
    }
    if (options.smtp_user) {
        server.user = *options.smtp_user;
    }
    if (server.host.empty()) {
        throw Error("--send needs an SMTP server: give --smtp-host, or [smtp] host in --smtp-config FILE");
    }
    const bool loopback = server.host == "localhost" || server.host == "127.0.0.1" || server.host == "::1";
    if (server.tls == mail::Tls::none && !server.user.empty() && !loopback) {
        throw Error(fmt::format("--smtp-user with --smtp-tls none would send the password unencrypted to {}; use "
                                "starttls or implicit",
                                server.host));
    }
    return server;
}

// "Name <address>" for a line of output; the name comes from a meeting file or an answer.
std::string addressed(const Person& person)
{
    return fmt::format("{} <{}>", one_line_text(person.name), person.email.str());
}

// Writes and sends the letters as the options ask and returns who got theirs. Files
// count as delivered (the organiser sends them on); with --send only the messages the
// server accepted do, and each refusal is reported.
class Postman {
public:
    // A dry run names the files it would write and the mails it would send.
    Postman(const Directory& directory, const Meeting& meeting, const DeliveryOptions& options, bool dry_run,
            std::string reason, std::ostream& out, std::ostream& err)
        : directory_(directory), meeting_(meeting), options_(options), dry_run_(dry_run), reason_(std::move(reason)),
          out_(out),
          err_(err), language_(options.language), now_(pt::second_clock::universal_time())
    {
        if (options_.send) {
            server_ = smtp_server_of(options_);
        }
    }

    [[nodiscard]] pt::ptime now() const { return now_; }
    // Messages the SMTP server refused, and facts that could not be recorded.
    [[nodiscard]] int failures() const { return failures_; }
    void count_failure() { ++failures_; }
    // With --send: asked before each message is handed to the server, which it is only
    // if this returns true; and told as soon as the server has answered.
    void before_sending(std::function<bool(const PersonId&)> ready) { before_sending_ = std::move(ready); }
    void on_server_answer(std::function<void(const PersonId&, bool accepted)> answered)
    {
        server_answered_ = std::move(answered);
    }

    std::set<PersonId> deliver(const std::vector<Letter>& letters)
    {
        std::set<PersonId> delivered;
        const bool to_files = options_.per_attendee || options_.mail;
        if (!to_files && !options_.send) {
            write_whole(letters);
            for (const auto& letter : letters) {
                delivered.insert(letter.recipients.begin(), letter.recipients.end());
            }
            return delivered;
        }
        const auto calendars = options_.per_attendee ? folder(*options_.per_attendee, "--per-attendee")
                                                     : std::filesystem::path();
        const auto mails = options_.mail ? folder(*options_.mail, "--mail") : std::filesystem::path();
        for (const auto& letter : letters) {
            for (const auto& person : letter.recipients) {
                if (options_.per_attendee) {
                    write(letter.calendar, calendars / (person.str() + ".ics"), FilePlace::in_folder);
                }
                const auto message = options_.mail || options_.send ? compose(letter, person) : std::string();
                if (options_.mail) {
                    write(message, mails / (person.str() + ".eml"), FilePlace::in_folder);
                }
                if (!options_.send) {
                    delivered.insert(person);
                    continue;
                }
                if (before_sending_ && !before_sending_(person)) {
                    continue;
                }
                const bool accepted = send(message, person);
                if (accepted) {
                    delivered.insert(person);
                }
                if (server_answered_) {
                    server_answered_(person, accepted);
                }
            }
        }
        if (options_.output) {
            write_whole(letters);
        }
        return delivered;
    }

private:
    // One file (or standard output) for the calendar that goes to everybody; a
    // cancellation for someone taken off the list goes beside it, as it is theirs alone.
    void write_whole(const std::vector<Letter>& letters)
    {
        if (letters.empty()) {
            return;
        }
        if (!options_.output && letters.size() > 1) {
            throw Error(fmt::format("{} {} taken off meeting '{}' and must be told with a cancellation of their "
                                    "own; write the files with -o FILE, --per-attendee DIR or --mail DIR",
                                    letters.size() - 1, letters.size() == 2 ? "person was" : "people were",
                                    meeting_.id.str()));
        }
        if (options_.output) {
            write(letters.front().calendar, *options_.output, FilePlace::named);
        } else {
            out_ << letters.front().calendar;
        }
        for (std::size_t i = 1; i < letters.size(); ++i) {
            auto beside = *options_.output;
            beside.replace_filename(fmt::format("{}.cancel-{}.ics", options_.output->stem().string(),
                                                letters[i].recipients.front().str()));
            write(letters[i].calendar, beside, FilePlace::in_folder);
            fmt::print(out_, "wrote the cancellation for {} to {}\n",
                       one_line_text(directory_.person(letters[i].recipients.front()).name), beside.string());
        }
    }

    std::string compose(const Letter& letter, const PersonId& person) const
    {
        const auto& organiser = directory_.person(meeting_.organisers.front());
        const auto& recipient = directory_.person(person);
        const bool first_time =
            std::find(letter.first_time.begin(), letter.first_time.end(), person) != letter.first_time.end();
        const auto text = mail::invitation_text(directory_, meeting_, first_time ? mail::MailKind::invitation : letter.kind,
                                                language_, reason_);
        return mail::compose({{organiser.name, organiser.email.str()},
                              {recipient.name, recipient.email.str()},
                              text.subject,
                              text.body,
                              letter.calendar,
                              letter.method,
                              now_,
                              fmt::format("{}.{}.{}@planner.invalid", meeting_.uid, meeting_.sequence, person.str())});
    }

    // A dry run names the folders and files it would write and the mails it would send.
    std::filesystem::path folder(const std::filesystem::path& directory, std::string_view option) const
    {
        return dry_run_ ? directory : ready_directory(directory, option);
    }

    void write(const std::string& content, const std::filesystem::path& file, FilePlace place)
    {
        if (dry_run_) {
            fmt::print(out_, "would write {}\n", file.string());
        } else {
            cli::deliver(content, file, out_, place);
        }
    }

    bool send(const std::string& message, const PersonId& person)
    {
        const auto& organiser = directory_.person(meeting_.organisers.front());
        const auto& recipient = directory_.person(person);
        if (dry_run_) {
            fmt::print(out_, "would send to {}\n", addressed(recipient));
            return true;
        }
        const auto result = mail::send(*server_, organiser.email.str(), recipient.email.str(), message);
        if (result.delivered) {
            fmt::print(out_, "sent to {}\n", addressed(recipient));
        } else {
            fmt::print(err_, "planner: error: not delivered to {}: {}\n", addressed(recipient),
                       result.error);
            ++failures_;
        }
        return result.delivered;
    }

    const Directory& directory_;
    const Meeting& meeting_;
    const DeliveryOptions& options_;
    bool dry_run_;
    std::string reason_;
    std::ostream& out_;
    std::ostream& err_;
    Language language_;
    pt::ptime now_;
    std::optional<mail::SmtpServer> server_;
    std::function<bool(const PersonId&)> before_sending_;
    std::function<void(const PersonId&, bool)> server_answered_;
    int failures_ = 0;
};

// A calendar written to standard output is a preview: nobody has it yet, so nothing is
// recorded as sent. Only a file written with -o, --per-attendee or --mail, or a message
// the mail server accepted, is a delivery.
bool previews_only(const DeliveryOptions& options)
{
    return !options.output && !options.per_attendee && !options.mail && !options.send;
}

constexpr std::string_view how_to_deliver = "-o FILE, --per-attendee DIR, --mail DIR or --send";

// With --send, a message an earlier run queued and never settled may have gone out:
// it is left out, with a warning, unless the organiser asks to send it again.
void drop_unconfirmed(const db::Store& store, const Directory& directory, const MeetingId& meeting,
                      const DeliveryOptions& options, std::vector<Letter>& letters, std::ostream& err)
{
    if (!options.send || options.resend_unconfirmed) {
        return;
    }
    for (const auto& queued : store.queued_messages(meeting)) {
        bool dropped = false;
        for (auto& letter : letters) {
            dropped = std::erase(letter.recipients, queued.person) > 0 || dropped;
        }
        if (dropped) {
            const auto& person = directory.person(queued.person);
            fmt::print(err,
                       "planner: warning: a message of meeting '{}' (SEQUENCE {}) was handed to the mail server for {} "
                       "at {} UTC, but whether the server took it was never recorded; it is not sent again (give "
                       "--resend-unconfirmed to send it)\n",
                       meeting.str(), queued.sequence, addressed(person),
                       pt::to_simple_string(queued.queued));
        }
    }
    std::erase_if(letters, [](const Letter& letter) { return letter.recipients.empty(); });
}

// Delivers the letters and records who got theirs. Written files are recorded at the
// end. A message for the mail server is queued in the store before it is handed over
// and recorded as sent the moment the server accepts it, so that a crash or a store
// that cannot be written never makes a retry send it twice or forget it.
std::set<PersonId> deliver_and_record(db::Store& store, Postman& postman, const Directory& directory,
                                      const MeetingId& meeting, const std::vector<Letter>& letters,
                                      const std::function<SentVersion(const PersonId&)>& version_of,
                                      const DeliveryOptions& options, std::ostream& err)
{
    const bool preview = previews_only(options);
    if (!options.send) {
        const auto delivered = postman.deliver(letters);
        if (preview) {
            return {};
        }
        std::vector<SentVersion> versions;
        for (const auto& person : delivered) {
            versions.push_back(version_of(person));
        }
        if (!versions.empty()) {
            store.record_sent(meeting, versions);
        }
        return delivered;
    }
    // Once the store cannot be written, nothing more is sent: each further message
    // would be one more whose fate nobody knows.
    std::optional<std::string> store_failure;
    int not_sent = 0;
    postman.before_sending([&](const PersonId& person) {
        if (!store_failure) {
            try {
                const auto version = version_of(person);
                store.record_queued(meeting, {&version, 1});
                return true;
            } catch (const Error& error) {
                store_failure = error.what();
            }
        }
        ++not_sent;
        return false;
    });
    postman.on_server_answer([&](const PersonId& person, bool accepted) {
        try {
            if (accepted) {
                const auto version = version_of(person);
                store.record_sent(meeting, {&version, 1});
            } else {
                store.forget_queued(meeting, {&person, 1});
            }
        } catch (const Error& error) {
            fmt::print(err,
                       "planner: error: the message to {} {}, but the store could not record it ({}); it stays "
                       "queued, and a later --send will not send it again unless given --resend-unconfirmed\n",
                       addressed(directory.person(person)), accepted ? "went out" : "was refused", error.what());
            store_failure = error.what();
            postman.count_failure();
        }
    });
    const auto delivered = postman.deliver(letters);
    if (not_sent > 0) {
        fmt::print(err, "planner: error: {} message{} not sent: the store cannot be written ({}); the next --send "
                        "sends {}\n",
                   not_sent, not_sent == 1 ? " was" : "s were", *store_failure, not_sent == 1 ? "it" : "them");
        postman.count_failure();
    }
    return delivered;
}

std::vector<std::string> names_of(const Directory& directory, const std::vector<PersonId>& people)
{
    std::vector<std::string> names;
    for (const auto& person : people) {
        names.push_back(one_line_text(directory.person(person).name));
    }
    return names;
}

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

// Where messages about what was done go: beside the calendar, not into it.
std::ostream& report_stream(const DeliveryOptions& options, std::ostream& out, std::ostream& err)
{
    return previews_only(options) ? err : out;
}

}  // namespace

int invite(const GlobalOptions& global, const std::string& meeting, const DeliveryOptions& options,
           std::ostream& out, std::ostream& err)
{
    auto store = open_existing(global);
    auto directory = store.load();
    const auto& found = sendable_meeting(directory, meeting);
    if (found.status == MeetingStatus::cancelled) {
        throw Error(fmt::format("meeting '{}' is cancelled; an invitation would not take it out of anyone's "
                                "calendar, that needs a cancellation (METHOD:CANCEL)",
                                meeting));
    }
    auto& report = report_stream(options, out, err);
    const auto sent = store.sent_versions(found.id);
    const auto plan = plan_invitation(found, sent);
    auto as_sent = found;
    as_sent.sequence = plan.sequence;

    Postman postman(directory, as_sent, options, global.dry_run, {}, out, err);
    std::vector<Letter> letters;
    Letter request{ical::write_invitation(directory, as_sent, postman.now()), "REQUEST",
                   plan.sequence == 0 ? mail::MailKind::invitation : mail::MailKind::update, {}, plan.added};
    // By mail, only those without this version get it again.
    request.recipients = plan.added;
    request.recipients.insert(request.recipients.end(), plan.outdated.begin(), plan.outdated.end());
    if (!options.send) {
        request.recipients.insert(request.recipients.end(), plan.up_to_date.begin(), plan.up_to_date.end());
    }
    letters.push_back(std::move(request));
    for (const auto& person : plan.removed) {
        letters.push_back({ical::write_cancellation(directory, as_sent, {{{person, Role::required}}, std::nullopt, {}},
                                                    postman.now()),
                           "CANCEL",
                           mail::MailKind::cancellation,
                           {person},
                           {}});
    }

    const bool everyone_has_it = options.send && letters.front().recipients.empty();
    if (everyone_has_it) {
        letters.erase(letters.begin());
    }
    drop_unconfirmed(store, directory, found.id, options, letters, err);
    const auto content = significant_content(as_sent);
    const auto delivered = deliver_and_record(
        store, postman, directory, found.id, letters,
        [&](const PersonId& person) {
            const bool removed = std::find(plan.removed.begin(), plan.removed.end(), person) != plan.removed.end();
            return SentVersion{person, plan.sequence, content, removed};
        },
        options, err);
    if (plan.changes.empty() && !sent.empty()) {
        fmt::print(report, "no significant change since the last invitation: SEQUENCE stays {}\n", plan.sequence);
    } else if (!plan.changes.empty()) {
        fmt::print(report, "changed since the last invitation ({}): SEQUENCE {} -> {}\n", fmt::join(plan.changes, ", "),
                   found.sequence, plan.sequence);
    }
    if (everyone_has_it) {
        fmt::print(report, "everyone invited already has this version (SEQUENCE {}); nothing sent\n", plan.sequence);
    }
    if (previews_only(options)) {
        fmt::print(report, "a preview on standard output: nobody is recorded as invited; deliver it with {}\n",
                   how_to_deliver);
    }

    if (!plan.added.empty() && !sent.empty()) {
        fmt::print(report, "new on the list: {}\n", fmt::join(names_of(directory, plan.added), ", "));
    }
    if (!plan.removed.empty()) {
        fmt::print(report, "taken off the list, each sent a cancellation: {}\n", fmt::join(names_of(directory, plan.removed), ", "));
    }
    if (options.output) {
        fmt::print(report, "wrote the invitation to {} ({} attendees)\n", options.output->string(),
                   invitees(as_sent).size());
    }
    if (options.per_attendee || options.mail) {
        fmt::print(report, "wrote {} file{} to {}\n", delivered.size(), delivered.size() == 1 ? "" : "s",
                   (options.mail ? *options.mail : *options.per_attendee).string());
    }
    // The directory is expanded in place, not copied: `found` is not used after this.
    const auto conflicts = find_conflicts(expanded(std::move(directory)), MeetingId(meeting));
    if (!conflicts.empty()) {
        fmt::print(err, "planner: warning: {} conflict{} involve{} meeting '{}'; see 'planner check {}'\n",
                   conflicts.size(), conflicts.size() == 1 ? "" : "s", conflicts.size() == 1 ? "s" : "", meeting,
                   meeting);
    }
    return postman.failures() == 0 ? exit_success : exit_error;
}

int cancel(const GlobalOptions& global, const std::string& meeting, const std::string& reason,
           const DeliveryOptions& options, std::ostream& out, std::ostream& err)
{
    auto store = open_existing(global);
    const auto directory = store.load();
    // "series@2013-05-14" names one occurrence of a series by its rule date.
    const auto named = directory.find(MeetingId(meeting)) == nullptr ? occurrence_named(MeetingId(meeting))
                                                                    : std::nullopt;
    const std::optional<greg::date> occurrence = named ? std::optional(named->date) : std::nullopt;
    const auto& found = find_meeting(directory, named ? named->series.str() : meeting);
    const auto& id = found.id.str();
    auto& report = report_stream(options, out, err);
    auto cancelled = found;
    const auto sent = store.sent_versions(found.id);
    std::vector<PersonId> recipients;
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
                                    greg::to_iso_extended_string(*occurrence), "planner show " + id));
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
            throw Error(fmt::format("meeting '{}' is already cancelled and everyone was told", meeting));
        }
        fmt::print(report, "meeting '{}' was cancelled before; telling the {} not reached then\n", meeting,
                   recipients.size());
    } else {
        cancelled.status = MeetingStatus::cancelled;
        ++cancelled.sequence;
    }

    // The meeting is called off in the store before anyone is told, and even when no
    // message gets through, so that no check counts it; those not reached are told by
    // the next 'planner cancel'.
    if (cancelled != found) {
        store.update(cancelled, found);
    }
    Postman postman(directory, cancelled, options, global.dry_run, reason, out, err);
    std::vector<Participant> attendees;
    const auto invited = invitees(found);
    for (const auto& person : recipients) {
        const auto invitee = std::find_if(invited.begin(), invited.end(),
                                          [&](const Participant& p) { return p.person == person; });
        attendees.push_back({person, invitee == invited.end() ? Role::required : invitee->role});
    }
    std::vector<Letter> letters{{ical::write_cancellation(directory, cancelled, {attendees, occurrence, reason},
                                                          postman.now()),
                                 "CANCEL", mail::MailKind::cancellation, recipients, {}}};
    drop_unconfirmed(store, directory, found.id, options, letters, err);
    const auto content = significant_content(cancelled);
    const auto delivered = deliver_and_record(
        store, postman, directory, found.id, letters,
        [&](const PersonId& person) { return SentVersion{person, cancelled.sequence, content, !occurrence}; },
        options, err);
    fmt::print(report, "cancelled {} (SEQUENCE {}); {} of {} told\n",
               occurrence ? fmt::format("the occurrence '{}'", meeting) : fmt::format("meeting '{}'", meeting),
               cancelled.sequence, delivered.size(), recipients.size());
    if (previews_only(options)) {
        fmt::print(report, "the cancellation went to standard output only, so nobody is recorded as told; tell them "
                           "with 'planner cancel {}' and {}\n",
                   meeting, how_to_deliver);
    }
    return postman.failures() == 0 ? exit_success : exit_error;
}

namespace {

// Matches answers to the store's meetings and invitees and collects what to record.
// Each answer is either taken or skipped with a message saying why.
class AnswerCollector {
public:
    AnswerCollector(const Directory& directory, const db::Store& store)
        : directory_(directory), store_(store), delegates_(store.delegates()),
          now_(pt::second_clock::universal_time())
    {
        for (const auto& [id, meeting] : directory.meetings()) {
            by_uid_.emplace(meeting.uid, &meeting);
        }
    }

    // Null when the answer was taken, else why it was skipped. `mail_from`: the
    // addresses of the From of the mail the answer came in, none for a calendar file.
    std::optional<std::string> take(const std::filesystem::path& file, const ical::Reply& reply,
                                    std::span<const std::string> mail_from)
    {
        const auto found = by_uid_.find(reply.uid);
        if (found == by_uid_.end()) {
            return fmt::format("{}: no meeting has the UID '{}'; the answer of {} is skipped", file.string(), reply.uid,
                               reply.attendee);
        }
        // A delegate added by an earlier answer of this import is invited already.
        const Meeting& meeting = changed_.contains(found->second->id) ? changed_.at(found->second->id) : *found->second;
        const auto* person = invitee_with_address(meeting, reply.attendee);
        if (person == nullptr) {
            return fmt::format("{}: '{}' is not invited to meeting '{}'; the answer is skipped", file.string(),
                               reply.attendee, meeting.id.str());
        }
        if (reply.sequence < meeting.sequence) {
            return fmt::format("{}: {} answered SEQUENCE {} of meeting '{}', which has changed since (SEQUENCE {}); "
                               "the answer is ignored and the new version asks again",
                               file.string(), person->name, reply.sequence, meeting.id.str(), meeting.sequence);
        }
        if (const auto why = pinning(file, reply, *person, meeting)) {
            return why;
        }
        const auto occurrence = occurrence_answered(reply, meeting);
        const auto answered = occurrence ? occurrence_on(meeting, *occurrence, ical::expand_rule)
                                         : std::optional<Meeting>(meeting);
        if (!answered) {
            return fmt::format("{}: meeting '{}' has no occurrence on {}; the answer of {} is skipped", file.string(),
                               meeting.id.str(), greg::to_iso_extended_string(*occurrence), person->name);
        }
        RecordedAnswer answer{meeting.id,
                              occurrence,
                              person->id,
                              reply.answer,
                              reply.sequence,
                              reply.stamp.value_or(pt::second_clock::universal_time()),
                              std::nullopt,
                              reply.comment};
        auto& known = answers_of(meeting.id);
        const auto earlier = std::find_if(known.begin(), known.end(), [&](const RecordedAnswer& a) {
            return a.person == answer.person && a.occurrence == answer.occurrence;
        });
        // Answers may come in any order: the newest for the newest version counts.
        if (earlier != known.end() &&
            std::tie(earlier->sequence, earlier->answered) > std::tie(answer.sequence, answer.answered)) {
            return fmt::format("{}: {} answered meeting '{}' later already ({}); this older answer is ignored",
                               file.string(), person->name, meeting.id.str(), to_string(earlier->answer));
        }
        warn_if_unexpected(file, *person, meeting, *answered);
        warn_if_sent_by_another(file, reply, *person, mail_from);
        if (reply.answer == Answer::delegated) {
            const auto& delegate = delegate_of(reply, *person);
            answer.delegated_to = delegate.id;
            const bool outside = !circle_of(meeting).includes(delegate.email.str());
            if (outside) {
                warnings_.push_back(fmt::format("{}: {} delegated meeting '{}' to {}, whose domain is that of none "
                                                "of the meeting's organisations; the delegate is recorded and "
                                                "invited, check that they should come",
                                                file.string(), person->name, meeting.id.str(), delegate.email.str()));
                outside_delegations_.insert(import_.answers.size());
            }
            invite_delegate(meeting, person->id, delegate.id);
            lines_.push_back(fmt::format("{} delegated meeting '{}' to {} <{}>{}", person->name, meeting.id.str(),
                                         delegate.name, delegate.email.str(),
                                         outside ? ", outside the meeting's organisations" : ""));
        } else {
            lines_.push_back(fmt::format("{} {} meeting '{}'{}", person->name, to_string(reply.answer),
                                         meeting.id.str(),
                                         answer.occurrence ? " on " + greg::to_iso_extended_string(*answer.occurrence)
                                                           : ""));
        }
        if (earlier != known.end()) {
            *earlier = answer;
        } else {
            known.push_back(answer);
        }
        import_.answers.push_back(std::move(answer));
        return std::nullopt;
    }

    // What to write, once every answer was taken or skipped.
    [[nodiscard]] const db::AnswerImport& import() const { return import_; }

    [[nodiscard]] const std::vector<std::string>& lines() const { return lines_; }
    // Whether the k-th recorded answer delegates outside the meeting's organisations.
    [[nodiscard]] bool delegates_outside(std::size_t k) const { return outside_delegations_.contains(k); }
    // Answers recorded that the organiser should look at.
    [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }

private:
    // The version an answer names decides which answer wins: one to a version never
    // sent, or dated ahead of the clock, would outrank every genuine answer to come
    // (and the organiser could not see why the record does not change).
    std::optional<std::string> pinning(const std::filesystem::path& file, const ical::Reply& reply,
                                       const Person& person, const Meeting& meeting)
    {
        const auto& sent = sent_versions_of(meeting.id);
        int highest = meeting.sequence;
        for (const auto& version : sent) {
            highest = std::max(highest, version.sequence);
        }
        if (reply.sequence > highest) {
            return fmt::format("{}: {} answered SEQUENCE {} of meeting '{}', but no version above SEQUENCE {} was "
                               "ever sent; the answer is refused, as it would outrank every genuine answer to come",
                               file.string(), person.name, reply.sequence, meeting.id.str(), highest);
        }
        if (reply.stamp && *reply.stamp > now_ + pt::hours(clock_skew_hours)) {
            return fmt::format("{}: the answer of {} to meeting '{}' is dated {} UTC (DTSTAMP), more than a day "
                               "ahead of this computer's clock ({} UTC); the answer is refused, as it would outrank "
                               "every genuine answer until then",
                               file.string(), person.name, meeting.id.str(), pt::to_iso_extended_string(*reply.stamp),
                               pt::to_iso_extended_string(now_));
        }
        return std::nullopt;
    }

    // Assistants forward answers, so a mail from someone else is no forgery by itself;
    // but the organiser should know whose mail it was.
    void warn_if_sent_by_another(const std::filesystem::path& file, const ical::Reply& reply, const Person& person,
                                 std::span<const std::string> mail_from)
    {
        if (mail_from.empty() || std::any_of(mail_from.begin(), mail_from.end(), [&](const std::string& address) {
                return same_address(address, reply.attendee);
            })) {
            return;
        }
        warnings_.push_back(fmt::format("{}: the mail is from {}, not from {} <{}>, who answers in it (forwarded by "
                                        "an assistant?); the answer is recorded",
                                        file.string(), fmt::join(mail_from, ", "), person.name, reply.attendee));
    }

    const std::vector<SentVersion>& sent_versions_of(const MeetingId& meeting)
    {
        if (!sent_versions_.contains(meeting)) {
            sent_versions_[meeting] = store_.sent_versions(meeting);
        }
        return sent_versions_[meeting];
    }

    // An answer to what was called off, or to an invitation the planner never
    // delivered to that person (sent from elsewhere, or forwarded to them), is
    // recorded, but the organiser should know.
    void warn_if_unexpected(const std::filesystem::path& file, const Person& person, const Meeting& meeting,
                            const Meeting& answered)
    {
        if (answered.status == MeetingStatus::cancelled) {
            warnings_.push_back(fmt::format("{}: {} answered {} '{}', which is cancelled; the answer is recorded",
                                            file.string(), person.name,
                                            answered.id == meeting.id ? "meeting" : "the occurrence",
                                            answered.id.str()));
        }
        const auto& sent = sent_versions_of(meeting.id);
        if (std::none_of(sent.begin(), sent.end(), [&](const SentVersion& v) { return v.person == person.id; })) {
            warnings_.push_back(fmt::format("{}: {} answered meeting '{}', which the planner never sent them; the "
                                            "answer is recorded",
                                            file.string(), person.name, meeting.id.str()));
        }
    }

    const Person* invitee_with_address(const Meeting& meeting, const std::string& address) const
    {
        const auto* person = person_with_address(address);
        const auto people = invitees(meeting);
        const bool invited = person != nullptr && std::any_of(people.begin(), people.end(), [&](const Participant& p) {
                                 return p.person == person->id;
                             });
        return invited ? person : nullptr;
    }

    const Person* person_with_address(const std::string& address) const
    {
        for (const auto& [id, person] : directory_.people()) {
            if (same_address(person.email.str(), address)) {
                return &person;
            }
        }
        for (const auto& person : import_.new_people) {
            if (same_address(person.email.str(), address)) {
                return &person;
            }
        }
        return nullptr;
    }

    // Null for an answer to the whole meeting; else the day of the occurrence answered,
    // the rule's day, as RECURRENCE-ID names it.
    static std::optional<greg::date> occurrence_answered(const ical::Reply& reply, const Meeting& meeting)
    {
        if (!reply.occurrence || !meeting.recurrence) {
            return std::nullopt;
        }
        const auto& zone = time_zone(meeting.time_zone);
        return reply.occurrence->utc ? zone.to_local(reply.occurrence->time).date() : reply.occurrence->time.date();
    }

    std::vector<RecordedAnswer>& answers_of(const MeetingId& meeting)
    {
        if (!stored_answers_.contains(meeting)) {
            stored_answers_[meeting] = store_.answers(meeting);
        }
        return stored_answers_[meeting];
    }

    // The person the answer names as delegate; one the store does not know joins the
    // delegator's organisation.
    const Person& delegate_of(const ical::Reply& reply, const Person& delegator)
    {
        if (const auto* known = person_with_address(*reply.delegated_to)) {
            return *known;
        }
        import_.new_people.push_back({new_person_id(*reply.delegated_to),
                                      reply.delegate_name.empty() ? *reply.delegated_to : reply.delegate_name,
                                      EmailAddress(*reply.delegated_to), delegator.organisation, std::string(),
                                      Access::any, std::nullopt});
        return import_.new_people.back();
    }

    // A new person's id from their address: "m.weiss@lra-fn.de" -> "m-weiss", made
    // unique; "-h@x.de" gives "h", not an id that reads as an option.
    PersonId new_person_id(const std::string& address) const
    {
        std::string base;
        for (const char c : lower(address.substr(0, address.find('@')))) {
            base += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '-';
        }
        const auto inner = base.find_first_not_of('-');
        base = inner == std::string::npos ? std::string() : base.substr(inner, base.find_last_not_of('-') - inner + 1);
        // Room for the "-2" that makes it unique.
        base = base.substr(0, max_id_length - 8);
        if (id_problem(base)) {
            base = "delegate";
        }
        const auto taken = [&](const std::string& id) {
            return directory_.find(PersonId(id)) != nullptr ||
                   std::any_of(import_.new_people.begin(), import_.new_people.end(),
                               [&](const Person& p) { return p.id.str() == id; });
        };
        std::string id = base;
        for (int n = 2; taken(id); ++n) {
            id = fmt::format("{}-{}", base, n);
        }
        return PersonId(id);
    }

    // The delegate joins the meeting in the delegator's role.
    void invite_delegate(const Meeting& meeting, const PersonId& delegator, const PersonId& delegate)
    {
        auto& joined = changed_.emplace(meeting.id, meeting).first->second;
        const auto people = invitees(joined);
        if (std::any_of(people.begin(), people.end(), [&](const Participant& p) { return p.person == delegate; })) {
            return;
        }
        const auto role = std::find_if(people.begin(), people.end(),
                                       [&](const Participant& p) { return p.person == delegator; })->role;
        joined.participants.push_back({delegate, role});
        import_.joins.push_back({meeting.id, {delegate, role}});
    }

    // The meeting's circle as the import found it: delegates joining meanwhile are not in it.
    const DelegationCircle& circle_of(const Meeting& meeting)
    {
        return circles_.try_emplace(meeting.id, directory_, meeting, delegates_).first->second;
    }

    // Allowed for the clocks of the answering computers.
    static constexpr int clock_skew_hours = 24;

    const Directory& directory_;
    const db::Store& store_;
    std::set<PersonId> delegates_;  // people who joined the store through an answer
    std::map<MeetingId, DelegationCircle> circles_;
    pt::ptime now_;
    std::set<std::size_t> outside_delegations_;  // indices into import_.answers
    std::map<std::string, const Meeting*> by_uid_;
    std::map<MeetingId, Meeting> changed_;  // meetings that delegates joined
    std::map<MeetingId, std::vector<RecordedAnswer>> stored_answers_;
    std::map<MeetingId, std::vector<SentVersion>> sent_versions_;
    db::AnswerImport import_;
    std::vector<std::string> lines_;
    std::vector<std::string> warnings_;
};

// One file given to `replies import`, or read from standard input ("-").
struct AnswerFile {
    std::string name;
    std::vector<ical::Reply> replies;
    std::vector<std::string> mail_from;  // of a mail, the addresses of its From
};

struct SkippedFile {
    std::string name;
    std::string reason;
};

// Standard input, a file, or every file of a directory (not its subdirectories), each
// read on its own: a file that holds no answer is skipped with the reason, and the
// answers of the others are recorded.
class AnswerFiles {
public:
    void read(const std::filesystem::path& given, std::istream& in)
    {
        if (given == "-") {
            read_text("standard input", std::string(std::istreambuf_iterator<char>(in), {}));
            return;
        }
        std::error_code error;
        if (!std::filesystem::is_directory(given, error)) {
            read_file(given);
            return;
        }
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(given, error)) {
            if (!entry.path().filename().string().starts_with('.') && !entry.is_directory(error)) {
                files.push_back(entry.path());
            }
        }
        if (files.empty()) {
            skipped_.push_back({given.string(), "the directory holds no files"});
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            read_file(file);
        }
    }

    [[nodiscard]] const std::vector<AnswerFile>& answers() const { return answers_; }
    [[nodiscard]] const std::vector<SkippedFile>& skipped() const { return skipped_; }

private:
    void read_file(const std::filesystem::path& file)
    {
        try {
            read_text(file.string(), read_input_file(file, "an answer (.ics or .eml)", "mails and calendars"));
        } catch (const Error& error) {
            skipped_.push_back({file.string(), error.what()});
        }
    }

    void read_text(const std::string& name, const std::string& text)
    {
        try {
            auto received = mail::received_calendar(text, name);
            answers_.push_back({name, ical::read_replies(received.calendar, name), std::move(received.from)});
        } catch (const Error& error) {
            skipped_.push_back({name, error.what()});
        }
    }

    std::vector<AnswerFile> answers_;
    std::vector<SkippedFile> skipped_;
};

Json answers_json(const std::vector<RecordedAnswer>& answers, const std::vector<std::string>& answer_files,
                  const AnswerCollector& collector, int skipped, const std::vector<SkippedFile>& files_skipped)
{
    Json list = Json::array();
    for (std::size_t k = 0; k < answers.size(); ++k) {
        const auto& a = answers[k];
        list.push_back({{"file", answer_files[k]},
                        {"meeting", a.meeting.str()},
                        {"occurrence", a.occurrence ? Json(greg::to_iso_extended_string(*a.occurrence)) : Json(nullptr)},
                        {"person", a.person.str()},
                        {"answer", to_string(a.answer)},
                        {"sequence", a.sequence},
                        {"comment", a.comment},
                        {"delegated_to", a.delegated_to ? Json(a.delegated_to->str()) : Json(nullptr)},
                        {"delegate_outside", collector.delegates_outside(k)}});
    }
    Json skipped_files = Json::array();
    for (const auto& file : files_skipped) {
        skipped_files.push_back({{"file", file.name}, {"reason", file.reason}});
    }
    return {{"recorded", list},
            {"skipped", skipped},
            {"warnings", collector.warnings()},
            {"files_skipped", skipped_files}};
}

}  // namespace

int import_replies(const GlobalOptions& global, const std::vector<std::filesystem::path>& files, OutputFormat format,
                   std::istream& in, std::ostream& out, std::ostream& err)
{
    // Every file is read before anything is written, and each on its own: one that
    // holds no answer (an out-of-office reply) or cannot be read is skipped whole.
    AnswerFiles given;
    for (const auto& file : files) {
        given.read(file, in);
    }
    auto store = open_existing(global);
    const auto directory = store.load();
    AnswerCollector collector(directory, store);
    int skipped = 0;
    std::vector<std::string> answer_files;  // of each recorded answer
    for (const auto& [file, replies, mail_from] : given.answers()) {
        for (const auto& reply : replies) {
            if (const auto why = collector.take(file, reply, mail_from)) {
                fmt::print(err, "planner: warning: {}\n", one_line_text(*why));
                ++skipped;
            } else {
                answer_files.push_back(file);
            }
        }
    }
    // Names and addresses come from the answers: one line each, whatever they hold.
    for (const auto& warning : collector.warnings()) {
        fmt::print(err, "planner: warning: {}\n", one_line_text(warning));
    }
    for (const auto& file : given.skipped()) {
        fmt::print(err, "planner: skipped {}\n", file.reason);
    }
    const auto& import = collector.import();
    store.record_answers(import);
    if (format == OutputFormat::json) {
        print_json(out, answers_json(import.answers, answer_files, collector, skipped, given.skipped()));
    } else {
        for (const auto& line : collector.lines()) {
            fmt::print(out, "{}\n", one_line_text(line));  // a delegate's name comes from the answer
        }
        const auto recorded = import.answers.size();
        fmt::print(out, "recorded {} answer{}, skipped {}", recorded, recorded == 1 ? "" : "s", skipped);
        if (!given.skipped().empty()) {
            fmt::print(out, "; {} file{} without an answer skipped", given.skipped().size(),
                       given.skipped().size() == 1 ? "" : "s");
        }
        fmt::print(out, "\n");
    }
    return given.skipped().empty() ? exit_success : exit_error;
}

}  // namespace planner::cli
