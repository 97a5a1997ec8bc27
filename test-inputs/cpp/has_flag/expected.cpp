// HAVE_BOOST_THREAD is assumed defined (-DHAVE_BOOST_THREAD): the Boost branch is kept and then
// migrated in the next round; USE_LEGACY_POOL is assumed undefined.
#define HAVE_BOOST_THREAD 1
#include <mutex>
typedef std::mutex Mutex;
#include <iostream>

#if defined(HAVE_BOOST_THREAD) && defined(__linux__)
static const char* pool = "linux";
#else
static const char* pool = "portable";
#endif

static Mutex m;

int main() {
    m.lock();
    std::cout << "pool " << pool << "\n";
    m.unlock();
    return 0;
}
