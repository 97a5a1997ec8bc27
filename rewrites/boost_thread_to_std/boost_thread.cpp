// AMC106 boost-thread: boost::thread, its id and this_thread helpers -> std::thread.
// Threads that are never joined or detached are left alone (boost-thread-never-joined),
// and so is every boost::thread in a file that uses an API std::thread lacks.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThread;
const RuleInfo kBoostThread{.id = "AMC106",
    .name = "boost-thread",
    .category = "create-task",
    .summary = "boost::thread, thread::id and this_thread helpers become std::thread",
    .safety = FixSafety::Conditional,
    .brief = R"md(`boost::thread` → `std::thread` (not when never joined or when std lacks a used API))md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread`

## What it does
`boost::thread` becomes `std::thread`; `boost::thread::id`, `hardware_concurrency`, `boost::this_thread::get_id/yield` become std.

## Why
std::thread has the same constructor (callable + arguments, copied) and join/detach/joinable/get_id. `boost::bind` wrappers in the constructor become unnecessary (boost-bind-function moves them to std::bind).

## Example
```cpp
boost::thread t(boost::bind(&Worker::run, this));
t.join();
```
Use instead:
```cpp
std::thread t(std::bind(&Worker::run, this));
t.join();
```

## Fix safety
Conditional: a thread that is never joined or detached is left alone (boost-thread-never-joined: std::thread's destructor terminates). Every boost::thread of a file is kept when the file uses an API std::thread lacks (interrupt, timed_join, attributes) or keeps a boost::thread_group.
)md"};

namespace {
class BoostThreadRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThread; }
    void finish(Engine& e) override {
        static const std::vector<Rename> table = {
            {"boost::thread", "std::thread", "<thread>"},
            {"boost::thread::id", "std::thread::id", "<thread>"},
            {"boost::thread::hardware_concurrency", "std::thread::hardware_concurrency", "<thread>"},
            {"boost::this_thread::get_id", "std::this_thread::get_id", "<thread>"},
            {"boost::this_thread::yield", "std::this_thread::yield", "<thread>"},
        };
        e.renameRefs(info(), table);
    }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThread() { return std::make_unique<BoostThreadRule>(); }

}  // namespace anymig::cpp
