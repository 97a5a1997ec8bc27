// A boost::thread that is never joined or detached relied on Boost's detaching destructor;
// std::thread would call std::terminate(). It is flagged and kept; the joined one is migrated.
#include <boost/thread.hpp>

static void tick() {}

void fireAndForget() {
    boost::thread background(tick);  // never joined: flagged, not renamed
}

void joined() {
    boost::thread worker(tick);
    worker.join();
}

void detached() {
    boost::thread helper(tick);
    helper.detach();
}
