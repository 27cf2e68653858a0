// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

namespace server {

// The process's descriptor budget (RLIMIT_NOFILE).
//
// raiseToHard() lifts the soft limit to the hard one at start, as Go programs (etcd 3.4.23 is
// built with Go 1.19) do before main: the soft limit is often far below the hard one (1024
// against 524288 under systemd), and running out of descriptors makes accept() fail and, worse,
// the next WAL segment or snapshot open fail, which ends the member.
//
// clientConnectionLimit() keeps a reserve out of reach of client connections, for what must never
// lack a descriptor: WAL segments and snapshots, directory fsyncs, peer connections, thread
// wake-up descriptors, listening sockets. The reserve is an eighth of the limit, at least 64 and
// at most 1024 (an idle one-member qetcd with three client threads holds 16 descriptors).
// Stateless; any thread.
class FdLimit
{
public:
    struct Limits
    {
        quint64 softBefore = 0;
        quint64 soft = 0; // after raiseToHard()
        quint64 hard = 0;
        int error = 0; // errno of a failed getrlimit/setrlimit, else 0
    };
    static Limits raiseToHard();

    static quint64 reserve(quint64 softLimit);
    // `flag`: --max-client-connections, 0 for "as many as the descriptors allow".
    static quint64 clientConnectionLimit(quint64 softLimit, quint64 flag);
};

} // namespace server
