// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Tells apart two kinds of gaps a thread sees in its own progress (bench/README "Scale",
// snapshots encoded on the member's own thread): the thread only reads the monotonic clock and
// its own processor clock in a loop, and counts the gaps over 1 ms between two iterations.
// A gap the processor clock also counted as the thread's own time was not the thread's work
// (host steal, or interrupts charged to it); any other gap is the thread being descheduled.
// Build and run: cc -O2 bench/clockgaps.c -o /tmp/clockgaps && /tmp/clockgaps 15
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long nowNs(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
    const double seconds = argc > 1 ? atof(argv[1]) : 10;
    const long long end = nowNs(CLOCK_MONOTONIC) + (long long)(seconds * 1e9);
    long long lastWall = nowNs(CLOCK_MONOTONIC), lastCpu = nowNs(CLOCK_THREAD_CPUTIME_ID);
    int counted = 0, descheduled = 0;
    long long longestCounted = 0;
    for (;;) {
        const long long wall = nowNs(CLOCK_MONOTONIC), cpu = nowNs(CLOCK_THREAD_CPUTIME_ID);
        const long long dWall = wall - lastWall, dCpu = cpu - lastCpu;
        if (dWall > 1000000) {
            if (dCpu > dWall * 9 / 10) {
                ++counted;
                if (dWall > longestCounted)
                    longestCounted = dWall;
            } else {
                ++descheduled;
            }
        }
        lastWall = wall;
        lastCpu = cpu;
        if (wall > end)
            break;
    }
    printf("gaps over 1 ms: %d counted as this thread's processor time (longest %.2f ms), "
           "%d descheduled\n",
           counted, longestCounted / 1e6, descheduled);
    return 0;
}
