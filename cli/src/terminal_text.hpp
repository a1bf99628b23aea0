#pragma once

#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace planner::cli {

// Text from other people's files (a SUMMARY, a CN, a value quoted in a message) shown
// in a terminal: a control character such as ESC would be run by the terminal, not
// shown, so every one but line end and tab becomes '?', as do the C1 controls
// (U+0080 to U+009F) that some terminals run too.
[[nodiscard]] std::string terminal_text(std::string_view text);

// A stream that writes each line through terminal_text to `target`: the planner's
// messages on standard error are safe whatever file they quote.
class TerminalStream : public std::ostream {
public:
    explicit TerminalStream(std::ostream& target);
    TerminalStream(const TerminalStream&) = delete;
    TerminalStream& operator=(const TerminalStream&) = delete;
    ~TerminalStream() override;

private:
    class Buffer : public std::streambuf {
    public:
        explicit Buffer(std::ostream& target) : target_(target) {}
        int flush_line();

    protected:
        int_type overflow(int_type c) override;
        int sync() override;

    private:
        std::ostream& target_;
        std::string line_;
    };
    Buffer buffer_;
};

}  // namespace planner::cli
