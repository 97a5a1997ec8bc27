// std::function has no clear() and no empty(): `f.clear()` becomes `f = nullptr` and
// `f.empty()` becomes `!f` when boost::function moves to std::function.
#include <boost/function.hpp>
#include <boost/thread.hpp>
#include <iostream>

struct Job {
    boost::function<int()> run;
};

static int seven() { return 7; }

int main() {
    boost::function<int()> f = seven;
    Job job;
    Job* p = &job;
    p->run = seven;
    std::cout << f.empty() << " " << !f.empty() << " " << job.run.empty() << "\n";
    int got = f();
    f.clear();
    p->run.clear();
    boost::mutex m;
    boost::lock_guard<boost::mutex> lock(m);
    std::cout << got << " " << f.empty() << " " << p->run.empty() << "\n";
    return 0;
}
