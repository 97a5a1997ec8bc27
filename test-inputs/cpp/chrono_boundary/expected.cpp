// Boost.Chrono at the boundary with the rest of Boost.Thread: time points of the system and
// steady clocks, durations and casts, sleep_until, condition_variable::wait_until and wait_for
// all take chrono types, so they migrate together to std::chrono in one file.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <iostream>

typedef std::chrono::steady_clock Clock;
typedef std::chrono::milliseconds Millis;

static std::chrono::system_clock::time_point stamp() { return std::chrono::system_clock::now(); }

int main() {
    std::mutex m;
    std::condition_variable cv;
    Clock::time_point start = Clock::now();
    std::chrono::system_clock::time_point wall = stamp();
    std::this_thread::sleep_until(start + Millis(2));
    std::unique_lock<std::mutex> lock(m);
    std::cv_status s1 = cv.wait_until(lock, Clock::now() + Millis(1));
    std::cv_status s2 = cv.wait_for(lock, std::chrono::microseconds(500));
    Clock::duration waited = Clock::now() - start;
    Millis ms = std::chrono::duration_cast<Millis>(waited);
    std::chrono::duration<double> secs = stamp() - wall;
    std::cout << (ms >= Millis(3)) << (secs.count() >= 0.0) << (s1 == std::cv_status::timeout)
              << (s2 == std::cv_status::timeout) << "\n";
    return 0;
}
