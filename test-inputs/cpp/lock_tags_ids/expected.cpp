// Lock tags, scoped_lock typedefs of every primitive, thread ids, hardware_concurrency.
#include <mutex>
#include <thread>
#include <iostream>

typedef std::unique_lock<std::mutex> Lock;
typedef std::unique_lock<std::recursive_mutex> RecursiveLock;
typedef std::unique_lock<std::timed_mutex> TimedLock;
typedef std::unique_lock<std::recursive_timed_mutex> RecursiveTimedLock;

int main() {
    std::mutex a, b;
    std::recursive_mutex r;
    std::timed_mutex t;
    std::recursive_timed_mutex rt;
    int score = 0;
    {
        std::unique_lock<std::mutex> la(a, std::defer_lock);
        std::unique_lock<std::mutex> lb(b, std::defer_lock);
        std::lock(la, lb);
        score += la.owns_lock() && lb.owns_lock();
    }
    {
        std::unique_lock<std::mutex> l(a, std::try_to_lock);
        score += l.owns_lock();
    }
    b.lock();
    {
        std::unique_lock<std::mutex> l(b, std::adopt_lock);
        score += l.owns_lock();
    }
    {
        Lock l1(a);
        RecursiveLock l2(r);
        RecursiveLock l3(r);
        TimedLock l4(t);
        RecursiveTimedLock l5(rt);
        score += l1.owns_lock() + l3.owns_lock() + l4.owns_lock() + l5.owns_lock();
    }
    std::thread::id main_id = std::this_thread::get_id();
    std::thread::id seen;
    std::thread th([&seen] { seen = std::this_thread::get_id(); });
    th.join();
    unsigned cores = std::thread::hardware_concurrency();
    std::cout << score << " " << (seen != main_id) << " " << (cores > 0) << "\n";
    return 0;
}
