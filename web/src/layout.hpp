#pragma once
// The frame of every page: the document, the skip link, the navigation with the
// language switch and the logout button, and the main content; and the error pages.

#include "app.hpp"
#include "html.hpp"
#include "words.hpp"

#include <string>
#include <string_view>

namespace planner::web {

[[nodiscard]] Response page(const Context& context, std::string_view title, const html::Html& content,
                            unsigned status = 200);
[[nodiscard]] Response error_page(const Context& context, unsigned status, std::string_view title,
                                  std::string_view explanation);
[[nodiscard]] Response redirect(std::string location, unsigned status = 303);
// The hidden field every POST form carries.
[[nodiscard]] html::Html csrf_field(const Context& context);
// A path inside the service to return to, or "/meetings": never another site.
[[nodiscard]] std::string local_path_or_default(std::string_view wanted);

}  // namespace planner::web
