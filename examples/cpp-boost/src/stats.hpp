#pragma once
#include <string>

// Per-thread scratch counters, merged on demand.
void countJob();
int jobsOnThisThread();
std::string statsBanner();
