// APIs with no std equivalent: thread_specific_ptr, interruption, timed joins, upgrade locks and
// Boost.Thread's barrier stay Boost (reported); thread_group becomes a vector of threads.
#include <boost/thread.hpp>
#include <boost/thread/barrier.hpp>
#include <boost/thread/tss.hpp>

#include "taskkit/tasks.hpp"

namespace taskkit {

static boost::thread_specific_ptr<int> perThread;

static int groupSum() {
    boost::mutex m;
    int sum = 0;
    boost::thread_group group;
    for (int i = 1; i <= 4; ++i)
        group.create_thread([&m, &sum, i] {
            boost::lock_guard<boost::mutex> lock(m);
            sum += i;
        });
    group.join_all();
    return sum;
}

static int interrupted() {
    boost::thread t([] {
        for (;;) boost::this_thread::interruption_point();
    });
    t.interrupt();
    bool done = t.try_join_for(boost::chrono::seconds(5));
    return done ? 1 : 0;
}

static int upgraded() {
    boost::shared_mutex m;
    boost::upgrade_lock<boost::shared_mutex> read(m);
    boost::upgrade_to_unique_lock<boost::shared_mutex> write(read);
    return 1;
}

static int barrierRounds() {
    boost::barrier b(2);
    int rounds = 0;
    boost::thread t([&b] { b.wait(); });
    b.wait();
    ++rounds;
    t.join();
    perThread.reset(new int(rounds));
    return *perThread;
}

int legacyFeatures() { return groupSum() * 1000 + interrupted() * 100 + upgraded() * 10 + barrierRounds(); }

}  // namespace taskkit
