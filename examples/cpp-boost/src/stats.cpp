// Per-thread counters with boost::thread_specific_ptr: no direct std equivalent, so anymig
// reports it (boost-thread-specific-ptr) and keeps Boost.Thread in this file.
#include "stats.hpp"

#include <boost/thread/once.hpp>
#include <boost/thread/tss.hpp>

static boost::thread_specific_ptr<int> perThread;
static boost::once_flag bannerOnce = BOOST_ONCE_INIT;
static std::string banner;

static void makeBanner() { banner = "pool demo"; }

void countJob() {
    if (!perThread.get()) perThread.reset(new int(0));
    ++*perThread;
}

int jobsOnThisThread() { return perThread.get() ? *perThread : 0; }

std::string statsBanner() {
    boost::call_once(bannerOnce, makeBanner);
    return banner;
}
