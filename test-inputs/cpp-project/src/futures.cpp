#define BOOST_THREAD_VERSION 4
#include <boost/thread/future.hpp>

#include "taskkit/tasks.hpp"

namespace taskkit {

static int answer() { return 42; }

int sumWithFutures(const std::vector<int>& values) {
    std::vector<boost::future<int> > parts;
    for (int v : values) parts.push_back(boost::async(boost::launch::async, [v] { return v * v; }));
    boost::promise<int> base;
    boost::shared_future<int> shared = base.get_future().share();
    base.set_value(100);
    int sum = shared.get();
    for (auto& f : parts) sum += f.get();
    return sum;
}

int packagedAnswer() {
    boost::packaged_task<int()> task(answer);
    boost::future<int> result = task.get_future();
    task();
    if (result.wait_for(boost::chrono::seconds(1)) != boost::future_status::ready) return -1;
    return result.get();
}

}  // namespace taskkit
