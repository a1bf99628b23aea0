#pragma once
// The route table: what the server matches a request against. Each route names its
// pattern (which the access log shows instead of the path), whether its work reads or
// writes the store, and the handler, which runs on a worker thread with a store
// connection of its own, never on an I/O thread.

#include "http_message.hpp"

#include <planner/db/store.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace planner::web {

// "/meetings/{id}" matched against "/meetings/immenstaad-2012": id = immenstaad-2012.
class PathParameters {
public:
    PathParameters() = default;
    explicit PathParameters(NameValues values) : values_(std::move(values)) {}
    // The value of a parameter the pattern names; throws std::out_of_range for another.
    [[nodiscard]] const std::string& operator[](std::string_view name) const;
    [[nodiscard]] const NameValues& all() const { return values_; }

private:
    NameValues values_;
};

// Readers run on a pool, each thread with its own connection; writes run one at a time
// on the one writer.
enum class Work { read, write };

using Handler = std::function<Response(const Request&, const PathParameters&, db::Store&)>;

struct Route {
    Method method = Method::get;
    std::string pattern;  // literal segments and {name} segments: "/meetings/{id}/attendance.pdf"
    Work work = Work::read;
    Handler handler;
};

// Matches a path against a pattern: every segment equal, or a {name} segment, which
// takes one non-empty segment. Returns the parameters, or nothing.
[[nodiscard]] std::optional<PathParameters> match_pattern(std::string_view pattern, std::string_view path);

}  // namespace planner::web
