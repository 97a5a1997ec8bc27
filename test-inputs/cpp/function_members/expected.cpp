// std::function has no clear() and no empty(): `f.clear()` becomes `f = nullptr` and
// `f.empty()` becomes `!f` when boost::function moves to std::function.
#include <functional>
#include <mutex>
#include <iostream>

struct Job {
    std::function<int()> run;
};

static int seven() { return 7; }

int main() {
    std::function<int()> f = seven;
    Job job;
    Job* p = &job;
    p->run = seven;
    std::cout << !f << " " << !!f << " " << !job.run << "\n";
    int got = f();
    f = nullptr;
    p->run = nullptr;
    std::mutex m;
    std::lock_guard<std::mutex> lock(m);
    std::cout << got << " " << !f << " " << !p->run << "\n";
    return 0;
}
