// Futures, call_once, thread ids and the other helpers of the library.
#pragma once

#include <string>
#include <vector>

namespace taskkit {

int sumWithFutures(const std::vector<int>& values);
int packagedAnswer();
int initOnceCount();
bool idsDiffer();
unsigned workersHint();
int guardedJobs();
std::string fileSummary(const std::string& path);
int legacyFeatures();

}  // namespace taskkit
