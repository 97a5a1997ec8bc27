// <boost/thread.hpp> brought in <list>, <map> and <sstream>, which this file uses without
// including them: once the Boost include goes, the re-parse finds the missing std headers.
#include <list>
#include <map>
#include <mutex>
#include <sstream>
#include <iostream>

int main() {
    std::list<int> values;
    std::map<int, int> squares;
    std::mutex m;
    for (int i = 1; i <= 3; ++i) {
        std::lock_guard<std::mutex> lock(m);
        values.push_back(i);
        squares[i] = i * i;
    }
    std::ostringstream out;
    out << values.size() << " " << squares[3];
    std::cout << out.str() << "\n";
    return 0;
}
