// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Tests of watches: which watcher gets which event (etcd 3.4's watcherHub.notify,
// watcher.notify and isHidden), replay from the event history (EventHistory.scan,
// with live notification's hidden-key rule and whole-segment directory matches),
// stream watchers, cancellation and re-entrant sinks.

#include "StoreTestUtil.h"

#include "store/EventHistory.h"
#include "store/Store.h"
#include "store/WatcherHub.h"

#include <QtTest>

#include <numeric>

using namespace st;

Q_DECLARE_METATYPE(store::Command)

namespace {
// baseTree() plus a hidden dir and an expiring dir; store index 9.
//   /_hd/x = "x" (7)   /dt/ (8, expires at T0 + 5 s)   /dt/k = "k" (9)
QList<store::Command> watchTree()
{
    return baseTree() + QList<store::Command>{set("/_hd/x", "x"), mkdir("/dt", T0 + 5 * kSec),
                                              set("/dt/k", "k")};
}

struct Recorder
{
    QStringList events;
    QStringList errors;
    store::WatchSink sink()
    {
        return store::WatchSink([this](const store::Event &e) { events << eventText(e); },
                                [this](const store::EtcdError &e) { errors << errorText(e); });
    }
};
} // namespace

class tst_WatcherHub : public QObject
{
    Q_OBJECT

private slots:
    void notification_data();
    void notification();
    void oneShotWatcherIsRemovedAfterItsEvent();
    void streamWatcherGetsEveryEventUntilCancelled();
    void streamWatcherOfDeletedKeyGetsItTwice();
    void watchResultCarriesStoreIndex();
    void waitIndex_data();
    void waitIndex();
    void historyClearedAfterThousandEvents();
    void streamReplaysHistory();
    void streamReplayCancelledBySink();
    void sinkMayCancelOtherWatchers();
    void sinkMayAddWatchers();
    void manyWatchers();
    void heldEventsReachTheSameWatchersInOrder();
    void recoverDeliversHeldEventsFirst();
    void cancelIsIdempotent();
    void emptySinkIsIgnored();
    void recoverReplaysMissedEvents();
    void recoverAnswers401WhenHistoryDoesNotReachBack();
    void recoverLeavesWatchersThatMissedNothing();
    void eventHistoryRing();
};

void tst_WatcherHub::notification_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("recursive");
    QTest::addColumn<store::Command>("mutation");
    QTest::addColumn<QStringList>("expected");

    const QString delD = QStringLiteral("delete /d dir m10 c2 prev{/d dir m2 c2} @10");
    const QString expDt =
        QStringLiteral("expire /dt dir m10 c8 prev{/dt dir m8 c8 exp=5000ms ttl=0} @10");
    auto row = [](const char *name, const char *key, bool recursive, const store::Command &c,
                  const QStringList &expected) {
        QTest::newRow(name) << QString::fromUtf8(key) << recursive << c << expected;
    };
    const QStringList none;

    row("key: set", "/a", false, set("/a", "2"), {"set /a=2 m10 c10 prev{/a=1 m1 c1} @10"});
    row("key: other key", "/a", false, set("/b", "2"), none);
    row("key: longer name", "/a", false, set("/ab", "2"), none);
    row("key: failed op", "/a", false, create("/a", "2"), none);
    row("key: cas", "/a", false, cas("/a", "2", "1", 0),
        {"compareAndSwap /a=2 m10 c1 prev{/a=1 m1 c1} @10"});
    row("key: cad", "/a", false, cad("/a", "1", 0),
        {"compareAndDelete /a m10 c1 prev{/a=1 m1 c1} @10"});
    row("key: delete", "/a", false, del("/a"), {"delete /a m10 c1 prev{/a=1 m1 c1} @10"});
    row("key: update", "/a", false, update("/a", "3"), {"update /a=3 m10 c1 prev{/a=1 m1 c1} @10"});
    row("key: refresh notifies nobody", "/t", false, refreshed(update("/t", "", T0 + 60 * kSec)),
        none);
    row("key: refresh by set notifies nobody", "/t", false,
        refreshed(set("/t", "", T0 + 60 * kSec)), none);
    row("key: refresh by cas notifies nobody", "/t", false,
        refreshed(cas("/t", "", "t", 0, T0 + 60 * kSec)), none);
    row("root recursive: refresh notifies nobody", "/", true,
        refreshed(update("/t", "", T0 + 60 * kSec)), none);
    // /dt expires first (index 10), then /t (11): the /t watcher sees only its own.
    row("key: expire", "/t", false, expire(T0 + 10 * kSec),
        {"expire /t m11 c6 prev{/t=t m6 c6 exp=10000ms ttl=0} @11"});

    row("dir: child change not seen", "/d", false, set("/d/x", "2"), none);
    row("dir: own update seen", "/d", false, update("/d", "", T0 + 9 * kSec),
        {"update /d dir m10 c2 exp=9000ms ttl=9 prev{/d dir m2 c2} @10"});
    row("dir recursive: child", "/d", true, set("/d/x", "2"),
        {"set /d/x=2 m10 c10 prev{/d/x=x m3 c3} @10"});
    row("dir recursive: deep child", "/d", true, set("/d/y/z", "2"), {"set /d/y/z=2 m10 c10 @10"});
    row("dir recursive: sibling with prefix", "/d", true, set("/dd", "2"), none);
    row("dir recursive: hidden child", "/d", true, set("/d/_h", "2"), none);
    row("root: non-recursive sees nothing", "/", false, set("/b", "2"), none);
    row("root recursive: key", "/", true, set("/b", "2"), {"set /b=2 m10 c10 @10"});
    row("root recursive: hidden key", "/", true, set("/_h", "2"), none);
    row("root recursive: in hidden dir", "/", true, set("/_hd/y", "2"), none);
    row("hidden dir recursive: child", "/_hd", true, set("/_hd/y", "2"),
        {"set /_hd/y=2 m10 c10 @10"});
    row("hidden key direct", "/d/_h", false, set("/d/_h", "2"),
        {"set /d/_h=2 m10 c10 prev{/d/_h=h m4 c4} @10"});
    row("in-order: recursive", "/q", true, createUnique("/q", "j"),
        {"create /q/00000000000000000010=j m10 c10 @10"});
    row("in-order: dir only", "/q", false, createUnique("/q", "j"), none);
    row("implicit parent dir", "/p", false, set("/p/q", "1"), none);

    row("deleted dir: key below", "/d/x", false, del("/d", false, true), {delD});
    row("deleted dir: hidden key below", "/d/_h", false, del("/d", false, true), {delD});
    row("deleted dir: its watcher", "/d", false, del("/d", false, true), {delD});
    row("deleted dir: recursive root", "/", true, del("/d", false, true), {delD});
    row("deleted dir: path that never existed", "/d/nothing", false, del("/d", false, true), none);
    row("deleted hidden dir: root recursive", "/", true, del("/_hd", false, true), none);
    row("expired dir: key below", "/dt/k", false, expire(T0 + 5 * kSec), {expDt});
    row("expired dir: its watcher", "/dt", false, expire(T0 + 5 * kSec), {expDt});
    row("expired dir: recursive root", "/", true, expire(T0 + 5 * kSec), {expDt});
}

void tst_WatcherHub::notification()
{
    QFETCH(QString, key);
    QFETCH(bool, recursive);
    QFETCH(store::Command, mutation);
    QFETCH(QStringList, expected);

    store::Store s;
    QCOMPARE(applyAll(s, watchTree()), QString());
    Recorder rec;
    const store::WatchResult w = s.watch(key, recursive, false, 0, rec.sink());
    QVERIFY(!w.error && !w.immediate);
    QVERIFY(w.watcherId != 0);
    QCOMPARE(s.stats().watchers, 1);
    s.apply(mutation);
    QCOMPARE(rec.events, expected);
    QCOMPARE(s.stats().watchers, expected.isEmpty() ? 1 : 0);

    // The same held, as a member applies a batch: the watcher is chosen (and a one-shot one
    // leaves) when the event happens, and its sink gets it at deliverWatchEvents().
    store::Store h;
    QCOMPARE(applyAll(h, watchTree()), QString());
    Recorder held;
    QVERIFY(h.watch(key, recursive, false, 0, held.sink()).watcherId != 0);
    h.holdWatchEvents();
    h.apply(mutation);
    QVERIFY(held.events.isEmpty());
    QCOMPARE(h.stats().watchers, expected.isEmpty() ? 1 : 0);
    h.deliverWatchEvents();
    QCOMPARE(held.events, expected);
}

void tst_WatcherHub::oneShotWatcherIsRemovedAfterItsEvent()
{
    store::Store s;
    Recorder rec;
    const store::WatchResult w = s.watch("/a", false, false, 0, rec.sink());
    QVERIFY(w.watcherId);
    QVERIFY(s.apply(set("/a", "1")).ok());
    QVERIFY(s.apply(set("/a", "2")).ok());
    QCOMPARE(rec.events, QStringList{"set /a=1 m1 c1 @1"});
    QCOMPARE(s.stats().watchers, 0);
}

void tst_WatcherHub::streamWatcherGetsEveryEventUntilCancelled()
{
    store::Store s;
    Recorder rec;
    const store::WatchResult w = s.watch("/d", true, true, 0, rec.sink());
    QVERIFY(w.watcherId);
    QVERIFY(s.apply(set("/d/a", "1")).ok());
    QVERIFY(s.apply(set("/x", "1")).ok());
    QVERIFY(s.apply(set("/d/b/c", "2")).ok());
    QVERIFY(s.apply(refreshed(update("/d/a", "", T0 + kSec))).ok());
    QVERIFY(s.apply(del("/d/a")).ok());
    QCOMPARE(rec.events, (QStringList{"set /d/a=1 m1 c1 @1", "set /d/b/c=2 m3 c3 @3",
                                      "delete /d/a m5 c1 prev{/d/a=1 m4 c1 exp=1000ms ttl=1} @5"}));
    QCOMPARE(s.stats().watchers, 1);
    s.cancelWatch(w.watcherId);
    QCOMPARE(s.stats().watchers, 0);
    QVERIFY(s.apply(set("/d/a", "3")).ok());
    QCOMPARE(rec.events.size(), 3);
}

void tst_WatcherHub::streamWatcherOfDeletedKeyGetsItTwice()
{
    // etcd 3.4 (checked with 3.4.23): a stream watcher on the removed node itself is
    // offered the event once as "deleted" and once as the event's own path.
    store::Store s;
    QVERIFY(s.apply(set("/s", "1")).ok());
    QVERIFY(s.apply(set("/w/x", "1")).ok());
    Recorder key, dirRec, dir;
    s.watch("/s", false, true, 0, key.sink());
    s.watch("/w", true, true, 0, dirRec.sink());
    s.watch("/w", false, true, 0, dir.sink());
    Recorder below;
    s.watch("/w/x", false, true, 0, below.sink());
    QVERIFY(s.apply(del("/s")).ok());
    QVERIFY(s.apply(del("/w", false, true)).ok());
    const QString ds = "delete /s m3 c1 prev{/s=1 m1 c1} @3";
    const QString dw = "delete /w dir m4 c2 prev{/w dir m2 c2} @4";
    QCOMPARE(key.events, (QStringList{ds, ds}));
    QCOMPARE(dirRec.events, (QStringList{dw, dw}));
    QCOMPARE(dir.events, (QStringList{dw, dw}));
    QCOMPARE(below.events, QStringList{dw});
}

void tst_WatcherHub::watchResultCarriesStoreIndex()
{
    store::Store s;
    QVERIFY(s.apply(set("/a", "1")).ok());
    QVERIFY(s.apply(set("/b", "1")).ok());
    const store::WatchResult w = s.watch("/a", false, false, 0, [](const store::Event &) {});
    QCOMPARE(w.etcdIndex, quint64(2));
    QVERIFY(w.watcherId);
    const store::WatchResult h = s.watch("/a", false, false, 1, [](const store::Event &) {});
    QCOMPARE(h.etcdIndex, quint64(2));
    QCOMPARE(h.watcherId, quint64(0));
    QVERIFY(h.immediate);
    QCOMPARE(h.immediate->etcdIndex, quint64(2));
}

void tst_WatcherHub::waitIndex_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("recursive");
    QTest::addColumn<quint64>("since");
    QTest::addColumn<QString>("immediate"); // empty: registered, nothing yet

    // History: 1 set /a, 2 set /b, 3 set /d/x, 4 refresh /a, 5 set /a, 6 delete /d,
    // 7 set /_h. Events from history carry the store index (7) as etcdIndex.
    const QString a1 = "set /a=1 m1 c1 @7";
    const QString a2 = "set /a=2 m5 c5 prev{/a=1 m4 c1 exp=100000ms ttl=100} @7";
    const QString delD = "delete /d dir m6 c3 prev{/d dir m3 c3} @7";
    QTest::newRow("key from 1") << "/a" << false << quint64(1) << a1;
    QTest::newRow("key skips others and refresh") << "/a" << false << quint64(2) << a2;
    QTest::newRow("key from refresh index") << "/a" << false << quint64(4) << a2;
    QTest::newRow("key exact") << "/a" << false << quint64(5) << a2;
    QTest::newRow("key nothing after") << "/a" << false << quint64(6) << "";
    QTest::newRow("key future") << "/a" << false << quint64(100) << "";
    QTest::newRow("key now (0)") << "/a" << false << quint64(0) << "";
    QTest::newRow("unclean key") << "a/" << false << quint64(1) << a1;
    QTest::newRow("key below dir") << "/d/x" << false << quint64(1) << "set /d/x=1 m3 c3 @7";
    QTest::newRow("key below deleted dir") << "/d/x" << false << quint64(4) << delD;
    QTest::newRow("missing key below deleted dir") << "/d/y/z" << false << quint64(1) << delD;
    QTest::newRow("dir without recursive") << "/d" << false << quint64(1) << delD;
    QTest::newRow("dir recursive") << "/d" << true << quint64(1) << "set /d/x=1 m3 c3 @7";
    QTest::newRow("root recursive") << "/" << true << quint64(2) << "set /b=1 m2 c2 @7";
    // Replay hides what live notification hides (etcd's history scan does not:
    // there a waitIndex watch on "/" returns /_h).
    QTest::newRow("root recursive hidden") << "/" << true << quint64(7) << "";
    QTest::newRow("hidden key itself") << "/_h" << false << quint64(1) << "set /_h=1 m7 c7 @7";
    // A removed directory answers watches on itself and below it, by whole
    // segments (etcd's plain string prefix would hand the delete of /d to /dx).
    QTest::newRow("sibling sharing a prefix") << "/dx" << false << quint64(1) << "";
    QTest::newRow("deleted dir itself") << "/d" << false << quint64(4) << delD;
    QTest::newRow("sibling recursive") << "/dx" << true << quint64(7) << "";
}

void tst_WatcherHub::waitIndex()
{
    QFETCH(QString, key);
    QFETCH(bool, recursive);
    QFETCH(quint64, since);
    QFETCH(QString, immediate);

    store::Store s;
    QCOMPARE(applyAll(s, {set("/a", "1"), set("/b", "1"), set("/d/x", "1"),
                          refreshed(update("/a", "", T0 + 100 * kSec)), set("/a", "2"),
                          del("/d", false, true), set("/_h", "1")}),
             QString());
    Recorder rec;
    const store::WatchResult w = s.watch(key, recursive, false, since, rec.sink());
    QVERIFY(!w.error);
    QCOMPARE(w.etcdIndex, quint64(7));
    if (immediate.isEmpty()) {
        QVERIFY(!w.immediate);
        QVERIFY(w.watcherId != 0);
        QCOMPARE(s.stats().watchers, 1);
    } else {
        QVERIFY(w.immediate);
        QCOMPARE(eventText(*w.immediate), immediate);
        QCOMPARE(w.watcherId, quint64(0));
        QCOMPARE(s.stats().watchers, 0);
    }
    QVERIFY(rec.events.isEmpty());
}

void tst_WatcherHub::historyClearedAfterThousandEvents()
{
    store::Store s;
    for (int i = 1; i <= 1010; ++i)
        QVERIFY(s.apply(set("/k", QString::number(i))).ok());
    QCOMPARE(s.history().size(), 1000);
    QCOMPARE(s.history().startIndex(), quint64(11));

    const store::WatchResult old = s.watch("/k", false, false, 10, [](const store::Event &) {});
    QVERIFY(old.error);
    QCOMPARE(errorText(*old.error),
             "error 401 \"The event in requested index is outdated and cleared\" "
             "cause=the requested history has been cleared [11/10] index=1010 http=400");
    QCOMPARE(old.watcherId, quint64(0));
    const store::WatchResult oldStream =
        s.watch("/other", true, true, 1, [](const store::Event &) {});
    QVERIFY(oldStream.error);
    QCOMPARE(oldStream.error->cause, "the requested history has been cleared [11/1]");
    QCOMPARE(s.stats().watchers, 0);

    const store::WatchResult first = s.watch("/k", false, false, 11, [](const store::Event &) {});
    QVERIFY(first.immediate);
    QCOMPARE(eventText(*first.immediate), "set /k=11 m11 c11 prev{/k=10 m10 c10} @1010");
}

void tst_WatcherHub::streamReplaysHistory()
{
    // Project choice (etcd hands a stream watch only the first history match): the sink
    // gets every matching history event before watch() returns, then live events.
    store::Store s;
    QCOMPARE(applyAll(s, {set("/a", "1"), set("/b", "1"), set("/a", "2"),
                          refreshed(update("/a", "", T0 + kSec))}),
             QString());
    Recorder rec;
    const store::WatchResult w = s.watch("/a", false, true, 1, rec.sink());
    QVERIFY(!w.error);
    QVERIFY(!w.immediate);
    QVERIFY(w.watcherId);
    QCOMPARE(rec.events, (QStringList{"set /a=1 m1 c1 @4", "set /a=2 m3 c3 prev{/a=1 m1 c1} @4"}));
    QVERIFY(s.apply(set("/a", "3")).ok());
    QCOMPARE(rec.events.size(), 3);
    QCOMPARE(rec.events.last(), "set /a=3 m5 c5 prev{/a=2 m4 c3 exp=1000ms ttl=1} @5");
    QCOMPARE(s.stats().watchers, 1);
}

void tst_WatcherHub::streamReplayCancelledBySink()
{
    store::Store s;
    QCOMPARE(applyAll(s, {set("/a", "1"), set("/a", "2"), set("/a", "3")}), QString());
    store::Store *store = &s;
    QStringList got;
    quint64 id = 0;
    // The sink cancels on the first event; it learns its id from the event count.
    const store::WatchResult w = s.watch("/a", false, true, 1, [&](const store::Event &e) {
        got << eventText(e);
        store->cancelWatch(id ? id : 1); // ids start at 1 in a fresh hub
    });
    id = w.watcherId;
    QCOMPARE(w.watcherId, quint64(1));
    QCOMPARE(got.size(), 1);
    QCOMPARE(s.stats().watchers, 0);
    QVERIFY(s.apply(set("/a", "4")).ok());
    QCOMPARE(got.size(), 1);
}

void tst_WatcherHub::sinkMayCancelOtherWatchers()
{
    store::Store s;
    QStringList got;
    quint64 second = 0;
    store::Store *store = &s;
    s.watch("/a", false, false, 0, [&](const store::Event &) {
        got << "first";
        store->cancelWatch(second);
    });
    second =
        s.watch("/a", false, false, 0, [&](const store::Event &) { got << "second"; }).watcherId;
    QVERIFY(s.apply(set("/a", "1")).ok());
    QCOMPARE(got, QStringList{"first"});
    QCOMPARE(s.stats().watchers, 0);
}

void tst_WatcherHub::sinkMayAddWatchers()
{
    // A long-poll client re-arms its watch from inside the callback.
    store::Store s;
    store::Store *store = &s;
    QStringList got;
    std::function<void(const store::Event &)> rearm = [&](const store::Event &e) {
        got << eventText(e);
        store->watch("/a", false, false, 0, rearm);
    };
    s.watch("/a", false, false, 0, rearm);
    QVERIFY(s.apply(set("/a", "1")).ok());
    QVERIFY(s.apply(set("/a", "2")).ok());
    QCOMPARE(got, (QStringList{"set /a=1 m1 c1 @1", "set /a=2 m2 c2 prev{/a=1 m1 c1} @2"}));
    QCOMPARE(s.stats().watchers, 1);
}

void tst_WatcherHub::manyWatchers()
{
    store::Store s;
    QList<int> hits(5000, 0);
    for (int i = 0; i < 5000; ++i)
        s.watch(QStringLiteral("/k/%1").arg(i), false, false, 0,
                [&hits, i](const store::Event &) { ++hits[i]; });
    int recursiveHits = 0;
    for (int i = 0; i < 1000; ++i)
        s.watch("/k", true, true, 0, [&](const store::Event &) { ++recursiveHits; });
    QCOMPARE(s.stats().watchers, 6000);
    QVERIFY(s.apply(set("/k/42", "v")).ok());
    QCOMPARE(hits[42], 1);
    QCOMPARE(std::accumulate(hits.begin(), hits.end(), 0), 1);
    QCOMPARE(recursiveHits, 1000);
    QCOMPARE(s.stats().watchers, 5999);
    QVERIFY(s.apply(set("/k/7", "v")).ok());
    QCOMPARE(hits[7], 1);
    QCOMPARE(std::accumulate(hits.begin(), hits.end(), 0), 2);
    QCOMPARE(recursiveHits, 2000);
    QCOMPARE(s.stats().watchers, 5998);
}

// A batch applied while held gives every watcher what applying it event by event gives, in
// the same order, once delivered; a watcher cancelled before the delivery gets nothing; after
// the delivery events go out at once again.
void tst_WatcherHub::heldEventsReachTheSameWatchersInOrder()
{
    const QList<store::Command> batch{set("/a", "1"),         set("/a", "2"),
                                      set("/w/x", "1"),       set("/_h", "h"),
                                      del("/w", false, true), createUnique("/q", "j"),
                                      set("/gone", "g"),      set("/b", "1", T0 + kSec),
                                      expire(T0 + 2 * kSec)};
    struct Watches
    {
        Recorder all, oneShotA, streamA, dir, below, gone;
        quint64 goneId = 0;
        void on(store::Store &s)
        {
            s.watch("/", true, true, 0, all.sink());
            s.watch("/a", false, false, 0, oneShotA.sink());
            s.watch("/a", false, true, 0, streamA.sink());
            s.watch("/w", false, true, 0, dir.sink());
            s.watch("/w/x", false, false, 0, below.sink());
            goneId = s.watch("/gone", false, true, 0, gone.sink()).watcherId;
        }
        QList<const Recorder *> recorders() const
        {
            return {&all, &oneShotA, &streamA, &dir, &below};
        }
    };

    store::Store plain;
    Watches now;
    now.on(plain);
    QCOMPARE(applyAll(plain, batch), QString());

    store::Store held;
    Watches later;
    later.on(held);
    held.holdWatchEvents();
    QCOMPARE(applyAll(held, batch), QString());
    for (const Recorder *r : later.recorders())
        QVERIFY(r->events.isEmpty());
    QVERIFY(later.gone.events.isEmpty());
    // One-shot watchers left when their event happened: both stores count the same.
    QCOMPARE(held.stats().watchers, plain.stats().watchers);
    held.cancelWatch(later.goneId);
    held.deliverWatchEvents();

    QCOMPARE(now.all.events.size(), 8); // all but the hidden key
    QCOMPARE(now.oneShotA.events, QStringList{"set /a=1 m1 c1 @1"});
    QCOMPARE(now.gone.events.size(), 1);
    for (qsizetype i = 0; i < now.recorders().size(); ++i) {
        QCOMPARE(later.recorders().at(i)->events, now.recorders().at(i)->events);
        QCOMPARE(later.recorders().at(i)->errors, QStringList());
    }
    QVERIFY(later.gone.events.isEmpty()); // cancelled before its held event was delivered

    // No longer holding: the next event reaches the sinks within apply().
    QVERIFY(held.apply(set("/a", "3")).ok());
    QCOMPARE(later.streamA.events.size(), now.streamA.events.size() + 1);
    QCOMPARE(later.streamA.events.last(), QString("set /a=3 m10 c10 prev{/a=2 m2 c2} @10"));
}

// A snapshot installed while events are held (a batch, then the install before the delivery)
// hands the held events over first: the watcher sees them in index order, and then what the
// snapshot's history adds after them, each once.
void tst_WatcherHub::recoverDeliversHeldEventsFirst()
{
    store::Store ahead;
    QCOMPARE(applyAll(ahead, {set("/k/1", "a"), set("/k/2", "b"), set("/k/3", "c")}), QString());
    store::Store lagging;
    Recorder rec;
    lagging.watch("/k", true, true, 0, rec.sink());
    lagging.holdWatchEvents();
    QVERIFY(lagging.apply(set("/k/1", "a")).ok());
    QVERIFY(rec.events.isEmpty());
    QVERIFY(lagging.recover(ahead.save()));
    QCOMPARE(rec.events,
             QStringList({"set /k/1=a m1 c1 @1", "set /k/2=b m2 c2 @3", "set /k/3=c m3 c3 @3"}));
    QCOMPARE(rec.errors, QStringList());
    lagging.deliverWatchEvents();
    QCOMPARE(rec.events.size(), 3);
}

void tst_WatcherHub::cancelIsIdempotent()
{
    store::Store s;
    Recorder rec;
    const quint64 id = s.watch("/a", false, false, 0, rec.sink()).watcherId;
    s.cancelWatch(id);
    s.cancelWatch(id);
    s.cancelWatch(987654);
    QCOMPARE(s.stats().watchers, 0);
    QVERIFY(s.apply(set("/a", "1")).ok());
    QVERIFY(rec.events.isEmpty());
    const quint64 id2 = s.watch("/a", false, false, 0, rec.sink()).watcherId;
    QVERIFY(id2 != id);
    QVERIFY(s.apply(set("/a", "2")).ok());
    s.cancelWatch(id2); // after delivery: harmless
    QCOMPARE(rec.events.size(), 1);
}

void tst_WatcherHub::emptySinkIsIgnored()
{
    store::Store s;
    QVERIFY(s.watch("/a", false, false, 0, store::WatchSink()).watcherId);
    QVERIFY(s.watch("/a", false, true, 0, store::WatchSink()).watcherId);
    QVERIFY(s.apply(set("/a", "1")).ok()); // must not throw std::bad_function_call
    QCOMPARE(s.stats().watchers, 1);
}

// A lagging store installs a snapshot of one further ahead: every watcher waiting on
// it gets exactly the events of the installed range it would have been told about
// live (with the new store index), in order, and the streams stay registered for what
// comes next, with nothing repeated. Before the fix the watchers were kept but told
// nothing, so they jumped silently over indexes 4..9.
void tst_WatcherHub::recoverReplaysMissedEvents()
{
    const QList<store::Command> common{set("/k/0", "0"), set("/x", "x"), mkdir("/e")}; // 1..3
    store::Store ahead;
    store::Store lagging;
    QCOMPARE(applyAll(ahead, common), QString());
    QCOMPARE(applyAll(lagging, common), QString());

    Recorder streamRec, streamKey, oneShotKey, oneShotRec, oneShotNone, oneShotFuture;
    lagging.watch("/k", true, true, 0, streamRec.sink());
    lagging.watch("/k/1", false, true, 0, streamKey.sink());
    lagging.watch("/k/2", false, false, 0, oneShotKey.sink());
    lagging.watch("/k", true, false, 0, oneShotRec.sink());
    lagging.watch("/none", false, false, 0, oneShotNone.sink());
    lagging.watch("/k/1", false, false, 50, oneShotFuture.sink());
    QCOMPARE(lagging.stats().watchers, 6);

    QCOMPARE(applyAll(ahead, {set("/k/1", "a"), set("/x", "y"), set("/k/_h", "h"), set("/k/2", "b"),
                              set("/k/1", "c"), del("/e", true)}),
             QString()); // 4..9
    QVERIFY(lagging.recover(ahead.save()));
    QCOMPARE(lagging.index(), quint64(9));

    QCOMPARE(streamRec.events, QStringList({"set /k/1=a m4 c4 @9", "set /k/2=b m7 c7 @9",
                                            "set /k/1=c m8 c8 prev{/k/1=a m4 c4} @9"}));
    QCOMPARE(streamKey.events,
             QStringList({"set /k/1=a m4 c4 @9", "set /k/1=c m8 c8 prev{/k/1=a m4 c4} @9"}));
    QCOMPARE(oneShotKey.events, QStringList{"set /k/2=b m7 c7 @9"});
    QCOMPARE(oneShotRec.events, QStringList{"set /k/1=a m4 c4 @9"});
    QVERIFY(oneShotNone.events.isEmpty());
    QVERIFY(oneShotFuture.events.isEmpty());
    for (const Recorder *r :
         {&streamRec, &streamKey, &oneShotKey, &oneShotRec, &oneShotNone, &oneShotFuture})
        QCOMPARE(r->errors, QStringList());
    // Both streams, the watch of /none and the one waiting for index 50 are left.
    QCOMPARE(lagging.stats().watchers, 4);

    // Live events go on from index 10, each exactly once.
    QVERIFY(lagging.apply(set("/k/1", "d")).ok());
    QVERIFY(lagging.apply(set("/none", "n")).ok());
    QCOMPARE(streamRec.events.size(), 4);
    QCOMPARE(streamRec.events.last(), QString("set /k/1=d m10 c10 prev{/k/1=c m8 c8} @10"));
    QCOMPARE(streamKey.events.size(), 3);
    QCOMPARE(streamKey.events.last(), QString("set /k/1=d m10 c10 prev{/k/1=c m8 c8} @10"));
    QCOMPARE(oneShotNone.events, QStringList{"set /none=n m11 c11 @11"});
    QCOMPARE(oneShotKey.events.size(), 1);
    QCOMPARE(oneShotRec.events.size(), 1);
    QVERIFY(oneShotFuture.events.isEmpty());
    QCOMPARE(lagging.stats().watchers, 3);
}

// When the installed history (1000 events) starts after the first index a watcher
// still waited for, it cannot be caught up: every such watcher, stream or one-shot,
// recursive or not, matching or not, gets 401 with etcd's cause [history start/index
// wanted] and the new store index, and is dropped. Before the fix they all stayed
// registered and heard nothing about the 1100 skipped events.
void tst_WatcherHub::recoverAnswers401WhenHistoryDoesNotReachBack()
{
    store::Store ahead;
    store::Store lagging;
    QCOMPARE(applyAll(ahead, {set("/k/0", "0"), set("/x", "x")}), QString());
    QCOMPARE(applyAll(lagging, {set("/k/0", "0"), set("/x", "x")}), QString());

    Recorder streamRec, streamKey, oneShot, oneShotRec, oneShotSince;
    lagging.watch("/k", true, true, 0, streamRec.sink());
    lagging.watch("/k/1", false, true, 0, streamKey.sink());
    lagging.watch("/k/1", false, false, 0, oneShot.sink());
    lagging.watch("/", true, false, 0, oneShotRec.sink());
    lagging.watch("/nothing", false, false, 1, oneShotSince.sink());
    QCOMPARE(lagging.stats().watchers, 5);

    for (int i = 0; i < 1100; ++i)
        QVERIFY(ahead.apply(set(QStringLiteral("/k/%1").arg(i % 3), QString::number(i))).ok());
    QCOMPARE(ahead.index(), quint64(1102));
    QCOMPARE(ahead.history().startIndex(), quint64(103));
    QVERIFY(lagging.recover(ahead.save()));

    const QString cleared = QStringLiteral(
        "error 401 \"The event in requested index is outdated and cleared\" cause=the "
        "requested history has been cleared [103/3] index=1102 http=400");
    for (const Recorder *r : {&streamRec, &streamKey, &oneShot, &oneShotRec, &oneShotSince}) {
        QCOMPARE(r->errors, QStringList{cleared});
        QCOMPARE(r->events, QStringList());
    }
    QCOMPARE(lagging.stats().watchers, 0);
    QVERIFY(lagging.apply(set("/k/1", "after")).ok());
    for (const Recorder *r : {&streamRec, &streamKey, &oneShot, &oneShotRec, &oneShotSince}) {
        QCOMPARE(r->events, QStringList());
        QCOMPARE(r->errors.size(), 1);
    }
}

// A snapshot that is not past what a watcher waits for changes nothing for it, and a
// store that never installs one keeps today's behaviour.
void tst_WatcherHub::recoverLeavesWatchersThatMissedNothing()
{
    store::Store a;
    QVERIFY(a.apply(set("/a", "1")).ok());
    store::Store b;
    Recorder waiting;
    b.watch("/a", false, false, 5, waiting.sink()); // waits for index 5 or later
    QVERIFY(b.recover(a.save()));
    QCOMPARE(b.stats().watchers, 1);
    QVERIFY(waiting.events.isEmpty());
    QVERIFY(waiting.errors.isEmpty());
    for (int i = 2; i <= 5; ++i)
        QVERIFY(b.apply(set("/a", QString::number(i))).ok());
    QCOMPARE(waiting.events, QStringList{"set /a=5 m5 c5 prev{/a=4 m4 c4} @5"});
    QCOMPARE(b.stats().watchers, 0);
}

void tst_WatcherHub::eventHistoryRing()
{
    store::EventHistory h(3);
    QCOMPARE(h.startIndex(), quint64(0));
    QVERIFY(!h.scan("/a", false, 1).event);
    auto ev = [](quint64 i, const char *key, store::Action a = store::Action::Set) {
        store::Event e;
        e.action = a;
        e.node.key = QString::fromUtf8(key);
        e.node.modifiedIndex = e.node.createdIndex = e.etcdIndex = i;
        return e;
    };
    h.add(ev(1, "/a"));
    h.add(ev(2, "/b"));
    h.add(ev(3, "/a/c"));
    h.add(ev(4, "/b"));
    h.add(ev(5, "/a"));
    QCOMPARE(h.size(), 3);
    QCOMPARE(h.startIndex(), quint64(3));
    QCOMPARE(h.lastIndex(), quint64(5));

    const store::EventHistory::ScanResult cleared = h.scan("/a", false, 2);
    QVERIFY(cleared.error);
    QCOMPARE(cleared.error->code, store::ErrorCode::EventIndexCleared);
    QCOMPARE(cleared.error->cause, "the requested history has been cleared [3/2]");
    QCOMPARE(cleared.error->index, quint64(0));

    QCOMPARE(h.scan("/a", false, 3).event->index(), quint64(5));
    QCOMPARE(h.scan("/a", true, 3).event->index(), quint64(3));
    QVERIFY(!h.scan("/a", false, 6).event);
    QVERIFY(!h.scan("/a", false, 6).error);
    QCOMPARE(h.scanAll("/", true, 3).size(), 3);
    QCOMPARE(h.scanAll("/b", false, 4).size(), 1);
    QCOMPARE(h.events().first().index(), quint64(3));
    h.clear();
    QCOMPARE(h.size(), 0);
    QCOMPARE(h.startIndex(), quint64(0));
}

QTEST_APPLESS_MAIN(tst_WatcherHub)
#include "tst_watcherhub.moc"
