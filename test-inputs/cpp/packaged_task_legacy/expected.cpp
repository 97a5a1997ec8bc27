// Boost's legacy single-type packaged_task<R> (BOOST_THREAD_VERSION 2, the default) becomes
// std::packaged_task<R()>; the signature form is left as it is.
#include <future>
#include <thread>
#include <iostream>
#include <utility>

static int answer() { return 42; }

int main() {
    std::packaged_task<int()> task(answer);
    std::future<int> f = task.get_future();
    std::thread t(std::move(task));
    t.join();
    std::cout << "answer " << f.get() << "\n";
    return 0;
}
