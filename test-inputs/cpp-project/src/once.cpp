#include <boost/thread/once.hpp>
#include <boost/thread/thread.hpp>

#include "taskkit/tasks.hpp"

namespace taskkit {

static int inits = 0;
static boost::once_flag flag = BOOST_ONCE_INIT;

static void init() { ++inits; }

int initOnceCount() {
    boost::thread a([] { boost::call_once(flag, init); });
    boost::thread b([] { boost::call_once(flag, &init); });
    a.join();
    b.join();
    boost::call_once(flag, init);
    return inits;
}

}  // namespace taskkit
