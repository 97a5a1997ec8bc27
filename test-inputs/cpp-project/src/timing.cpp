#include "taskkit/timing.hpp"

#include "taskkit/config.hpp"

#ifdef HAVE_BOOST_THREAD
#include <boost/thread/thread.hpp>
#else
#include <thread>
#endif

namespace taskkit {

void Signal::set() {
    {
        boost::lock_guard<boost::mutex> lock(mutex_);
        set_ = true;
    }
    cv_.notify_all();
}

bool Signal::waitFor(Millis timeout) {
    boost::unique_lock<boost::mutex> lock(mutex_);
    boost::chrono::steady_clock::time_point deadline = boost::chrono::steady_clock::now() + timeout;
    while (!set_) {
        if (cv_.wait_until(lock, deadline) == boost::cv_status::timeout) return set_;
    }
    return true;
}

void nap(Millis d) {
#ifdef HAVE_BOOST_THREAD
    boost::this_thread::sleep_for(d);
#else
    std::this_thread::sleep_for(d);
#endif
}

long elapsedAtLeast(Millis d) {
    boost::chrono::steady_clock::time_point start = boost::chrono::steady_clock::now();
    nap(d);
    boost::this_thread::sleep_for(boost::chrono::milliseconds(1));
    Millis took = boost::chrono::duration_cast<Millis>(boost::chrono::steady_clock::now() - start);
    return took >= d ? 1 : 0;
}

}  // namespace taskkit
