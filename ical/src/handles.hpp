#pragma once

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

namespace planner::ical {

// One stateless deleter for everything libical hands over to us. Borrowed pointers
// (icaltimezone_get_component, icalcomponent_get_first_*) are never put in a Handle.
struct LibicalDeleter {
    void operator()(icalcomponent* component) const noexcept { icalcomponent_free(component); }
    void operator()(icalproperty* property) const noexcept { icalproperty_free(property); }
    void operator()(icalparameter* parameter) const noexcept { icalparameter_free(parameter); }
    void operator()(icalrecur_iterator* iterator) const noexcept { icalrecur_iterator_free(iterator); }
    // Strings from the *_r functions belong to the caller.
    void operator()(char* text) const noexcept { std::free(text); }  // NOLINT(cppcoreguidelines-no-malloc)
};

template <class T>
using Handle = std::unique_ptr<T, LibicalDeleter>;

using ComponentHandle = Handle<icalcomponent>;
using PropertyHandle = Handle<icalproperty>;
using RecurIteratorHandle = Handle<icalrecur_iterator>;
using StringHandle = Handle<char>;

// Adds a property to a component, which takes ownership of it.
inline void add(icalcomponent* component, PropertyHandle property)
{
    icalcomponent_add_property(component, property.release());
}

inline void add(icalcomponent* component, ComponentHandle child)
{
    icalcomponent_add_component(component, child.release());
}

}  // namespace planner::ical
