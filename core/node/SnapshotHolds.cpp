// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/SnapshotHolds.h"

namespace node {

void SnapshotHolds::sent(quint64 follower, quint64 index)
{
    m_holds.insert(follower, Hold{index, -1});
}

void SnapshotHolds::finished(quint64 follower, bool ok, qint64 nowMs)
{
    const auto it = m_holds.find(follower);
    if (it == m_holds.end())
        return;
    if (!ok)
        m_holds.erase(it);
    else
        it->untilMs = nowMs + kHoldAfterSendMs;
}

quint64 SnapshotHolds::limit(quint64 wanted, const QMap<quint64, raft::FollowerStatus> &progress,
                             qint64 nowMs)
{
    quint64 upTo = wanted;
    for (auto it = m_holds.begin(); it != m_holds.end();) {
        const auto pr = progress.constFind(it.key());
        const bool over = pr == progress.cend() || pr->match >= it->index ||
                          (it->untilMs >= 0 && nowMs >= it->untilMs);
        if (over) {
            it = m_holds.erase(it);
            continue;
        }
        upTo = qMin(upTo, it->index);
        ++it;
    }
    return upTo;
}

} // namespace node
