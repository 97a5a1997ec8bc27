// A one-line progress bar on stderr for long runs (files done/total, rate). It only draws
// when stderr is a terminal and the CI environment variable is unset; otherwise it is silent.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>

namespace anymig::tool {

class ProgressBar {
public:
    // True when a bar should be drawn: stderr is a terminal and $CI is not set.
    static bool wanted();
    explicit ProgressBar(bool enabled = wanted());
    ~ProgressBar();
    // For RunOptions::progress (called serialised by the runner).
    std::function<void(std::size_t, std::size_t)> callback();
    // Erases the bar (also done by the destructor).
    void finish();

private:
    void draw(std::size_t done, std::size_t total, bool force);
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace anymig::tool
