// Boost names reached through a using-directive, a namespace alias, typedefs and auto.
#include <boost/thread/thread.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/locks.hpp>
#include <boost/thread/once.hpp>
#include <iostream>

using namespace boost;
namespace bt = boost;
using boost::lock_guard;

typedef bt::mutex Mutex;  // sees through the typedef: only the spelled name changes

static Mutex m;
static once_flag flag;
static int counter = 0;

static void init() { counter = 100; }

static void bump() {
    call_once(flag, init);
    lock_guard<Mutex> guard(m);
    ++counter;
}

int main() {
    auto t = thread(bump);
    thread::id id = t.get_id();
    t.join();
    thread u(bump);
    u.join();
    std::cout << "counter " << counter << (id != thread::id() ? " id ok" : " id bad") << "\n";
    return 0;
}
