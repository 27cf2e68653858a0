// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "SimNetwork.h"

#include "RaftTestUtil.h"

using namespace raft;

SimNetwork::SimNetwork(const QList<quint64> &ids, const SimOptions &options)
    : m_options(options), m_rng(options.seed)
{
    for (quint64 id : ids) {
        SimOptions o = options;
        o.seed = options.seed * 1000003 + id;
        m_nodes.emplace(id, std::make_unique<SimNode>(id, o, ids));
    }
}

QList<quint64> SimNetwork::members(int n)
{
    QList<quint64> ids;
    for (int i = 1; i <= n; ++i)
        ids.append(quint64(i));
    return ids;
}

std::unique_ptr<SimNetwork> SimNetwork::withLeader(int n, const SimOptions &options)
{
    auto net = std::make_unique<SimNetwork>(members(n), options);
    net->deliver();
    net->node(1).raft().campaign();
    net->deliver();
    if (net->leader() != 1)
        qFatal("member 1 did not win the first election");
    return net;
}

QList<quint64> SimNetwork::ids() const
{
    QList<quint64> out;
    for (const auto &[id, n] : m_nodes)
        out.append(id);
    return out;
}

SimNode &SimNetwork::addNode(quint64 id)
{
    SimOptions o = m_options;
    o.seed = m_options.seed * 1000003 + id;
    auto &slot = m_nodes[id];
    slot = std::make_unique<SimNode>(id, o, QList<quint64>{});
    return *slot;
}

SimNode &SimNetwork::setNode(std::unique_ptr<SimNode> n)
{
    auto &slot = m_nodes[n->id()];
    slot = std::move(n);
    return *slot;
}

void SimNetwork::tick(quint64 id)
{
    if (node(id).isUp())
        node(id).raft().tick();
}

void SimNetwork::tickAll()
{
    ++m_now;
    for (auto &[id, n] : m_nodes) {
        if (n->isUp())
            n->raft().tick();
    }
}

void SimNetwork::advance(int ticks)
{
    deliver();
    for (int i = 0; i < ticks; ++i) {
        tickAll();
        deliver();
    }
}

void SimNetwork::deliver()
{
    // Every disk completes its writes before we call the network quiet.
    const double finishChance = m_finishChance;
    m_finishChance = 1.0;
    for (int i = 0; stepOnce(std::numeric_limits<int>::max()); ++i) {
        if (i == 10000) {
            m_livelocked = true;
            break;
        }
    }
    m_finishChance = finishChance;
}

bool SimNetwork::stepOnce(int maxMessages)
{
    handleReadies();
    QList<qsizetype> ready;
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).deliverAt <= m_now)
            ready.append(i);
    }
    if (ready.isEmpty())
        return false;
    if (m_reorder)
        std::shuffle(ready.begin(), ready.end(), m_rng);
    if (ready.size() > maxMessages)
        ready.resize(maxMessages);
    QList<Message> batch;
    for (qsizetype i : ready)
        batch.append(m_queue.at(i).message);
    std::sort(ready.begin(), ready.end(), std::greater<qsizetype>());
    for (qsizetype i : ready)
        m_queue.removeAt(i);
    for (const Message &m : batch)
        deliverMessage(m);
    return true;
}

void SimNetwork::handleReadies()
{
    bool again = true;
    while (again) {
        again = false;
        for (auto &[id, n] : m_nodes) {
            if (!n->isUp())
                continue;
            if (!n->readyInProgress()) {
                if (!n->raft().hasReady())
                    continue;
                again = true;
                for (const Message &m : n->beginReady())
                    send(m);
                if (m_crashMidReady.count(id) && trace)
                    qDebug("t%llu crash %llu before persisting", m_now, id);
                if (m_crashMidReady.erase(id) > 0) {
                    n->crash();
                    continue;
                }
            }
            // A slow disk finishes later; the member keeps receiving messages meanwhile.
            if (m_finishChance < 1.0 && !chance(m_finishChance))
                continue;
            again = true;
            if (trace)
                qDebug("t%llu %llu persisted", m_now, id);
            for (const Message &m : n->finishReady())
                send(m);
        }
    }
}

bool SimNetwork::chance(double p)
{
    if (p <= 0)
        return false;
    if (p >= 1)
        return true;
    return std::uniform_real_distribution<double>(0, 1)(m_rng) < p;
}

void SimNetwork::send(const Message &original)
{
    Message m = original;
    if (onSend)
        onSend(m);
    const Link link = m_links.count({m.from, m.to}) ? m_links.at({m.from, m.to}) : Link{};
    const bool dropped = link.cut || m_droppedTypes.count(m.type) || chance(link.dropRate) ||
                         !m_nodes.count(m.to) || (filter && !filter(m));
    if (trace)
        qDebug("t%llu %s %s", m_now, dropped ? "drop" : "send", qPrintable(rt::describe(m)));
    if (dropped) {
        // A real transport notices a failed snapshot stream and says so.
        if (m.type == MessageType::MsgSnap && m_nodes.count(m.from) && node(m.from).isUp())
            node(m.from).raft().reportSnapshot(m.to, false);
        return;
    }
    m_queue.append({m, m_now + quint64(link.delay)});
}

void SimNetwork::deliverMessage(const Message &m)
{
    SimNode &to = node(m.to);
    const bool delivered = to.isUp();
    if (trace)
        qDebug("t%llu %s %s", m_now, delivered ? "deliver" : "lost", qPrintable(rt::describe(m)));
    if (delivered)
        to.raft().step(m);
    if (m.type == MessageType::MsgSnap && m_nodes.count(m.from) && node(m.from).isUp())
        node(m.from).raft().reportSnapshot(m.to, delivered);
}

void SimNetwork::cut(quint64 a, quint64 b)
{
    m_links[{a, b}].cut = true;
    m_links[{b, a}].cut = true;
}

void SimNetwork::isolate(quint64 id)
{
    for (const auto &[other, n] : m_nodes) {
        if (other != id)
            cut(id, other);
    }
}

void SimNetwork::setDropRate(quint64 from, quint64 to, double p)
{
    m_links[{from, to}].dropRate = p;
}

void SimNetwork::setDropRateAll(double p)
{
    for (const auto &[a, na] : m_nodes) {
        for (const auto &[b, nb] : m_nodes) {
            if (a != b)
                setDropRate(a, b, p);
        }
    }
}

void SimNetwork::setDelay(quint64 from, quint64 to, int ticks)
{
    m_links[{from, to}].delay = ticks;
}

void SimNetwork::recover()
{
    m_links.clear();
    m_droppedTypes.clear();
}

void SimNetwork::crash(quint64 id, bool midReady)
{
    if (trace)
        qDebug("t%llu crash %llu%s", m_now, id, midReady ? " (at next Ready)" : "");
    if (midReady)
        m_crashMidReady.insert(id);
    else
        node(id).crash();
}

void SimNetwork::restart(quint64 id)
{
    if (trace)
        qDebug("t%llu restart %llu", m_now, id);
    m_crashMidReady.erase(id);
    node(id).restart();
}

quint64 SimNetwork::leader() const
{
    quint64 best = 0;
    quint64 bestTerm = 0;
    for (const auto &[id, n] : m_nodes) {
        if (!n->isUp())
            continue;
        const Status st = n->status();
        if (st.softState.role == Role::Leader && st.hardState.term >= bestTerm) {
            best = id;
            bestTerm = st.hardState.term;
        }
    }
    return best;
}

quint64 SimNetwork::waitForLeader(int maxTicks)
{
    deliver();
    for (int i = 0; i < maxTicks && leader() == 0; ++i) {
        tickAll();
        deliver();
    }
    return leader();
}

ProposeResult SimNetwork::propose(quint64 id, const QByteArray &data)
{
    return node(id).raft().propose(data);
}
