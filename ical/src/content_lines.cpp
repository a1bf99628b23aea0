#include <planner/ical/content_lines.hpp>

namespace planner::ical {
namespace {

bool is_utf8_continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

}  // namespace

std::string unfold_lines(std::string_view text)
{
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool crlf_fold = text[i] == '\r' && i + 2 < text.size() && text[i + 1] == '\n' &&
                               (text[i + 2] == ' ' || text[i + 2] == '\t');
        const bool lf_fold = text[i] == '\n' && i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t');
        if (crlf_fold) {
            i += 2;
        } else if (lf_fold) {
            i += 1;
        } else {
            result += text[i];
        }
    }
    return result;
}

std::string fold_lines(std::string_view unfolded)
{
    std::string result;
    result.reserve(unfolded.size() + unfolded.size() / 64 * 3);
    std::size_t line_start = 0;
    while (line_start < unfolded.size()) {
        auto line_end = unfolded.find('\n', line_start);
        if (line_end == std::string_view::npos) {
            line_end = unfolded.size();
        }
        auto line = unfolded.substr(line_start, line_end - line_start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        // The first piece may take all 75 octets, each continuation 74 after its space.
        std::size_t room = max_line_octets;
        while (line.size() > room) {
            std::size_t cut = room;
            while (cut > 0 && is_utf8_continuation(line[cut])) {
                --cut;
            }
            result.append(line.substr(0, cut));
            result.append("\r\n ");
            line.remove_prefix(cut);
            room = max_line_octets - 1;
        }
        result.append(line);
        result.append("\r\n");
        line_start = line_end + 1;
    }
    return result;
}

}  // namespace planner::ical
