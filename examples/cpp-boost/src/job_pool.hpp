// A fixed-size pool of worker threads running queued jobs.
#pragma once

#include <boost/function.hpp>
#include <boost/thread.hpp>
#include <cstddef>
#include <queue>
#include <vector>

class JobPool {
public:
    explicit JobPool(unsigned workers);
    ~JobPool();

    void post(boost::function<void()> job);
    // Blocks until every posted job has run.
    void waitIdle();
    std::size_t size() const { return threads_.size(); }

private:
    void run();

    boost::mutex mutex_;
    boost::condition_variable wake_;
    boost::condition_variable idle_;
    std::queue<boost::function<void()> > jobs_;
    std::vector<boost::thread> threads_;
    std::size_t pending_ = 0;
    bool stopping_ = false;
};
