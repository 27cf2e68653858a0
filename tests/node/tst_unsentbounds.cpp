// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Requests that find no leader (issue 13, "bounded everything"): a
// linearizable read, an auth change or a membership change waits at most the
// proposal timeout, its client is then answered with etcd's timeout, and it
// is never sent afterwards, even once a leader appears; at most
// EtcdNode::kMaxUnsent such requests wait, more are refused at once.
// In-process members without sockets: one that never started (no Raft), one
// started in a three-member cluster whose peers never run (no quorum, so no
// leader), and a single member started late (it elects itself at once).
#include "auth/AuthCommand.h"
#include "node/EtcdNode.h"

#include <QtTest/QTest>

namespace {

const QString kTimedOut = QStringLiteral("etcdserver: request timed out");

node::NodeOptions options(int proposalTimeoutMs)
{
    node::NodeOptions o;
    o.name = QStringLiteral("a");
    o.peerUrls = {QStringLiteral("http://127.0.0.1:2380")};
    o.clientUrls = {QStringLiteral("http://127.0.0.1:2379")};
    o.proposalTimeoutMs = proposalTimeoutMs;
    return o;
}

auth::AuthCommand createRole(const QString &name)
{
    auth::AuthCommand c;
    c.op = auth::AuthCommand::Op::CreateRole;
    c.name = name;
    return c;
}

} // namespace

class TestUnsentBounds : public QObject
{
    Q_OBJECT

private slots:
    void leaderlessReadTimesOutAndIsDropped();
    void changesAnsweredBeforeALeaderAreNeverProposed();
    void queueIsBounded();
};

void TestUnsentBounds::leaderlessReadTimesOutAndIsDropped()
{
    // Three members, the other two never started: no quorum, no leader.
    node::NodeOptions o = options(200);
    o.initialCluster = {{QStringLiteral("a"), QStringLiteral("http://127.0.0.1:2380")},
                        {QStringLiteral("b"), QStringLiteral("http://127.0.0.1:2381")},
                        {QStringLiteral("c"), QStringLiteral("http://127.0.0.1:2382")}};
    node::EtcdNode node(o);
    QString error;
    QVERIFY2(node.start(&error), qPrintable(error));

    std::optional<store::StoreResult> answer;
    node.quorumGet(QStringLiteral("/k"), false, false,
                   [&](const store::StoreResult &r) { answer = r; });
    QCOMPARE(node.unsentCount(), 1);
    QTRY_VERIFY(answer.has_value());
    QVERIFY(answer->error);
    QCOMPARE(answer->error->errorCode(), 300);
    QCOMPARE(answer->error->cause, kTimedOut);
    // Answered, so it must not wait on (and be sent as a ReadIndex whenever
    // the partition heals): the queue is empty again.
    QTRY_COMPARE(node.unsentCount(), 0);
    QCOMPARE(node.leaderId(), quint64(0));
}

void TestUnsentBounds::changesAnsweredBeforeALeaderAreNeverProposed()
{
    // No Raft yet: nothing can be proposed until start().
    node::EtcdNode node(options(200));
    std::optional<auth::AuthResult> authAnswer;
    node.proposeAuth(createRole(QStringLiteral("late")),
                     [&](const auth::AuthResult &r) { authAnswer = r; });
    std::optional<api::MemberChangeResult> memberAnswer;
    node.addMember({QStringLiteral("http://127.0.0.1:2390")},
                   [&](const api::MemberChangeResult &r) { memberAnswer = r; });
    QCOMPARE(node.unsentCount(), 2);

    QTRY_VERIFY(authAnswer.has_value() && memberAnswer.has_value());
    QCOMPARE(authAnswer->status, auth::AuthResult::Status::NotApplied);
    QCOMPARE(authAnswer->message, kTimedOut);
    QCOMPARE(memberAnswer->status, api::MemberChangeResult::Status::Failed);
    QCOMPARE(memberAnswer->message, kTimedOut);

    // Now a leader appears (a single member elects itself at once).
    QString error;
    QVERIFY2(node.start(&error), qPrintable(error));
    QTRY_VERIFY(node.isLeader());
    QTRY_COMPARE(node.unsentCount(), 0);
    // A write proposed now is applied after anything sent before it: once it
    // is, the two answered changes would have taken effect had they been sent.
    std::optional<store::StoreResult> written;
    store::Command set;
    set.op = store::Command::Op::Set;
    set.path = QStringLiteral("/after");
    set.value = QStringLiteral("1");
    node.propose(set, [&](const store::StoreResult &r) { written = r; });
    QTRY_VERIFY(written.has_value());
    QVERIFY(written->ok());
    QVERIFY(!node.auth().role(QStringLiteral("late")));
    QCOMPARE(node.members().size(), 1);
}

void TestUnsentBounds::queueIsBounded()
{
    // Long timeout: everything the bound admits keeps waiting meanwhile.
    int answered = 0;
    std::optional<store::StoreResult> refusedRead;
    std::optional<auth::AuthResult> refusedAuth;
    node::EtcdNode node(options(60000));
    for (int i = 0; i < node::EtcdNode::kMaxUnsent; ++i)
        node.quorumGet(QStringLiteral("/k"), false, false,
                       [&](const store::StoreResult &) { ++answered; });
    QCOMPARE(node.unsentCount(), node::EtcdNode::kMaxUnsent);

    node.quorumGet(QStringLiteral("/k"), false, false,
                   [&](const store::StoreResult &r) { refusedRead = r; });
    node.proposeAuth(createRole(QStringLiteral("excess")),
                     [&](const auth::AuthResult &r) { refusedAuth = r; });
    QCOMPARE(node.unsentCount(), node::EtcdNode::kMaxUnsent);
    // Refused at once (long before the minute's timeout), from the event loop.
    QTRY_VERIFY(refusedRead.has_value() && refusedAuth.has_value());
    QVERIFY(refusedRead->error);
    QCOMPARE(refusedRead->error->errorCode(), 300);
    QCOMPARE(refusedRead->error->cause, QStringLiteral("raft proposal dropped"));
    QCOMPARE(refusedAuth->status, auth::AuthResult::Status::NotApplied);
    QCOMPARE(answered, 0);
}

QTEST_GUILESS_MAIN(TestUnsentBounds)
#include "tst_unsentbounds.moc"
