// Interruption, thread_specific_ptr, timed_join and attributes have no std equivalent: reported
// with reasons, never rewritten; the threads, waits and sleeps of this file stay Boost.
#include <boost/thread.hpp>

static boost::thread_specific_ptr<int> perThread;
static boost::mutex m;
static boost::condition_variable cv;

static void worker() {
    perThread.reset(new int(1));
    try {
        for (;;) {
            boost::this_thread::interruption_point();
            boost::this_thread::sleep_for(boost::chrono::milliseconds(1));
            boost::unique_lock<boost::mutex> lock(m);
            cv.wait(lock);
        }
    } catch (const boost::thread_interrupted&) {
    }
}

int main() {
    boost::thread::attributes attrs;
    attrs.set_stack_size(1 << 20);
    boost::thread t(attrs, worker);
    t.interrupt();
    if (!t.timed_join(boost::posix_time::seconds(5))) t.join();
    return 0;
}
