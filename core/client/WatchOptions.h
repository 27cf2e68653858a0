// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

namespace client {

// Options of a watch. waitIndex is the first event index wanted (0: only
// changes from now on). With stream the server keeps one response open and
// sends every event; otherwise each event is one long-poll request.
struct WatchOptions
{
    bool recursive = false;
    quint64 waitIndex = 0;
    bool stream = false;
    // Give up with error() if the very first attempt fails on every endpoint
    // (etcdctl's behaviour); once connected, a watcher always reconnects.
    bool failIfUnreachable = false;
};

} // namespace client
