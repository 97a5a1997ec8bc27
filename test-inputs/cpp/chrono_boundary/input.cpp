// Boost.Chrono at the boundary with the rest of Boost.Thread: time points of the system and
// steady clocks, durations and casts, sleep_until, condition_variable::wait_until and wait_for
// all take chrono types, so they migrate together to std::chrono in one file.
#include <boost/chrono.hpp>
#include <boost/thread/condition_variable.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/thread.hpp>
#include <iostream>

typedef boost::chrono::steady_clock Clock;
typedef boost::chrono::milliseconds Millis;

static boost::chrono::system_clock::time_point stamp() { return boost::chrono::system_clock::now(); }

int main() {
    boost::mutex m;
    boost::condition_variable cv;
    Clock::time_point start = Clock::now();
    boost::chrono::system_clock::time_point wall = stamp();
    boost::this_thread::sleep_until(start + Millis(2));
    boost::unique_lock<boost::mutex> lock(m);
    boost::cv_status s1 = cv.wait_until(lock, Clock::now() + Millis(1));
    boost::cv_status s2 = cv.wait_for(lock, boost::chrono::microseconds(500));
    Clock::duration waited = Clock::now() - start;
    Millis ms = boost::chrono::duration_cast<Millis>(waited);
    boost::chrono::duration<double> secs = stamp() - wall;
    std::cout << (ms >= Millis(3)) << (secs.count() >= 0.0) << (s1 == boost::cv_status::timeout)
              << (s2 == boost::cv_status::timeout) << "\n";
    return 0;
}
