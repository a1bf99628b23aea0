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
#include <planner/services/answers.hpp>
#include <planner/services/invitations.hpp>
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
        return dry_run_ ? directory : services::ready_directory(directory, option);
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

// Where messages about what was done go: beside the calendar, not into it.
std::ostream& report_stream(const DeliveryOptions& options, std::ostream& out, std::ostream& err)
{
    return previews_only(options) ? err : out;
}

}  // namespace

namespace {

// The postmen the options ask for, in the order each person's copy goes through them:
// a calendar file, a mail file, the mail server.
services::Delivery delivery_of(const DeliveryOptions& options, bool dry_run)
{
    services::Delivery delivery;
    delivery.calendar_file = options.output;
    if (options.per_attendee) {
        delivery.postmen.push_back(std::make_unique<services::CalendarFolder>(*options.per_attendee, "--per-attendee"));
    }
    if (options.mail) {
        delivery.postmen.push_back(std::make_unique<services::MailFolder>(*options.mail, "--mail"));
    }
    if (options.send) {
        delivery.postmen.push_back(std::make_unique<services::MailServer>(smtp_server_of(options)));
    }
    delivery.rehearsal = dry_run;
    delivery.language = options.language;
    delivery.resend_unconfirmed = options.resend_unconfirmed;
    return delivery;
}

// What the delivery did, as it did it: files named in a dry run, messages sent and
// refused; then the error that stopped it, if one did.
void write_delivery(const services::Delivered& delivered, const std::string& meeting, std::ostream& out,
                    std::ostream& err)
{
    using Way = services::Handover::Way;
    for (const auto& left : delivered.left_out) {
        fmt::print(err,
                   "planner: warning: a message of meeting '{}' (SEQUENCE {}) was handed to the mail server for {} "
                   "at {} UTC, but whether the server took it was never recorded; it is not sent again (give "
                   "--resend-unconfirmed to send it)\n",
                   meeting, left.sequence, addressed(left.person), pt::to_simple_string(left.queued));
    }
    if (delivered.preview) {
        out << *delivered.preview;
    }
    for (const auto& handover : delivered.handovers) {
        if (handover.way != Way::mail_server) {
            if (handover.rehearsed) {
                fmt::print(out, "would write {}\n", handover.file->string());
            }
            if (handover.way == Way::calendar_beside) {
                fmt::print(out, "wrote the cancellation for {} to {}\n", one_line_text(handover.person->name),
                           handover.file->string());
            }
            continue;
        }
        const auto& person = *handover.person;
        if (handover.rehearsed) {
            fmt::print(out, "would send to {}\n", addressed(person));
        } else if (handover.accepted) {
            fmt::print(out, "sent to {}\n", addressed(person));
        } else {
            fmt::print(err, "planner: error: not delivered to {}: {}\n", addressed(person), handover.refusal);
        }
        if (handover.unrecorded) {
            fmt::print(err,
                       "planner: error: the message to {} {}, but the store could not record it ({}); it stays "
                       "queued, and a later --send will not send it again unless given --resend-unconfirmed\n",
                       addressed(person), handover.accepted ? "went out" : "was refused", *handover.unrecorded);
        }
    }
    if (delivered.interrupted) {
        throw Error(*delivered.interrupted);
    }
    if (delivered.not_sent > 0) {
        fmt::print(err, "planner: error: {} message{} not sent: the store cannot be written ({}); the next --send "
                        "sends {}\n",
                   delivered.not_sent, delivered.not_sent == 1 ? " was" : "s were", delivered.store_failure,
                   delivered.not_sent == 1 ? "it" : "them");
    }
}

std::vector<std::string> names_of(const std::vector<Person>& people)
{
    std::vector<std::string> names;
    for (const auto& person : people) {
        names.push_back(one_line_text(person.name));
    }
    return names;
}

}  // namespace

int invite(const GlobalOptions& global, const std::string& meeting, const DeliveryOptions& options,
           std::ostream& out, std::ostream& err)
{
    const auto delivery = delivery_of(options, global.dry_run);
    auto store = open_existing(global);
    const auto invited = services::invite(store, {meeting}, delivery);
    write_delivery(invited.delivered, invited.meeting.str(), out, err);
    auto& report = report_stream(options, out, err);
    const auto& plan = invited.plan;
    if (plan.changes.empty() && invited.sent_before) {
        fmt::print(report, "no significant change since the last invitation: SEQUENCE stays {}\n", plan.sequence);
    } else if (!plan.changes.empty()) {
        fmt::print(report, "changed since the last invitation ({}): SEQUENCE {} -> {}\n", fmt::join(plan.changes, ", "),
                   invited.sequence_before, plan.sequence);
    }
    if (invited.everyone_has_it) {
        fmt::print(report, "everyone invited already has this version (SEQUENCE {}); nothing sent\n", plan.sequence);
    }
    if (previews_only(options)) {
        fmt::print(report, "a preview on standard output: nobody is recorded as invited; deliver it with {}\n",
                   how_to_deliver);
    }
    if (!invited.added.empty() && invited.sent_before) {
        fmt::print(report, "new on the list: {}\n", fmt::join(names_of(invited.added), ", "));
    }
    if (!invited.removed.empty()) {
        fmt::print(report, "taken off the list, each sent a cancellation: {}\n", fmt::join(names_of(invited.removed), ", "));
    }
    if (options.output) {
        fmt::print(report, "wrote the invitation to {} ({} attendees)\n", options.output->string(), invited.attendees);
    }
    const auto& reached = invited.delivered.reached;
    if (options.per_attendee || options.mail) {
        fmt::print(report, "wrote {} file{} to {}\n", reached.size(), reached.size() == 1 ? "" : "s",
                   (options.mail ? *options.mail : *options.per_attendee).string());
    }
    const auto& conflicts = invited.conflicts;
    if (!conflicts.empty()) {
        fmt::print(err, "planner: warning: {} conflict{} involve{} meeting '{}'; see 'planner check {}'\n",
                   conflicts.size(), conflicts.size() == 1 ? "" : "s", conflicts.size() == 1 ? "s" : "", meeting,
                   meeting);
    }
    return invited.delivered.failed() ? exit_error : exit_success;
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

// Standard input, a file, or every file of a directory (not its subdirectories), each
// read on its own: one that cannot be read is passed on with the reason, to be skipped
// in its place.
void read_answer_sources(const std::filesystem::path& given, std::istream& in,
                         std::vector<services::AnswerSource>& sources)
{
    const auto read_file = [&](const std::filesystem::path& file) {
        try {
            sources.push_back({file.string(), read_input_file(file, "an answer (.ics or .eml)", "mails and calendars"),
                               std::nullopt});
        } catch (const Error& error) {
            sources.push_back({file.string(), {}, error.what()});
        }
    };
    if (given == "-") {
        sources.push_back({"standard input", std::string(std::istreambuf_iterator<char>(in), {}), std::nullopt});
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
        sources.push_back({given.string(), {}, "the directory holds no files"});
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        read_file(file);
    }
}

// "Frank Veser accepted meeting 'kennenlernen-2012'"; names come from the answers.
std::string answer_line(const services::TakenAnswer& taken)
{
    const auto& answer = taken.answer;
    if (taken.delegate) {
        return fmt::format("{} delegated meeting '{}' to {} <{}>{}", taken.person.name, answer.meeting.str(),
                           taken.delegate->name, taken.delegate->email.str(),
                           taken.delegate_outside ? ", outside the meeting's organisations" : "");
    }
    return fmt::format("{} {} meeting '{}'{}", taken.person.name, to_string(answer.answer), answer.meeting.str(),
                       answer.occurrence ? " on " + greg::to_iso_extended_string(*answer.occurrence) : "");
}

}  // namespace

int import_replies(const GlobalOptions& global, const std::vector<std::filesystem::path>& files, OutputFormat format,
                   std::istream& in, std::ostream& out, std::ostream& err)
{
    // Every file is read before the store is opened, and each on its own.
    std::vector<services::AnswerSource> sources;
    for (const auto& file : files) {
        read_answer_sources(file, in, sources);
    }
    auto store = open_existing(global);
    const auto imported = services::import_answers(store, sources);
    // Names and addresses come from the answers: one line each, whatever they hold.
    for (const auto& why : imported.skipped) {
        fmt::print(err, "planner: warning: {}\n", one_line_text(why));
    }
    for (const auto& warning : imported.warnings) {
        fmt::print(err, "planner: warning: {}\n", one_line_text(warning));
    }
    for (const auto& file : imported.files_skipped) {
        fmt::print(err, "planner: skipped {}\n", file.reason);
    }
    if (format == OutputFormat::json) {
        print_json(out, services::answers_import_json(imported));
    } else {
        for (const auto& taken : imported.recorded) {
            fmt::print(out, "{}\n", one_line_text(answer_line(taken)));
        }
        const auto recorded = imported.recorded.size();
        fmt::print(out, "recorded {} answer{}, skipped {}", recorded, recorded == 1 ? "" : "s", imported.skipped.size());
        if (!imported.files_skipped.empty()) {
            fmt::print(out, "; {} file{} without an answer skipped", imported.files_skipped.size(),
                       imported.files_skipped.size() == 1 ? "" : "s");
        }
        fmt::print(out, "\n");
    }
    return imported.files_skipped.empty() ? exit_success : exit_error;
}

}  // namespace planner::cli
