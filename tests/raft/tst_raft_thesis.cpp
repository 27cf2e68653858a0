// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// One test per rule of the extensions in Ongaro's thesis ("Consensus: Bridging Theory and
// Practice") that qetcd relies on, named after the thesis section: leadership transfer
// (3.10), membership changes (4.1-4.2), log compaction and snapshots (5), routing and check
// quorum (6.2), ReadIndex (6.4), pre-vote (9.6), and pipelining / batching (10.2.1).
#include "RaftTestUtil.h"
#include "SimNetwork.h"

#include <QtTest/QTest>

using namespace raft;

namespace {

// A 3..n member cluster whose leader is member 1.
std::unique_ptr<SimNetwork> cluster(int n, const SimOptions &o = {})
{
    return SimNetwork::withLeader(n, o);
}

Status st(SimNetwork &net, quint64 id)
{
    return net.node(id).status();
}

void proposeMany(SimNetwork &net, quint64 id, int count, const QByteArray &prefix = "v")
{
    for (int i = 0; i < count; ++i) {
        net.propose(id, prefix + QByteArray::number(i));
        net.deliver();
    }
}

std::unique_ptr<SimNode> standaloneLeader(SimOptions o = {})
{
    auto n = std::make_unique<SimNode>(1, o, QList<quint64>{1, 2, 3});
    n->drain();
    n->raft().campaign();
    QList<Message> out = n->drain();
    // Pre-vote first (if enabled), then the vote.
    for (const Message &m : out) {
        if (m.type == MessageType::MsgPreVote || m.type == MessageType::MsgVote) {
            Message r = rt::msg(m.type == MessageType::MsgVote ? MessageType::MsgVoteResp
                                                               : MessageType::MsgPreVoteResp,
                                m.to, 1, m.term);
            n->raft().step(r);
            for (const Message &v : rt::ofType(n->drain(), MessageType::MsgVote))
                n->raft().step(rt::voteResp(v.to, 1, v.term, true));
            n->drain();
        }
    }
    if (n->status().softState.role != Role::Leader)
        qFatal("standalone member did not become leader");
    return n;
}

// Acknowledges every append in msgs as a perfect follower would.
QList<Message> ack(SimNode &leader, const QList<Message> &msgs, QList<quint64> only = {})
{
    for (const Message &m : rt::ofType(msgs, MessageType::MsgApp)) {
        if (only.isEmpty() || only.contains(m.to))
            leader.raft().step(
                rt::appendResp(m.to, 1, m.term, m.index + quint64(m.entries.size())));
    }
    return leader.drain();
}

} // namespace

class TestRaftThesis : public QObject
{
    Q_OBJECT

private slots:
    // ---- 3.10 Leadership transfer ------------------------------------------------------

    void test_thesis_3_10_transferToUpToDateFollower()
    {
        auto net = cluster(3);
        const quint64 term = st(*net, 1).hardState.term;
        QCOMPARE(net->node(1).raft().transferLeadership(2), ProposeResult::Ok);
        net->deliver(); // no tick needed: no election timeout is waited for
        QCOMPARE(net->leader(), quint64(2));
        QCOMPARE(st(*net, 2).hardState.term, term + 1);
        QCOMPARE(st(*net, 1).softState.role, Role::Follower);
        QCOMPARE(st(*net, 1).softState.lead, quint64(2));
    }

    void test_thesis_3_10_transferCatchesUpLaggingTransfereeFirst()
    {
        auto net = cluster(3);
        net->isolate(3);
        proposeMany(*net, 1, 5);
        net->recover();
        QCOMPARE(net->node(1).raft().transferLeadership(3), ProposeResult::Ok);
        // While handing over, the leader refuses new proposals.
        QCOMPARE(net->propose(1, "during transfer"), ProposeResult::TransferInProgress);
        net->advance(3);
        QCOMPARE(net->leader(), quint64(3));
        QCOMPARE(net->node(3).values.size(), 5);
    }

    void test_thesis_3_10_transferAbortsAfterElectionTimeout()
    {
        auto net = cluster(3);
        net->isolate(3);
        net->node(1).raft().transferLeadership(3);
        QCOMPARE(st(*net, 1).leadTransferee, quint64(3));
        net->advance(10); // electionTick
        QCOMPARE(net->leader(), quint64(1));
        QCOMPARE(st(*net, 1).leadTransferee, quint64(0));
        QCOMPARE(net->propose(1, "after abort"), ProposeResult::Ok);
    }

    void test_thesis_3_10_followerForwardsTransferRequest()
    {
        auto net = cluster(3);
        QCOMPARE(net->node(3).raft().transferLeadership(3), ProposeResult::Ok);
        net->deliver();
        QCOMPARE(net->leader(), quint64(3));
    }

    void test_thesis_3_10_transferToLearnerIgnored()
    {
        auto net = cluster(3);
        net->addNode(4);
        net->node(1).raft().proposeConfChange({ConfChangeType::AddLearner, 4, {}});
        net->deliver();
        net->node(1).raft().transferLeadership(4);
        net->deliver();
        QCOMPARE(net->leader(), quint64(1));
        QCOMPARE(st(*net, 1).leadTransferee, quint64(0));
    }

    // ---- 4.1-4.2 Membership changes ----------------------------------------------------

    void test_thesis_4_1_addedVoterCountsInQuorum()
    {
        auto net = cluster(3);
        net->addNode(4);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::AddNode, 4, {}}),
                 ProposeResult::Ok);
        net->advance(2);
        for (quint64 id : {1, 2, 3, 4})
            QCOMPARE(net->node(id).conf.voters, (QList<quint64>{1, 2, 3, 4}));
        // Quorum is now 3 of 4: the leader and one follower are not enough.
        net->isolate(3);
        net->isolate(4);
        const quint64 commit = st(*net, 1).hardState.commit;
        net->propose(1, "needs three");
        net->deliver();
        QCOMPARE(st(*net, 1).hardState.commit, commit);
        net->recover();
        net->advance(2);
        QVERIFY(net->node(4).values.contains("needs three"));
    }

    void test_thesis_4_1_removedVoterShrinksQuorum()
    {
        auto net = cluster(4);
        net->isolate(4);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::RemoveNode, 4, {}}),
                 ProposeResult::Ok);
        net->deliver();
        QCOMPARE(net->node(1).conf.voters, (QList<quint64>{1, 2, 3}));
        // 2 of {1,2,3} is a quorum now; it was not of {1,2,3,4}.
        net->isolate(3);
        net->propose(1, "two suffice");
        net->deliver();
        QCOMPARE(net->node(2).values, QList<QByteArray>{"two suffice"});
    }

    void test_thesis_4_1_oneChangeAtATime()
    {
        auto net = cluster(3);
        net->addNode(4);
        net->addNode(5);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::AddLearner, 4, {}}),
                 ProposeResult::Ok);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::AddLearner, 5, {}}),
                 ProposeResult::ConfChangePending);
        net->deliver();
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::AddLearner, 5, {}}),
                 ProposeResult::Ok);
        net->deliver();
        QCOMPARE(net->node(1).conf.learners, (QList<quint64>{4, 5}));
    }

    // A new leader may not change membership before an entry of its own term is applied
    // (the fix to single-server changes, thesis 4.1 / errata).
    void test_thesis_4_1_newLeaderWaitsForItsTermBeforeChanging()
    {
        auto n = standaloneLeader();
        QCOMPARE(n->raft().proposeConfChange({ConfChangeType::AddNode, 4, {}}),
                 ProposeResult::ConfChangePending);
        const QList<Message> sent = n->drain();
        ack(*n, sent);
        n->raft().tick(); // heartbeat: followers answer, the leader re-sends the empty entry
        for (const Message &m : rt::ofType(n->drain(), MessageType::MsgHeartbeat)) {
            Message r = rt::msg(MessageType::MsgHeartbeatResp, m.to, 1, m.term);
            n->raft().step(r);
        }
        ack(*n, n->drain());
        QCOMPARE(n->status().applied, n->status().lastIndex);
        QCOMPARE(n->raft().proposeConfChange({ConfChangeType::AddNode, 4, {}}), ProposeResult::Ok);
    }

    // An application may apply committed entries before advance() (qetcd does while the
    // batch's fsync runs). Told so with appliedTo(), Raft judges a membership change by what is
    // applied: before, a new leader refused one until advance(), its own first entry applied.
    void test_thesis_4_1_appliedBeforeAdvanceCounts()
    {
        auto n = standaloneLeader();
        n->raft().tick(); // heartbeat: followers answer, the leader re-sends the empty entry
        for (const Message &m : rt::ofType(n->drain(), MessageType::MsgHeartbeat))
            n->raft().step(rt::msg(MessageType::MsgHeartbeatResp, m.to, 1, m.term));
        for (const Message &m : rt::ofType(n->drain(), MessageType::MsgApp))
            n->raft().step(rt::appendResp(m.to, 1, m.term, m.index + quint64(m.entries.size())));
        QVERIFY(n->raft().hasReady());
        const Ready rd = n->raft().ready();
        QVERIFY(!rd.committedEntries.isEmpty());
        QCOMPARE(rd.committedEntries.last().index, n->status().lastIndex); // the term's first
        QCOMPARE(n->raft().proposeConfChange({ConfChangeType::AddNode, 4, {}}),
                 ProposeResult::ConfChangePending);
        n->raft().appliedTo(rd.committedEntries.last().index);
        QCOMPARE(n->raft().proposeConfChange({ConfChangeType::AddNode, 4, {}}), ProposeResult::Ok);
        n->raft().advance(rd);
        n->drain();
    }

    void test_thesis_4_1_invalidChangesRefused()
    {
        auto net = cluster(1);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::RemoveNode, 1, {}}),
                 ProposeResult::Invalid);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::AddNode, 0, {}}),
                 ProposeResult::Invalid);
    }

    // 4.2.1: a new server first catches up as a non-voting learner: it receives the log
    // but does not count towards commitment.
    void test_thesis_4_2_1_learnerCatchesUpWithoutVoting()
    {
        auto net = cluster(3);
        proposeMany(*net, 1, 3);
        net->addNode(4);
        net->node(1).raft().proposeConfChange({ConfChangeType::AddLearner, 4, {}});
        net->advance(2);
        QCOMPARE(net->node(4).values, net->node(1).values);
        QCOMPARE(net->node(4).conf.learners, QList<quint64>{4});
        net->isolate(2);
        net->isolate(3);
        const quint64 commit = st(*net, 1).hardState.commit;
        net->propose(1, "learner is not a quorum");
        net->deliver();
        QCOMPARE(st(*net, 1).hardState.commit, commit);
        // And a learner never campaigns.
        net->isolate(1);
        net->advance(50);
        QCOMPARE(st(*net, 4).softState.role, Role::Follower);
    }

    void test_thesis_4_2_1_promotionWaitsUntilLearnerCaughtUp()
    {
        auto net = cluster(3);
        net->addNode(4);
        net->isolate(4);
        net->node(1).raft().proposeConfChange({ConfChangeType::AddLearner, 4, {}});
        net->deliver();
        proposeMany(*net, 1, 100);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::AddNode, 4, {}}),
                 ProposeResult::LearnerNotCaughtUp);
        net->recover();
        net->advance(3);
        QCOMPARE(net->node(4).values.size(), 100);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::AddNode, 4, {}}),
                 ProposeResult::Ok);
        net->advance(2);
        QCOMPARE(net->node(4).conf.voters, (QList<quint64>{1, 2, 3, 4}));
        QVERIFY(net->node(4).conf.learners.isEmpty());
    }

    // 4.2.2: a leader that is removed steps down once the change is committed; the rest
    // elect a new leader and go on.
    void test_thesis_4_2_2_removedLeaderStepsDown()
    {
        auto net = cluster(3);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::RemoveNode, 1, {}}),
                 ProposeResult::Ok);
        net->deliver();
        QCOMPARE(st(*net, 1).softState.role, Role::Follower);
        net->advance(40);
        const quint64 leader = net->leader();
        QVERIFY(leader == 2 || leader == 3);
        net->propose(leader, "without 1");
        net->deliver();
        QCOMPARE(net->node(2).values, QList<QByteArray>{"without 1"});
        QCOMPARE(net->node(3).values, QList<QByteArray>{"without 1"});
        QVERIFY(net->node(1).values.isEmpty());
    }

    // 4.2.3: a removed server that never learnt of its removal times out and campaigns; it
    // must not disrupt the cluster (pre-vote plus the leader lease of check quorum).
    void test_thesis_4_2_3_removedServerCannotDisrupt()
    {
        auto net = cluster(3);
        net->isolate(3);
        net->node(1).raft().proposeConfChange({ConfChangeType::RemoveNode, 3, {}});
        net->deliver();
        const quint64 term = st(*net, 1).hardState.term;
        net->recover();
        net->advance(100);
        QCOMPARE(net->leader(), quint64(1));
        QCOMPARE(st(*net, 1).hardState.term, term);
        QCOMPARE(st(*net, 2).hardState.term, term);
    }

    // ---- 5 Log compaction --------------------------------------------------------------

    // 5.1: the leader sends its snapshot to a follower that needs entries it compacted.
    void test_thesis_5_1_laggingFollowerReceivesSnapshot()
    {
        SimOptions o;
        o.snapshotEvery = 10;
        auto net = cluster(3, o);
        net->isolate(3);
        proposeMany(*net, 1, 40);
        int snaps = 0;
        net->onSend = [&](const Message &m) { snaps += m.type == MessageType::MsgSnap; };
        net->recover();
        net->advance(3);
        QCOMPARE(snaps, 1);
        QCOMPARE(net->node(3).values, net->node(1).values);
        QCOMPARE(net->node(3).values.size(), 40);
        Snapshot s;
        net->node(3).storage().snapshot(&s);
        QVERIFY(s.metadata.index > 10);
        QCOMPARE(s.metadata.confState.voters, (QList<quint64>{1, 2, 3}));
    }

    // A failed snapshot transfer is reported by the transport and retried later.
    void test_thesis_5_1_failedSnapshotIsRetried()
    {
        SimOptions o;
        o.snapshotEvery = 10;
        auto net = cluster(3, o);
        net->isolate(3);
        proposeMany(*net, 1, 30);
        net->recover();
        net->dropType(MessageType::MsgSnap);
        net->advance(5);
        QVERIFY(net->node(3).values.isEmpty());
        net->recover();
        net->advance(5);
        QCOMPARE(net->node(3).values.size(), 30);
    }

    // 5.1: a member restarting rebuilds its state machine from its snapshot plus the log
    // after it, and rejoins where it left off.
    void test_thesis_5_1_restartFromSnapshotAndLog()
    {
        SimOptions o;
        o.snapshotEvery = 10;
        auto net = cluster(3, o);
        proposeMany(*net, 1, 25);
        const QList<QByteArray> before = net->node(2).values;
        net->crash(2);
        net->restart(2);
        net->deliver();
        QCOMPARE(net->node(2).values, before);
        proposeMany(*net, 1, 5, "w");
        QCOMPARE(net->node(2).values.size(), 30);
    }

    // ---- 6.2 Routing and check quorum --------------------------------------------------

    void test_thesis_6_2_followersForwardProposals()
    {
        auto net = cluster(3);
        QCOMPARE(net->propose(3, "via follower"), ProposeResult::Ok);
        net->deliver();
        for (quint64 id : {1, 2, 3})
            QCOMPARE(net->node(id).values, QList<QByteArray>{"via follower"});
    }

    void test_thesis_6_2_proposalWithoutLeaderDropped()
    {
        SimNetwork net({1, 2, 3});
        net.deliver();
        QCOMPARE(net.propose(2, "nobody leads"), ProposeResult::NoLeader);
        QCOMPARE(net.node(2).raft().readIndex("r"), ProposeResult::NoLeader);
    }

    void test_thesis_6_2_leaderWithoutQuorumStepsDown()
    {
        auto net = cluster(3);
        net->isolate(1);
        net->advance(9);
        QCOMPARE(st(*net, 1).softState.role, Role::Leader);
        // The quorum check runs once per election timeout and looks at the window since the
        // previous check, so the leader gives up within two timeouts of losing its quorum.
        net->advance(11);
        QCOMPARE(st(*net, 1).softState.role, Role::Follower);
    }

    void test_thesis_6_2_leaderWithQuorumStays()
    {
        auto net = cluster(3);
        net->isolate(3);
        net->advance(50);
        QCOMPARE(net->leader(), quint64(1));
        QCOMPARE(st(*net, 1).softState.role, Role::Leader);
    }

    // ---- 6.4 Read-only queries (ReadIndex) ---------------------------------------------

    void test_thesis_6_4_readIndexAnsweredAfterHeartbeatQuorum()
    {
        auto net = cluster(3);
        proposeMany(*net, 1, 2);
        const quint64 commit = st(*net, 1).hardState.commit;
        QCOMPARE(net->node(1).raft().readIndex("r1"), ProposeResult::Ok);
        net->stepOnce(0); // leader handles its Ready; nothing delivered yet
        QVERIFY(net->node(1).readStates.isEmpty());
        net->deliver();
        QCOMPARE(net->node(1).readStates, (QList<ReadState>{{commit, "r1"}}));
    }

    void test_thesis_6_4_readIndexWaitsForCommitInCurrentTerm()
    {
        auto n = standaloneLeader();
        QCOMPARE(n->raft().readIndex("early"), ProposeResult::Ok);
        // Nothing committed in this term yet: no heartbeat round for the read.
        QList<Message> sent = n->drain();
        for (const Message &m : rt::ofType(sent, MessageType::MsgHeartbeat))
            QVERIFY(m.context.isEmpty());
        n->raft().tick();
        sent = n->drain();
        for (const Message &m : rt::ofType(sent, MessageType::MsgHeartbeat)) {
            Message r = rt::msg(MessageType::MsgHeartbeatResp, m.to, 1, m.term);
            n->raft().step(r);
        }
        sent = ack(*n, n->drain());
        QVERIFY(n->readStates.isEmpty());
        const QList<Message> beats = rt::ofType(sent, MessageType::MsgHeartbeat);
        QCOMPARE(rt::recipients(beats), (QList<quint64>{2, 3}));
        QCOMPARE(beats.first().context, QByteArray("early"));
        Message r = rt::msg(MessageType::MsgHeartbeatResp, 2, 1, beats.first().term);
        r.context = "early";
        n->raft().step(r);
        n->drain();
        QCOMPARE(n->readStates, (QList<ReadState>{{n->status().hardState.commit, "early"}}));
    }

    void test_thesis_6_4_followerReadIndexIsForwarded()
    {
        auto net = cluster(3);
        proposeMany(*net, 1, 3);
        QCOMPARE(net->node(2).raft().readIndex("from 2"), ProposeResult::Ok);
        net->deliver();
        QCOMPARE(net->node(2).readStates,
                 (QList<ReadState>{{st(*net, 1).hardState.commit, "from 2"}}));
        QVERIFY(net->node(1).readStates.isEmpty());
    }

    void test_thesis_6_4_isolatedLeaderNeverAnswersRead()
    {
        auto net = cluster(3);
        net->isolate(1);
        net->node(1).raft().readIndex("stale?");
        net->advance(30);
        QVERIFY(net->node(1).readStates.isEmpty());
    }

    void test_thesis_6_4_singleVoterAnswersAtOnce()
    {
        auto net = cluster(1);
        net->propose(1, "x");
        net->deliver();
        net->node(1).raft().readIndex("solo");
        net->deliver();
        QCOMPARE(net->node(1).readStates,
                 (QList<ReadState>{{st(*net, 1).hardState.commit, "solo"}}));
    }

    // ---- 9.6 Pre-vote ------------------------------------------------------------------

    void test_thesis_9_6_partitionedMemberKeepsItsTerm()
    {
        auto net = cluster(3);
        const quint64 term = st(*net, 3).hardState.term;
        net->isolate(3);
        net->advance(100);
        QCOMPARE(st(*net, 3).hardState.term, term);
        QCOMPARE(st(*net, 3).softState.role, Role::PreCandidate);
    }

    void test_thesis_9_6_rejoiningMemberDoesNotDeposeLeader()
    {
        auto net = cluster(3);
        const quint64 term = st(*net, 1).hardState.term;
        net->isolate(3);
        net->advance(100);
        net->recover();
        net->advance(20);
        QCOMPARE(net->leader(), quint64(1));
        QCOMPARE(st(*net, 1).hardState.term, term);
        QCOMPARE(st(*net, 3).softState.lead, quint64(1));
    }

    // Without pre-vote, the same partition costs an election: the reason for 9.6.
    void test_thesis_9_6_withoutPreVoteRejoiningMemberDisrupts()
    {
        SimOptions o;
        o.preVote = false;
        o.checkQuorum = false;
        auto net = cluster(3, o);
        const quint64 term = st(*net, 1).hardState.term;
        net->isolate(3);
        net->advance(100);
        QVERIFY(st(*net, 3).hardState.term > term + 1);
        net->recover();
        net->advance(40);
        QVERIFY(st(*net, 1).hardState.term > term + 1);
    }

    void test_thesis_9_6_followerWithLiveLeaderIgnoresVotes()
    {
        auto net = cluster(3);
        const quint64 term = st(*net, 2).hardState.term;
        const quint64 last = st(*net, 2).lastIndex;
        net->node(2).raft().step(rt::vote(3, 2, term + 1, last + 10, term));
        QVERIFY(rt::ofType(net->node(2).drain(), MessageType::MsgVoteResp).isEmpty());
        QCOMPARE(st(*net, 2).hardState.term, term);
    }

    // ---- 10.2.1 Pipelining and batching ------------------------------------------------

    void test_thesis_10_2_1_leaderSendsAppendsBeforePersisting()
    {
        auto net = cluster(3);
        RawNode &leader = net->node(1).raft();
        leader.propose("pipelined");
        QVERIFY(leader.hasReady());
        const Ready rd = leader.ready();
        QCOMPARE(rd.entries.size(), 1);
        QVERIFY(rd.mustSync);
        const QList<Message> apps = rt::ofType(rd.messages, MessageType::MsgApp);
        QCOMPARE(rt::recipients(apps), (QList<quint64>{2, 3}));
        QCOMPARE(apps.first().entries, rd.entries);
        leader.advance(rd);
    }

    void test_thesis_10_2_1_leaderCountsItselfOnlyWhenDurable()
    {
        auto net = cluster(3);
        SimNode &n = net->node(1);
        const quint64 commit = n.status().hardState.commit;
        n.raft().propose("x");
        const Ready rd = n.raft().ready();
        const quint64 index = rd.entries.last().index;
        // Follower 2 holds it, the leader has not persisted it: 1 of 3 is no quorum.
        n.raft().step(rt::appendResp(2, 1, rd.entries.last().term, index));
        QCOMPARE(n.status().hardState.commit, commit);
        // The leader's write completes: 2 of 3.
        n.storage().append(rd.entries);
        n.raft().advance(rd);
        QCOMPARE(n.status().hardState.commit, index);
    }

    void test_thesis_10_2_1_followersMayCommitWithoutTheLeader()
    {
        auto net = cluster(3);
        SimNode &n = net->node(1);
        n.raft().propose("x");
        const Ready rd = n.raft().ready();
        const quint64 index = rd.entries.last().index;
        n.raft().step(rt::appendResp(2, 1, rd.entries.last().term, index));
        n.raft().step(rt::appendResp(3, 1, rd.entries.last().term, index));
        QCOMPARE(n.status().hardState.commit, index);
        n.storage().append(rd.entries);
        n.raft().advance(rd);
    }

    void test_thesis_10_2_1_acknowledgementsWaitForPersistence()
    {
        SimOptions o;
        o.checkQuorum = false; // so that the follower listens to the candidate below
        auto net = cluster(3, o);
        SimNode &f = net->node(2);
        const Status s = f.status();
        f.raft().step(rt::append(1, 2, s.hardState.term, s.lastIndex, s.hardState.term,
                                 {rt::entry(s.hardState.term, s.lastIndex + 1, "e")}, 0));
        Ready rd = f.raft().ready();
        QVERIFY(rt::ofType(rd.messages, MessageType::MsgAppResp).isEmpty());
        QCOMPARE(rt::ofType(rd.messagesAfterPersist, MessageType::MsgAppResp).size(), 1);
        f.storage().append(rd.entries);
        f.raft().advance(rd);
        // A vote is a promise too.
        f.raft().step(rt::vote(3, 2, s.hardState.term + 5, s.lastIndex + 10, s.hardState.term));
        rd = f.raft().ready();
        QVERIFY(rt::ofType(rd.messages, MessageType::MsgVoteResp).isEmpty());
        QCOMPARE(rt::ofType(rd.messagesAfterPersist, MessageType::MsgVoteResp).size(), 1);
        QCOMPARE(rd.hardState->vote, quint64(3));
        f.raft().advance(rd);
    }

    // Group commit: every proposal since the last Ready is persisted by one write.
    void test_thesis_10_2_1_proposalsBatchedIntoOneReady()
    {
        auto net = cluster(3);
        RawNode &leader = net->node(1).raft();
        for (int i = 0; i < 10; ++i)
            QCOMPARE(leader.propose("p" + QByteArray::number(i)), ProposeResult::Ok);
        const Ready rd = leader.ready();
        QCOMPARE(rd.entries.size(), 10);
        QVERIFY(rd.mustSync);
        QVERIFY(!leader.hasReady()); // one Ready at a time
        net->node(1).storage().append(rd.entries);
        leader.advance(rd);
    }

    void test_thesis_10_2_1_inflightWindowBoundsAppends()
    {
        SimOptions o;
        o.maxInflightMsgs = 3;
        auto net = cluster(3, o);
        net->setDelay(1, 3, 1000); // 3 never acknowledges in time
        int toThree = 0;
        net->onSend = [&](const Message &m) {
            toThree += m.type == MessageType::MsgApp && m.to == 3 && !m.entries.isEmpty();
        };
        proposeMany(*net, 1, 10);
        QCOMPARE(toThree, 3);
        QCOMPARE(st(*net, 1).progress.value(3).inflight, 3);
        QCOMPARE(st(*net, 1).progress.value(2).match, st(*net, 1).lastIndex);
    }

    void test_thesis_10_2_1_appendsRespectSizeLimit()
    {
        SimOptions o;
        o.maxSizePerMsg = 200;
        auto net = cluster(3, o);
        net->isolate(3);
        proposeMany(*net, 1, 20, QByteArray(50, 'x'));
        int maxEntries = 0;
        net->onSend = [&](const Message &m) {
            if (m.type == MessageType::MsgApp && m.to == 3)
                maxEntries = qMax(maxEntries, int(m.entries.size()));
        };
        net->recover();
        net->advance(3);
        QCOMPARE(net->node(3).values.size(), 20);
        QVERIFY(maxEntries >= 2);
        QVERIFY(maxEntries *
                    int(Entry{0, 0, EntryType::Normal, QByteArray(52, 'x')}.payloadSize()) <=
                200);
    }
};

QTEST_APPLESS_MAIN(TestRaftThesis)
#include "tst_raft_thesis.moc"
