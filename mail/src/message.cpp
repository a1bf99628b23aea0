#include <planner/mail/message.hpp>

#include "encoding.hpp"

#include <planner/email_address.hpp>
#include <planner/error.hpp>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <vector>

namespace planner::mail {
namespace {

using detail::encoded_words;
using detail::trim;

constexpr std::size_t max_header_line = 78;

// Header text must stay on its header: a CR or LF in a subject or name would start
// a header of the sender's choosing.
std::string without_controls(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? ' ' : c;
    }
    return out;
}

bool is_plain_ascii(std::string_view text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7e) {
            return false;
        }
    }
    return text.find("=?") == std::string_view::npos;  // would read as an encoded-word
}

std::vector<std::string> split_words(std::string_view text)
{
    std::vector<std::string> words;
    std::size_t begin = 0;
    while ((begin = text.find_first_not_of(' ', begin)) != std::string_view::npos) {
        const auto end = std::min(text.find(' ', begin), text.size());
        words.emplace_back(text.substr(begin, end - begin));
        begin = end;
    }
    return words;
}

// "Name: token token ...", folded before a token where the line would pass 78
// characters (RFC 5322 2.2.3). A fold is CRLF plus the blank that separated the tokens,
// so unfolding gives the text back.
std::string header(std::string_view name, const std::vector<std::string>& tokens)
{
    std::string out(name);
    out += ':';
    std::size_t line_length = out.size();
    for (const auto& token : tokens) {
        if (line_length + 1 + token.size() > max_header_line && line_length > name.size() + 1) {
            out += "\r\n";
            line_length = 0;
        }
        out += ' ';
        out += token;
        line_length += 1 + token.size();
    }
    out += "\r\n";
    return out;
}

// Unstructured text (a subject) as plain words where it is printable ASCII with no word
// too long to fold, else as encoded-words.
std::vector<std::string> unstructured_tokens(std::string_view utf8)
{
    const std::string text = without_controls(utf8);
    auto words = split_words(text);
    bool foldable = is_plain_ascii(text);
    for (const auto& word : words) {
        foldable = foldable && word.size() <= 64;
    }
    return foldable ? words : encoded_words(trim(text));
}

bool has_specials(std::string_view text)
{
    return text.find_first_of("()<>[]:;@\\,.\"") != std::string_view::npos;
}

// A display name as a phrase (RFC 5322 3.2.5): atoms, a quoted string where it holds
// specials like the comma of "Kösters, Andreas", or encoded-words for non-ASCII.
std::vector<std::string> display_name_tokens(std::string_view utf8)
{
    const std::string name{trim(without_controls(utf8))};
    if (!is_plain_ascii(name) || name.size() > 60) {
        return encoded_words(name);
    }
    if (!has_specials(name)) {
        return split_words(name);
    }
    std::string quoted = "\"";
    for (const char c : name) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return {quoted + '"'};
}

std::string mailbox_header(std::string_view name, const Mailbox& mailbox)
{
    const EmailAddress address(mailbox.address);  // refuses "Name <addr>", spaces, CR/LF
    auto tokens = display_name_tokens(mailbox.name);
    tokens.push_back(tokens.empty() ? address.str() : "<" + address.str() + ">");
    return header(name, tokens);
}

std::string date_header(boost::posix_time::ptime date)
{
    if (date.is_special()) {
        throw Error("the mail has no date; expected a UTC time for its Date header");
    }
    constexpr std::array<std::string_view, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto day = date.date();
    const auto time = date.time_of_day();
    return fmt::format("Date: {}, {:02} {} {} {:02}:{:02}:{:02} +0000\r\n", weekdays.at(day.day_of_week().as_number()),
                       day.day().as_number(), months.at(static_cast<std::size_t>(day.month().as_number() - 1)),
                       static_cast<int>(day.year()), time.hours(), time.minutes(), time.seconds());
}

std::string message_id_header(const std::string& id)
{
    const bool valid = !id.empty() && id.find('@') != std::string::npos && id.size() <= 900 &&
                       id.find_first_of("<>\" \t\r\n") == std::string::npos && is_plain_ascii(id);
    if (!valid) {
        throw Error(fmt::format("'{}' is not a message id; expected one like uid.1.person@planner.invalid, "
                                "without angle brackets or spaces",
                                id));
    }
    return "Message-ID: <" + id + ">\r\n";
}

// The value of the calendar's METHOD property, or empty when it has none.
std::string calendar_method(std::string_view calendar)
{
    std::size_t begin = 0;
    while (begin < calendar.size()) {
        const auto end = std::min(calendar.find('\n', begin), calendar.size());
        const auto line = trim(calendar.substr(begin, end - begin));
        if (line.size() > 7 && detail::iequals(line.substr(0, 7), "METHOD:")) {
            return std::string(trim(line.substr(7)));
        }
        if (detail::iequals(line, "BEGIN:VEVENT")) {
            break;  // METHOD belongs before the first component
        }
        begin = end + 1;
    }
    return {};
}

void check_method(const CalendarMessage& message)
{
    // The method goes into a Content-Type parameter: a token, nothing that could end it.
    const bool is_token = !message.method.empty() && std::all_of(message.method.begin(), message.method.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
    });
    if (!is_token) {
        throw Error(fmt::format("'{}' is not an iCalendar method; expected REQUEST, CANCEL or REPLY", message.method));
    }
    const auto method = calendar_method(message.calendar);
    if (method.empty()) {
        throw Error(fmt::format("the calendar of the mail has no METHOD line; expected METHOD:{}", message.method));
    }
    if (method != message.method) {
        throw Error(fmt::format("the mail's method '{}' does not match the calendar's METHOD:{}", message.method,
                                method));
    }
}

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 14695981039346656037ull)
{
    for (const char c : bytes) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    return hash;
}

// A boundary from the content, so the same message is composed byte for byte the same.
// "=_" cannot occur in quoted-printable or base64 text, so the boundary cannot occur in
// the parts; the loop checks it all the same.
std::string boundary_for(std::string_view parts)
{
    for (std::uint64_t salt = 0;; ++salt) {
        auto boundary = fmt::format("=_planner_{:016x}", fnv1a(parts, fnv1a(fmt::format("{}", salt))));
        if (parts.find("--" + boundary) == std::string_view::npos) {
            return boundary;
        }
    }
}

// From, To, Reply-To, Subject, Date, Message-ID and MIME-Version: what every message
// of ours starts with, before its Content-Type.
std::string envelope_headers(const Mailbox& from, const Mailbox& to, const std::optional<Mailbox>& reply_to,
                             std::string_view subject, boost::posix_time::ptime date, const std::string& message_id)
{
    std::string out = mailbox_header("From", from);
    out += mailbox_header("To", to);
    if (reply_to) {
        out += mailbox_header("Reply-To", *reply_to);
    }
    out += header("Subject", unstructured_tokens(subject));
    out += date_header(date);
    out += message_id_header(message_id);
    out += "MIME-Version: 1.0\r\n";
    return out;
}

}  // namespace

std::string compose(const TextMessage& message)
{
    std::string out = envelope_headers(message.from, message.to, message.reply_to, message.subject, message.date,
                                       message.message_id);
    out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
    out += detail::encode_quoted_printable(message.text);
    return out;
}

std::string compose(const CalendarMessage& message)
{
    check_method(message);
    const std::string text_part = "Content-Type: text/plain; charset=UTF-8\r\n"
                                  "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
                                  detail::encode_quoted_printable(message.text);
    // base64 keeps the calendar's CRLF and long lines intact through any relay.
    const std::string calendar_part = fmt::format("Content-Type: text/calendar; method={}; charset=UTF-8\r\n"
                                                  "Content-Transfer-Encoding: base64\r\n\r\n",
                                                  message.method) +
                                      detail::encode_base64_lines(message.calendar);
    const auto boundary = boundary_for(text_part + calendar_part);

    std::string out = envelope_headers(message.from, message.to, message.reply_to, message.subject, message.date,
                                       message.message_id);
    out += header("Content-Type", {"multipart/alternative;", "boundary=\"" + boundary + "\""});
    out += "\r\n";
    out += "--" + boundary + "\r\n" + text_part;
    out += "--" + boundary + "\r\n" + calendar_part;
    out += "--" + boundary + "--\r\n";
    return out;
}

}  // namespace planner::mail
