// Runs a job and reports whether it was interrupted. This header relies on the includer having
// included <boost/thread.hpp> first (include-order dependency, as in many old code bases).
#pragma once

namespace taskkit {

template <class F>
bool run_guarded(F f) {
    try {
        f();
        return true;
    } catch (const boost::thread_interrupted&) {
        return false;
    }
}

}  // namespace taskkit
