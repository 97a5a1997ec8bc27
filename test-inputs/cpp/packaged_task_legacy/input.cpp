// Boost's legacy single-type packaged_task<R> (BOOST_THREAD_VERSION 2, the default) becomes
// std::packaged_task<R()>; the signature form is left as it is.
#include <boost/thread/future.hpp>
#include <boost/thread/thread.hpp>
#include <iostream>
#include <utility>

static int answer() { return 42; }

int main() {
    boost::packaged_task<int> task(answer);
    boost::unique_future<int> f = task.get_future();
    boost::thread t(boost::move(task));
    t.join();
    std::cout << "answer " << f.get() << "\n";
    return 0;
}
