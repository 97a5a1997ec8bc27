// The lock typedefs of every Boost mutex and the lock tag types: scoped_timed_lock is a
// unique_lock; scoped_try_lock *tries* in its one-argument constructor, so it becomes a
// unique_lock constructed with std::try_to_lock; the tag types (defer_lock_t, ...) are std's.
#include <boost/thread/locks.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/recursive_mutex.hpp>
#include <iostream>

typedef boost::mutex::scoped_try_lock TryLock;

static int lockWith(boost::mutex& m, boost::defer_lock_t tag) {
    boost::unique_lock<boost::mutex> l(m, tag);
    return l.owns_lock() ? 1 : 0;
}

static int adopt(boost::mutex& m, const boost::adopt_lock_t&) {
    boost::unique_lock<boost::mutex> l(m, boost::adopt_lock);
    return l.owns_lock() ? 1 : 0;
}

int main() {
    boost::mutex m;
    boost::timed_mutex t;
    boost::recursive_mutex r;
    boost::recursive_timed_mutex rt;
    int score = lockWith(m, boost::defer_lock);
    {
        boost::timed_mutex::scoped_timed_lock l1(t);
        boost::recursive_timed_mutex::scoped_timed_lock l2(rt);
        score += l1.owns_lock() + l2.owns_lock();
    }
    {
        boost::mutex::scoped_try_lock l1(m);
        TryLock l2(m);  // already held: the try fails
        boost::recursive_mutex::scoped_try_lock l3(r);
        boost::timed_mutex::scoped_try_lock l4(t);
        score += l1.owns_lock() + l2.owns_lock() + l3.owns_lock() + l4.owns_lock();
    }
    boost::try_to_lock_t tryTag = boost::try_to_lock;
    {
        boost::unique_lock<boost::mutex> l(m, tryTag);
        score += l.owns_lock();
    }
    m.lock();
    score += adopt(m, boost::adopt_lock);
    std::cout << score << "\n";
    return 0;
}
