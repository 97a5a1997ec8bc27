// HAVE_BOOST_THREAD is assumed defined (-DHAVE_BOOST_THREAD): the Boost branch is kept and then
// migrated in the next round; USE_LEGACY_POOL is assumed undefined.
#define HAVE_BOOST_THREAD 1
#ifdef HAVE_BOOST_THREAD
#include <boost/thread.hpp>
typedef boost::mutex Mutex;
#else
#include <mutex>
typedef std::mutex Mutex;
#endif
#include <iostream>

#if defined(USE_LEGACY_POOL)
static const char* pool = "legacy";
#elif defined(HAVE_BOOST_THREAD) && defined(__linux__)
static const char* pool = "linux";
#else
static const char* pool = "portable";
#endif

static Mutex m;

int main() {
#ifndef USE_LEGACY_POOL
    m.lock();
    std::cout << "pool " << pool << "\n";
    m.unlock();
#endif
    return 0;
}
