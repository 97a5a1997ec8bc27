// boost::call_once(func, flag) is Boost's legacy argument order; std::call_once takes the flag
// first. Both orders in one file; the arguments are swapped together with the rename.
#include <boost/thread/once.hpp>
#include <iostream>

static int inits = 0;
static boost::once_flag first = BOOST_ONCE_INIT;
static boost::once_flag second = BOOST_ONCE_INIT;

static void init() { ++inits; }

int main() {
    boost::call_once(init, first);
    boost::call_once(&init, first);
    boost::call_once(second, init);
    boost::call_once(second, [] { inits += 10; });
    std::cout << "inits " << inits << "\n";
    return 0;
}
