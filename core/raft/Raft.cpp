// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Raft.cpp: the rules of the algorithm. Reading guide:
//   step()            term checks common to every role (paper 5.1, thesis 9.6 lease rules)
//   handleVoteRequest election restriction and one vote per term (5.2, 5.4.1)
//   stepLeader        replication, commit, heartbeats, read index, transfer, check quorum
//   stepCandidate     vote counting (5.2), pre-vote rounds (9.6)
//   stepFollower      append/heartbeat/snapshot handling, forwarding to the leader
#include "raft/Raft.h"

#include "raft/RaftLogging.h"

#include <algorithm>
#include <limits>

namespace raft {

namespace {

// Context of the votes of a leadership transfer: voters grant them despite the lease.
const QByteArray &campaignTransferContext()
{
    static const QByteArray ctx = QByteArrayLiteral("CampaignTransfer");
    return ctx;
}

MessageType voteResponseType(MessageType t)
{
    return t == MessageType::MsgVote ? MessageType::MsgVoteResp : MessageType::MsgPreVoteResp;
}

// A learner within this many entries of the commit index (and streaming appends) has
// caught up enough to be promoted without stalling the commit quorum.
constexpr quint64 kLearnerCatchUpLag = 64;

// Payload bytes of `entries`: what counts toward Config::maxUncommittedSize.
quint64 payloadSize(const QList<Entry> &entries)
{
    quint64 size = 0;
    for (const Entry &e : entries)
        size += quint64(e.data.size());
    return size;
}

void insertSorted(QList<quint64> &ids, quint64 id)
{
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id)
        ids.insert(it, id);
}

} // namespace

Raft::Raft(const Config &c)
    : m_id(c.id), m_log(c.storage), m_tracker(c.maxInflightMsgs), m_maxMsgSize(c.maxSizePerMsg),
      m_maxUncommittedSize(c.maxUncommittedSize), m_maxInflight(c.maxInflightMsgs),
      m_checkQuorum(c.checkQuorum), m_preVote(c.preVote), m_heartbeatTimeout(c.heartbeatTick),
      m_electionTimeout(c.electionTick), m_rng(c.seed ^ (c.id * 0x9E3779B97F4A7C15ULL))
{
    const InitialState st = c.storage->initialState();
    ConfState cs = st.confState;
    HardState hs = st.hardState;
    const bool emptyStorage = hs.isEmpty() && c.storage->lastIndex() == 0;
    if (!c.peers.isEmpty() && emptyStorage && cs.isEmpty()) {
        // Bootstrap a new cluster: every member writes the same committed AddNode entries
        // at term 1, so all logs agree from the start and the membership is in the log.
        QList<quint64> peers = c.peers;
        std::sort(peers.begin(), peers.end());
        peers.erase(std::unique(peers.begin(), peers.end()), peers.end());
        QList<Entry> entries;
        for (quint64 p : peers) {
            const quint64 index = quint64(entries.size()) + 1;
            entries.append(Entry{1, index, EntryType::ConfChange,
                                 ConfChange{ConfChangeType::AddNode, p, {}}.encode()});
        }
        m_log.append(entries);
        m_log.commitTo(quint64(entries.size()));
        cs.voters = peers;
        hs.term = 1;
    } else if (!c.peers.isEmpty()) {
        qCWarning(lcRaft) << "member" << m_id << "ignores peers: storage already holds state";
    }
    m_tracker.setConfig(cs, m_log.lastIndex() + 1);
    m_term = hs.term;
    m_vote = hs.vote;
    m_log.commitTo(hs.commit);
    m_log.appliedTo(qMin(c.applied, m_log.committed()));
    becomeFollower(m_term, 0);
    qCDebug(lcRaft) << "member" << m_id << "starts at term" << m_term << "commit"
                    << m_log.committed() << "last index" << m_log.lastIndex();
}

// ---- role transitions -----------------------------------------------------------------

void Raft::reset(quint64 term)
{
    if (m_term != term) {
        m_term = term;
        m_vote = 0;
    }
    m_lead = 0;
    m_electionElapsed = 0;
    m_heartbeatElapsed = 0;
    resetRandomizedElectionTimeout();
    abortLeaderTransfer();
    m_tracker.resetVotes();
    const quint64 next = m_log.lastIndex() + 1;
    for (auto &[id, pr] : m_tracker.allProgress()) {
        pr = Progress(next, m_maxInflight, pr.isLearner);
        if (id == m_id)
            pr.match = m_log.persistedLastIndex();
    }
    m_pendingConfIndex = 0;
    m_uncommittedSize = 0;
    m_readOnly.reset();
    m_pendingReadIndex.clear();
}

void Raft::resetRandomizedElectionTimeout()
{
    // Uniform in [electionTimeout, 2 * electionTimeout): split votes resolve quickly (5.2).
    m_randomizedElectionTimeout = m_electionTimeout + int(m_rng() % quint64(m_electionTimeout));
}

void Raft::becomeFollower(quint64 term, quint64 lead)
{
    reset(term);
    m_lead = lead;
    m_role = Role::Follower;
}

void Raft::becomePreCandidate()
{
    // Term and vote stay: a pre-vote must not disturb anyone if it fails.
    m_tracker.resetVotes();
    m_lead = 0;
    m_role = Role::PreCandidate;
}

void Raft::becomeCandidate()
{
    reset(m_term + 1);
    m_vote = m_id;
    m_role = Role::Candidate;
}

void Raft::becomeLeader()
{
    reset(m_term);
    m_lead = m_id;
    m_role = Role::Leader;
    if (Progress *self = m_tracker.progress(m_id)) {
        self->becomeReplicate();
        self->recentActive = true;
    }
    appendEntries({Entry{}});
    // A membership change may be proposed only once this term's first entry is applied:
    // committing an entry of our own term settles any change a previous leader left
    // uncommitted (the fix to single-server changes, thesis 4.1).
    m_pendingConfIndex = m_log.lastIndex();
    qCDebug(lcRaft) << "member" << m_id << "became leader at term" << m_term;
}

// ---- time -----------------------------------------------------------------------------

void Raft::tick()
{
    if (m_role == Role::Leader)
        tickHeartbeat();
    else
        tickElection();
}

void Raft::tickElection()
{
    ++m_electionElapsed;
    if (promotable() && m_electionElapsed >= m_randomizedElectionTimeout) {
        m_electionElapsed = 0;
        Message m;
        m.type = MessageType::MsgHup;
        m.from = m_id;
        step(m);
    }
}

void Raft::tickHeartbeat()
{
    ++m_heartbeatElapsed;
    ++m_electionElapsed;
    if (m_electionElapsed >= m_electionTimeout) {
        m_electionElapsed = 0;
        if (m_checkQuorum) {
            Message m;
            m.type = MessageType::MsgCheckQuorum;
            m.from = m_id;
            step(m);
        }
        // A transfer that did not finish within an election timeout is abandoned.
        if (m_role == Role::Leader && m_leadTransferee != 0)
            abortLeaderTransfer();
    }
    if (m_role != Role::Leader)
        return;
    if (m_heartbeatElapsed >= m_heartbeatTimeout) {
        m_heartbeatElapsed = 0;
        bcastHeartbeat();
    }
}

// ---- step: rules common to all roles --------------------------------------------------

ProposeResult Raft::step(const Message &m)
{
    if (m.term > m_term) {
        if (m.type == MessageType::MsgVote || m.type == MessageType::MsgPreVote) {
            const bool force = m.context == campaignTransferContext();
            const bool inLease =
                m_checkQuorum && m_lead != 0 && m_electionElapsed < m_electionTimeout;
            if (!force && inLease) {
                // We heard from a leader within the election timeout: this candidate is
                // probably a member that was cut off; do not let it depose the leader.
                return ProposeResult::Ok;
            }
        }
        if (m.type == MessageType::MsgPreVote) {
            // Never change the term for a pre-vote.
        } else if (m.type == MessageType::MsgPreVoteResp && !m.reject) {
            // Granted pre-votes carry the term we are about to campaign in.
        } else if (m.type == MessageType::MsgApp || m.type == MessageType::MsgHeartbeat ||
                   m.type == MessageType::MsgSnap) {
            becomeFollower(m.term, m.from);
        } else {
            becomeFollower(m.term, 0);
        }
    } else if (m.term != 0 && m.term < m_term) {
        if ((m_checkQuorum || m_preVote) &&
            (m.type == MessageType::MsgHeartbeat || m.type == MessageType::MsgApp)) {
            // A deposed leader that never learns our term would keep its followers' lease
            // alive; tell it (with pre-vote it could otherwise never find out).
            Message resp;
            resp.type = MessageType::MsgAppResp;
            resp.to = m.from;
            send(resp);
        } else if (m.type == MessageType::MsgPreVote) {
            Message resp;
            resp.type = MessageType::MsgPreVoteResp;
            resp.to = m.from;
            resp.term = m_term;
            resp.reject = true;
            send(resp);
        }
        return ProposeResult::Ok;
    }

    switch (m.type) {
    case MessageType::MsgHup:
        hup(m_preVote ? CampaignType::PreElection : CampaignType::Election);
        return ProposeResult::Ok;
    case MessageType::MsgVote:
    case MessageType::MsgPreVote:
        handleVoteRequest(m);
        return ProposeResult::Ok;
    default:
        break;
    }
    switch (m_role) {
    case Role::Leader:
        return stepLeader(m);
    case Role::PreCandidate:
    case Role::Candidate:
        return stepCandidate(m);
    case Role::Follower:
        return stepFollower(m);
    }
    return ProposeResult::Ok;
}

void Raft::handleVoteRequest(const Message &m)
{
    // One vote per term (5.2); a follower with a live leader does not vote in its term;
    // a pre-vote for a future term may be granted without having voted.
    const bool canVote = m_vote == m.from || (m_vote == 0 && m_lead == 0) ||
                         (m.type == MessageType::MsgPreVote && m.term > m_term);
    Message resp;
    resp.type = voteResponseType(m.type);
    resp.to = m.from;
    if (canVote && m_log.isUpToDate(m.index, m.logTerm)) {
        resp.term = m.term;
        send(resp);
        if (m.type == MessageType::MsgVote) {
            m_electionElapsed = 0;
            m_vote = m.from;
        }
    } else {
        resp.term = m_term;
        resp.reject = true;
        send(resp);
    }
}

void Raft::hup(CampaignType t)
{
    if (m_role == Role::Leader || !promotable())
        return;
    // A member that has not applied a committed membership change might campaign with an
    // outdated view of the voters.
    if (hasUnappliedConfChanges())
        return;
    campaign(t);
}

bool Raft::hasUnappliedConfChanges() const
{
    if (m_log.committed() <= m_log.applied())
        return false;
    QList<Entry> entries;
    if (m_log.slice(m_log.applied() + 1, m_log.committed() + 1, std::numeric_limits<quint64>::max(),
                    &entries) != StorageError::Ok)
        return true;
    return std::any_of(entries.cbegin(), entries.cend(),
                       [](const Entry &e) { return e.type == EntryType::ConfChange; });
}

void Raft::campaign(CampaignType t)
{
    MessageType voteType;
    quint64 term;
    if (t == CampaignType::PreElection) {
        becomePreCandidate();
        voteType = MessageType::MsgPreVote;
        term = m_term + 1;
    } else {
        becomeCandidate();
        voteType = MessageType::MsgVote;
        term = m_term;
    }
    m_tracker.recordVote(m_id, true);
    if (m_tracker.tallyVotes() == VoteResult::Won) {
        // Single voter: no one to ask.
        if (t == CampaignType::PreElection) {
            campaign(CampaignType::Election);
        } else {
            becomeLeader();
            bcastAppend();
        }
        return;
    }
    qCDebug(lcRaft) << "member" << m_id << "campaigns" << messageTypeName(voteType) << "term"
                    << term;
    for (quint64 id : m_tracker.config().voters) {
        if (id == m_id)
            continue;
        Message m;
        m.type = voteType;
        m.to = id;
        m.term = term;
        m.index = m_log.lastIndex();
        m.logTerm = m_log.lastTerm();
        if (t == CampaignType::Transfer)
            m.context = campaignTransferContext();
        send(m);
    }
}

// ---- leader ---------------------------------------------------------------------------

ProposeResult Raft::stepLeader(const Message &m)
{
    switch (m.type) {
    case MessageType::MsgBeat:
        bcastHeartbeat();
        return ProposeResult::Ok;
    case MessageType::MsgCheckQuorum:
        if (!m_tracker.quorumActive(m_id)) {
            qCDebug(lcRaft) << "leader" << m_id << "lost its quorum; stepping down";
            becomeFollower(m_term, 0);
        }
        for (auto &[id, pr] : m_tracker.allProgress())
            pr.recentActive = id == m_id;
        return ProposeResult::Ok;
    case MessageType::MsgProp:
        return handlePropose(m);
    case MessageType::MsgReadIndex:
        handleReadIndex(m);
        return ProposeResult::Ok;
    default:
        break;
    }
    Progress *pr = m_tracker.progress(m.from);
    if (!pr)
        return ProposeResult::Ok;
    switch (m.type) {
    case MessageType::MsgAppResp:
        handleAppendResponse(m, pr);
        break;
    case MessageType::MsgHeartbeatResp:
        handleHeartbeatResponse(m, pr);
        break;
    case MessageType::MsgSnapStatus:
        if (pr->state != ProgressState::Snapshot)
            break;
        if (m.reject)
            pr->pendingSnapshot = 0;
        pr->becomeProbe();
        // Wait for the next heartbeat response before probing again.
        pr->probeSent = true;
        break;
    case MessageType::MsgUnreachable:
        // Optimistic appends were probably lost: fall back to probing.
        if (pr->state == ProgressState::Replicate)
            pr->becomeProbe();
        break;
    case MessageType::MsgTransferLeader:
        handleTransferLeader(m, pr);
        break;
    default:
        break;
    }
    return ProposeResult::Ok;
}

ProposeResult Raft::handlePropose(const Message &m)
{
    if (m.entries.isEmpty())
        return ProposeResult::Invalid;
    if (!m_tracker.progress(m_id))
        return ProposeResult::NotMember;
    if (m_leadTransferee != 0)
        return ProposeResult::TransferInProgress;
    QList<Entry> entries;
    ProposeResult result = ProposeResult::Ok;
    for (const Entry &e : m.entries) {
        if (e.type == EntryType::ConfChange) {
            const auto cc = ConfChange::decode(e.data);
            const ProposeResult r = cc ? checkConfChange(*cc) : ProposeResult::Invalid;
            if (r != ProposeResult::Ok) {
                result = r;
                continue;
            }
            m_pendingConfIndex = m_log.lastIndex() + quint64(entries.size()) + 1;
        }
        entries.append(e);
    }
    if (entries.isEmpty())
        return result;
    const quint64 size = payloadSize(entries);
    if (m_maxUncommittedSize > 0 && m_uncommittedSize > 0 &&
        m_uncommittedSize + size > m_maxUncommittedSize) {
        // Rolled back: a conf change refused here must not block later ones.
        if (m_pendingConfIndex > m_log.lastIndex())
            m_pendingConfIndex = 0;
        return ProposeResult::TooMuchUncommitted;
    }
    m_uncommittedSize += size;
    appendEntries(entries);
    bcastAppend();
    return result;
}

void Raft::reduceUncommittedSize(const QList<Entry> &entries)
{
    if (m_role != Role::Leader)
        return;
    const quint64 size = payloadSize(entries);
    // Entries of an earlier leader were never counted here.
    m_uncommittedSize = size > m_uncommittedSize ? 0 : m_uncommittedSize - size;
}

ProposeResult Raft::checkConfChange(const ConfChange &cc) const
{
    if (cc.nodeId == 0)
        return ProposeResult::Invalid;
    const ConfState &cs = m_tracker.config();
    if (cc.type != ConfChangeType::AddNode && cs.voters == QList<quint64>{cc.nodeId})
        return ProposeResult::Invalid; // would leave the cluster without voters
    if (m_role != Role::Leader)
        return ProposeResult::Ok; // the leader decides
    if (m_pendingConfIndex > m_log.applied())
        return ProposeResult::ConfChangePending;
    if (cc.type == ConfChangeType::AddNode && cs.isLearner(cc.nodeId)) {
        const Progress *pr = m_tracker.allProgress().count(cc.nodeId)
                                 ? &m_tracker.allProgress().at(cc.nodeId)
                                 : nullptr;
        if (!pr || pr->state != ProgressState::Replicate ||
            pr->match + kLearnerCatchUpLag < m_log.committed())
            return ProposeResult::LearnerNotCaughtUp;
    }
    return ProposeResult::Ok;
}

void Raft::handleAppendResponse(const Message &m, Progress *pr)
{
    pr->recentActive = true;
    if (m.reject) {
        // Fast back-off: jump to the last entry of ours that could match the follower's
        // hint instead of decrementing one index per round trip.
        quint64 next = m.rejectHint;
        if (m.logTerm > 0)
            next = m_log.findConflictByTerm(m.rejectHint, m.logTerm).first;
        if (pr->maybeDecrTo(m.index, next)) {
            if (pr->state == ProgressState::Replicate)
                pr->becomeProbe();
            sendAppend(m.from);
        }
        return;
    }
    const bool wasPaused = pr->isPaused();
    const bool updated = pr->maybeUpdate(m.index);
    if (!updated && !(pr->match == m.index && pr->state == ProgressState::Probe))
        return;
    switch (pr->state) {
    case ProgressState::Probe:
        pr->becomeReplicate();
        break;
    case ProgressState::Snapshot:
        // The follower reached the part of the log we still hold: resume appends.
        if (pr->match + 1 >= m_log.firstIndex()) {
            pr->becomeProbe();
            pr->becomeReplicate();
        }
        break;
    case ProgressState::Replicate:
        pr->inflights.freeLE(m.index);
        break;
    }
    if (maybeCommit()) {
        onCommitAdvanced();
        bcastAppend();
    } else if (wasPaused) {
        sendAppend(m.from);
    }
    // Keep the pipeline full.
    while (maybeSendAppend(m.from, false)) {
    }
    if (m.from == m_leadTransferee && pr->match == m_log.lastIndex()) {
        Message tn;
        tn.type = MessageType::MsgTimeoutNow;
        tn.to = m.from;
        send(tn);
    }
}

void Raft::handleHeartbeatResponse(const Message &m, Progress *pr)
{
    pr->recentActive = true;
    pr->probeSent = false;
    // Appends may have been lost with a full window: make room for one more, whose answer
    // (an ack, or a reject that sends us back to probing) restarts the flow.
    if (pr->state == ProgressState::Replicate && pr->inflights.full())
        pr->inflights.freeFirstOne();
    if (pr->match < m_log.lastIndex() || pr->state == ProgressState::Probe)
        sendAppend(m.from);
    if (m.context.isEmpty())
        return;
    const QList<quint64> *acks = m_readOnly.ack(m.from, m.context);
    if (!acks || m_tracker.voteResult(*acks) != VoteResult::Won)
        return;
    for (const ReadOnly::Request &req : m_readOnly.advance(m.context))
        respondReadIndex(req.index, req.from, req.context);
}

void Raft::handleTransferLeader(const Message &m, Progress *pr)
{
    const quint64 transferee = m.from;
    if (pr->isLearner || transferee == m_id)
        return;
    if (m_leadTransferee != 0) {
        if (m_leadTransferee == transferee)
            return;
        abortLeaderTransfer();
    }
    // The transfer must finish within one election timeout (thesis 3.10).
    m_electionElapsed = 0;
    m_leadTransferee = transferee;
    if (pr->match == m_log.lastIndex()) {
        Message tn;
        tn.type = MessageType::MsgTimeoutNow;
        tn.to = transferee;
        send(tn);
    } else {
        sendAppend(transferee);
    }
}

void Raft::handleReadIndex(const Message &m)
{
    if (m.context.isEmpty())
        return;
    if (m_tracker.isSingleton() && promotable()) {
        respondReadIndex(m_log.committed(), m.from, m.context);
        return;
    }
    // Until an entry of our term is committed we may not know the latest commit index
    // (thesis 6.4 step 1): hold the request.
    if (!committedEntryInCurrentTerm()) {
        m_pendingReadIndex.append(m);
        return;
    }
    serveReadIndex(m);
}

void Raft::serveReadIndex(const Message &m)
{
    m_readOnly.add(m_log.committed(), m.from, m.context);
    m_readOnly.ack(m_id, m.context);
    for (const auto &[id, pr] : m_tracker.allProgress()) {
        if (id != m_id)
            sendHeartbeat(id, m.context);
    }
}

void Raft::respondReadIndex(quint64 index, quint64 to, const QByteArray &context)
{
    if (to == 0 || to == m_id) {
        m_readStates.append(ReadState{index, context});
        return;
    }
    Message resp;
    resp.type = MessageType::MsgReadIndexResp;
    resp.to = to;
    resp.index = index;
    resp.context = context;
    send(resp);
}

// ---- candidate ------------------------------------------------------------------------

ProposeResult Raft::stepCandidate(const Message &m)
{
    const MessageType myResponse =
        m_role == Role::PreCandidate ? MessageType::MsgPreVoteResp : MessageType::MsgVoteResp;
    switch (m.type) {
    case MessageType::MsgProp:
        return ProposeResult::NoLeader;
    case MessageType::MsgReadIndex:
        return ProposeResult::NoLeader;
    case MessageType::MsgTransferLeader:
        return ProposeResult::NoLeader;
    case MessageType::MsgApp:
        becomeFollower(m.term, m.from); // someone else won this term
        handleAppendEntries(m);
        return ProposeResult::Ok;
    case MessageType::MsgHeartbeat:
        becomeFollower(m.term, m.from);
        handleHeartbeat(m);
        return ProposeResult::Ok;
    case MessageType::MsgSnap:
        becomeFollower(m.term, m.from);
        handleSnapshot(m);
        return ProposeResult::Ok;
    default:
        break;
    }
    if (m.type != myResponse)
        return ProposeResult::Ok;
    m_tracker.recordVote(m.from, !m.reject);
    switch (m_tracker.tallyVotes()) {
    case VoteResult::Won:
        if (m_role == Role::PreCandidate) {
            campaign(CampaignType::Election);
        } else {
            becomeLeader();
            bcastAppend();
        }
        break;
    case VoteResult::Lost:
        // A pre-candidate keeps its term; a candidate stays in the term it started.
        becomeFollower(m_term, 0);
        break;
    case VoteResult::Pending:
        break;
    }
    return ProposeResult::Ok;
}

// ---- follower -------------------------------------------------------------------------

ProposeResult Raft::stepFollower(const Message &m)
{
    switch (m.type) {
    case MessageType::MsgProp:
    case MessageType::MsgReadIndex:
    case MessageType::MsgTransferLeader: {
        if (m_lead == 0)
            return ProposeResult::NoLeader;
        Message fwd = m;
        fwd.to = m_lead;
        send(fwd);
        return ProposeResult::Ok;
    }
    case MessageType::MsgApp:
        m_electionElapsed = 0;
        m_lead = m.from;
        handleAppendEntries(m);
        break;
    case MessageType::MsgHeartbeat:
        m_electionElapsed = 0;
        m_lead = m.from;
        handleHeartbeat(m);
        break;
    case MessageType::MsgSnap:
        m_electionElapsed = 0;
        m_lead = m.from;
        handleSnapshot(m);
        break;
    case MessageType::MsgTimeoutNow:
        // Leadership transfer: campaign at once, without pre-vote (we know the leader is
        // alive and wants us to take over).
        qCDebug(lcRaft) << "member" << m_id << "takes over leadership at term" << m_term + 1;
        hup(CampaignType::Transfer);
        break;
    case MessageType::MsgReadIndexResp:
        m_readStates.append(ReadState{m.index, m.context});
        break;
    default:
        break;
    }
    return ProposeResult::Ok;
}

void Raft::handleAppendEntries(const Message &m)
{
    Message resp;
    resp.type = MessageType::MsgAppResp;
    resp.to = m.from;
    if (m.index < m_log.committed()) {
        // Everything up to our commit index matches any leader's log (5.4 safety).
        resp.index = m_log.committed();
        send(resp);
        return;
    }
    if (const auto last = m_log.maybeAppend(m.index, m.logTerm, m.commit, m.entries)) {
        resp.index = *last;
        send(resp);
        return;
    }
    // Consistency check failed (5.3). Hint the leader at our last entry that could match:
    // the last index <= m.index whose term is <= m.logTerm.
    const auto [hintIndex, hintTerm] =
        m_log.findConflictByTerm(qMin(m.index, m_log.lastIndex()), m.logTerm);
    resp.index = m.index;
    resp.reject = true;
    resp.rejectHint = hintIndex;
    resp.logTerm = hintTerm;
    send(resp);
}

void Raft::handleHeartbeat(const Message &m)
{
    m_log.commitTo(qMin(m.commit, m_log.lastIndex()));
    Message resp;
    resp.type = MessageType::MsgHeartbeatResp;
    resp.to = m.from;
    resp.context = m.context;
    send(resp);
}

void Raft::handleSnapshot(const Message &m)
{
    Message resp;
    resp.type = MessageType::MsgAppResp;
    resp.to = m.from;
    resp.index = restore(m.snapshot) ? m_log.lastIndex() : m_log.committed();
    send(resp);
}

bool Raft::restore(const Snapshot &s)
{
    if (s.isEmpty() || s.metadata.index <= m_log.committed())
        return false;
    if (m_role != Role::Follower) {
        qCWarning(lcRaft) << "member" << m_id << "received a snapshot while not a follower";
        becomeFollower(m_term + 1, 0);
        return false;
    }
    if (m_log.matchTerm(s.metadata.index, s.metadata.term)) {
        // We already hold the snapshot's last entry: just fast-forward the commit index.
        m_log.commitTo(s.metadata.index);
        return false;
    }
    qCDebug(lcRaft) << "member" << m_id << "restores snapshot at" << s.metadata.index;
    m_log.restore(s);
    m_tracker.setConfig(s.metadata.confState, m_log.lastIndex() + 1);
    return true;
}

// ---- replication helpers --------------------------------------------------------------

void Raft::appendEntries(QList<Entry> entries)
{
    const quint64 last = m_log.lastIndex();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        entries[i].term = m_term;
        entries[i].index = last + quint64(i) + 1;
    }
    m_log.append(entries);
    // The leader's own progress advances only when the application reports the entries
    // durable (onEntriesPersisted), never here.
}

bool Raft::maybeCommit()
{
    return m_log.maybeCommit(m_tracker.committed(), m_term);
}

bool Raft::committedEntryInCurrentTerm() const
{
    return m_log.termOrZero(m_log.committed()) == m_term;
}

void Raft::onCommitAdvanced()
{
    if (m_pendingReadIndex.isEmpty() || !committedEntryInCurrentTerm())
        return;
    const QList<Message> pending = std::exchange(m_pendingReadIndex, {});
    for (const Message &m : pending)
        serveReadIndex(m);
}

void Raft::bcastAppend()
{
    for (const auto &[id, pr] : m_tracker.allProgress()) {
        if (id != m_id)
            sendAppend(id);
    }
}

void Raft::bcastHeartbeat()
{
    // Repeat the newest pending read so it completes even if an earlier round was lost.
    const QByteArray ctx = m_readOnly.lastPendingContext();
    for (const auto &[id, pr] : m_tracker.allProgress()) {
        if (id != m_id)
            sendHeartbeat(id, ctx);
    }
}

bool Raft::maybeSendAppend(quint64 to, bool sendIfEmpty)
{
    Progress *pr = m_tracker.progress(to);
    if (!pr || pr->isPaused())
        return false;
    const quint64 prevIndex = pr->next - 1;
    const auto prevTerm = m_log.term(prevIndex);
    if (!prevTerm)
        return maybeSendSnapshot(to, pr);
    QList<Entry> entries;
    if (m_log.entriesFrom(pr->next, m_maxMsgSize, &entries) != StorageError::Ok)
        return maybeSendSnapshot(to, pr);
    if (entries.isEmpty() && !sendIfEmpty)
        return false;
    Message m;
    m.type = MessageType::MsgApp;
    m.to = to;
    m.index = prevIndex;
    m.logTerm = *prevTerm;
    m.commit = m_log.committed();
    const int count = int(entries.size());
    m.entries = std::move(entries);
    send(m);
    pr->sentEntries(count);
    return true;
}

bool Raft::maybeSendSnapshot(quint64 to, Progress *pr)
{
    // Only ship a (possibly large) snapshot to a member that answers.
    if (!pr->recentActive)
        return false;
    Message m;
    m.type = MessageType::MsgSnap;
    m.to = to;
    if (m_log.snapshot(&m.snapshot) != StorageError::Ok || m.snapshot.isEmpty())
        return false;
    pr->becomeSnapshot(m.snapshot.metadata.index);
    qCDebug(lcRaft) << "leader" << m_id << "sends snapshot" << m.snapshot.metadata.index << "to"
                    << to;
    send(m);
    return true;
}

void Raft::sendHeartbeat(quint64 to, const QByteArray &context)
{
    // Never let a follower commit beyond what it is known to hold.
    const Progress *pr = m_tracker.progress(to);
    Message m;
    m.type = MessageType::MsgHeartbeat;
    m.to = to;
    m.commit = qMin(pr ? pr->match : 0, m_log.committed());
    m.context = context;
    send(m);
}

void Raft::send(Message m)
{
    if (m.from == 0)
        m.from = m_id;
    switch (m.type) {
    case MessageType::MsgVote:
    case MessageType::MsgVoteResp:
    case MessageType::MsgPreVote:
    case MessageType::MsgPreVoteResp:
        break; // the term was chosen by the caller
    case MessageType::MsgProp:
    case MessageType::MsgReadIndex:
        m.term = 0; // forwarded requests are local to the leader that receives them
        break;
    default:
        m.term = m_term;
        break;
    }
    m_msgs.append(std::move(m));
}

// ---- application feedback -------------------------------------------------------------

void Raft::onEntriesPersisted(quint64 index, quint64 term)
{
    m_log.stableTo(index, term);
    if (m_role != Role::Leader)
        return;
    Progress *self = m_tracker.progress(m_id);
    if (self && self->maybeUpdate(m_log.persistedLastIndex()) && maybeCommit()) {
        onCommitAdvanced();
        bcastAppend();
    }
}

void Raft::onSnapshotPersisted(quint64 index)
{
    m_log.stableSnapTo(index);
    m_log.appliedTo(index);
}

ConfState Raft::applyConfChange(const ConfChange &cc)
{
    ConfState cs = m_tracker.config();
    cs.voters.removeAll(cc.nodeId);
    cs.learners.removeAll(cc.nodeId);
    switch (cc.type) {
    case ConfChangeType::AddNode:
        insertSorted(cs.voters, cc.nodeId);
        break;
    case ConfChangeType::AddLearner:
        insertSorted(cs.learners, cc.nodeId);
        break;
    case ConfChangeType::RemoveNode:
        break;
    }
    if (cc.nodeId == 0 || cs == m_tracker.config())
        return m_tracker.config();
    m_tracker.setConfig(cs, m_log.lastIndex() + 1);
    qCDebug(lcRaft) << "member" << m_id << "applied conf change; voters" << cs.voters << "learners"
                    << cs.learners;
    if (m_role != Role::Leader)
        return cs;
    if (!cs.isVoter(m_id)) {
        // Removed (or demoted) leader: stop leading; the others elect a successor.
        becomeFollower(m_term, 0);
        return cs;
    }
    if (m_leadTransferee != 0 && !cs.isVoter(m_leadTransferee))
        abortLeaderTransfer();
    // The quorum changed: maybe commit now, and start probing new members.
    if (maybeCommit()) {
        onCommitAdvanced();
        bcastAppend();
    } else {
        for (const auto &[id, pr] : m_tracker.allProgress()) {
            if (id != m_id)
                maybeSendAppend(id, false);
        }
    }
    return cs;
}

} // namespace raft
