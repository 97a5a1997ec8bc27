#include "taskkit/counters.hpp"

namespace taskkit {

void Counter::add(int n) {
    Lock lock(mutex_);
    value_ += n;
}

int Counter::value() const {
    boost::lock_guard<boost::mutex> lock(mutex_);
    return value_;
}

void Registry::put(const std::string& key, int value) {
    boost::recursive_mutex::scoped_lock lock(mutex_);
    values_[key] = value;
    if (sumLocked() > 1000) values_.erase(key);
}

int Registry::total() const {
    boost::unique_lock<boost::recursive_mutex> lock(mutex_);
    return sumLocked();
}

int Registry::sumLocked() const {
    boost::lock_guard<boost::recursive_mutex> again(mutex_);
    int sum = 0;
    for (const auto& kv : values_) sum += kv.second;
    return sum;
}

}  // namespace taskkit
