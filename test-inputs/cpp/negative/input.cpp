// Nothing here is Boost.Thread: "boost" appears only in comments, strings and look-alike names.
#include <iostream>
#include <mutex>
#include <thread>

namespace myboost {
struct mutex {
    void lock() {}
    void unlock() {}
};
}  // namespace myboost

static myboost::mutex fake;  // boost::mutex look-alike
static std::mutex real;

int main() {
    std::lock_guard<std::mutex> guard(real);
    fake.lock();
    fake.unlock();
    std::cout << "no boost::thread here" << "\n";
    return 0;
}
