// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/HeapTrim.h"

#include "node/NodeLogging.h"

#include <QElapsedTimer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace node {

void HeapTrim::releaseFreedPages()
{
#if defined(__GLIBC__)
    QElapsedTimer timer;
    timer.start();
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
