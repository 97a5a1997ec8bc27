// Boost names reached through a using-directive, a namespace alias, typedefs and auto.
#include <mutex>
#include <thread>
#include <iostream>

using std::lock_guard;

typedef std::mutex Mutex;  // sees through the typedef: only the spelled name changes

static Mutex m;
static std::once_flag flag;
static int counter = 0;

static void init() { counter = 100; }

static void bump() {
    std::call_once(flag, init);
    std::lock_guard<Mutex> guard(m);
    ++counter;
}

int main() {
    auto t = std::thread(bump);
    std::thread::id id = t.get_id();
    t.join();
    std::thread u(bump);
    u.join();
    std::cout << "counter " << counter << (id != std::thread::id() ? " id ok" : " id bad") << "\n";
    return 0;
}
