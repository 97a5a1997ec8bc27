// Barriers, latches, future continuations and upgrade locks: reported with reasons, never
// rewritten (std::barrier and std::latch differ from Boost's, std::future has no then(),
// std::shared_mutex has no upgrade ownership).
#define BOOST_THREAD_VERSION 4
#include <boost/thread/barrier.hpp>
#include <boost/thread/future.hpp>
#include <boost/thread/latch.hpp>
#include <boost/thread/locks.hpp>
#include <boost/thread/shared_mutex.hpp>

#include <cstdio>

static boost::shared_mutex rw;
static int value = 0;

int main() {
    boost::barrier gate(1);
    gate.wait();
    boost::latch done(1);
    done.count_down();
    done.wait();
    boost::promise<int> p;
    boost::future<int> f = p.get_future().then([](boost::future<int> r) { return r.get() + 1; });
    p.set_value(41);
    {
        boost::upgrade_lock<boost::shared_mutex> read(rw);
        boost::upgrade_to_unique_lock<boost::shared_mutex> write(read);
        value = f.get();
    }
    std::printf("%d\n", value);
    return 0;
}
