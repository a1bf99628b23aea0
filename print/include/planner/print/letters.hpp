#pragma once

#include <string>
#include <utility>
#include <vector>

namespace planner::print {

// An invitation on paper, for someone without e-mail: what a DIN 5008 letter (form B)
// holds, already in its language; letters_pdf only sets it.
struct InvitationLetter {
    std::string return_address;        // the small line above the address: the sender
    std::vector<std::string> address;  // the recipient's name, then the lines of their postal address
    // The information block beside the address: "Ihr Kontakt" / "Karin Bartholomäus", ...
    std::vector<std::pair<std::string, std::string>> information;
    std::string subject;  // "Einladung: ...", set in bold
    std::string body;     // paragraphs, '\n' within, a blank line between
    std::string closing;  // "Mit freundlichen Grüßen"
    std::vector<std::string> signature;  // the organiser, their organisation
    // What to send back, below a line to cut along: a heading and the boxes to tick.
    // Empty for a cancellation, which asks for no answer.
    std::string reply_heading;
    std::vector<std::string> reply_choices;
    std::string reply_name_line;  // "Name, Datum, Unterschrift"

    friend bool operator==(const InvitationLetter&, const InvitationLetter&) = default;
};

// The letters as one A4 PDF to print (cairo and pango, fonts embedded): each letter on
// pages of its own, the address in the window of a DL envelope (DIN 5008 form B: the
// field 45 mm from the top, 20 mm from the left), the fold marks at 105 and 210 mm and
// the hole mark at 148.5 mm; what does not fit goes on to the next page. `title` names
// the document. Throws planner::Error for no letters, or when cairo fails.
[[nodiscard]] std::string letters_pdf(const std::vector<InvitationLetter>& letters, const std::string& title);

}  // namespace planner::print
