#pragma once

#include "store/StoreResult.h"

#include <QHash>
#include <QList>

#include <functional>
#include <map>

// Clients waiting for the cluster: writes waiting for their entry to be
// applied (by request id), and linearizable reads waiting for a read index
// to be confirmed and then applied. Every waiter has a deadline; expire()
// hands back the ones past it so the node answers them with error 300.
// Pure bookkeeping: time is an argument. Owned by the node; one thread.
class PendingRequests
{
public:
    using Callback = std::function<void(const StoreResult &)>;

    void addWrite(quint64 requestId, qint64 deadlineMs, Callback done);
    // The callback of a write whose entry was applied, if it was proposed here.
    Callback takeWrite(quint64 requestId);
    bool hasWrite(quint64 requestId) const { return m_writes.contains(requestId); }

    void addRead(const QByteArray &context, qint64 deadlineMs, Callback done);
    bool hasRead(const QByteArray &context) const { return m_reads.contains(context); }
    // The callback of a read still waiting, removed (to answer it with an error).
    Callback takeRead(const QByteArray &context);
    // Raft confirmed the read index for `context`: run it once applied >= index.
    void readIndexConfirmed(const QByteArray &context, quint64 index);
    // Reads whose index is now applied, removed from the waiting set.
    QList<Callback> readyReads(quint64 applied);

    // Everything past its deadline, removed.
    QList<Callback> expire(qint64 nowMs);
    int size() const { return int(m_writes.size() + m_reads.size()); }

private:
    struct Waiter
    {
        qint64 deadlineMs = 0;
        Callback done;
        quint64 readIndex = 0; // reads: 0 until confirmed
    };
    QHash<quint64, Waiter> m_writes;
    QHash<QByteArray, Waiter> m_reads;
};
