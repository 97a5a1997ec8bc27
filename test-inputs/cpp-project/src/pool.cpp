#include "taskkit/pool.hpp"

#include <boost/bind/bind.hpp>
#include <boost/make_shared.hpp>

namespace taskkit {

Pool::Pool(unsigned workers) : completed_(boost::make_shared<int>(0)) {
    for (unsigned i = 0; i < workers; ++i) threads_.push_back(boost::thread(boost::bind(&Pool::run, this)));
}

Pool::~Pool() {
    {
        boost::lock_guard<boost::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::size_t i = 0; i < threads_.size(); ++i) threads_[i].join();
}

void Pool::post(boost::function<void()> job) {
    {
        boost::lock_guard<boost::mutex> lock(mutex_);
        jobs_.push(job);
        ++pending_;
    }
    wake_.notify_one();
}

void Pool::waitIdle() {
    boost::unique_lock<boost::mutex> lock(mutex_);
    while (pending_ != 0) idle_.wait(lock);
}

void Pool::run() {
    for (;;) {
        boost::function<void()> job;
        {
            boost::unique_lock<boost::mutex> lock(mutex_);
            while (jobs_.empty() && !stopping_) wake_.wait(lock);
            if (jobs_.empty()) return;
            job = jobs_.front();
            jobs_.pop();
        }
        job();
        boost::unique_lock<boost::mutex> lock(mutex_);
        ++*completed_;
        if (--pending_ == 0) idle_.notify_all();
    }
}

}  // namespace taskkit
