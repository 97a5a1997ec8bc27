// A worker pool in the style of pre-C++11 code bases.
#include <boost/thread.hpp>
#include <boost/chrono.hpp>
#include <iostream>
#include <vector>

namespace bt = boost;

class Counter {
public:
    void add(int n) {
        boost::mutex::scoped_lock lock(mutex_);
        total_ += n;
        cv_.notify_all();
    }
    int waitFor(int target) {
        boost::unique_lock<boost::mutex> lock(mutex_);
        while (total_ < target) {
            if (!cv_.timed_wait(lock, boost::posix_time::milliseconds(50))) continue;
        }
        return total_;
    }

private:
    bt::mutex mutex_;
    boost::condition_variable cv_;
    int total_ = 0;
};

static void work(Counter* c, int n) {
    boost::this_thread::sleep_for(boost::chrono::milliseconds(1));
    boost::this_thread::sleep(boost::posix_time::milliseconds(1));
    c->add(n);
}

int main() {
    Counter c;
    boost::thread_group group;
    for (int i = 1; i <= 4; ++i) group.create_thread(boost::bind(&work, &c, i));
    group.add_thread(new boost::thread(&work, &c, 10));
    boost::thread last(boost::bind(&work, &c, 100));
    last.join();
    group.join_all();
    std::cout << "total " << c.waitFor(120) << "\n";
    unsigned n = boost::thread::hardware_concurrency();
    std::cout << (n > 0 ? "cores ok" : "cores unknown") << "\n";
    return 0;
}
