// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "SimNode.h"

#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <set>

// Test support: runs the commands of the golden files in testdata/ (etcd-io/raft's
// interaction tests, in qetcd's terms) against in-memory SimNodes and returns what each
// command did as text (raft::describe()). Unlike SimNetwork, nothing happens on its own:
// messages wait in the recipient's inbox until deliver-msgs (or stabilize) hands them
// over, and Readies are handled only by process-ready (or stabilize), so a script shows
// every step of the protocol in order. Handling a Ready is synchronous (persist, then send
// both message lists, apply, advance). Deterministic: fixed seeds, no clock.
//
// Commands (ids are members; "[ids]" means all members when omitted):
//   add-nodes <n> [election=<ticks>] [heartbeat=<ticks>] [prevote=false] [checkquorum=false]
//                                 (a new cluster 1..n, bootstrap entries applied)
//   campaign <id>                 propose <id> <data>        transfer-leadership <id> <to>
//   propose-conf-change <id> v<n>|l<n>|r<n>   (add voter, add learner, remove)
//   tick <id> <n>                 tick-heartbeat <id>        tick-election <id>
//   process-ready [ids]           deliver-msgs [ids]         stabilize [ids]
//   crash <id>                    restart <id>
//   isolate <id>                  recover                    (cut and heal links)
//   compact <id> <index>          (snapshot at the applied index, drop entries <= index)
//   status [ids]                  raft-log <id>              values <id>
class InteractionEnv
{
public:
    // Runs one command line; returns its output, or an "error: ..." line.
    QString execute(const QString &commandLine);

private:
    using Args = QStringList;
    QString addNodes(const Args &args);
    QString processReady(const QList<quint64> &ids, bool *progress = nullptr);
    QString deliverMsgs(const QList<quint64> &ids, bool *progress = nullptr);
    QString stabilize(const QList<quint64> &ids);
    QString status(const QList<quint64> &ids);
    QString raftLog(quint64 id);
    void tick(quint64 id, int n);
    void route(const QList<raft::Message> &messages);
    QList<quint64> targets(const Args &args, qsizetype from) const;
    SimNode &node(quint64 id);

    SimOptions m_options;
    std::map<quint64, std::unique_ptr<SimNode>> m_nodes;
    std::map<quint64, QList<raft::Message>> m_inbox;
    std::set<quint64> m_isolated;
    QString m_lastReady; // the Ready the last processed member produced
};
