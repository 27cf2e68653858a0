// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <atomic>
#include <limits>
#include <memory>
#include <vector>

namespace http {

// How many client connections a Server holds open and may hold (--max-client-connections, or
// what the descriptors allow: FdLimit), counted in descriptors: one per connection, plus one for
// each watch stream that a StreamSender writes through a duplicate of its socket (SocketChannel's
// direct mode). So streams cannot eat the reserve the WAL, snapshots and peers need: past the
// limit new connections are closed and streams stay on their socket's thread.
//
// Shared by the Server, its Adopters' connections and their channels; the per-thread counters
// are added before any thread starts, everything else from any thread. takeDuplicate() checks
// and counts in two steps, so streams going direct on several client threads at once may pass
// the limit by at most one each.
class ConnectionBudget
{
public:
    void addThread(std::shared_ptr<std::atomic<int>> connections)
    {
        m_threads.push_back(std::move(connections));
    }
    void setMax(qint64 max) { m_max.store(max, std::memory_order_relaxed); }
    qint64 max() const { return m_max.load(std::memory_order_relaxed); }

    // Open connections plus the duplicates of their descriptors.
    qint64 open() const
    {
        qint64 open = m_duplicates.load(std::memory_order_relaxed);
        for (const auto &connections : m_threads)
            open += connections->load(std::memory_order_relaxed);
        return open;
    }

    // One more descriptor for a connection, if it fits; give it back with releaseDuplicate().
    bool takeDuplicate()
    {
        if (open() >= max())
            return false;
        m_duplicates.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
    void releaseDuplicate() { m_duplicates.fetch_sub(1, std::memory_order_relaxed); }

private:
    std::vector<std::shared_ptr<std::atomic<int>>> m_threads;
    std::atomic<qint64> m_duplicates{0};
    std::atomic<qint64> m_max{std::numeric_limits<qint64>::max()};
};

} // namespace http
