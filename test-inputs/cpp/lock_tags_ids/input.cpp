// Lock tags, scoped_lock typedefs of every primitive, thread ids, hardware_concurrency.
#include <boost/thread.hpp>
#include <iostream>

typedef boost::mutex::scoped_lock Lock;
typedef boost::recursive_mutex::scoped_lock RecursiveLock;
typedef boost::timed_mutex::scoped_lock TimedLock;
typedef boost::recursive_timed_mutex::scoped_lock RecursiveTimedLock;

int main() {
    boost::mutex a, b;
    boost::recursive_mutex r;
    boost::timed_mutex t;
    boost::recursive_timed_mutex rt;
    int score = 0;
    {
        boost::unique_lock<boost::mutex> la(a, boost::defer_lock);
        boost::unique_lock<boost::mutex> lb(b, boost::defer_lock);
        boost::lock(la, lb);
        score += la.owns_lock() && lb.owns_lock();
    }
    {
        boost::unique_lock<boost::mutex> l(a, boost::try_to_lock);
        score += l.owns_lock();
    }
    b.lock();
    {
        boost::unique_lock<boost::mutex> l(b, boost::adopt_lock);
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
    boost::thread::id main_id = boost::this_thread::get_id();
    boost::thread::id seen;
    boost::thread th([&seen] { seen = boost::this_thread::get_id(); });
    th.join();
    unsigned cores = boost::thread::hardware_concurrency();
    std::cout << score << " " << (seen != main_id) << " " << (cores > 0) << "\n";
    return 0;
}
