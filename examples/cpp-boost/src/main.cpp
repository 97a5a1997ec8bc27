#include <atomic>
#include <boost/chrono.hpp>
#include <iostream>

#include "job_pool.hpp"
#include "stats.hpp"

int main() {
    std::atomic<int> sum{0};
    unsigned workers = boost::thread::hardware_concurrency() > 1 ? 4 : 2;
    {
        JobPool pool(workers);
        for (int i = 1; i <= 100; ++i)
            pool.post([&sum, i] {
                countJob();
                sum += i;
                boost::this_thread::sleep_for(boost::chrono::microseconds(50));
            });
        pool.waitIdle();
        std::cout << statsBanner() << ": " << pool.size() << " workers\n";
    }
    std::cout << "sum " << sum << "\n";
    return 0;
}
