// boost::call_once(func, flag) is Boost's legacy argument order; std::call_once takes the flag
// first. Both orders in one file; the arguments are swapped together with the rename.
#include <mutex>
#include <iostream>

static int inits = 0;
static std::once_flag first;
static std::once_flag second;

static void init() { ++inits; }

int main() {
    std::call_once(first, init);
    std::call_once(first, &init);
    std::call_once(second, init);
    std::call_once(second, [] { inits += 10; });
    std::cout << "inits " << inits << "\n";
    return 0;
}
