#include "job_pool.hpp"

JobPool::JobPool(unsigned workers) {
    for (unsigned i = 0; i < workers; ++i) threads_.push_back(boost::thread(boost::bind(&JobPool::run, this)));
}

JobPool::~JobPool() {
    {
        boost::mutex::scoped_lock lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::size_t i = 0; i < threads_.size(); ++i) threads_[i].join();
}

void JobPool::post(boost::function<void()> job) {
    boost::lock_guard<boost::mutex> lock(mutex_);
    jobs_.push(boost::move(job));
    ++pending_;
    wake_.notify_one();
}

void JobPool::waitIdle() {
    boost::unique_lock<boost::mutex> lock(mutex_);
    while (pending_ > 0) idle_.timed_wait(lock, boost::posix_time::milliseconds(10));
}

void JobPool::run() {
    for (;;) {
        boost::function<void()> job;
        {
            boost::unique_lock<boost::mutex> lock(mutex_);
            while (!stopping_ && jobs_.empty()) wake_.wait(lock);
            if (stopping_ && jobs_.empty()) return;
            job = boost::move(jobs_.front());
            jobs_.pop();
        }
        job();
        boost::lock_guard<boost::mutex> lock(mutex_);
        if (--pending_ == 0) idle_.notify_all();
    }
}
