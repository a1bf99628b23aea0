#include <planner/print/letters.hpp>

#include "typesetter.hpp"

#include <cairo-pdf.h>

#include <algorithm>

namespace planner::print {
namespace {

// DIN 5008, form B, in PDF points from the page's top left corner.
constexpr double text_left = 25 * mm;
constexpr double text_width = page_width - text_left - 20 * mm;
constexpr double address_top = 45 * mm;          // the address field
constexpr double address_lines_top = 62.7 * mm;  // below the 17.7 mm of the return address zone
constexpr double address_width = 75 * mm;
constexpr double information_left = 125 * mm;
constexpr double information_top = 50 * mm;
constexpr double information_width = page_width - information_left - 10 * mm;
constexpr double subject_top = 98.46 * mm;
constexpr double bottom = page_height - 20 * mm;
constexpr double continued_top = 20 * mm;
constexpr double paragraph_gap = 4 * mm;

class LetterWriter {
public:
    LetterWriter(cairo_t* cairo, Typesetter& type) : cairo_(cairo), type_(type) {}

    void write(const InvitationLetter& letter)
    {
        marks();
        // The return address ends just above the recipient's, however many lines it takes.
        const double return_height = type_.height(letter.return_address, Font::letter_small, address_width);
        type_.draw(letter.return_address, Font::letter_small, text_left,
                   std::max(address_top, address_lines_top - return_height - 1 * mm), address_width);
        double y = address_lines_top;
        for (const auto& line : letter.address) {
            y += type_.draw(line, Font::letter, text_left, y, address_width);
        }
        y = information_top;
        for (const auto& [label, value] : letter.information) {
            y += type_.draw(label, Font::letter_small, information_left, y, information_width);
            y += type_.draw(value, Font::letter, information_left, y, information_width) + 1 * mm;
        }
        y_ = subject_top;
        paragraph(letter.subject, Font::letter_bold);
        std::size_t start = 0;
        while (start <= letter.body.size()) {
            const auto end = letter.body.find("\n\n", start);
            const auto text = letter.body.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (!text.empty()) {
                paragraph(text, Font::letter);
            }
            if (end == std::string::npos) {
                break;
            }
            start = end + 2;
        }
        paragraph(letter.closing, Font::letter);
        std::string signature;
        for (const auto& line : letter.signature) {
            if (!signature.empty()) {
                signature += '\n';
            }
            signature += line;
        }
        y_ += 8 * mm;  // room to sign
        paragraph(signature, Font::letter);
        if (!letter.reply_heading.empty()) {
            reply_slip(letter);
        }
        cairo_show_page(cairo_);
    }

private:
    // Fold marks for a DL envelope and the hole mark, in the left edge.
    void marks()
    {
        for (const double at : {105 * mm, 210 * mm}) {
            cairo_move_to(cairo_, 3 * mm, at);
            cairo_line_to(cairo_, 8 * mm, at);
        }
        cairo_move_to(cairo_, 3 * mm, 148.5 * mm);
        cairo_line_to(cairo_, 11 * mm, 148.5 * mm);
        cairo_stroke(cairo_);
    }

    // A paragraph at the current line. One that does not fit goes on line by line, onto
    // as many pages as it takes (a long agenda or description).
    void paragraph(const std::string& text, Font style)
    {
        const double height = type_.height(text, style, text_width);
        if (y_ + height <= bottom) {
            y_ += type_.draw(text, style, text_left, y_, text_width) + paragraph_gap;
            return;
        }
        for (const auto& line : type_.wrapped_lines(text, style, text_width)) {
            const double line_height = type_.height(line, style, text_width);
            if (y_ + line_height > bottom) {
                cairo_show_page(cairo_);
                y_ = continued_top;
            }
            y_ += type_.draw(line, style, text_left, y_, text_width);
        }
        y_ += paragraph_gap;
    }

    void reply_slip(const InvitationLetter& letter)
    {
        std::string choices;
        for (const auto& choice : letter.reply_choices) {
            if (!choices.empty()) {
                choices += '\n';
            }
            choices += "\u2610  ";  // a box to tick
            choices += choice;
        }
        const double height = 10 * mm + type_.height(letter.reply_heading, Font::letter_bold, text_width) +
                              type_.height(choices, Font::letter, text_width) + 20 * mm;
        if (y_ + height > bottom) {
            cairo_show_page(cairo_);
            y_ = continued_top;
        }
        y_ += 4 * mm;
        // The line to cut along.
        const double dashes[] = {3.0, 2.0};
        cairo_set_dash(cairo_, dashes, 2, 0);
        cairo_move_to(cairo_, text_left, y_);
        cairo_line_to(cairo_, text_left + text_width, y_);
        cairo_stroke(cairo_);
        cairo_set_dash(cairo_, nullptr, 0, 0);
        y_ += 5 * mm;
        paragraph(letter.reply_heading, Font::letter_bold);
        paragraph(choices, Font::letter);
        y_ += 8 * mm;
        cairo_move_to(cairo_, text_left, y_);
        cairo_line_to(cairo_, text_left + text_width, y_);
        cairo_stroke(cairo_);
        y_ += 1 * mm;
        paragraph(letter.reply_name_line, Font::letter_small);
    }

    cairo_t* cairo_;
    Typesetter& type_;
    double y_ = subject_top;
};

}  // namespace

std::string letters_pdf(const std::vector<InvitationLetter>& letters, const std::string& title)
{
    if (letters.empty()) {
        throw Error("there are no letters to write");
    }
    // Declared before the surface: destroying the surface still writes to it.
    std::string pdf;
    const Owned<cairo_surface_t> surface(
        cairo_pdf_surface_create_for_stream(append_to_string, &pdf, page_width, page_height));
    check_cairo(cairo_surface_status(surface.get()), "the letters");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "planner");
    const Owned<cairo_t> cairo(cairo_create(surface.get()));
    cairo_set_line_width(cairo.get(), 0.5);
    Typesetter type(cairo.get());
    LetterWriter writer(cairo.get(), type);
    for (const auto& letter : letters) {
        writer.write(letter);
    }
    check_cairo(cairo_status(cairo.get()), "the letters");
    cairo_surface_finish(surface.get());
    check_cairo(cairo_surface_status(surface.get()), "the letters");
    return pdf;
}

}  // namespace planner::print
