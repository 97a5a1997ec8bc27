// Lock tags, multi-lock, shared and timed mutexes.
#include <boost/thread/condition_variable.hpp>
#include <boost/thread/lock_algorithms.hpp>
#include <boost/thread/locks.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/recursive_mutex.hpp>
#include <boost/thread/shared_mutex.hpp>

typedef boost::timed_mutex::scoped_lock TimedLock;

int lockTests() {
    int score = 0;
    boost::mutex a, b;
    {
        boost::unique_lock<boost::mutex> la(a, boost::defer_lock);
        boost::unique_lock<boost::mutex> lb(b, boost::defer_lock);
        boost::lock(la, lb);
        score += la.owns_lock() && lb.owns_lock();
    }
    {
        boost::unique_lock<boost::mutex> t(a, boost::try_to_lock);
        score += t.owns_lock();
    }
    a.lock();
    {
        boost::lock_guard<boost::mutex> adopted(a, boost::adopt_lock);
        score += 1;
    }
    boost::timed_mutex tm;
    {
        TimedLock l(tm);
        score += l.owns_lock();
    }
    score += tm.try_lock_for(boost::chrono::milliseconds(10));
    tm.unlock();
    boost::recursive_timed_mutex rtm;
    {
        boost::unique_lock<boost::recursive_timed_mutex> l1(rtm);
        boost::unique_lock<boost::recursive_timed_mutex> l2(rtm);
        score += l2.owns_lock();
    }
    boost::shared_mutex sm;
    {
        boost::shared_lock<boost::shared_mutex> r1(sm);
        boost::shared_lock<boost::shared_mutex> r2(sm);
        score += r1.owns_lock() && r2.owns_lock();
    }
    boost::condition_variable_any cv;
    boost::unique_lock<boost::mutex> l(a);
    score += cv.wait_for(l, boost::chrono::milliseconds(1)) == boost::cv_status::timeout;
    return score;
}
