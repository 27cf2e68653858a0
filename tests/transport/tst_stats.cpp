// Latency statistics, traffic rates and redial backoff: the arithmetic behind
// /v2/stats/leader, /v2/stats/self and reconnects (no sockets, time passed in).
#include "transport/Backoff.h"
#include "transport/LatencyStats.h"
#include "transport/RateMeter.h"

#include <QtTest>

using namespace transport;

class tst_Stats : public QObject
{
    Q_OBJECT

private slots:
    void latencyStartsEmpty();
    void latencyAggregates();
    void latencyCountsFailuresApart();
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
