#include <planner/print/formats.hpp>
