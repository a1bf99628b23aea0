#include "form_file.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>

namespace planner::web {

std::string form_version(std::string_view record_text)
{
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : record_text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return fmt::format("{:016x}", hash);
}

void FormFile::line(std::string_view text, std::string_view field)
{
    text_ += text;
    text_ += '\n';
    field_of_line_.emplace_back(field);
}

void FormFile::key(std::string_view name, std::string_view value, std::string_view field)
{
    line(fmt::format("{} = {}", name, value), field);
}

FieldProblems FormFile::problem_of(const std::string& message) const
{
    const auto prefix = std::string(source) + ":";
    if (message.starts_with(prefix)) {
        std::size_t line = 0;
        const auto* first = message.data() + prefix.size();
        const auto* last = message.data() + message.size();
        const auto [after, error] = std::from_chars(first, last, line);
        if (error == std::errc() && after != last && *after == ':') {
            const auto text_start = message.find(": ", static_cast<std::size_t>(after - message.data()));
            const auto text = text_start == std::string::npos ? message : message.substr(text_start + 2);
            return {{line < field_of_line_.size() ? field_of_line_[line] : std::string(), text}};
        }
    }
    return {{"", message}};
}

}  // namespace planner::web
