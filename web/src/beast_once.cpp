// Beast and Asio compiled once, for the whole library (BOOST_BEAST_SEPARATE_COMPILATION
// and BOOST_ASIO_SEPARATE_COMPILATION): server.cpp sees their declarations and
// templates only, so that a change to it does not recompile the libraries' bodies.

#include <utility>  // before Asio: GCC 12 needs std::exchange declared first

#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
