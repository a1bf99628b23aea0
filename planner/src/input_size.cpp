#include <planner/input_size.hpp>

#include <algorithm>

#include <planner/error.hpp>

#include <fmt/format.h>

namespace planner {

void require_input_size(std::string_view text, std::string_view source, std::string_view what)
{
    require_input_size(std::uintmax_t{text.size()}, source, what);
}

void require_input_size(std::uintmax_t bytes, std::string_view source, std::string_view what)
{
    if (bytes > max_input_file_bytes) {
        throw Error(fmt::format("{}: the file has {} bytes; the planner reads {} of at most {} bytes ({} MiB)", source,
                                bytes, what, max_input_file_bytes, max_input_file_bytes / (1024 * 1024)));
    }
}

std::size_t characters_in(std::string_view utf8)
{
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

std::optional<std::string> one_line_problem(std::string_view text, std::string_view what)
{
    if (characters_in(text) > max_line_characters) {
        return fmt::format("the {} has {} characters; at most {} are kept", what, characters_in(text),
                           max_line_characters);
    }
    if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        return fmt::format("the {} holds a line end or another control character; write it on one line", what);
    }
    return std::nullopt;
}

}  // namespace planner
