// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// RawNode: packs Raft's outputs into Ready batches and splits outgoing messages into those
// that may leave before the batch is persisted (pipelining) and those that must wait.
#include "raft/RawNode.h"

#include "raft/Raft.h"
#include "raft/RaftLogging.h"

namespace raft {

namespace {

// Messages that promise nothing about this member's durable state may leave before the
// Ready is persisted. Vote requests/grants and append acknowledgements may not: a crash
// before the fsync would let this member vote twice or forget acknowledged entries.
bool canSendBeforePersist(MessageType t)
{
    switch (t) {
    case MessageType::MsgAppResp:
    case MessageType::MsgVote:
    case MessageType::MsgVoteResp:
        return false;
    default:
        return true;
    }
}

// Structural checks a message from the network must pass before Raft relies on it: the
// entries of an append follow its (index, logTerm) consecutively with terms that never
// decrease and never exceed the sender's term; a snapshot message carries a snapshot.
bool isWellFormed(const Message &m)
{
    if (m.type == MessageType::MsgSnap)
        return !m.snapshot.isEmpty() && m.snapshot.metadata.term <= m.term;
    quint64 prevTerm = m.logTerm;
    for (qsizetype i = 0; i < m.entries.size(); ++i) {
        const Entry &e = m.entries.at(i);
        if (m.type == MessageType::MsgApp &&
            (e.index != m.index + quint64(i) + 1 || e.term < prevTerm || e.term > m.term))
            return false;
        prevTerm = e.term;
    }
    return true;
}

Message localMessage(MessageType type, quint64 from = 0)
{
    Message m;
    m.type = type;
    m.from = from;
    return m;
}

} // namespace

RawNode::RawNode(const Config &config)
{
    const QString problem = config.validate();
    if (!problem.isEmpty())
        qFatal("raft::RawNode: invalid config: %s", qPrintable(problem));
    m_raft = std::make_unique<Raft>(config);
    m_prevSoftState = m_raft->softState();
    // What storage already holds counts as persisted; a bootstrap's HardState does not.
    m_prevHardState = config.storage->initialState().hardState;
}

RawNode::~RawNode() = default;

void RawNode::tick()
{
    m_raft->tick();
}

StepResult RawNode::step(const Message &m)
{
    if (isLocalMessage(m.type))
        return StepResult::LocalOnly;
    if (m.to != m_raft->id())
        return StepResult::WrongRecipient;
    if (isResponseMessage(m.type) && !m_raft->tracker().allProgress().count(m.from))
        return StepResult::UnknownPeer;
    if (!isWellFormed(m))
        return StepResult::Malformed;
    m_raft->step(m);
    return StepResult::Ok;
}

ProposeResult RawNode::propose(const QByteArray &data)
{
    Message m = localMessage(MessageType::MsgProp, m_raft->id());
    m.entries.append(Entry{0, 0, EntryType::Normal, data});
    return m_raft->step(m);
}

ProposeResult RawNode::proposeConfChange(const ConfChange &cc)
{
    const ProposeResult check = m_raft->checkConfChange(cc);
    if (check != ProposeResult::Ok)
        return check;
    Message m = localMessage(MessageType::MsgProp, m_raft->id());
    m.entries.append(Entry{0, 0, EntryType::ConfChange, cc.encode()});
    return m_raft->step(m);
}

ProposeResult RawNode::readIndex(const QByteArray &context)
{
    if (context.isEmpty())
        return ProposeResult::Invalid;
    Message m = localMessage(MessageType::MsgReadIndex);
    m.context = context;
    return m_raft->step(m);
}

ProposeResult RawNode::transferLeadership(quint64 transferee)
{
    if (transferee == 0)
        return ProposeResult::Invalid;
    return m_raft->step(localMessage(MessageType::MsgTransferLeader, transferee));
}

void RawNode::campaign()
{
    m_raft->step(localMessage(MessageType::MsgHup, m_raft->id()));
}

bool RawNode::hasReady() const
{
    if (m_readyOutstanding)
        return false;
    const RaftLog &log = m_raft->log();
    const HardState hs = m_raft->hardState();
    return m_raft->softState() != m_prevSoftState || (!hs.isEmpty() && hs != m_prevHardState) ||
           !log.unstableEntries().isEmpty() || log.unstableSnapshot().has_value() ||
           log.hasNextCommittedEntries() || m_raft->hasPendingOutput();
}

Ready RawNode::ready()
{
    Q_ASSERT_X(!m_readyOutstanding, "RawNode::ready", "advance() the previous Ready first");
    Ready rd;
    const SoftState ss = m_raft->softState();
    if (ss != m_prevSoftState)
        rd.softState = ss;
    const HardState hs = m_raft->hardState();
    if (!hs.isEmpty() && hs != m_prevHardState)
        rd.hardState = hs;
    const RaftLog &log = m_raft->log();
    rd.entries = log.unstableEntries();
    if (log.unstableSnapshot())
        rd.snapshot = *log.unstableSnapshot();
    rd.committedEntries = log.nextCommittedEntries();
    rd.readStates = m_raft->takeReadStates();
    const bool voteChanged = hs.term != m_prevHardState.term || hs.vote != m_prevHardState.vote;
    for (Message &m : m_raft->takeMessages()) {
        if (!voteChanged && canSendBeforePersist(m.type))
            rd.messages.append(std::move(m));
        else
            rd.messagesAfterPersist.append(std::move(m));
    }
    rd.mustSync = voteChanged || !rd.entries.isEmpty() || !rd.snapshot.isEmpty();
    m_readyOutstanding = true;
    return rd;
}

void RawNode::releaseSnapshotData(quint64 index)
{
    m_raft->releaseSnapshotData(index);
}

void RawNode::advance(const Ready &rd)
{
    Q_ASSERT_X(m_readyOutstanding, "RawNode::advance", "no Ready outstanding");
    m_readyOutstanding = false;
    if (rd.softState)
        m_prevSoftState = *rd.softState;
    if (rd.hardState)
        m_prevHardState = *rd.hardState;
    if (!rd.snapshot.isEmpty())
        m_raft->onSnapshotPersisted(rd.snapshot.metadata.index);
    if (!rd.entries.isEmpty())
        m_raft->onEntriesPersisted(rd.entries.last().index, rd.entries.last().term);
    if (!rd.committedEntries.isEmpty()) {
        m_raft->appliedTo(rd.committedEntries.last().index);
        m_raft->reduceUncommittedSize(rd.committedEntries);
    }
}

void RawNode::appliedTo(quint64 index)
{
    Q_ASSERT_X(m_readyOutstanding, "RawNode::appliedTo", "no Ready outstanding");
    m_raft->appliedTo(index);
}

ConfState RawNode::applyConfChange(const ConfChange &cc)
{
    return m_raft->applyConfChange(cc);
}

void RawNode::reportUnreachable(quint64 id)
{
    m_raft->step(localMessage(MessageType::MsgUnreachable, id));
}

void RawNode::reportSnapshot(quint64 id, bool succeeded)
{
    Message m = localMessage(MessageType::MsgSnapStatus, id);
    m.reject = !succeeded;
    m_raft->step(m);
}

Status RawNode::status() const
{
    Status st;
    st.id = m_raft->id();
    st.hardState = m_raft->hardState();
    st.softState = m_raft->softState();
    st.applied = m_raft->log().applied();
    st.lastIndex = m_raft->log().lastIndex();
    st.leadTransferee = m_raft->leadTransferee();
    st.config = m_raft->tracker().config();
    if (m_raft->role() == Role::Leader) {
        for (const auto &[id, pr] : m_raft->tracker().allProgress()) {
            st.progress.insert(id, FollowerStatus{pr.match, pr.next, pr.state, pr.isLearner,
                                                  pr.recentActive, pr.inflights.count()});
        }
    }
    return st;
}

} // namespace raft
