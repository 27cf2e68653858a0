// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The client library against a real qetcd member (tests/common/DaemonProcess):
// every keys operation and option, members, stats, version, health, and
// watches that survive a member restart and a failover without losing or
// repeating an event.
#include "DaemonProcess.h"

#include "client/Client.h"
#include "client/Watcher.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace client;

namespace {

bool wait(Reply *r)
{
    // On the finished signal, not qWaitFor's 10 ms polls: some tests make a thousand calls.
    if (r->isFinished())
        return true;
    QSignalSpy finished(r, &Reply::finished);
    return finished.wait(15000) || r->isFinished();
}

// Runs a call to completion and returns the reply (owned by the client).
Reply *done(Reply *r)
{
    wait(r);
    return r;
}

QStringList values(const QSignalSpy &events)
{
    QStringList out;
    for (const auto &e : events)
        out.append(e[0].value<Response>().node.value);
    return out;
}

} // namespace

class tst_ClientDaemon : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();

    void setGetAndTtl();
    void createUpdateCompare();
    void directoriesAndListing();
    void inOrderAndDelete();
    void refreshKeepsValue();
    void errorsAreTyped_data();
    void errorsAreTyped();
    void membersStatsVersionHealth();
    void syncUsesAdvertisedUrls();
    void watchLongPoll();
    void watchStream();
    void watchFromHistoryAndCleared();
    void watchSurvivesRestart();
    void watchFailsOverWithoutLossOrRepeat();
    void watchAcrossClusterFailoverAndRestart();

private:
    Client *client() { return m_client.get(); }
    DaemonProcess m_daemon{QStringLiteral("client-test")};
    std::unique_ptr<Client> m_client;
};

void tst_ClientDaemon::initTestCase()
{
    const QString bin = DaemonProcess::binary(QStringLiteral("qetcd"));
    if (!QFileInfo(bin).isExecutable())
        QFAIL(qPrintable(
            QStringLiteral("the qetcd daemon is not built (%1); these tests need it").arg(bin)));
    QVERIFY2(m_daemon.start(), m_daemon.output().constData());
    m_client = std::make_unique<Client>(ClientConfig::forEndpoints({m_daemon.clientUrl()}));
}

void tst_ClientDaemon::cleanupTestCase()
{
    m_client.reset();
    m_daemon.terminate();
}

void tst_ClientDaemon::setGetAndTtl()
{
    Reply *set = done(client()->set(QStringLiteral("/sg/a"), QStringLiteral("x y&z")));
    QVERIFY2(!set->error(), qPrintable(set->error().toString()));
    QCOMPARE(set->keys().action, QStringLiteral("set"));
    QCOMPARE(set->httpStatus(), 201);
    QVERIFY(set->keys().etcdIndex >= set->keys().node.modifiedIndex);

    Reply *get = done(client()->get(QStringLiteral("sg/a")));
    QCOMPARE(get->keys().action, QStringLiteral("get"));
    QCOMPARE(get->keys().node.key, QStringLiteral("/sg/a"));
    QCOMPARE(get->keys().node.value, QStringLiteral("x y&z"));
    QVERIFY(!get->keys().node.hasTtl());

    SetOptions o;
    o.ttl = 100;
    Reply *ttl = done(client()->set(QStringLiteral("/sg/a"), QStringLiteral("2"), o));
    QCOMPARE(ttl->httpStatus(), 200);
    QVERIFY(ttl->keys().prevNode.has_value());
    QCOMPARE(ttl->keys().prevNode->value, QStringLiteral("x y&z"));
    QVERIFY(ttl->keys().node.ttl > 90 && ttl->keys().node.ttl <= 100);
    QVERIFY(!ttl->keys().node.expiration.isEmpty());

    // ttl= with prevExist=true makes the key permanent again.
    SetOptions clear;
    clear.prevExist = SetOptions::PrevExist::MustExist;
    clear.clearTtl = true;
    Reply *cleared = done(client()->set(QStringLiteral("/sg/a"), QStringLiteral("3"), clear));
    QVERIFY2(!cleared->error(), qPrintable(cleared->error().toString()));
    QVERIFY(!cleared->keys().node.hasTtl());
}

void tst_ClientDaemon::createUpdateCompare()
{
    Reply *created = done(client()->create(QStringLiteral("/cu/k"), QStringLiteral("1")));
    QCOMPARE(created->keys().action, QStringLiteral("create"));
    Reply *again = done(client()->create(QStringLiteral("/cu/k"), QStringLiteral("1")));
    QCOMPARE(again->error().errorCode(), int(Error::NodeExist));

    Reply *updated = done(client()->update(QStringLiteral("/cu/k"), QStringLiteral("2")));
    QCOMPARE(updated->keys().action, QStringLiteral("update"));
    const quint64 index = updated->keys().node.modifiedIndex;

    SetOptions cas;
    cas.prevValue = QStringLiteral("2");
    cas.prevIndex = index;
    Reply *swapped = done(client()->set(QStringLiteral("/cu/k"), QStringLiteral("3"), cas));
    QCOMPARE(swapped->keys().action, QStringLiteral("compareAndSwap"));

    cas.prevValue = QStringLiteral("nope");
    cas.prevIndex = 0;
    Reply *failed = done(client()->set(QStringLiteral("/cu/k"), QStringLiteral("4"), cas));
    QCOMPARE(failed->error().errorCode(), int(Error::TestFailed));
    QCOMPARE(failed->error().cause(), QStringLiteral("[nope != 3]"));

    DeleteOptions cad;
    cad.prevValue = QStringLiteral("3");
    Reply *deleted = done(client()->remove(QStringLiteral("/cu/k"), cad));
    QCOMPARE(deleted->keys().action, QStringLiteral("compareAndDelete"));
    QCOMPARE(deleted->keys().prevNode->value, QStringLiteral("3"));
}

void tst_ClientDaemon::directoriesAndListing()
{
    SetOptions dir;
    dir.prevExist = SetOptions::PrevExist::MustNotExist;
    QVERIFY(!done(client()->setDir(QStringLiteral("/dl"), dir))->error());
    for (const char *k : {"/dl/c", "/dl/a", "/dl/b/x", "/dl/_hidden"})
        QVERIFY(!done(client()->set(QLatin1String(k), QStringLiteral("v")))->error());

    GetOptions sorted;
    sorted.sorted = true;
    const Response list = done(client()->get(QStringLiteral("/dl"), sorted))->keys();
    QVERIFY(list.node.dir);
    QStringList keys;
    for (const Node &n : list.node.nodes)
        keys.append(n.key);
    QCOMPARE(keys, (QStringList{QStringLiteral("/dl/a"), QStringLiteral("/dl/b"),
                                QStringLiteral("/dl/c")}));
    QVERIFY(list.node.nodes[1].dir);
    QVERIFY(list.node.nodes[1].nodes.isEmpty());

    GetOptions recursive = sorted;
    recursive.recursive = true;
    recursive.quorum = true;
    const Response tree = done(client()->get(QStringLiteral("/dl"), recursive))->keys();
    QCOMPARE(tree.node.nodes[1].nodes.value(0).key, QStringLiteral("/dl/b/x"));
    QCOMPARE(done(client()->get(QStringLiteral("/dl/_hidden")))->keys().node.value,
             QStringLiteral("v"));

    DeleteOptions plain;
    plain.dir = true;
    QCOMPARE(done(client()->remove(QStringLiteral("/dl"), plain))->error().errorCode(),
             int(Error::DirNotEmpty));
    DeleteOptions all;
    all.recursive = true;
    QVERIFY(!done(client()->remove(QStringLiteral("/dl"), all))->error());
    QCOMPARE(done(client()->get(QStringLiteral("/dl")))->error().errorCode(),
             int(Error::KeyNotFound));
}

void tst_ClientDaemon::inOrderAndDelete()
{
    const Response first =
        done(client()->createInOrder(QStringLiteral("/q"), QStringLiteral("job1")))->keys();
    const Response second =
        done(client()->createInOrder(QStringLiteral("/q"), QStringLiteral("job2"), 50))->keys();
    QCOMPARE(first.action, QStringLiteral("create"));
    QCOMPARE(first.node.key,
             QStringLiteral("/q/%1").arg(first.node.createdIndex, 20, 10, QLatin1Char('0')));
    QVERIFY(second.node.key > first.node.key);
    QVERIFY(second.node.ttl > 0);
    const Response removed = done(client()->remove(first.node.key))->keys();
    QCOMPARE(removed.action, QStringLiteral("delete"));
    QCOMPARE(removed.prevNode->value, QStringLiteral("job1"));
}

void tst_ClientDaemon::refreshKeepsValue()
{
    SetOptions ttl;
    ttl.ttl = 5;
    QVERIFY(!done(client()->set(QStringLiteral("/rf"), QStringLiteral("keep"), ttl))->error());
    SetOptions refresh;
    refresh.prevExist = SetOptions::PrevExist::MustExist;
    refresh.ttl = 100;
    refresh.refresh = true;
    Reply *r = done(client()->set(QStringLiteral("/rf"), QString(), refresh));
    QVERIFY2(!r->error(), qPrintable(r->error().toString()));
    QCOMPARE(r->keys().node.value, QStringLiteral("keep"));
    QVERIFY(r->keys().node.ttl > 5);
}

using Call = std::function<Reply *(Client *)>;
Q_DECLARE_METATYPE(Call)

void tst_ClientDaemon::errorsAreTyped_data()
{
    QTest::addColumn<Call>("call");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    QTest::newRow("not-found") << Call([](Client *c) {
        return c->get(QStringLiteral("/err/none"));
    }) << 100 << 404;
    QTest::newRow("not-a-file") << Call([](Client *c) {
        // The setup write must be answered first: the client may send the
        // two requests on different connections, in either order.
        done(c->setDir(QStringLiteral("/err/d")));
        return c->set(QStringLiteral("/err/d"), QStringLiteral("v"));
    }) << 102 << 403;
    // etcd answers 104 and 107 with 400 (its table lacks them); only the
    // code is part of the contract there.
    QTest::newRow("not-a-dir") << Call([](Client *c) {
        done(c->set(QStringLiteral("/err/f"), QStringLiteral("v")));
        return c->set(QStringLiteral("/err/f/x"), QStringLiteral("v"));
    }) << 104 << 0;
    QTest::newRow("root-read-only")
        << Call([](Client *c) { return c->set(QStringLiteral("/"), QStringLiteral("v")); }) << 107
        << 0;
    QTest::newRow("update-missing") << Call([](Client *c) {
        return c->update(QStringLiteral("/err/none"), QStringLiteral("v"));
    }) << 100 << 404;
    QTest::newRow("refresh-without-ttl") << Call([](Client *c) {
        SetOptions o;
        o.prevExist = SetOptions::PrevExist::MustExist;
        o.refresh = true;
        return c->set(QStringLiteral("/err/f"), QString(), o);
    }) << 212 << 400;
}

void tst_ClientDaemon::errorsAreTyped()
{
    QFETCH(Call, call);
    QFETCH(int, code);
    QFETCH(int, status);
    Reply *r = done(call(client()));
    QCOMPARE(r->error().kind(), Error::Kind::Etcd);
    QCOMPARE(r->error().errorCode(), code);
    if (status)
        QCOMPARE(r->error().httpStatus(), status);
    QVERIFY(!r->error().message().isEmpty());
}

void tst_ClientDaemon::membersStatsVersionHealth()
{
    Reply *members = done(client()->listMembers());
    QVERIFY2(!members->error(), qPrintable(members->error().toString()));
    QCOMPARE(members->members().size(), 1);
    const Member m = members->members().first();
    QCOMPARE(m.name, QStringLiteral("client-test"));
    QCOMPARE(m.clientUrls, QStringList{m_daemon.clientUrl().toString()});
    QCOMPARE(done(client()->leader())->member().id, m.id);

    const QJsonObject self = done(client()->selfStats())->json();
    QCOMPARE(self.value(QLatin1String("name")).toString(), QStringLiteral("client-test"));
    QCOMPARE(self.value(QLatin1String("state")).toString(), QStringLiteral("StateLeader"));
    QVERIFY(done(client()->storeStats())->json().contains(QLatin1String("setsSuccess")));
    QVERIFY(!done(client()->leaderStats())->error());
    QVERIFY(done(client()->version())->json().contains(QLatin1String("etcdserver")));
    Reply *health = done(client()->health(m_daemon.clientUrl()));
    QCOMPARE(health->httpStatus(), 200);
    QCOMPARE(health->json().value(QLatin1String("health")).toString(), QStringLiteral("true"));
}

void tst_ClientDaemon::syncUsesAdvertisedUrls()
{
    ClientConfig config;
    config.endpoints = {QUrl(m_daemon.clientUrl().toString() + QLatin1Char('/'))};
    Client c(config);
    Reply *r = done(c.sync());
    QVERIFY2(!r->error(), qPrintable(r->error().toString()));
    QCOMPARE(c.endpoints(), QList<QUrl>{m_daemon.clientUrl()});
}

void tst_ClientDaemon::watchLongPoll()
{
    WatchOptions o;
    o.recursive = true;
    Watcher *w = client()->watch(QStringLiteral("/wl"), o);
    QSignalSpy connected(w, &Watcher::connected);
    QVERIFY(connected.wait(5000));
    QSignalSpy events(w, &Watcher::event);
    for (int i = 1; i <= 5; ++i)
        QVERIFY(
            !done(client()->set(QStringLiteral("/wl/k%1").arg(i), QString::number(i)))->error());
    QVERIFY(!done(client()->remove(QStringLiteral("/wl/k1")))->error());
    QVERIFY(QTest::qWaitFor([&events] { return events.size() >= 6; }, 10000));
    QCOMPARE(values(events), (QStringList{"1", "2", "3", "4", "5", ""}));
    QCOMPARE(events[5][0].value<Response>().action, QStringLiteral("delete"));
    delete w;
}

void tst_ClientDaemon::watchStream()
{
    WatchOptions o;
    o.recursive = true;
    o.stream = true;
    Watcher *w = client()->watch(QStringLiteral("/ws"), o);
    QSignalSpy connected(w, &Watcher::connected);
    QVERIFY(connected.wait(5000));
    QSignalSpy events(w, &Watcher::event);
    for (int i = 1; i <= 5; ++i)
        QVERIFY(!done(client()->set(QStringLiteral("/ws/k"), QString::number(i)))->error());
    QVERIFY(QTest::qWaitFor([&events] { return events.size() >= 5; }, 10000));
    QCOMPARE(values(events), (QStringList{"1", "2", "3", "4", "5"}));
    delete w;
}

void tst_ClientDaemon::watchFromHistoryAndCleared()
{
    const quint64 start = done(client()->set(QStringLiteral("/wh/k"), QStringLiteral("a")))
                              ->keys()
                              .node.modifiedIndex;
    QVERIFY(!done(client()->set(QStringLiteral("/wh/k"), QStringLiteral("b")))->error());
    WatchOptions o;
    o.waitIndex = start;
    Watcher *w = client()->watch(QStringLiteral("/wh/k"), o);
    QSignalSpy events(w, &Watcher::event);
    QVERIFY(QTest::qWaitFor([&events] { return events.size() >= 2; }, 10000));
    QCOMPARE(values(events), (QStringList{"a", "b"}));
    delete w;

    // Push the start index out of the 1000-event history.
    for (int i = 0; i < 1005; ++i)
        QVERIFY(!done(client()->set(QStringLiteral("/wh/fill"), QString::number(i)))->error());
    Watcher *old = client()->watch(QStringLiteral("/wh/k"), o);
    QSignalSpy cleared(old, &Watcher::historyCleared);
    QVERIFY(cleared.wait(10000));
    const Error e = cleared[0][0].value<Error>();
    QCOMPARE(e.errorCode(), int(Error::EventIndexCleared));
    QVERIFY(e.index() > start + 1000);
    QVERIFY(!old->isRunning());
    delete old;
}

void tst_ClientDaemon::watchSurvivesRestart()
{
    DaemonProcess member(QStringLiteral("restart"));
    QVERIFY2(member.start(), member.output().constData());
    Client c(ClientConfig::forEndpoints({member.clientUrl()}));
    Watcher *w = c.watch(QStringLiteral("/r"), {true, 0, false, false});
    QSignalSpy connected(w, &Watcher::connected);
    QVERIFY(connected.wait(5000));
    QSignalSpy events(w, &Watcher::event);
    QSignalSpy lost(w, &Watcher::disconnected);
    QVERIFY(!done(c.set(QStringLiteral("/r/k"), QStringLiteral("1")))->error());
    QVERIFY(QTest::qWaitFor([&events] { return events.size() == 1; }, 5000));

    member.kill();
    QVERIFY(lost.wait(5000));
    QVERIFY2(member.start(), member.output().constData()); // same data directory and ports
    // Written the moment the member is back, possibly before the watch is.
    QVERIFY(!done(c.set(QStringLiteral("/r/k"), QStringLiteral("2")))->error());
    QVERIFY(!done(c.set(QStringLiteral("/r/k"), QStringLiteral("3")))->error());
    QVERIFY(QTest::qWaitFor([&events] { return events.size() >= 3; }, 15000));
    // A marker written last: events arrive in index order, so once it is seen a repeat of 1, 2
    // or 3 would have been seen too.
    QVERIFY(!done(c.set(QStringLiteral("/r/k"), QStringLiteral("marker")))->error());
    QVERIFY(
        QTest::qWaitFor([&] { return values(events).endsWith(QStringLiteral("marker")); }, 15000));
    QCOMPARE(values(events), (QStringList{"1", "2", "3", "marker"}));
    delete w;
    member.terminate();
}

void tst_ClientDaemon::watchFailsOverWithoutLossOrRepeat()
{
    // Two single members fed the same writes stand in for a replicated
    // cluster (clustering comes later): equal store indexes, so a watch can
    // continue on the second member where it left the first.
    DaemonProcess a(QStringLiteral("mirror-a"));
    DaemonProcess b(QStringLiteral("mirror-b"));
    QVERIFY2(a.start(), a.output().constData());
    QVERIFY2(b.start(), b.output().constData());
    Client ca(ClientConfig::forEndpoints({a.clientUrl()}));
    Client cb(ClientConfig::forEndpoints({b.clientUrl()}));
    auto index = [](Client &c) { return done(c.get(QStringLiteral("/")))->keys().etcdIndex; };
    while (index(ca) < index(cb))
        done(ca.set(QStringLiteral("/pad"), QStringLiteral("x")));
    while (index(cb) < index(ca))
        done(cb.set(QStringLiteral("/pad"), QStringLiteral("x")));
    QCOMPARE(index(ca), index(cb));
    auto mirror = [&](const QString &value) {
        QVERIFY(!done(ca.set(QStringLiteral("/f/k"), value))->error());
        QVERIFY(!done(cb.set(QStringLiteral("/f/k"), value))->error());
    };

    Client both(ClientConfig::forEndpoints({a.clientUrl(), b.clientUrl()}));
    Watcher *w = both.watch(QStringLiteral("/f"), {true, 0, false, false});
    QSignalSpy connected(w, &Watcher::connected);
    QVERIFY(connected.wait(5000));
    QCOMPARE(connected[0][0].toUrl(), a.clientUrl());
    QSignalSpy events(w, &Watcher::event);
    mirror(QStringLiteral("1"));
    mirror(QStringLiteral("2"));
    QVERIFY(QTest::qWaitFor([&events] { return events.size() == 2; }, 5000));

    a.kill();
    // Member A is gone: the next writes only reach B.
    QVERIFY(!done(cb.set(QStringLiteral("/f/k"), QStringLiteral("3")))->error());
    QVERIFY(!done(cb.set(QStringLiteral("/f/k"), QStringLiteral("4")))->error());
    QVERIFY(QTest::qWaitFor([&events] { return events.size() >= 4; }, 15000));
    // A marker written last: once it is seen, a repeat of 1 to 4 would have been seen too.
    QVERIFY(!done(cb.set(QStringLiteral("/f/marker"), QStringLiteral("marker")))->error());
    QVERIFY(
        QTest::qWaitFor([&] { return values(events).endsWith(QStringLiteral("marker")); }, 15000));
    QCOMPARE(values(events), (QStringList{"1", "2", "3", "4", "marker"}));
    QCOMPARE(connected.last()[0].toUrl(), b.clientUrl());

    // Plain requests fail over too.
    Reply *r = done(both.get(QStringLiteral("/f/k")));
    QVERIFY2(!r->error(), qPrintable(r->error().toString()));
    QCOMPARE(r->endpoint(), b.clientUrl());
    QCOMPARE(r->keys().node.value, QStringLiteral("4"));
    delete w;
    b.terminate();
}

void tst_ClientDaemon::watchAcrossClusterFailoverAndRestart()
{
    // A real 3-member cluster: the watch's member is killed (the watch moves
    // on), comes back, and then the next one is killed. Every event of the
    // history must arrive exactly once, in order.
    const QStringList fast{QStringLiteral("--heartbeat-interval"), QStringLiteral("50"),
                           QStringLiteral("--election-timeout"), QStringLiteral("500")};
    std::vector<std::unique_ptr<DaemonProcess>> members;
    QStringList initial;
    for (const char *name : {"w1", "w2", "w3"}) {
        auto d = std::make_unique<DaemonProcess>(QLatin1String(name));
        d->setPorts(DaemonProcess::freePort(), DaemonProcess::freePort());
        initial << QLatin1String(name) + QLatin1Char('=') + d->peerUrl();
        members.push_back(std::move(d));
    }
    QList<QUrl> urls;
    for (auto &d : members) {
        d->setInitialCluster(initial.join(QLatin1Char(',')));
        d->setExtraArguments(fast);
        // A member may only answer once it has a quorum: do not insist here,
        // the first write below waits for the cluster.
        d->start(2000);
        QVERIFY2(d->isRunning(), d->output().constData());
        urls.append(d->clientUrl());
    }
    Client c(ClientConfig::forEndpoints(urls));
    int written = 0;
    auto write = [&c, &written] {
        // Retried while the cluster elects a leader.
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (!done(c.set(QStringLiteral("/cl/k"), QString::number(written + 1)))->error()) {
                ++written;
                return true;
            }
            QTest::qWait(100); // pacing between retries; nothing is asserted about the wait
        }
        return false;
    };
    QVERIFY(write());
    const quint64 start = done(c.get(QStringLiteral("/cl/k")))->keys().node.modifiedIndex + 1;

    WatchOptions o;
    o.recursive = true;
    o.waitIndex = start;
    Watcher *w = c.watch(QStringLiteral("/cl"), o);
    QSignalSpy connected(w, &Watcher::connected);
    QSignalSpy events(w, &Watcher::event);
    QVERIFY(connected.wait(10000));
    auto memberAt = [&members](const QUrl &url) -> DaemonProcess * {
        for (auto &d : members) {
            if (d->clientUrl() == url)
                return d.get();
        }
        return nullptr;
    };

    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 3; ++i)
            QVERIFY(write());
        QVERIFY(QTest::qWaitFor([&] { return events.size() >= written - 1; }, 15000));
        DaemonProcess *victim = memberAt(connected.last()[0].toUrl());
        QVERIFY(victim);
        victim->kill();
        for (int i = 0; i < 3; ++i)
            QVERIFY(write());
        QVERIFY(QTest::qWaitFor([&] { return events.size() >= written - 1; }, 20000));
        QVERIFY(connected.last()[0].toUrl() != victim->clientUrl());
        QVERIFY2(victim->start(), victim->output().constData()); // back with its data
    }
    for (int i = 0; i < 3; ++i)
        QVERIFY(write());
    QVERIFY(QTest::qWaitFor([&] { return events.size() >= written - 1; }, 20000));

    // The reference: the store's own history from the start index on.
    QList<quint64> history;
    const quint64 last =
        done(c.get(QStringLiteral("/cl/k"), {false, false, true}))->keys().node.modifiedIndex;
    // The watch has caught up with the store's last write (events come in index order): what
    // it has seen is all it will ever see of the history up to `last`.
    QVERIFY(QTest::qWaitFor(
        [&] {
            return !events.isEmpty() &&
                   events.last()[0].value<Response>().node.modifiedIndex >= last;
        },
        20000));
    for (quint64 next = start; next <= last;) {
        WatchOptions once;
        once.recursive = true;
        once.waitIndex = next;
        const Response r = done(c.waitOnce(QStringLiteral("/cl"), once))->keys();
        history.append(r.node.modifiedIndex);
        next = r.node.modifiedIndex + 1;
    }
    QList<quint64> seen;
    for (const auto &e : events)
        seen.append(e[0].value<Response>().node.modifiedIndex);
    QCOMPARE(seen, history);
    // A write retried during an election may have committed twice; never fewer.
    QVERIFY(events.size() >= written - 1);
    QVERIFY(connected.size() >= 3);
    delete w;
}

QTEST_GUILESS_MAIN(tst_ClientDaemon)
#include "tst_clientdaemon.moc"
