// Futures, promises, packaged tasks and async without continuations map 1:1.
#define BOOST_THREAD_VERSION 4
#include <boost/thread/future.hpp>
#include <iostream>

static int answer() { return 42; }

int main() {
    boost::promise<int> p;
    boost::future<int> f = p.get_future();
    p.set_value(1);
    boost::packaged_task<int()> task(answer);
    boost::future<int> g = task.get_future();
    task();
    boost::future<int> h = boost::async(boost::launch::async, answer);
    boost::shared_future<int> s = h.share();
    std::cout << f.get() + g.get() + s.get() << "\n";
    return 0;
}
