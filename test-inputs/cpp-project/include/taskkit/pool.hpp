// A fixed-size pool of worker threads running queued jobs.
#pragma once

#include "taskkit/config.hpp"

#include <boost/function.hpp>
#include <boost/shared_ptr.hpp>
#include <boost/thread.hpp>
#include <cstddef>
#include <queue>
#include <vector>

namespace taskkit {

class Pool {
public:
    explicit Pool(unsigned workers = TASKKIT_DEFAULT_WORKERS);
    ~Pool();

    void post(boost::function<void()> job);
    // Blocks until every posted job has run.
    void waitIdle();
    std::size_t size() const { return threads_.size(); }
    boost::shared_ptr<int> completed() const { return completed_; }

private:
    void run();

    boost::mutex mutex_;
    boost::condition_variable wake_;
    boost::condition_variable idle_;
    std::queue<boost::function<void()> > jobs_;
    std::vector<boost::thread> threads_;
    boost::shared_ptr<int> completed_;
    std::size_t pending_ = 0;
    bool stopping_ = false;
};

}  // namespace taskkit
