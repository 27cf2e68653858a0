// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// A slow disk for tests, preloaded into a member (LD_PRELOAD): every fdatasync(2) waits
// QETCD_TEST_SYNC_DELAY_MS milliseconds before it syncs. A member's WAL syncs with fdatasync,
// so this widens every window in which a write is on its way to disk, and a test can show
// that nothing is answered from inside one, whatever else the machine is doing. Only the
// delay is added: the real call follows, and its result is returned.
#include <dlfcn.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>

extern "C" int fdatasync(int fd)
{
    using DataSync = int (*)(int);
    static const DataSync real = reinterpret_cast<DataSync>(::dlsym(RTLD_NEXT, "fdatasync"));
    if (const char *ms = std::getenv("QETCD_TEST_SYNC_DELAY_MS")) {
        const long delay = std::strtol(ms, nullptr, 10);
        timespec left{delay / 1000, (delay % 1000) * 1000000};
        while (::nanosleep(&left, &left) != 0 && errno == EINTR) {
        }
    }
    return real(fd);
}
