#include <boost/thread.hpp>

#include "taskkit/tasks.hpp"

namespace taskkit {

bool idsDiffer() {
    boost::thread::id self = boost::this_thread::get_id();
    boost::thread::id other;
    boost::thread t([&other] {
        boost::this_thread::yield();
        other = boost::this_thread::get_id();
    });
    boost::thread::id tid = t.get_id();
    t.join();
    return self != other && tid == other && t.get_id() == boost::thread::id();
}

unsigned workersHint() {
    unsigned n = boost::thread::hardware_concurrency();
    return n > 0 ? 1u : 0u;
}

}  // namespace taskkit
