// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/HeapTrim.h"

#include "node/NodeLogging.h"

#include <QElapsedTimer>

#include <cstddef>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

// gperftools' C interface (gperftools/malloc_extension_c.h), declared weak so that this library
// links into programs with and without tcmalloc: only `qetcd` links it (daemon/CMakeLists.txt);
// in the tests and tools the symbols are null and glibc's trim is used.
extern "C" {
__attribute__((weak)) void MallocExtension_ReleaseFreeMemory(void);
__attribute__((weak)) int MallocExtension_GetNumericProperty(const char *property, size_t *value);
}

namespace node {

void HeapTrim::releaseFreedPages()
{
    QElapsedTimer timer;
    timer.start();
    if (MallocExtension_ReleaseFreeMemory && MallocExtension_GetNumericProperty) {
        size_t freeBefore = 0;
        MallocExtension_GetNumericProperty("tcmalloc.pageheap_free_bytes", &freeBefore);
        MallocExtension_ReleaseFreeMemory();
        qCInfo(lcNode,
               "returned tcmalloc's free pages to the system (%.1f MB were free in its page "
               "heap), in %.1f ms",
               double(freeBefore) / 1e6, double(timer.nsecsElapsed()) / 1e6);
        return;
    }
#if defined(__GLIBC__)
    const size_t freeBefore = mallinfo2().fordblks;
    const bool released = malloc_trim(0) != 0;
    qCInfo(lcNode,
           "returned the heap's free pages to the system (%s; %.1f MB were free in the "
           "heap), in %.1f ms",
           released ? "some released" : "none to release", double(freeBefore) / 1e6,
           double(timer.nsecsElapsed()) / 1e6);
#endif
}

} // namespace node
