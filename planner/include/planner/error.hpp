#pragma once

#include <stdexcept>
#include <string>

namespace planner {

// The one error family of the planner. Messages are written for the person who has
// to fix the input: they quote the bad value and say where it is.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A lookup by id found nothing. Callers that can recover (e.g. "check MEETING" on a
// typo) tell this apart from malformed data.
class NotFound : public Error {
public:
    using Error::Error;
};

}  // namespace planner
