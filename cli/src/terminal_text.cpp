#include "terminal_text.hpp"

namespace planner::cli {

std::string terminal_text(std::string_view text)
{
    std::string shown;
    shown.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        // C1 controls are two bytes in UTF-8: 0xC2 0x80 to 0xC2 0x9F.
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80) {
            shown += '?';
            ++i;
        } else if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {
            shown += '?';
        } else {
            shown += text[i];
        }
    }
    return shown;
}

TerminalStream::TerminalStream(std::ostream& target) : std::ostream(&buffer_), buffer_(target) {}

TerminalStream::~TerminalStream()
{
    buffer_.flush_line();
}

int TerminalStream::Buffer::flush_line()
{
    target_ << terminal_text(line_);
    line_.clear();
    target_.flush();
    return target_ ? 0 : -1;
}

TerminalStream::Buffer::int_type TerminalStream::Buffer::overflow(int_type c)
{
    if (traits_type::eq_int_type(c, traits_type::eof())) {
        return traits_type::not_eof(c);
    }
    line_ += traits_type::to_char_type(c);
    if (traits_type::to_char_type(c) == '\n' && flush_line() != 0) {
        return traits_type::eof();
    }
    return c;
}

int TerminalStream::Buffer::sync()
{
    return flush_line();
}

}  // namespace planner::cli
