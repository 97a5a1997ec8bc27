// The library's test program: prints one line per feature; the migration must not change it.
#include <boost/bind/bind.hpp>
#include <boost/thread.hpp>
#include <iostream>

#include "taskkit/counters.hpp"
#include "taskkit/pool.hpp"
#include "taskkit/tasks.hpp"
#include "taskkit/timing.hpp"

int lockTests();

int main() {
    taskkit::Counter counter;
    taskkit::Registry registry;
    {
        taskkit::Pool pool;
        for (int i = 1; i <= 10; ++i) pool.post(boost::bind(&taskkit::Counter::add, &counter, i));
        pool.post([&registry] { registry.put("a", 5); });
        pool.post([&registry] { registry.put("b", 7); });
        pool.waitIdle();
        std::cout << "pool " << pool.size() << " workers, " << *pool.completed() << " jobs\n";
    }
    std::cout << "counter " << counter.value() << "\n";
    std::cout << "registry " << registry.total() << "\n";
    taskkit::Signal signal;
    boost::thread setter([&signal] {
        taskkit::nap(taskkit::Millis(5));
        signal.set();
    });
    std::cout << "signal " << signal.waitFor(taskkit::Millis(5000)) << "\n";
    setter.join();
    taskkit::Signal never;
    std::cout << "timeout " << never.waitFor(taskkit::Millis(10)) << "\n";
    std::cout << "elapsed " << taskkit::elapsedAtLeast(boost::chrono::milliseconds(3)) << "\n";
    std::cout << "futures " << taskkit::sumWithFutures({1, 2, 3}) << " " << taskkit::packagedAnswer() << "\n";
    std::cout << "once " << taskkit::initOnceCount() << "\n";
    std::cout << "ids " << taskkit::idsDiffer() << " " << taskkit::workersHint() << "\n";
    std::cout << "guarded " << taskkit::guardedJobs() << "\n";
    std::cout << "files " << taskkit::fileSummary("data/report.txt") << "\n";
    std::cout << "legacy " << taskkit::legacyFeatures() << "\n";
    std::cout << "locks " << lockTests() << "\n";
    return 0;
}
