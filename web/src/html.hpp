#pragma once
// Markup by construction. A page is an Html value; the only ways to make one are
// fixed markup written in the source (a string literal), an element whose tag and
// attribute names are literals checked at compile time, and text, which is escaped.
// So text from the store (a meeting's title, a person's name) can reach a page only
// escaped, and no page code concatenates strings into markup.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planner::web::html {

// A tag or attribute name: a literal of lower-case letters, digits and '-', checked
// when the program is compiled.
class Name {
public:
    template <std::size_t N>
    consteval Name(const char (&name)[N]) : value_(name, N - 1)  // NOLINT(google-explicit-constructor)
    {
        if (N < 2) {
            throw "an HTML name is not empty";
        }
        for (std::size_t i = 0; i + 1 < N; ++i) {
            const char c = name[i];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw "an HTML name is lower-case letters, digits and '-'";
            }
        }
    }
    [[nodiscard]] constexpr std::string_view str() const { return value_; }

private:
    std::string_view value_;
};

class Html {
public:
    Html() = default;
    // Fixed markup from the source: only a string literal converts.
    template <std::size_t N>
    static Html literal(const char (&markup)[N])
    {
        return Html(std::string(markup, N - 1));
    }

    [[nodiscard]] const std::string& str() const { return markup_; }
    [[nodiscard]] bool empty() const { return markup_.empty(); }

    Html& operator+=(const Html& more)
    {
        markup_ += more.markup_;
        return *this;
    }
    friend Html operator+(Html left, const Html& right) { return left += right; }

private:
    explicit Html(std::string markup) : markup_(std::move(markup)) {}
    friend Html text(std::string_view);
    friend class Element;
    std::string markup_;
};

// Text, escaped: & < > " ' become entities, so it is safe in content and in quoted
// attribute values alike.
[[nodiscard]] Html text(std::string_view plain);
[[nodiscard]] std::string escaped(std::string_view plain);

// An attribute: a literal name and a value that is escaped. A boolean attribute
// (checked, selected, required) is written by its name alone.
struct Attribute {
    Name name;
    std::string value;
    bool present = true;
};
[[nodiscard]] inline Attribute flag(Name name, bool present)
{
    return Attribute{name, {}, present};
}

// A path of the service written in the source: "/meetings", "/static/planner.css".
class LiteralPath {
public:
    template <std::size_t N>
    consteval LiteralPath(const char (&path)[N]) : value_(path, N - 1)  // NOLINT(google-explicit-constructor)
    {
        if (N < 2 || path[0] != '/') {
            throw "a path of the service starts with '/'";
        }
        for (std::size_t i = 0; i + 1 < N; ++i) {
            const char c = path[i];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '.' || c == '_')) {
                throw "a path of the service is lower-case letters, digits and - / . _";
            }
        }
    }
    [[nodiscard]] constexpr std::string_view str() const { return value_; }

private:
    std::string_view value_;
};

// A URL for href/src/action: a path of the service written in the source, then
// segments that are values (ids), each percent-encoded whole, and a query of pairs,
// each encoded. Never a user's text taken whole, so no "javascript:" or other site
// can reach a link.
class Url {
public:
    // Url("/meetings", {"kennenlernen-2012", "attendance.pdf"})
    explicit Url(LiteralPath base, std::initializer_list<std::string_view> segments = {});
    Url& query(std::string_view name, std::string_view value);
    // "#mail": an element id written in the source, last.
    Url& fragment(Name id);
    [[nodiscard]] const std::string& str() const { return text_; }

private:
    std::string text_;
    bool has_query_ = false;
};
[[nodiscard]] std::string percent_encoded(std::string_view text);

class Element {
public:
    Element(Name tag, std::initializer_list<Attribute> attributes = {});
    Element(Name tag, std::vector<Attribute> attributes);
    // Children: markup, or text (escaped).
    Element& operator()(const Html& child);
    Element& operator()(std::string_view child_text);
    // An element without end tag (<input>, <meta>, <link>, <br>).
    [[nodiscard]] Html empty_element() const;
    operator Html() const;  // NOLINT(google-explicit-constructor): an element is markup

private:
    [[nodiscard]] std::string start_tag() const;
    Name tag_;
    std::vector<Attribute> attributes_;
    std::string children_;
};

// <tag attributes>children</tag>, the common case in one call.
[[nodiscard]] Html element(Name tag, std::initializer_list<Attribute> attributes, const Html& children);
[[nodiscard]] Html element(Name tag, std::initializer_list<Attribute> attributes, std::string_view child_text);
[[nodiscard]] Html element(Name tag, const Html& children);
[[nodiscard]] Html element(Name tag, std::string_view child_text);
[[nodiscard]] Html link(const Url& href, const Html& children);
[[nodiscard]] Html link(const Url& href, std::string_view child_text);

[[nodiscard]] Html join(const std::vector<Html>& parts);

}  // namespace planner::web::html
