// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// sanitizer_probe <bug>: a program with one deliberate bug, chosen by its argument, for the
// sanitizer builds to check their own harness (tests/sanitizers/CMakeLists.txt): a report
// from a process that a test starts and whose exit status it ignores must still fail the test.
//   leak             64 bytes never freed (LeakSanitizer, at exit)
//   use-after-free   reads a freed int (AddressSanitizer)
//   overflow         signed int overflow (UndefinedBehaviorSanitizer)
//   race             two threads increment one int without a lock (ThreadSanitizer)
//   none             no bug: exits 0 (the harness must let it pass)
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace {
// volatile: the compiler may not drop the allocation or the accesses it cannot see used.
void *volatile g_pointer = nullptr;
volatile int g_int = INT_MAX;
int g_shared = 0;
} // namespace

int main(int argc, char **argv)
{
    const char *bug = argc > 1 ? argv[1] : "";
    if (!std::strcmp(bug, "leak")) {
        g_pointer = std::malloc(64);
        g_pointer = nullptr;
        return 0;
    }
    if (!std::strcmp(bug, "use-after-free")) {
        int *p = new int[4]{1, 2, 3, 4};
        g_pointer = p;
        delete[] p;
        g_int = static_cast<int *>(g_pointer)[argc];
        return 0;
    }
    if (!std::strcmp(bug, "overflow")) {
        int value = g_int;
        value += argc; // INT_MAX + 2
        g_int = value;
        return 0;
    }
    if (!std::strcmp(bug, "race")) {
        std::thread other([] { ++g_shared; });
        ++g_shared;
        other.join();
        return 0;
    }
    if (!std::strcmp(bug, "none"))
        return 0;
    std::fprintf(stderr, "usage: sanitizer_probe leak|use-after-free|overflow|race|none\n");
    return 2;
}
