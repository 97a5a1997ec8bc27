// The lock typedefs of every Boost mutex and the lock tag types: scoped_timed_lock is a
// unique_lock; scoped_try_lock *tries* in its one-argument constructor, so it becomes a
// unique_lock constructed with std::try_to_lock; the tag types (defer_lock_t, ...) are std's.
#include <mutex>
#include <iostream>

typedef std::unique_lock<std::mutex> TryLock;

static int lockWith(std::mutex& m, std::defer_lock_t tag) {
    std::unique_lock<std::mutex> l(m, tag);
    return l.owns_lock() ? 1 : 0;
}

static int adopt(std::mutex& m, const std::adopt_lock_t&) {
    std::unique_lock<std::mutex> l(m, std::adopt_lock);
    return l.owns_lock() ? 1 : 0;
}

int main() {
    std::mutex m;
    std::timed_mutex t;
    std::recursive_mutex r;
    std::recursive_timed_mutex rt;
    int score = lockWith(m, std::defer_lock);
    {
        std::unique_lock<std::timed_mutex> l1(t);
        std::unique_lock<std::recursive_timed_mutex> l2(rt);
        score += l1.owns_lock() + l2.owns_lock();
    }
    {
        std::unique_lock<std::mutex> l1(m, std::try_to_lock);
        TryLock l2(m, std::try_to_lock);  // already held: the try fails
        std::unique_lock<std::recursive_mutex> l3(r, std::try_to_lock);
        std::unique_lock<std::timed_mutex> l4(t, std::try_to_lock);
        score += l1.owns_lock() + l2.owns_lock() + l3.owns_lock() + l4.owns_lock();
    }
    std::try_to_lock_t tryTag = std::try_to_lock;
    {
        std::unique_lock<std::mutex> l(m, tryTag);
        score += l.owns_lock();
    }
    m.lock();
    score += adopt(m, std::adopt_lock);
    std::cout << score << "\n";
    return 0;
}
