// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QObject>
#include <QTimer>

namespace store {
class Store;
} // namespace store

namespace node {

class ProposalQueue;
class RaftLoop;

// Expires keys the way etcd's v2 store does: only the leader decides that
// keys are due, by proposing an Expire command that carries its own clock;
// every member applies it at the same index and deletes the same keys with
// the same events. Followers never expire keys from a local timer.
//
// A single-shot timer is armed for the store's next expiration whenever
// something was applied; a lost proposal (leadership moved) is retried
// shortly. Uses the RaftLoop (who leads), the Store (what is due next) and
// the ProposalQueue; member's thread only.
class ExpiryProposer : public QObject
{
    Q_OBJECT
public:
    ExpiryProposer(const RaftLoop &loop, const store::Store &store, ProposalQueue &proposals,
                   QObject *parent = nullptr);

    // (Re)arms the timer for the next key due, or stops it if this member
    // does not lead or nothing has a ttl.
    void arm();
    void stop() { m_timer.stop(); }

private:
    void proposeExpiry();

    const RaftLoop &m_loop;
    const store::Store &m_store;
    ProposalQueue &m_proposals;
    QTimer m_timer;
};

} // namespace node
