// Sleeping and timed waiting with Boost.Chrono and Boost.Thread.
#pragma once

#include <boost/chrono.hpp>
#include <boost/thread/condition_variable.hpp>
#include <boost/thread/mutex.hpp>

namespace taskkit {

typedef boost::chrono::milliseconds Millis;

class Signal {
public:
    void set();
    // True when the signal was set within `timeout`.
    bool waitFor(Millis timeout);

private:
    boost::mutex mutex_;
    boost::condition_variable cv_;
    bool set_ = false;
};

void nap(Millis d);
long elapsedAtLeast(Millis d);

}  // namespace taskkit
