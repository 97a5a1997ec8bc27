// Futures, promises, packaged tasks and async without continuations map 1:1.
#include <future>
#include <iostream>

static int answer() { return 42; }

int main() {
    std::promise<int> p;
    std::future<int> f = p.get_future();
    p.set_value(1);
    std::packaged_task<int()> task(answer);
    std::future<int> g = task.get_future();
    task();
    std::future<int> h = std::async(std::launch::async, answer);
    std::shared_future<int> s = h.share();
    std::cout << f.get() + g.get() + s.get() << "\n";
    return 0;
}
