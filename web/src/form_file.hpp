#pragma once
// A form's fields written as a record of a meeting file, so that the meeting file's own
// reader checks them: one key per line, and for each line the field it came from, so
// that the reader's "form:LINE:COL: what is wrong" is shown beside that field.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace planner::web {

// What is wrong, by field ("" for the form as a whole).
using FieldProblems = std::map<std::string, std::string>;

// A short fingerprint (64-bit FNV-1a, in hex) of a record as a form showed it. The
// form sends it back, so that a save can tell whether someone else changed the record
// in between, which a check of the record as read when saving cannot.
[[nodiscard]] std::string form_version(std::string_view record_text);

class FormFile {
public:
    // The name the reader is given for the file, at the start of its messages.
    static constexpr std::string_view source = "form";

    void line(std::string_view text, std::string_view field);
    // name = value, where value is TOML already (db::toml_string for text).
    void key(std::string_view name, std::string_view value, std::string_view field);
    [[nodiscard]] const std::string& text() const { return text_; }

    // The reader's message, beside the field of the line it names.
    [[nodiscard]] FieldProblems problem_of(const std::string& message) const;

private:
    std::string text_;
    std::vector<std::string> field_of_line_{""};  // [line]: field; there is no line 0
};

}  // namespace planner::web
