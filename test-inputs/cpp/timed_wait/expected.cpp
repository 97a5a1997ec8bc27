// timed_wait's bool result versus wait_for's std::cv_status; the predicate overload stays bool;
// an absolute boost::get_system_time() deadline becomes wait_until on steady_clock.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <iostream>

static std::mutex m;
static std::condition_variable cv;
static bool ready = false;

static bool waitRelative() {
    std::unique_lock<std::mutex> lock(m);
    return cv.wait_for(lock, std::chrono::milliseconds(5)) == std::cv_status::no_timeout;
}

static bool waitPredicate() {
    std::unique_lock<std::mutex> lock(m);
    return cv.wait_for(lock, std::chrono::milliseconds(5), [] { return ready; });
}

static void waitDiscarded() {
    std::unique_lock<std::mutex> lock(m);
    cv.wait_for(lock, std::chrono::milliseconds(1));
}

static bool waitAbsolute() {
    std::unique_lock<std::mutex> lock(m);
    bool ok = cv.wait_until(lock, std::chrono::steady_clock::now() + std::chrono::milliseconds(5)) == std::cv_status::no_timeout;
    return ok;
}

int main() {
    waitDiscarded();
    std::cout << waitRelative() << waitPredicate() << waitAbsolute() << "\n";
    return 0;
}
