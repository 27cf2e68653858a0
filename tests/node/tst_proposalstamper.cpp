// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// ProposalStamper (issue 13): a store write entering the leader's log takes the leader's
// clock and keeps its TTL, whichever member's clock stamped it first; every other kind of
// proposal, configuration change or message passes byte for byte.
#include "node/ProposalStamper.h"
#include "node/RaftRequest.h"
#include "raft/Message.h"

#include <QtTest>

namespace {
constexpr qint64 kSec = 1000000000LL;
constexpr qint64 kLeaderNow = 1700000000LL * kSec;
constexpr qint64 kSkewedNow = kLeaderNow + 30 * kSec; // a follower 30 s ahead

QByteArray storeWrite(qint64 nowNs, qint64 ttlSeconds)
{
    node::RaftRequest r;
    r.kind = node::RaftRequest::Kind::Store;
    r.id = 0x1234;
    r.command.op = store::Command::Op::Set;
    r.command.path = QStringLiteral("/k");
    r.command.value = QStringLiteral("v");
    r.command.timeNs = nowNs;
    r.command.expirationNs = store::Command::expiryAfter(nowNs, quint64(ttlSeconds));
    return r.encode();
}

QByteArray attributes()
{
    node::RaftRequest r;
    r.kind = node::RaftRequest::Kind::Attributes;
    r.id = 7;
    r.memberId = 42;
    r.name = QStringLiteral("m");
    r.clientUrls = {QStringLiteral("http://127.0.0.1:2379")};
    return r.encode();
}

raft::Entry entry(const QByteArray &data, raft::EntryType type = raft::EntryType::Normal)
{
    raft::Entry e;
    e.type = type;
    e.data = data;
    return e;
}
} // namespace

class tst_ProposalStamper : public QObject
{
    Q_OBJECT

private slots:
    void ownProposalTakesTheGivenClock();
    void forwardedProposalsTakeTheLeadersClock();
    void onlyProposalsAreTouched();
};

void tst_ProposalStamper::ownProposalTakesTheGivenClock()
{
    const QByteArray stamped = node::ProposalStamper::stamp(storeWrite(kSkewedNow, 5), kLeaderNow);
    const std::optional<node::RaftRequest> r = node::RaftRequest::decode(stamped);
    QVERIFY(r);
    QCOMPARE(r->id, quint64(0x1234));
    QCOMPARE(r->command.path, QStringLiteral("/k"));
    QCOMPARE(r->command.timeNs, kLeaderNow);
    QCOMPARE(r->command.expirationNs, kLeaderNow + 5 * kSec);

    // Not store writes: unchanged, as are bytes that do not decode.
    QCOMPARE(node::ProposalStamper::stamp(attributes(), kLeaderNow), attributes());
    QCOMPARE(node::ProposalStamper::stamp("garbage", kLeaderNow), QByteArray("garbage"));
}

void tst_ProposalStamper::forwardedProposalsTakeTheLeadersClock()
{
    raft::Message m;
    m.type = raft::MessageType::MsgProp;
    m.from = 2;
    m.to = 1;
    m.entries = {entry(storeWrite(kSkewedNow, 3)), entry(attributes()),
                 entry(storeWrite(kLeaderNow - 30 * kSec, 4)), entry({})};
    node::ProposalStamper::stamp(m, kLeaderNow);
    QCOMPARE(m.entries.size(), 4);
    const std::optional<node::RaftRequest> first = node::RaftRequest::decode(m.entries[0].data);
    const std::optional<node::RaftRequest> third = node::RaftRequest::decode(m.entries[2].data);
    QVERIFY(first && third);
    QCOMPARE(first->command.timeNs, kLeaderNow);
    QCOMPARE(first->command.expirationNs, kLeaderNow + 3 * kSec);
    QCOMPARE(third->command.timeNs, kLeaderNow);
    QCOMPARE(third->command.expirationNs, kLeaderNow + 4 * kSec);
    QCOMPARE(m.entries[1].data, attributes());
    QVERIFY(m.entries[3].data.isEmpty());
}

void tst_ProposalStamper::onlyProposalsAreTouched()
{
    // Entries the leader replicates (MsgApp) were stamped already: stamping them again on
    // a follower would make members disagree. Configuration changes are not requests.
    raft::Message app;
    app.type = raft::MessageType::MsgApp;
    app.entries = {entry(storeWrite(kSkewedNow, 3))};
    const raft::Message appBefore = app;
    node::ProposalStamper::stamp(app, kLeaderNow);
    QCOMPARE(app, appBefore);

    raft::Message prop;
    prop.type = raft::MessageType::MsgProp;
    prop.entries = {entry(storeWrite(kSkewedNow, 3), raft::EntryType::ConfChange)};
    const raft::Message propBefore = prop;
    node::ProposalStamper::stamp(prop, kLeaderNow);
    QCOMPARE(prop, propBefore);
}

QTEST_APPLESS_MAIN(tst_ProposalStamper)
#include "tst_proposalstamper.moc"
