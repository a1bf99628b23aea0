// The life of an invitation: invite (and update), cancel, and the answers read back;
// the use cases are the services', the options and the lines written are here.

#include "command_support.hpp"
#include "commands.hpp"
#include "json_output.hpp"

#include <planner/cli/run.hpp>
#include <planner/error.hpp>
#include <planner/mail/smtp.hpp>
#include <planner/services/answers.hpp>
#include <planner/services/invitations.hpp>
#include <planner/shown_text.hpp>
#include <planner/web/serve.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <memory>

namespace planner::cli {
namespace {

namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

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
    if (!person.email) {
        return fmt::format("{} (no e-mail: a printed letter)", one_line_text(person.name));
    }
    return fmt::format("{} <{}>", one_line_text(person.name), person.email->str());
}

constexpr std::string_view how_to_deliver = "-o FILE, --per-attendee DIR, --mail DIR or --send";

// Where messages about what was done go: beside the calendar, not into it. A calendar
// on standard output is a preview (services::Delivery::previews_only).
std::ostream& report_stream(const services::Delivery& delivery, std::ostream& out, std::ostream& err)
{
    return delivery.previews_only() ? err : out;
}

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
        auto server = smtp_server_of(options);
        if (!server.from.empty()) {
            delivery.sender_address = server.from;
        }
        delivery.postmen.push_back(std::make_unique<services::MailServer>(std::move(server)));
    }
    if (options.service_config) {
        delivery.answer_links = web::public_address(*options.service_config);
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
    for (const auto& person : delivered.by_letter) {
        fmt::print(err,
                   "planner: {} has no e-mail address and gets no mail; print their letter with 'planner letters {} "
                   "-o FILE'\n",
                   one_line_text(person.name), meeting);
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
    auto& report = report_stream(delivery, out, err);
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
    if (delivery.previews_only()) {
        fmt::print(report, "a preview on standard output: nobody is recorded as invited; deliver it with {}\n",
                   how_to_deliver);
    }
    if (!invited.added.empty() && invited.sent_before) {
        fmt::print(report, "new on the list: {}\n", fmt::join(names_of(invited.added), ", "));
    }
    if (!invited.removed.empty()) {
        fmt::print(report, "taken off the list, each sent a cancellation: {}\n",
                   fmt::join(names_of(invited.removed), ", "));
    }
    if (options.output) {
        fmt::print(report, "wrote the invitation to {} ({} attendees)\n", options.output->string(), invited.attendees);
    }
    if (invited.guest_list_hidden && (options.output || delivery.previews_only())) {
        fmt::print(report, "the participants do not see each other: the calendar for everybody lists the organisers "
                           "alone; --per-attendee, --mail or --send give each person a copy of their own\n");
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
    const auto delivery = delivery_of(options, global.dry_run);
    auto store = open_existing(global);
    const auto cancelled = services::cancel(store, {meeting, reason}, delivery);
    auto& report = report_stream(delivery, out, err);
    if (cancelled.cancelled_before) {
        fmt::print(report, "meeting '{}' was cancelled before; telling the {} not reached then\n", meeting,
                   cancelled.recipients.size());
    }
    write_delivery(cancelled.delivered, cancelled.meeting.str(), out, err);
    const auto what =
        cancelled.occurrence ? fmt::format("the occurrence '{}'", meeting) : fmt::format("meeting '{}'", meeting);
    fmt::print(report, "cancelled {} (SEQUENCE {}); {} of {} told\n", what, cancelled.sequence, cancelled.delivered.reached.size(), cancelled.recipients.size());
    if (delivery.previews_only()) {
        fmt::print(report, "the cancellation went to standard output only, so nobody is recorded as told; tell them "
                           "with 'planner cancel {}' and {}\n",
                   meeting, how_to_deliver);
    }
    return cancelled.delivered.failed() ? exit_error : exit_success;
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
                           taken.delegate->name, email_text(*taken.delegate),
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
        // The reason quotes the file's name and content: one line, whatever they hold.
        fmt::print(err, "planner: skipped {}\n", one_line_text(file.reason));
    }
    if (format == OutputFormat::json) {
        print_json(out, services::answers_import_json(imported));
    } else {
        for (const auto& taken : imported.recorded) {
            fmt::print(out, "{}\n", one_line_text(answer_line(taken)));
        }
        const auto recorded = imported.recorded.size();
        fmt::print(out, "recorded {} answer{}, skipped {}", recorded, recorded == 1 ? "" : "s",
                   imported.skipped.size());
        if (!imported.files_skipped.empty()) {
            fmt::print(out, "; {} file{} without an answer skipped", imported.files_skipped.size(),
                       imported.files_skipped.size() == 1 ? "" : "s");
        }
        fmt::print(out, "\n");
    }
    return imported.files_skipped.empty() ? exit_success : exit_error;
}

namespace {


}  // namespace

int record_reply(const GlobalOptions& global, const HandAnswerOptions& options, OutputFormat format, std::ostream& out)
{
    const auto answer = answer_from_string(options.answer);
    if (!answer) {
        throw Error(fmt::format("ANSWER '{}' is none of accepted, tentative or declined", options.answer));
    }
    auto store = open_existing(global);
    const services::HandAnswer given{MeetingId(options.meeting), PersonId(options.person), *answer, options.comment,
                                     options.by.value_or(command_line_user())};
    const auto recorded = services::record_hand_answer(store, given, pt::second_clock::universal_time());
    if (format == OutputFormat::json) {
        print_json(out, services::recorded_answer_json(recorded));
    } else {
        const auto person = store.person(recorded.person);
        fmt::print(out, "{}\n",
                   one_line_text(fmt::format("{} {} meeting '{}', written down by {}",
                                             person ? person->name : recorded.person.str(), to_string(recorded.answer),
                                             options.meeting, given.recorded_by)));
    }
    return exit_success;
}

}  // namespace planner::cli
