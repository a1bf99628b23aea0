#include <planner/shown_text.hpp>

namespace planner {
namespace {

enum class LineBreaks { keep, as_spaces };

std::string shown(std::string_view text, LineBreaks line_breaks)
{
    std::string shown;
    shown.reserve(text.size());
    const bool keep = line_breaks == LineBreaks::keep;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
        // C1 controls are two bytes in UTF-8: 0xC2 0x80 to 0xC2 0x9F.
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80) {
            shown += '?';
            ++i;
        } else if (c == '\n' || c == '\t' || crlf) {
            if (keep) {
                shown += text[i];
            } else {
                shown += ' ';
                i += crlf ? 1 : 0;  // CRLF is one line end, one space
            }
        } else if (c < 0x20 || c == 0x7F) {
            shown += '?';
        } else {
            shown += text[i];
        }
    }
    return shown;
}

}  // namespace

std::string terminal_text(std::string_view text)
{
    return shown(text, LineBreaks::keep);
}

std::string one_line_text(std::string_view text)
{
    return shown(text, LineBreaks::as_spaces);
}

std::string html_escaped(std::string_view text)
{
    std::string escaped;
    escaped.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&': escaped += "&amp;"; break;
        case '<': escaped += "&lt;"; break;
        case '>': escaped += "&gt;"; break;
        case '"': escaped += "&quot;"; break;
        case '\'': escaped += "&#39;"; break;
        default: escaped += c;
        }
    }
    return escaped;
}

}  // namespace planner
