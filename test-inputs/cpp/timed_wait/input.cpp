// timed_wait's bool result versus wait_for's std::cv_status; the predicate overload stays bool;
// an absolute boost::get_system_time() deadline becomes wait_until on steady_clock.
#include <boost/thread/condition_variable.hpp>
#include <boost/thread/mutex.hpp>
#include <iostream>

static boost::mutex m;
static boost::condition_variable cv;
static bool ready = false;

static bool waitRelative() {
    boost::unique_lock<boost::mutex> lock(m);
    return cv.timed_wait(lock, boost::posix_time::milliseconds(5));
}

static bool waitPredicate() {
    boost::unique_lock<boost::mutex> lock(m);
    return cv.timed_wait(lock, boost::posix_time::milliseconds(5), [] { return ready; });
}

static void waitDiscarded() {
    boost::unique_lock<boost::mutex> lock(m);
    cv.timed_wait(lock, boost::posix_time::milliseconds(1));
}

static bool waitAbsolute() {
    boost::unique_lock<boost::mutex> lock(m);
    bool ok = cv.timed_wait(lock, boost::get_system_time() + boost::posix_time::milliseconds(5));
    return ok;
}

int main() {
    waitDiscarded();
    std::cout << waitRelative() << waitPredicate() << waitAbsolute() << "\n";
    return 0;
}
