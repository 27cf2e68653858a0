// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ClusterTypes.h"
#include "auth/AuthResult.h"
#include "store/StoreResult.h"

#include <QHash>
#include <QList>

#include <functional>
#include <map>

namespace node {

// Clients waiting for the cluster: writes waiting for their entry to be
// applied (by request id), linearizable reads waiting for a read index to be
// confirmed and then applied, auth and membership changes waiting for theirs
// (by request id). Writes and reads carry a deadline; expire() hands back the
// ones past it so they are answered with error 300 (auth and membership
// changes keep a timer each, in ProposalQueue). Whoever takes a callback out
// answers it: each client is answered exactly once. Pure bookkeeping: time
// is an argument. Owned by the ProposalQueue; one thread.
class PendingRequests
{
public:
    using Callback = std::function<void(const store::StoreResult &)>;
    using AuthCallback = std::function<void(const auth::AuthResult &)>;
    using MemberCallback = std::function<void(const api::MemberChangeResult &)>;

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

    void addAuth(quint64 requestId, AuthCallback done)
    {
        m_auth.insert(requestId, std::move(done));
    }
    AuthCallback takeAuth(quint64 requestId) { return m_auth.take(requestId); }
    bool hasAuth(quint64 requestId) const { return m_auth.contains(requestId); }

    void addMember(quint64 requestId, MemberCallback done)
    {
        m_members.insert(requestId, std::move(done));
    }
    MemberCallback takeMember(quint64 requestId) { return m_members.take(requestId); }
    bool hasMember(quint64 requestId) const { return m_members.contains(requestId); }

    // Writes and reads past their deadline, removed.
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
    QHash<quint64, AuthCallback> m_auth;
    QHash<quint64, MemberCallback> m_members;
};

} // namespace node
