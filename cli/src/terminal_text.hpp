#pragma once

#include <planner/shown_text.hpp>

#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace planner::cli {

// A stream that writes each line through terminal_text (<planner/shown_text.hpp>) to
// `target`: the planner's messages on standard error are safe whatever file they quote.
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
