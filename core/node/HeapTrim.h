// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

namespace node {

// Gives the system back the pages that freed heap memory still holds, after the member let go
// of a whole store at once (a snapshot installed over a full one).
//
// Why: the new store is built while the old one still lives, so the old one's nodes are freed
// in the middle of the heap, below the new one. glibc only returns the top of the heap by
// itself and keeps such holes resident until the memory is reused: a follower that installed
// 600,000 keys over 300,000 held 357 MB where its peers held 259 MB, and 192 MB after
// malloc_trim (bench/README "Scale", session 23). The memory would be reused by later writes,
// but an administrator sees a member twice its peers' size.
//
// In `qetcd`, which runs on tcmalloc (daemon/CMakeLists.txt), it asks tcmalloc to release its
// free page heap; elsewhere it trims glibc's heap. A no-op where the C library is not glibc
// and tcmalloc is absent (and under a sanitizer's allocator, which neither reaches).
// Stateless; any thread; it takes the allocator's locks in turn, so other threads' allocations
// wait for it (milliseconds for hundreds of MB, logged).
class HeapTrim
{
public:
    static void releaseFreedPages();
};

} // namespace node
