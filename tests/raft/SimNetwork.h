// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "SimNode.h"

#include <map>
#include <random>
#include <set>

// Test support: a tiny deterministic network between in-memory SimNodes. Messages wait in
// one queue; links (directed) can be cut, made lossy or slow; delivery can be reordered;
// members can crash (optionally halfway through a Ready) and restart. All randomness comes
// from one seeded generator, so a seed reproduces a run exactly. Time is counted in ticks:
// advance(n) ticks every live member n times, delivering everything deliverable in between.
class SimNetwork
{
public:
    explicit SimNetwork(const QList<quint64> &ids, const SimOptions &options = {});
    // Members 1..n.
    static QList<quint64> members(int n);
    // A new cluster of members 1..n in which member 1 has won the first election.
    static std::unique_ptr<SimNetwork> withLeader(int n, const SimOptions &options = {});

    SimNode &node(quint64 id) { return *m_nodes.at(id); }
    QList<quint64> ids() const;
    // A new member that will join through a membership change.
    SimNode &addNode(quint64 id);
    // Puts a prepared member in place of (or next to) the others.
    SimNode &setNode(std::unique_ptr<SimNode> node);

    // Driving.
    void tick(quint64 id);
    void tickAll();
    void advance(int ticks);
    // Handles Readies and delivers deliverable messages until nothing moves. A correct
    // cluster goes quiet between ticks; if it does not within a large bound, livelocked()
    // becomes true (a bug: members keep answering each other forever).
    void deliver();
    bool livelocked() const { return m_livelocked; }
    // One network step: handle every pending Ready, then deliver at most maxMessages
    // deliverable messages. Returns false when nothing was left to do.
    bool stepOnce(int maxMessages);
    void send(const raft::Message &original);
    quint64 now() const { return m_now; }
    int inFlight() const { return int(m_queue.size()); }

    // Faults; links are directed, cut()/isolate() act on both directions.
    void cut(quint64 a, quint64 b);
    void isolate(quint64 id);
    void setDropRate(quint64 from, quint64 to, double p);
    void setDropRateAll(double p);
    void setDelay(quint64 from, quint64 to, int ticks);
    void setReorder(bool on) { m_reorder = on; }
    // Slow disks: each Ready is finished (persisted, applied) only with this probability per
    // network step, so messages arrive while a member is still writing.
    void setSlowDisk(double finishChance) { m_finishChance = finishChance; }
    void dropType(raft::MessageType t) { m_droppedTypes.insert(t); }
    void recover(); // heal every link, stop dropping and delaying
    void crash(quint64 id, bool midReady = false);
    void restart(quint64 id);
    void cancelPendingCrashes() { m_crashMidReady.clear(); }

    // Queries.
    quint64 leader() const; // the live leader with the highest term, 0 if none
    quint64 waitForLeader(int maxTicks = 200);
    raft::ProposeResult propose(quint64 id, const QByteArray &data);

    // Called for every message the network accepts (before filtering).
    std::function<void(const raft::Message &)> onSend;
    // Prints every delivery, drop, crash and Ready (debugging a failing seed).
    bool trace = false;
    // Custom faults: may edit a message in flight; drops it by returning false.
    std::function<bool(raft::Message &)> filter;

private:
    struct Link
    {
        bool cut = false;
        double dropRate = 0;
        int delay = 0;
    };
    struct InFlight
    {
        raft::Message message;
        quint64 deliverAt = 0;
    };

    void handleReadies();
    void deliverMessage(const raft::Message &m);
    bool chance(double p);

    SimOptions m_options;
    std::map<quint64, std::unique_ptr<SimNode>> m_nodes;
    std::map<std::pair<quint64, quint64>, Link> m_links;
    std::set<raft::MessageType> m_droppedTypes;
    std::set<quint64> m_crashMidReady;
    QList<InFlight> m_queue;
    std::mt19937_64 m_rng;
    quint64 m_now = 0;
    bool m_reorder = false;
    bool m_livelocked = false;
    double m_finishChance = 1.0;
};
