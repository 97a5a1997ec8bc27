// A worker pool in the style of pre-C++11 code bases.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <iostream>
#include <vector>

class Counter {
public:
    void add(int n) {
        std::unique_lock<std::mutex> lock(mutex_);
        total_ += n;
        cv_.notify_all();
    }
    int waitFor(int target) {
        std::unique_lock<std::mutex> lock(mutex_);
        while (total_ < target) {
            if (!(cv_.wait_for(lock, std::chrono::milliseconds(50)) == std::cv_status::no_timeout)) continue;
        }
        return total_;
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    int total_ = 0;
};

static void work(Counter* c, int n) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    c->add(n);
}

int main() {
    Counter c;
    std::vector<std::thread> group;
    for (int i = 1; i <= 4; ++i) group.emplace_back(std::bind(&work, &c, i));
    group.emplace_back(&work, &c, 10);
    std::thread last(std::bind(&work, &c, 100));
    last.join();
    for (std::thread& th : group) th.join();
    std::cout << "total " << c.waitFor(120) << "\n";
    unsigned n = std::thread::hardware_concurrency();
    std::cout << (n > 0 ? "cores ok" : "cores unknown") << "\n";
    return 0;
}
