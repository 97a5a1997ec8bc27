// <boost/thread.hpp> also brought boost::function, boost::bind, boost::ref, boost::move and
// posix_time. The first four move to std; the posix_time clock reading has no rule, so the file
// keeps the Boost header it really needs for it.
#include <boost/thread.hpp>
#include <iostream>
#include <string>
#include <utility>

static void append(std::string& out, const std::string& what) { out += what; }

int main() {
    std::string log;
    boost::function<void(const std::string&)> f = boost::bind(&append, boost::ref(log), boost::placeholders::_1);
    f("a");
    std::string moved = boost::move(log);
    boost::posix_time::ptime start = boost::posix_time::microsec_clock::universal_time();
    boost::thread t(f, "b");
    t.join();
    std::cout << moved << log << (start.is_not_a_date_time() ? " bad" : " ok") << "\n";
    return 0;
}
