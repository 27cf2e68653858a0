// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Latency statistics, peers' clock offsets, traffic rates and redial backoff: the
// arithmetic behind /v2/stats/leader, /v2/stats/self and reconnects (no sockets, time
// passed in).
#include "transport/Backoff.h"
#include "transport/ClockOffset.h"
#include "transport/LatencyStats.h"
#include "transport/RateMeter.h"

#include <QtTest>

#include <limits>

using namespace transport;

class tst_Stats : public QObject
{
    Q_OBJECT

private slots:
    void latencyStartsEmpty();
    void latencyAggregates();
    void latencyCountsFailuresApart();
    void clockOffsetStartsUnknown();
    void clockOffsetFromOneRoundTrip();
    void clockOffsetTrustsTheShortestRecentRoundTrip();
    void clockOffsetWarnsOnlyBeyondItsError();
    void clockOffsetSaturatesOnAbsurdPeers();
    void rateCountsWithinWindow();
    void rateForgetsOldTraffic();
    void backoffDoublesWithJitterUpToMax();
    void backoffResets();
    void backoffIsReproducibleWithSeed();
};

void tst_Stats::latencyStartsEmpty()
{
    const LatencyStats stats;
    QCOMPARE(stats.success(), quint64(0));
    QCOMPARE(stats.minimumMs(), 0.0);
    QCOMPARE(stats.standardDeviationMs(), 0.0);
}

void tst_Stats::latencyAggregates()
{
    LatencyStats stats;
    for (double ms : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0})
        stats.recordSuccess(ms);
    QCOMPARE(stats.success(), quint64(8));
    QCOMPARE(stats.currentMs(), 9.0);
    QCOMPARE(stats.averageMs(), 5.0);
    QCOMPARE(stats.standardDeviationMs(), 2.0); // population standard deviation, as etcd
    QCOMPARE(stats.minimumMs(), 2.0);
    QCOMPARE(stats.maximumMs(), 9.0);
}

void tst_Stats::latencyCountsFailuresApart()
{
    LatencyStats stats;
    stats.recordSuccess(1.5);
    stats.recordFailure();
    stats.recordFailure();
    QCOMPARE(stats.success(), quint64(1));
    QCOMPARE(stats.fail(), quint64(2));
    QCOMPARE(stats.averageMs(), 1.5);
}

namespace {
constexpr qint64 kMs = 1000000;
constexpr qint64 kSec = 1000 * kMs;
constexpr qint64 kT = 1700000000LL * kSec; // our wall clock when a ping leaves
} // namespace

void tst_Stats::clockOffsetStartsUnknown()
{
    const ClockOffset offset;
    QVERIFY(!offset.known());
    QCOMPARE(offset.offsetNs(), qint64(0));
    QVERIFY(!offset.exceeds(0));
}

void tst_Stats::clockOffsetFromOneRoundTrip()
{
    // A peer 30 s ahead answers a ping of 10 ms round trip, reading its clock halfway.
    ClockOffset offset;
    offset.record(kT, 10 * kMs, kT + 5 * kMs + 30 * kSec);
    QVERIFY(offset.known());
    QCOMPARE(offset.offsetNs(), 30 * kSec);
    QCOMPARE(offset.errorNs(), 5 * kMs);
    QCOMPARE(offset.samples(), quint64(1));
    // Read at the very start or end of the round trip: still within the error bound.
    for (qint64 at : {qint64(0), 10 * kMs}) {
        ClockOffset edge;
        edge.record(kT, 10 * kMs, kT + at - 30 * kSec);
        QVERIFY(qAbs(edge.offsetNs() + 30 * kSec) <= edge.errorNs());
    }
    offset.record(kT, -1, kT); // a negative round trip is no sample
    QCOMPARE(offset.samples(), quint64(1));
}

void tst_Stats::clockOffsetTrustsTheShortestRecentRoundTrip()
{
    ClockOffset offset;
    offset.record(kT, 2 * kMs, kT + 1 * kMs + 1 * kSec); // 1 s, +-1 ms
    offset.record(kT, 400 * kMs, kT + 2 * kSec);         // delayed answer: a poor sample
    QCOMPARE(offset.offsetNs(), 1 * kSec);
    QCOMPARE(offset.errorNs(), 1 * kMs);
    // The clock steps: once the good old sample leaves the window, the new figure shows.
    for (int i = 0; i < ClockOffset::kWindow; ++i)
        offset.record(kT, 4 * kMs, kT + 2 * kMs + 7 * kSec);
    QCOMPARE(offset.offsetNs(), 7 * kSec);
    QCOMPARE(offset.errorNs(), 2 * kMs);
}

void tst_Stats::clockOffsetWarnsOnlyBeyondItsError()
{
    ClockOffset sure;
    sure.record(kT, 2 * kMs, kT + 1 * kMs - 3 * kSec / 2); // -1.5 s +- 1 ms
    QVERIFY(sure.exceeds(kSec));
    ClockOffset unsure;
    unsure.record(kT, 1200 * kMs, kT + 600 * kMs + 3 * kSec / 2); // 1.5 s +- 0.6 s
    QVERIFY(!unsure.exceeds(kSec));
}

void tst_Stats::clockOffsetSaturatesOnAbsurdPeers()
{
    const qint64 max = std::numeric_limits<qint64>::max();
    ClockOffset ahead, behind;
    ahead.record(-kT, 2 * kMs, max);
    behind.record(kT, 2 * kMs, -max - 1);
    QCOMPARE(ahead.offsetNs(), max);
    QCOMPARE(behind.offsetNs(), -max);
    QVERIFY(ahead.exceeds(kSec) && behind.exceeds(kSec));
}

void tst_Stats::rateCountsWithinWindow()
{
    RateMeter meter(1000);
    for (int i = 0; i < 10; ++i)
        meter.record(10000 + i * 100, 50); // 10 events over the last second
    QCOMPARE(meter.totalEvents(), quint64(10));
    QCOMPARE(meter.totalBytes(), quint64(500));
    const double events = meter.eventsPerSecond(10999);
    QVERIFY2(events > 9.9 && events <= 10.0, qPrintable(QString::number(events)));
    const double bytes = meter.bytesPerSecond(10999);
    QVERIFY2(bytes > 495 && bytes <= 500, qPrintable(QString::number(bytes)));
}

void tst_Stats::rateForgetsOldTraffic()
{
    RateMeter meter(1000);
    meter.record(5000, 100);
    QVERIFY(meter.eventsPerSecond(5500) > 0);
    QCOMPARE(meter.eventsPerSecond(7000), 0.0);
    QCOMPARE(meter.bytesPerSecond(7000), 0.0);
    // a bucket reused after a full turn starts from zero
    meter.record(7000, 10);
    QCOMPARE(meter.bytesPerSecond(7000), 10.0 * 1000.0 / (900 + 1));
    QCOMPARE(meter.totalEvents(), quint64(2));
}

void tst_Stats::backoffDoublesWithJitterUpToMax()
{
    Backoff backoff(50, 2000, 1234);
    const int bases[] = {50, 100, 200, 400, 800, 1600, 2000, 2000};
    for (int base : bases) {
        QCOMPARE(backoff.baseDelayMs(), base);
        const int delay = backoff.nextDelayMs();
        QVERIFY2(delay >= base * 0.8 && delay < base * 1.2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(delay).arg(base)));
    }
}

void tst_Stats::backoffResets()
{
    Backoff backoff(50, 2000, 1);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.reset();
    QCOMPARE(backoff.baseDelayMs(), 50);
}

void tst_Stats::backoffIsReproducibleWithSeed()
{
    Backoff a(50, 2000, 77), b(50, 2000, 77);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(a.nextDelayMs(), b.nextDelayMs());
}

QTEST_APPLESS_MAIN(tst_Stats)
#include "tst_stats.moc"
