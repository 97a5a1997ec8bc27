#include <boost/thread.hpp>

#include "taskkit/guard.hpp"  // needs <boost/thread.hpp> before it
#include "taskkit/tasks.hpp"

namespace taskkit {

int guardedJobs() {
    int ran = 0;
    boost::mutex m;
    boost::thread worker([&] {
        for (int i = 0; i < 3; ++i)
            if (run_guarded([&] {
                    boost::lock_guard<boost::mutex> lock(m);
                    ++ran;
                }))
                boost::this_thread::sleep_for(boost::chrono::milliseconds(1));
    });
    worker.join();
    return ran;
}

}  // namespace taskkit
