// Counters shared by several translation units: the header and its sources change together.
#pragma once

#include <boost/thread/mutex.hpp>
#include <boost/thread/recursive_mutex.hpp>
#include <boost/thread/locks.hpp>
#include <map>
#include <string>

namespace taskkit {

class Counter {
public:
    typedef boost::mutex::scoped_lock Lock;
    void add(int n);
    int value() const;

private:
    mutable boost::mutex mutex_;
    int value_ = 0;
};

// A registry that calls itself back while holding its lock.
class Registry {
public:
    void put(const std::string& key, int value);
    int total() const;

private:
    int sumLocked() const;
    mutable boost::recursive_mutex mutex_;
    std::map<std::string, int> values_;
};

}  // namespace taskkit
