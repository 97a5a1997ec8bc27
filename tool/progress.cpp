#include "tool/progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace anymig::tool {

bool ProgressBar::wanted() {
    const char* ci = std::getenv("CI");
    return ::isatty(STDERR_FILENO) && !(ci && *ci);
}

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { finish(); }

std::function<void(std::size_t, std::size_t)> ProgressBar::callback() {
    if (!enabled_) return {};
    return [this](std::size_t done, std::size_t total) { draw(done, total, done == total); };
}

void ProgressBar::draw(std::size_t done, std::size_t total, bool force) {
    auto now = std::chrono::steady_clock::now();
    // Redraw at most ten times a second; small runs finish before the first redraw.
    if (!force && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    if (!drawn_ && now - start_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double rate = secs > 0 ? static_cast<double>(done) / secs : 0.0;
    constexpr int kWidth = 30;
    int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kWidth - filled), '.');
    std::fprintf(stderr, "\r\033[K[%s] %zu/%zu files  %.0f files/s", bar.c_str(), done, total, rate);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace anymig::tool
