#include "terminal_text.hpp"

namespace planner::cli {

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
