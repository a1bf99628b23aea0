#pragma once
// What the PDFs of print share (an attendance list, invitation letters): A4 in PDF points,
// the cairo and pango objects of one document, and one typesetter that measures and
// draws with the same fonts. Internal to print/src.

#include <planner/error.hpp>

#include <cairo.h>
#include <pango/pangocairo.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace planner::print {

constexpr double mm = 72.0 / 25.4;
constexpr double page_width = 595.28;  // A4
constexpr double page_height = 841.89;

// Owns the cairo and pango objects of one document; each type is released by its
// own function, so one stateless deleter with an overload per type.
struct Release {
    void operator()(cairo_surface_t* surface) const noexcept { cairo_surface_destroy(surface); }
    void operator()(cairo_t* cairo) const noexcept { cairo_destroy(cairo); }
    void operator()(PangoFontMap* font_map) const noexcept { g_object_unref(font_map); }
    void operator()(PangoContext* context) const noexcept { g_object_unref(context); }
    void operator()(PangoLayout* layout) const noexcept { g_object_unref(layout); }
    void operator()(PangoFontDescription* font) const noexcept { pango_font_description_free(font); }
};
template <class T>
using Owned = std::unique_ptr<T, Release>;

enum class Font { body, bold, title, heading, small, letter, letter_bold, letter_small };

// One pango layout on the document's cairo context: measuring and drawing go through
// the same fonts and metrics, so what the layout step measures is what gets drawn.
class Typesetter {
public:
    explicit Typesetter(cairo_t* cairo)
        : cairo_(cairo), font_map_(pango_cairo_font_map_new()),
          context_(pango_font_map_create_context(font_map_.get())),
          fonts_{font("DejaVu Sans 9"),       font("DejaVu Sans Bold 9"),  font("DejaVu Sans Bold 12"),
                 font("DejaVu Sans Bold 14"), font("DejaVu Sans 7"),       font("DejaVu Sans 10.5"),
                 font("DejaVu Sans Bold 10.5"), font("DejaVu Sans 7.5")}
    {
        // Pango's default of 96 dpi would make "9" larger than 9 points on a page
        // measured in points.
        pango_cairo_context_set_resolution(context_.get(), 72);
        pango_cairo_update_context(cairo_, context_.get());
        layout_.reset(pango_layout_new(context_.get()));
        // Words longer than the column (a long compound name) break between
        // characters rather than run into the next cell.
        pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    }

    // The height of `text` wrapped to `width`.
    double height(std::string_view text, Font style, double width)
    {
        set(text, style, width);
        return laid_out_height();
    }

    // `text` as it is wrapped to `width`: one string per laid-out line.
    std::vector<std::string> wrapped_lines(std::string_view text, Font style, double width)
    {
        set(text, style, width);
        std::vector<std::string> lines;
        const int count = pango_layout_get_line_count(layout_.get());
        for (int i = 0; i < count; ++i) {
            const PangoLayoutLine* line = pango_layout_get_line_readonly(layout_.get(), i);
            const auto start = static_cast<std::size_t>(line->start_index);
            lines.emplace_back(text.substr(std::min(start, text.size()), static_cast<std::size_t>(line->length)));
        }
        return lines;
    }

    // The width of `text` on one line.
    double width(std::string_view text, Font style)
    {
        set(text, style, -1);
        int logical_width = 0;
        pango_layout_get_size(layout_.get(), &logical_width, nullptr);
        return pango_units_to_double(logical_width);
    }

    // Draws `text` wrapped to `width` with its top left corner at (x, y); returns its
    // height, as height() would.
    double draw(std::string_view text, Font style, double x, double y, double width)
    {
        set(text, style, width);
        cairo_move_to(cairo_, x, y);
        pango_cairo_show_layout(cairo_, layout_.get());
        return laid_out_height();
    }

private:
    static Owned<PangoFontDescription> font(const char* description)
    {
        return Owned<PangoFontDescription>(pango_font_description_from_string(description));
    }

    void set(std::string_view text, Font style, double width)
    {
        pango_layout_set_font_description(layout_.get(), fonts_.at(static_cast<std::size_t>(style)).get());
        // A width of -1 is pango's "do not wrap".
        pango_layout_set_width(layout_.get(), width < 0 ? -1 : pango_units_from_double(width));
        pango_layout_set_text(layout_.get(), text.data(), static_cast<int>(text.size()));
    }

    double laid_out_height()
    {
        int logical_height = 0;
        pango_layout_get_size(layout_.get(), nullptr, &logical_height);
        return pango_units_to_double(logical_height);
    }

    cairo_t* cairo_;
    // A font map of our own rather than pango's default: the default lives as long
    // as the thread and keeps every font it has loaded; ours goes with the document.
    Owned<PangoFontMap> font_map_;
    Owned<PangoContext> context_;
    std::array<Owned<PangoFontDescription>, 8> fonts_;
    Owned<PangoLayout> layout_;
};

// Throws planner::Error naming `what` when cairo failed.
inline void check_cairo(cairo_status_t status, std::string_view what)
{
    if (status != CAIRO_STATUS_SUCCESS) {
        throw Error(fmt::format("cannot write {} as PDF: {}", what, cairo_status_to_string(status)));
    }
}

// cairo's write function for a PDF kept in a std::string (the closure).
inline cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length)
{
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (...) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

}  // namespace planner::print
