// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "SimNode.h"

#include <QDataStream>
#include <QIODevice>

#include <limits>

using namespace raft;

SimNode::SimNode(quint64 id, const SimOptions &options, const QList<quint64> &peers)
    : m_id(id), m_options(options)
{
    Config c = config();
    c.peers = peers;
    m_node = std::make_unique<RawNode>(c);
}

SimNode::SimNode(quint64 id, const SimOptions &options, const QList<Entry> &log,
                 const HardState &hs)
    : m_id(id), m_options(options)
{
    m_storage.append(log);
    m_storage.setHardState(hs);
    m_node = std::make_unique<RawNode>(config());
}

QList<Entry> SimNode::bootstrapLog(const QList<quint64> &voters)
{
    QList<Entry> log;
    for (quint64 v : voters) {
        log.append(Entry{1, quint64(log.size()) + 1, EntryType::ConfChange,
                         ConfChange{ConfChangeType::AddNode, v, {}}.encode()});
    }
    return log;
}

Config SimNode::config() const
{
    Config c;
    c.id = m_id;
    c.electionTick = m_options.electionTick;
    c.heartbeatTick = m_options.heartbeatTick;
    c.storage = &m_storage;
    c.maxSizePerMsg = m_options.maxSizePerMsg;
    c.maxInflightMsgs = m_options.maxInflightMsgs;
    c.maxUncommittedSize = m_options.maxUncommittedSize;
    c.checkQuorum = m_options.checkQuorum;
    c.preVote = m_options.preVote;
    c.seed = m_options.seed + quint64(m_restarts) * 7919;
    return c;
}

SimNode::Output SimNode::handleReady(bool crashBeforePersist)
{
    Output out;
    if (!m_node || m_pending || !m_node->hasReady())
        return out;
    out.early = beginReady();
    if (crashBeforePersist) {
        crash();
        return out;
    }
    out.late = finishReady();
    return out;
}

QList<Message> SimNode::beginReady()
{
    if (!m_node || m_pending || !m_node->hasReady())
        return {};
    m_pending = m_node->ready();
    if (onReady)
        onReady(*this, *m_pending);
    return m_pending->messages;
}

QList<Message> SimNode::finishReady()
{
    if (!m_node || !m_pending)
        return {};
    const Ready rd = std::move(*m_pending);
    m_pending.reset();
    if (!rd.snapshot.isEmpty())
        m_storage.applySnapshot(rd.snapshot);
    m_storage.append(rd.entries);
    if (rd.hardState)
        m_storage.setHardState(*rd.hardState);
    if (!rd.snapshot.isEmpty())
        restoreStateMachine(rd.snapshot);
    for (const Entry &e : rd.committedEntries)
        apply(e);
    readStates.append(rd.readStates);
    m_node->advance(rd);
    maybeCompact();
    return rd.messagesAfterPersist;
}

QList<Message> SimNode::drain()
{
    QList<Message> all;
    while (m_node && m_node->hasReady())
        all.append(handleReady().all());
    return all;
}

void SimNode::apply(const Entry &e)
{
    if (e.index != appliedIndex + 1)
        qFatal("member %llu applies %llu after %llu", m_id, e.index, appliedIndex);
    appliedIndex = e.index;
    if (e.type == EntryType::ConfChange) {
        if (const auto cc = ConfChange::decode(e.data))
            conf = m_node->applyConfChange(*cc);
    } else if (!e.data.isEmpty()) {
        values.append(e.data);
    }
    if (onApply)
        onApply(*this, e);
}

void SimNode::restoreStateMachine(const Snapshot &snap)
{
    QDataStream in(snap.data);
    quint64 index = 0;
    in >> index >> values;
    appliedIndex = snap.metadata.index;
    conf = snap.metadata.confState;
    if (index != appliedIndex)
        qFatal("snapshot data index %llu != metadata index %llu", index, appliedIndex);
    if (onRestore)
        onRestore(*this, snap);
}

void SimNode::maybeCompact()
{
    Snapshot current;
    m_storage.snapshot(&current);
    const quint64 snapIndex = current.metadata.index;
    if (m_options.snapshotEvery == 0 || appliedIndex < snapIndex + m_options.snapshotEvery)
        return;
    snapshotAndCompact(appliedIndex > m_options.keepEntries ? appliedIndex - m_options.keepEntries
                                                            : 0);
}

bool SimNode::snapshotAndCompact(quint64 compactTo)
{
    QByteArray data;
    QDataStream out(&data, QIODevice::WriteOnly);
    out << appliedIndex << values;
    if (m_storage.createSnapshot(appliedIndex, conf, data) != StorageError::Ok)
        return false;
    if (compactTo > 0)
        m_storage.compact(qMin(compactTo, appliedIndex));
    return true;
}

void SimNode::crash()
{
    m_node.reset();
    m_pending.reset();
    appliedIndex = 0;
    values.clear();
    conf = {};
    readStates.clear();
}

void SimNode::restart()
{
    crash();
    ++m_restarts;
    Snapshot snap;
    m_storage.snapshot(&snap);
    Config c = config();
    if (!snap.isEmpty()) {
        restoreStateMachine(snap);
        c.applied = snap.metadata.index;
    }
    m_node = std::make_unique<RawNode>(c);
}

QList<Entry> SimNode::storedEntries() const
{
    QList<Entry> out;
    if (m_storage.lastIndex() >= m_storage.firstIndex())
        m_storage.entries(m_storage.firstIndex(), m_storage.lastIndex() + 1,
                          std::numeric_limits<quint64>::max(), &out);
    return out;
}
