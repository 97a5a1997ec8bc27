// Configuration macros found by use, not by name: every conditional on APP_BOOST_SYNC has
// Boost.Thread code under "defined" only, every one on APP_STD_LOCKS under "not defined" only.
// The build defines neither: the first round migrates the live code (boost::mutex), and then,
// the file no longer using Boost.Thread, the Boost branches are dead by the migration's intent
// and folded away. APP_TRACE also guards Boost.Thread code once, but its other conditional has
// nothing to do with threads: it is left alone and reported. WORKERS_H is an include guard
// (this file could be a header), not a configuration macro.
#ifndef WORKERS_H
#define WORKERS_H
#include <boost/thread/mutex.hpp>
#include <iostream>

#ifdef APP_BOOST_SYNC
#include <boost/thread/shared_mutex.hpp>
typedef boost::shared_mutex RwLock;
#else
#include <shared_mutex>
typedef std::shared_mutex RwLock;
#endif

#ifndef APP_STD_LOCKS
typedef boost::mutex::scoped_lock Guard;
#else
#include <mutex>
typedef std::unique_lock<std::mutex> Guard;
#endif

#if defined(APP_TRACE)
#include <boost/thread/thread.hpp>
#define TRACE_ID() boost::this_thread::get_id()
#endif

static boost::mutex m;
static RwLock rw;

int main() {
    int total = 0;
    {
        Guard g(m);
        total += 2;
    }
    rw.lock_shared();
    total += 3;
    rw.unlock_shared();
#ifdef APP_TRACE
    std::cerr << "tracing\n";
#endif
    std::cout << "total " << total << "\n";
    return 0;
}
#endif
