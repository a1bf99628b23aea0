#include <planner/mail/calendar_part.hpp>

#include "encoding.hpp"

#include <planner/error.hpp>
#include <planner/input_size.hpp>
#include <planner/shown_text.hpp>

#include <fmt/format.h>
#include <gmime/gmime.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

// GMime parses the mail (it reads what real clients write, as Python's email package
// does: multiparts that never close, parameters in RFC 2231 or broken quoting) and
// decodes the transfer encodings and charsets. The planner keeps its own checks
// around it: which part is the answer, base64 that GMime would silently skip
// characters of, encodings and charsets it cannot read, and files that are no mail.
namespace planner::mail {
namespace {

using detail::iequals;
using detail::to_lower;
using detail::trim;

// Owns GMime's objects and glib's strings: one stateless deleter, as for libical.
struct GMimeDeleter {
    void operator()(GMimeStream* stream) const noexcept { g_object_unref(stream); }
    void operator()(GMimeParser* parser) const noexcept { g_object_unref(parser); }
    void operator()(GMimeMessage* message) const noexcept { g_object_unref(message); }
    void operator()(char* text) const noexcept { g_free(text); }
};
template <class T>
using Owned = std::unique_ptr<T, GMimeDeleter>;

// An iconv descriptor from GMime's cache, which maps MIME charset names to iconv's.
class Converter {
public:
    Converter(const char* to, const char* from) : cd_(g_mime_iconv_open(to, from)) {}
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
    ~Converter()
    {
        if (valid()) {
            g_mime_iconv_close(cd_);
        }
    }
    [[nodiscard]] bool valid() const noexcept { return cd_ != reinterpret_cast<iconv_t>(-1); }
    [[nodiscard]] iconv_t get() const noexcept { return cd_; }

private:
    iconv_t cd_;
};

// g_mime_init() is not thread-safe; it runs once per process, on first use.
void initialise_gmime()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

constexpr int max_depth = 32;

bool is_header_field(std::string_view line)
{
    const auto colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) {
        return false;
    }
    for (const char c : line.substr(0, colon)) {
        if (c <= ' ' || c > '~') {
            return false;
        }
    }
    return true;
}

bool starts_with_calendar(std::string_view text)
{
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    text = trim(text);
    return text.size() >= 15 && iequals(text.substr(0, 15), "BEGIN:VCALENDAR");
}

// The start of the text's first line for a message: at most 40 bytes, never half a
// UTF-8 character, cleaned as every line shown is (one_line_text).
std::string first_line(std::string_view text)
{
    text = trim(text);
    auto line = text.substr(0, text.find_first_of("\r\n"));
    if (line.size() > 40) {
        std::size_t end = 40;
        while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xc0) == 0x80) {
            --end;
        }
        line = line.substr(0, end);
    }
    return one_line_text(line);
}

std::string mime_type(GMimeObject* object)
{
    const Owned<char> type(g_mime_content_type_get_mime_type(g_mime_object_get_content_type(object)));
    return to_lower(type ? type.get() : "text/plain");
}

std::string header(GMimeObject* object, const char* name)
{
    const char* value = g_mime_object_get_header(object, name);
    return value == nullptr ? std::string{} : std::string(trim(value));
}

std::string parameter(GMimeObject* object, const char* name)
{
    const char* value = g_mime_content_type_get_parameter(g_mime_object_get_content_type(object), name);
    return value == nullptr ? std::string{} : std::string(trim(value));
}

std::string filename(GMimePart* part)
{
    const char* name = g_mime_part_get_filename(part);  // Content-Disposition, else the type's name
    return name == nullptr ? std::string{} : to_lower(trim(name));
}

// The bytes of a stream from its start, whatever was read of it before.
std::string read_all(GMimeStream* stream)
{
    std::string bytes;
    if (g_mime_stream_reset(stream) != 0) {
        return bytes;
    }
    std::array<char, 4096> buffer{};
    for (;;) {
        const auto count = g_mime_stream_read(stream, buffer.data(), buffer.size());
        if (count <= 0) {
            break;
        }
        bytes.append(buffer.data(), static_cast<std::size_t>(count));
    }
    return bytes;
}

// The parts a reply may be in, in the order they are taken, and the Outlook formats
// the planner names when they are all there is.
enum class Kind { calendar, ics_attachment, tnef, outlook_item, other };

Kind kind_of(GMimeObject* object)
{
    const auto type = mime_type(object);
    const auto name = filename(GMIME_PART(object));
    if (type == "text/calendar") {
        return Kind::calendar;
    }
    if (type == "application/ics" || name.ends_with(".ics")) {
        return Kind::ics_attachment;
    }
    if (type == "application/ms-tnef" || type == "application/vnd.ms-tnef" || name == "winmail.dat") {
        return Kind::tnef;
    }
    if (type == "application/vnd.ms-outlook" || name.ends_with(".msg")) {
        return Kind::outlook_item;
    }
    return Kind::other;
}

// What to do with an answer in one of Outlook's own formats.
constexpr std::string_view save_as_eml = "save the answer as .eml instead (Outlook on the web, the new Outlook and "
                                         "Outlook for Mac save mail as .eml), or as .ics";
constexpr std::string_view answer_again = "ask the participant to answer again with Outlook set to HTML or plain "
                                          "text, or open the answer in Outlook and save it as .eml";

// `bytes` converted into `text`; the offset of the first byte that is no character of
// the source charset (or starts one cut off at the end), if any.
std::optional<std::size_t> converted(const std::string& bytes, const Converter& converter, std::string& text)
{
    std::string input = bytes;  // iconv takes a non-const pointer
    char* in = input.data();
    std::size_t in_left = input.size();
    std::array<char, 4096> buffer{};
    iconv(converter.get(), nullptr, nullptr, nullptr, nullptr);  // GMime caches descriptors: reset the state
    while (in_left > 0) {
        char* out = buffer.data();
        std::size_t out_left = buffer.size();
        const auto result = iconv(converter.get(), &in, &in_left, &out, &out_left);
        text.append(buffer.data(), buffer.size() - out_left);
        if (result == static_cast<std::size_t>(-1) && errno != E2BIG) {
            return static_cast<std::size_t>(in - input.data());
        }
    }
    return std::nullopt;
}

class MailReader {
public:
    MailReader(std::string_view text, std::string_view source) : text_(text), source_(source) {}

    ReceivedCalendar calendar(std::size_t headers_begin)
    {
        initialise_gmime();
        // GMime copies the text; offsets in the parse are offsets into text_.
        const Owned<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(text_.data(), text_.size()));
        g_mime_stream_seek(stream.get(), static_cast<gint64>(headers_begin), GMIME_STREAM_SEEK_SET);
        const Owned<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
        g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
        const Owned<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
        if (!message || g_mime_message_get_mime_part(message.get()) == nullptr) {
            throw Error(fmt::format("{}: not a mail the planner can read; expected an answer to an invitation", source_));
        }
        collect(g_mime_message_get_mime_part(message.get()), 0);

        for (const Kind wanted : {Kind::calendar, Kind::ics_attachment}) {
            for (const auto& [part, kind] : parts_) {
                if (kind == wanted) {
                    return {calendar_text(part), senders(message.get())};
                }
            }
        }
        refuse_without_calendar(GMIME_OBJECT(message.get()));
    }

private:
    static std::vector<std::string> senders(GMimeMessage* message)
    {
        std::vector<std::string> addresses;
        if (InternetAddressList* from = g_mime_message_get_from(message)) {
            add_mailboxes(from, addresses, 0);
        }
        return addresses;
    }

    // A From may hold groups ("Team: a@x, b@y;"), whose members are the mailboxes.
    static void add_mailboxes(InternetAddressList* list, std::vector<std::string>& addresses, int depth)
    {
        for (int i = 0; i < internet_address_list_length(list); ++i) {
            InternetAddress* address = internet_address_list_get_address(list, i);
            if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
                const char* mailbox = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
                if (mailbox != nullptr && *mailbox != '\0') {
                    addresses.emplace_back(mailbox);
                }
            } else if (INTERNET_ADDRESS_IS_GROUP(address) && depth < max_depth) {
                add_mailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), addresses,
                              depth + 1);
            }
        }
    }

    [[nodiscard]] std::size_t line_at(std::size_t offset) const
    {
        const auto before = text_.substr(0, offset);
        return 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    }

    [[nodiscard]] std::string where(std::size_t offset) const { return fmt::format("{}:{}", source_, line_at(offset)); }

    // Where a part starts: its first header line (the planner's messages point there).
    [[nodiscard]] std::string where(GMimeObject* object) const
    {
        GMimeHeaderList* headers = g_mime_object_get_header_list(object);
        gint64 first = -1;
        for (int i = 0; i < g_mime_header_list_get_count(headers); ++i) {
            const gint64 offset = g_mime_header_get_offset(g_mime_header_list_get_header_at(headers, i));
            if (offset >= 0 && (first < 0 || offset < first)) {
                first = offset;
            }
        }
        return first < 0 ? std::string(source_) : where(static_cast<std::size_t>(first));
    }

    // Adds the leaves under `object` to parts_, depth first, inside attached messages
    // too: a forwarded answer has its calendar in the message/rfc822 part.
    void collect(GMimeObject* object, int depth)
    {
        if (depth > max_depth) {
            throw Error(fmt::format("{}: MIME parts nested more than {} deep", where(object), max_depth));
        }
        if (GMIME_IS_MULTIPART(object)) {
            // GMime would read a multipart without boundary as one without parts.
            if (parameter(object, "boundary").empty()) {
                throw Error(fmt::format("{}: {} without a boundary parameter", where(object), mime_type(object)));
            }
            auto* multipart = GMIME_MULTIPART(object);
            for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
                collect(g_mime_multipart_get_part(multipart, i), depth + 1);
            }
        } else if (GMIME_IS_MESSAGE_PART(object)) {
            GMimeMessage* attached = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
            if (attached != nullptr && g_mime_message_get_mime_part(attached) != nullptr) {
                collect(g_mime_message_get_mime_part(attached), depth + 1);
            }
        } else if (GMIME_IS_PART(object)) {
            parts_.emplace_back(GMIME_PART(object), kind_of(object));
        }
    }

    [[noreturn]] void refuse_without_calendar(GMimeObject* message) const
    {
        for (const auto& [part, kind] : parts_) {
            if (kind == Kind::tnef) {
                throw Error(fmt::format("{}: the answer is in a winmail.dat attachment (TNEF, Outlook's rich-text "
                                        "format), which the planner cannot read; {}",
                                        where(GMIME_OBJECT(part)), answer_again));
            }
            if (kind == Kind::outlook_item) {
                throw Error(fmt::format("{}: the answer is in an attached Outlook .msg file, which the planner "
                                        "cannot read; {}",
                                        where(GMIME_OBJECT(part)), save_as_eml));
            }
        }
        // An out-of-office notice is the commonest mail that comes back instead of an
        // answer; RFC 3834 marks it "Auto-Submitted: auto-replied" ("no" for mail a person sent).
        const auto field = to_lower(header(message, "Auto-Submitted"));
        const auto auto_submitted = std::string(trim(std::string_view(field).substr(0, field.find(';'))));
        if (!auto_submitted.empty() && auto_submitted != "no") {
            throw Error(fmt::format("{}: no text/calendar part in the mail; it is an automatic reply "
                                    "(Auto-Submitted: {}), such as an out-of-office notice, not an answer to the "
                                    "invitation",
                                    source_, auto_submitted));
        }
        throw Error(fmt::format("{}: no text/calendar part in the mail; expected an answer to an invitation", source_));
    }

    [[nodiscard]] std::string calendar_text(GMimePart* part) const
    {
        auto* object = GMIME_OBJECT(part);
        const auto type = mime_type(object);
        auto text = to_utf8(decoded(part, type), object, type);
        text = crlf_lines(text);
        if (trim(text).empty()) {
            throw Error(fmt::format("{}: the {} part is empty; expected an iCalendar text", where(object), type));
        }
        if (!starts_with_calendar(text)) {
            throw Error(fmt::format("{}: the {} part holds no iCalendar text (it starts with '{}'); expected "
                                    "BEGIN:VCALENDAR",
                                    where(object), type, first_line(text)));
        }
        return text;
    }

    // The part's bytes without their transfer encoding.
    [[nodiscard]] std::string decoded(GMimePart* part, const std::string& type) const
    {
        auto* object = GMIME_OBJECT(part);
        const auto encoding = to_lower(header(object, "Content-Transfer-Encoding"));
        if (!encoding.empty() && encoding != "7bit" && encoding != "8bit" && encoding != "binary" &&
            encoding != "base64" && encoding != "quoted-printable") {
            throw Error(fmt::format("{}: the {} part is encoded as '{}'; expected base64, quoted-printable, 7bit "
                                    "or 8bit",
                                    where(object), type, encoding));
        }
        GMimeDataWrapper* content = g_mime_part_get_content(part);
        if (content == nullptr) {
            return {};
        }
        if (encoding == "base64") {
            check_base64(g_mime_data_wrapper_get_stream(content), type);
        }
        const Owned<GMimeStream> bytes(g_mime_stream_mem_new());
        if (g_mime_data_wrapper_write_to_stream(content, bytes.get()) < 0) {
            throw Error(fmt::format("{}: the {} part cannot be decoded", where(object), type));
        }
        const GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(bytes.get()));
        return {reinterpret_cast<const char*>(array->data), array->len};
    }

    // GMime's decoder skips what is not base64, which shifts every byte after it: the
    // calendar would be garbage. The planner refuses such a part and says where.
    void check_base64(GMimeStream* raw, const std::string& type) const
    {
        const auto encoded = read_all(raw);
        // The part's place in the mail, when GMime kept the bytes where they were.
        const auto start = static_cast<std::size_t>(std::max<gint64>(raw->bound_start, 0));
        const bool in_place = text_.substr(std::min(start, text_.size())).starts_with(encoded);
        const auto at = [&](std::size_t i) { return in_place ? where(start + i) : std::string(source_); };
        std::size_t sextets = 0;
        std::size_t last = 0;
        bool padded = false;
        for (std::size_t i = 0; i < encoded.size(); ++i) {
            const auto c = static_cast<unsigned char>(encoded[i]);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (c == '=') {
                padded = true;
                continue;
            }
            const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                  c == '+' || c == '/';
            if (!alphabet || padded) {
                const auto line_start = encoded.rfind('\n', i) == std::string::npos ? 0 : encoded.rfind('\n', i) + 1;
                const auto shown = c < 0x20 || c > 0x7e ? fmt::format("\\x{:02X}", c) : std::string(1, encoded[i]);
                throw Error(fmt::format("{}: bad base64 in the {} part: '{}' at column {}", at(i), type, shown,
                                        i - line_start + 1));
            }
            ++sextets;
            last = i;
        }
        if (sextets % 4 == 1) {
            throw Error(fmt::format("{}: bad base64 in the {} part: it ends in the middle of a byte", at(last), type));
        }
    }

    // The text in UTF-8: converted from the declared charset through iconv; without
    // one (or with US-ASCII, which mailers write on 8-bit text too) UTF-8 when it is
    // valid, else Windows-1252, as older clients wrote it.
    [[nodiscard]] std::string to_utf8(const std::string& bytes, GMimeObject* object, const std::string& type) const
    {
        const auto declared = parameter(object, "charset");
        const auto charset = declared.empty() ? std::string{} : to_lower(g_mime_charset_canon_name(declared.c_str()));
        const bool ascii = charset == "us-ascii" || charset == "ascii";
        if (charset == "utf-8" || ((charset.empty() || ascii) && detail::is_valid_utf8(bytes))) {
            return bytes;
        }
        // Mails labelled ISO-8859-1 (or ASCII) really are Windows-1252, its superset, as
        // the WHATWG encoding standard reads them.
        const bool declared_1252 = charset == "windows-cp1252" || charset == "windows-1252" || charset == "cp1252";
        const bool windows1252 = declared_1252 || charset.empty() || ascii ||
                                 charset == "iso-8859-1" || charset == "latin1" || charset == "latin-1" ||
                                 charset == "l1";
        const Converter converter("UTF-8", windows1252 ? "windows-1252" : charset.c_str());
        if (!converter.valid()) {
            throw Error(fmt::format("{}: the {} part is in charset '{}', which the planner cannot convert; expected "
                                    "UTF-8, ISO-8859-1, ISO-8859-15 or Windows-1252",
                                    where(object), type, declared));
        }
        std::string text;
        if (const auto bad = converted(bytes, converter, text)) {
            const auto before = std::string_view(bytes).substr(0, *bad);
            const auto line = 1 + std::count(before.begin(), before.end(), '\n');
            const auto in = declared.empty()          ? std::string("UTF-8 or Windows-1252 (it declares no charset)")
                            : declared_1252           ? std::string("Windows-1252")
                            : windows1252             ? fmt::format("Windows-1252, as which its charset {} is read",
                                                                    declared)
                                                      : declared;
            throw Error(fmt::format("{}: byte 0x{:02X} on line {} of the {} part is no character in {}", where(object),
                                    static_cast<unsigned char>(bytes[*bad]), line, type, in));
        }
        return text;
    }

    // The lines of the calendar, each ending in CRLF however the mail was saved; no BOM,
    // no blank lines before the part's end.
    static std::string crlf_lines(std::string_view text)
    {
        if (text.starts_with("\xEF\xBB\xBF")) {
            text.remove_prefix(3);
        }
        std::string out;
        out.reserve(text.size() + text.size() / 32);
        std::size_t begin = 0;
        while (begin < text.size()) {
            const auto end = std::min(text.find('\n', begin), text.size());
            auto line = text.substr(begin, end - begin);
            if (line.ends_with('\r')) {
                line.remove_suffix(1);
            }
            out += line;
            out += "\r\n";
            begin = end + 1;
        }
        while (out.ends_with("\r\n\r\n")) {
            out.resize(out.size() - 2);
        }
        return out == "\r\n" ? std::string{} : out;
    }

    std::string_view text_;
    std::string_view source_;
    std::vector<std::pair<GMimePart*, Kind>> parts_;  // borrowed from the message
};

}  // namespace

std::string calendar_part(std::string_view mail_or_calendar, std::string_view source)
{
    return received_calendar(mail_or_calendar, source).calendar;
}

ReceivedCalendar received_calendar(std::string_view mail_or_calendar, std::string_view source)
{
    // GMime reads the whole message into memory, and slowly where it is hostile.
    require_input_size(mail_or_calendar, source, "mails and calendars");
    if (starts_with_calendar(mail_or_calendar)) {
        return {std::string(mail_or_calendar), {}};
    }
    // Outlook's own formats, by their signatures: an OLE compound file (MS-CFB) and TNEF
    // (MS-OXTNEF, 0x223E9F78 little-endian).
    if (mail_or_calendar.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        throw Error(fmt::format("{}: this is an Outlook .msg file, which the planner cannot read; {}", source,
                                save_as_eml));
    }
    if (mail_or_calendar.starts_with("\x78\x9F\x3E\x22")) {
        throw Error(fmt::format("{}: this is a winmail.dat file (TNEF, Outlook's rich-text format), which the "
                                "planner cannot read; {}",
                                source, answer_again));
    }
    // An mbox file starts with a "From sender date" line before the headers.
    std::size_t headers = 0;
    std::size_t line = 1;
    if (mail_or_calendar.starts_with("From ")) {
        headers = std::min(mail_or_calendar.find('\n'), mail_or_calendar.size() - 1) + 1;
        line = 2;
    }
    const auto rest = mail_or_calendar.substr(headers);
    auto first = rest.substr(0, std::min(rest.find('\n'), rest.size()));
    if (first.ends_with('\r')) {
        first.remove_suffix(1);
    }
    if (!is_header_field(first)) {
        // The message quotes the start only when it is text.
        if (!detail::is_valid_utf8(first) || first.find('\0') != std::string_view::npos) {
            throw Error(fmt::format("{}:{}: neither a mail nor an iCalendar file, not even text (it starts with "
                                    "byte 0x{:02X}); expected an answer to an invitation",
                                    source, line, static_cast<unsigned char>(first.empty() ? '\0' : first.front())));
        }
        throw Error(fmt::format("{}:{}: neither a mail nor an iCalendar file (it starts with '{}'); expected an "
                                "answer to an invitation",
                                source, line, first_line(first)));
    }
    return MailReader(mail_or_calendar, source).calendar(headers);
}

}  // namespace planner::mail
