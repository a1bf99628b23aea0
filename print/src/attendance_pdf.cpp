#include <planner/error.hpp>
#include <planner/print/formats.hpp>

#include "typesetter.hpp"

#include <cairo-pdf.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planner::print {
namespace {

// Geometry in PDF points. A4 portrait; 15 mm margins leave room for office printers
// that cannot print to the edge.
constexpr double margin = 15 * mm;
constexpr double content_width = page_width - 2 * margin;
constexpr double cell_padding = 1.2 * mm;
// People sign in the rows, so a row is never lower than this.
constexpr double min_row_height = 12 * mm;
constexpr double number_width = 9 * mm;
constexpr double signature_width = 45 * mm;
constexpr double line_gap = 1 * mm;
constexpr double section_gap = 5 * mm;

// A line of the page header or footer.
struct TextBlock {
    std::string text;
    Font style;
};

std::vector<TextBlock> page_header(const AttendanceList& list, Language language)
{
    return {{std::string(wording(language).heading), Font::heading},
            {list.title, Font::title},
            {list.when, Font::body},
            {list.venue, Font::body},
            {organisers_line(list, language), Font::body}};
}

std::vector<TextBlock> page_footer(const AttendanceList& list, const ListOptions& options, int page, int pages)
{
    return {{fmt::format(fmt::runtime(wording(options.language).page_of), page, pages), Font::body},
            {privacy_note(list, options), Font::small}};
}

double blocks_height(Typesetter& type, const std::vector<TextBlock>& blocks)
{
    double height = 0;
    for (const auto& block : blocks) {
        height += type.height(block.text, block.style, content_width) + line_gap;
    }
    return height;
}

// Draws the blocks downwards from `y`; returns where the next thing starts.
double draw_blocks(Typesetter& type, const std::vector<TextBlock>& blocks, double y)
{
    for (const auto& block : blocks) {
        y += type.draw(block.text, block.style, margin, y, content_width) + line_gap;
    }
    return y;
}

// The widest part of `text` that pango does not break: a word, or a part of a
// double name like "Leutheusser-Schnarrenberger", which breaks after the hyphen.
double widest_unbreakable(Typesetter& type, std::string_view text, Font style)
{
    double widest = 0;
    for (std::size_t start = 0; start < text.size();) {
        auto end = std::min(text.find_first_of(" -", start), text.size());
        const auto next = end + 1;
        if (end < text.size() && text[end] == '-') {
            ++end;
        }
        widest = std::max(widest, type.width(text.substr(start, end - start), style));
        start = next;
    }
    return widest;
}

// How wide a column would like to be, and the least it can be without breaking a
// word: a county or a function split in the middle is hard to read.
struct ColumnSpace {
    double preferred;
    double least;
};

// The text columns share what Nr. and the signature leave, names first: they are
// what people look for, and an organisation's name often needs lines anyway.
double share(Column column)
{
    switch (column) {
    case Column::name: return 3.5;
    case Column::organisation: return 3.0;
    case Column::county: return 2.0;
    case Column::function: return 2.0;
    case Column::number:
    case Column::signature: return 0.0;
    }
    return 0.0;
}

std::vector<ColumnSpace> column_spaces(Typesetter& type, const std::vector<Column>& columns,
                                       const std::vector<std::string>& titles, const AttendanceList& list)
{
    std::vector<double> least;
    double fixed = 0;
    double shares = 0;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        double widest = widest_unbreakable(type, titles[c], Font::bold);
        for (const auto& row : list.rows) {
            widest = std::max(widest, widest_unbreakable(type, cell(row, columns[c]), Font::body));
        }
        least.push_back(widest + 2 * cell_padding);
        // Nr. is as narrow as its numbers allow; the signature column is empty but
        // wide enough to sign in.
        if (columns[c] == Column::number) {
            least.back() = std::max(least.back(), number_width);
        } else if (columns[c] == Column::signature) {
            least.back() = signature_width;
        }
        fixed += share(columns[c]) == 0 ? least.back() : 0;
        shares += share(columns[c]);
    }
    std::vector<ColumnSpace> spaces;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const bool text = share(columns[c]) > 0;
        spaces.push_back({text ? (content_width - fixed) * share(columns[c]) / shares : least[c], least[c]});
    }
    return spaces;
}

// Takes `amount` off the widths, from each in proportion to what it can spare.
void take_width(std::vector<double>& widths, const std::vector<double>& spare, double amount)
{
    double total = 0;
    for (const double s : spare) {
        total += s;
    }
    if (amount <= 0 || total <= 0) {
        return;
    }
    for (std::size_t c = 0; c < widths.size(); ++c) {
        widths[c] -= spare[c] * std::min(1.0, amount / total);
    }
}

double overflow(const std::vector<double>& widths)
{
    double total = -content_width;
    for (const double width : widths) {
        total += width;
    }
    return total;
}

// Each column gets its preferred width or, if a word needs more, the least it can
// have. The columns with room to spare pay for that first; only if they cannot do
// the columns with the long words shrink back (to no less than their preferred
// width) and pango breaks those words between characters.
std::vector<double> column_widths(const std::vector<ColumnSpace>& spaces)
{
    std::vector<double> widths;
    std::vector<double> above_least;
    for (const auto& space : spaces) {
        widths.push_back(std::max(space.preferred, space.least));
        above_least.push_back(widths.back() - space.least);
    }
    take_width(widths, above_least, overflow(widths));
    std::vector<double> above_preferred;
    for (std::size_t c = 0; c < spaces.size(); ++c) {
        above_preferred.push_back(std::max(0.0, widths[c] - spaces[c].preferred));
    }
    take_width(widths, above_preferred, overflow(widths));
    return widths;
}

// What the table is made of, each thing measured before any page is drawn.
struct Item {
    enum class Kind { column_titles, group_heading, row, subtotal, total };
    Kind kind;
    std::vector<std::string> texts;  // a row's cells; the one text of anything else
    double height = 0;
};

struct Table {
    std::vector<double> widths;
    Item titles;
    std::vector<Item> items;
};

Item measured_row(Typesetter& type, Item::Kind kind, std::vector<std::string> cells, const std::vector<double>& widths)
{
    const auto style = kind == Item::Kind::column_titles ? Font::bold : Font::body;
    double height = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        height = std::max(height, type.height(cells[c], style, widths[c] - 2 * cell_padding) + 2 * cell_padding);
    }
    if (kind == Item::Kind::row) {
        height = std::max(height, min_row_height);
    }
    return {kind, std::move(cells), height};
}

Item measured_line(Typesetter& type, Item::Kind kind, std::string text)
{
    const double height = type.height(text, Font::bold, content_width - 2 * cell_padding) + 2 * cell_padding;
    return {kind, {std::move(text)}, kind == Item::Kind::total ? height + section_gap : height};
}

Table measured_table(Typesetter& type, const AttendanceList& list, const ListOptions& options)
{
    const auto columns = visible_columns(options);
    auto titles = column_titles(columns, options.language);
    Table table{column_widths(column_spaces(type, columns, titles, list)), {}, {}};
    table.titles = measured_row(type, Item::Kind::column_titles, std::move(titles), table.widths);
    const bool grouped = options.grouping == Grouping::county;
    for (const auto& group : row_groups(list, options.grouping)) {
        if (grouped) {
            table.items.push_back(measured_line(type, Item::Kind::group_heading, group.county));
        }
        for (const auto* row : group.rows) {
            table.items.push_back(measured_row(type, Item::Kind::row, cells(*row, columns), table.widths));
        }
        if (grouped) {
            table.items.push_back(measured_line(type, Item::Kind::subtotal, county_subtotal(group, options.language)));
        }
    }
    table.items.push_back(measured_line(type, Item::Kind::total, people_count(list.rows.size(), options.language)));
    return table;
}

// The items [first, last) of one page.
struct PageRange {
    std::size_t first = 0;
    std::size_t last = 0;
};

// A subtotal or the total belongs under the rows it counts; alone at the top of a
// page it would count nothing visible.
bool kept_with_previous(const Item& item)
{
    return item.kind == Item::Kind::subtotal || item.kind == Item::Kind::total;
}

// Fills pages in order; an item that does not fit starts a new page, so no row is
// split. A county heading needs room for its first row too, or it would stand alone
// at the bottom of a page; a subtotal or total that moves takes the row before it.
std::vector<PageRange> paginate(const std::vector<Item>& items, double room)
{
    std::vector<PageRange> pages{{0, 0}};
    double used = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        double needed = items[i].height;
        if (items[i].kind == Item::Kind::group_heading && i + 1 < items.size()) {
            needed += items[i + 1].height;
        }
        // An item taller than a whole page still gets a page of its own.
        if (used + needed > room && pages.back().first != i) {
            auto first = i;
            while (kept_with_previous(items[first]) && first - 1 > pages.back().first) {
                --first;
            }
            pages.back().last = first;
            pages.push_back({first, first});
            used = 0;
            for (auto moved = first; moved < i; ++moved) {
                used += items[moved].height;
            }
        }
        pages.back().last = i + 1;
        used += items[i].height;
    }
    return pages;
}

void stroke_cell(cairo_t* cairo, double x, double y, double width, double height, bool shaded)
{
    cairo_rectangle(cairo, x, y, width, height);
    if (shaded) {
        cairo_set_source_rgb(cairo, 0.9, 0.9, 0.9);
        cairo_fill_preserve(cairo);
    }
    cairo_set_source_rgb(cairo, 0.3, 0.3, 0.3);
    cairo_stroke(cairo);
    cairo_set_source_rgb(cairo, 0, 0, 0);
}

// Draws one item with its top at `y`.
void draw_item(cairo_t* cairo, Typesetter& type, const Item& item, const std::vector<double>& widths, double y)
{
    switch (item.kind) {
    case Item::Kind::column_titles:
    case Item::Kind::row: {
        const bool titles = item.kind == Item::Kind::column_titles;
        double x = margin;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            stroke_cell(cairo, x, y, widths[c], item.height, titles);
            type.draw(item.texts[c], titles ? Font::bold : Font::body, x + cell_padding, y + cell_padding,
                      widths[c] - 2 * cell_padding);
            x += widths[c];
        }
        return;
    }
    case Item::Kind::group_heading:
    case Item::Kind::subtotal:
        stroke_cell(cairo, margin, y, content_width, item.height, item.kind == Item::Kind::group_heading);
        type.draw(item.texts[0], Font::bold, margin + cell_padding, y + cell_padding, content_width - 2 * cell_padding);
        return;
    case Item::Kind::total:
        type.draw(item.texts[0], Font::bold, margin + cell_padding, y + section_gap + cell_padding,
                  content_width - 2 * cell_padding);
        return;
    }
}

// What every page shows around its part of the table.
struct PageFrame {
    std::vector<TextBlock> header;
    double header_height;
    double footer_height;
};

void draw_page(cairo_t* cairo, Typesetter& type, const PageFrame& frame, const Table& table, PageRange range,
               std::vector<TextBlock> footer)
{
    double y = draw_blocks(type, frame.header, margin) + section_gap;
    draw_item(cairo, type, table.titles, table.widths, y);
    y += table.titles.height;
    for (auto i = range.first; i < range.last; ++i) {
        draw_item(cairo, type, table.items[i], table.widths, y);
        y += table.items[i].height;
    }
    draw_blocks(type, footer, page_height - margin - frame.footer_height + section_gap);
    cairo_show_page(cairo);
}

void check(cairo_status_t status)
{
    check_cairo(status, "the attendance list");
}

}  // namespace

std::string pdf_document(const AttendanceList& list, const ListOptions& options)
{
    // Declared before the surface: destroying the surface still writes to it.
    std::string pdf;
    const Owned<cairo_surface_t> surface(
        cairo_pdf_surface_create_for_stream(append_to_string, &pdf, page_width, page_height));
    check(cairo_surface_status(surface.get()));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, list.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "planner");
    const Owned<cairo_t> cairo(cairo_create(surface.get()));
    cairo_set_line_width(cairo.get(), 0.5);
    Typesetter type(cairo.get());

    // Layout: measure everything and fill the pages, so the page count is known
    // before "Seite 1 von n" is drawn.
    auto header = page_header(list, options.language);
    const double header_height = blocks_height(type, header) + section_gap;
    const PageFrame frame{std::move(header), header_height,
                          blocks_height(type, page_footer(list, options, 1, 1)) + section_gap};
    const auto table = measured_table(type, list, options);
    const auto pages = paginate(table.items, page_height - 2 * margin - frame.header_height -
                                                 table.titles.height - frame.footer_height);

    // Draw: every page repeats the header and the column titles.
    const auto page_count = static_cast<int>(pages.size());
    for (int page = 1; page <= page_count; ++page) {
        const auto& range = pages[static_cast<std::size_t>(page - 1)];
        draw_page(cairo.get(), type, frame, table, range, page_footer(list, options, page, page_count));
    }
    check(cairo_status(cairo.get()));
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()));
    return pdf;
}

}  // namespace planner::print
