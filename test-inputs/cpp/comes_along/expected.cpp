// <boost/thread.hpp> also brought boost::function, boost::bind, boost::ref, boost::move and
// posix_time. The first four move to std; the posix_time clock reading has no rule, so the file
// keeps the Boost header it really needs for it.
#include <functional>
#include <thread>
#include <boost/date_time/posix_time/posix_time_types.hpp>
#include <iostream>
#include <string>
#include <utility>

static void append(std::string& out, const std::string& what) { out += what; }

int main() {
    std::string log;
    std::function<void(const std::string&)> f = std::bind(&append, std::ref(log), std::placeholders::_1);
    f("a");
    std::string moved = std::move(log);
    boost::posix_time::ptime start = boost::posix_time::microsec_clock::universal_time();
    std::thread t(f, "b");
    t.join();
    std::cout << moved << log << (start.is_not_a_date_time() ? " bad" : " ok") << "\n";
    return 0;
}
