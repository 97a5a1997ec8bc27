// A boost::thread that is never joined or detached relied on Boost's detaching destructor;
// std::thread would call std::terminate(). It is flagged and kept; the joined one is migrated.
#include <boost/thread.hpp>
#include <thread>

static void tick() {}

void fireAndForget() {
    boost::thread background(tick);  // never joined: flagged, not renamed
}

void joined() {
    std::thread worker(tick);
    worker.join();
}

void detached() {
    std::thread helper(tick);
    helper.detach();
}
