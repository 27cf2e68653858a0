// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// `qetcd wal verify|dump|repair`, run as the real binary on data dirs damaged on purpose:
// verify's verdict and exit code, dump's lines, repair's dry run (prints, changes nothing),
// --truncate (cuts at the first bad record, keeps a .bak of every removed byte, prints it), the
// refusal to cut before the newest segment without --drop-later-segments, the refusal while a
// member holds the data dir, and a real member that starts again after a repair.
#include "DaemonProcess.h"
#include "StorageTestUtil.h"
#include "storage/DataDir.h"
#include "storage/Wal.h"
#include "storage/WalRecord.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace storage;
using namespace storagetest;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
};

Run runTool(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(DaemonProcess::binary(QStringLiteral("qetcd")), QStringList{"wal"} + args);
    if (!p.waitForFinished(30000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAll())};
}

// Offsets of the records of a segment file.
QList<qsizetype> recordOffsets(const QByteArray &bytes)
{
    QList<qsizetype> out;
    for (qsizetype at = 0; at < bytes.size();) {
        WalRecord r;
        qsizetype n = 0;
        if (WalRecord::parse(bytes.constData() + at, bytes.size() - at, &r, &n) !=
            WalRecord::Parse::Ok)
            break;
        out.append(at);
        at += n;
    }
    return out;
}

} // namespace

class TestWalTool : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void verifyAndDumpIntactWal();
    void damagedLastRecordIsReportedAndCutWithBackup();
    void damageBeforeNewestSegmentNeedsExplicitFlag();
    void tornTailIsNotDamage();
    void truncateRefusedWhileMemberRuns();
    void memberStartsAfterRepair();

private:
    // A WAL in <data>/member/wal with entries 1..6 over three segments (two per sync).
    void makeWal(int segments);
    QString walDir() const { return m_data + QStringLiteral("/member/wal"); }
    QStringList segmentPaths() const
    {
        QStringList out;
        for (const QString &n : Wal::segmentFilesIn(walDir()))
            out << walDir() + u'/' + n;
        return out;
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_data;
};

void TestWalTool::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_data = m_tmp->path() + QStringLiteral("/m.etcd");
}

void TestWalTool::makeWal(int segments)
{
    Wal::Options o;
    o.segmentBytes = 1; // every sync starts a new segment
    auto c = Wal::create(walDir(), "meta", o);
    QVERIFY(c.result.ok());
    // create() writes segment 0 (head only); each sync below starts one more.
    for (int s = 0; s < segments - 1; ++s) {
        const quint64 first = quint64(s) * 2 + 1;
        QVERIFY(c.wal->save(hardState(1, 1, first), {entry(first, 1), entry(first + 1, 1)}).ok());
    }
}

void TestWalTool::verifyAndDumpIntactWal()
{
    makeWal(4); // entries 1..6
    const Run v = runTool({"verify", "--data-dir", m_data});
    QCOMPARE(v.exitCode, 0);
    QVERIFY2(v.out.startsWith("OK: 4 segments, entries 1 to 6"), qPrintable(v.out));
    const Run d = runTool({"dump", "--data-dir", m_data});
    QCOMPARE(d.exitCode, 0);
    const QStringList lines = d.out.split(u'\n', Qt::SkipEmptyParts);
    // Per segment: metadata (+ hard state from segment 2 on), then two entries and a hard state.
    QCOMPARE(std::count_if(lines.cbegin(), lines.cend(),
                           [](const QString &l) { return l.contains(" entry index="); }),
             6);
    QVERIFY2(lines.contains(Wal::segmentFilesIn(walDir())[1] +
                            "@16 entry index=1 term=1 type=normal size=24 undecodable request"),
             qPrintable(d.out));
    QVERIFY2(d.out.contains("hardstate term=1 vote=1 commit=5"), qPrintable(d.out));
}

void TestWalTool::damagedLastRecordIsReportedAndCutWithBackup()
{
    makeWal(3); // entries 1..4; the newest segment holds 3, 4 and a hard state
    const QString last = segmentPaths().last();
    const QByteArray before = readFile(last);
    const QList<qsizetype> offsets = recordOffsets(before);
    const qsizetype victim = offsets.last(); // the final hard state record
    QVERIFY(flipBit(last, victim + WalRecord::kHeaderBytes + 2));

    const Run v = runTool({"verify", "--data-dir", m_data});
    QCOMPARE(v.exitCode, 1);
    const QString where = QStringLiteral("corrupt WAL record in %1 at offset %2: hard state record")
                              .arg(last)
                              .arg(victim);
    QVERIFY2(v.out.startsWith("DAMAGED: " + where), qPrintable(v.out));

    const QByteArray damaged = readFile(last);
    const Run dry = runTool({"repair", "--data-dir", m_data});
    QCOMPARE(dry.exitCode, 1);
    QVERIFY2(dry.out.contains(QStringLiteral("remove bytes %1 to %2 of %3 (%4 bytes")
                                  .arg(victim)
                                  .arg(damaged.size())
                                  .arg(last)
                                  .arg(damaged.size() - victim)),
             qPrintable(dry.out));
    QVERIFY2(dry.out.contains("nothing was changed"), qPrintable(dry.out));
    QCOMPARE(readFile(last), damaged); // the dry run changed nothing
    QCOMPARE(QDir(walDir()).entryList(QDir::Files).size(), 3);

    const Run fix = runTool({"repair", "--data-dir", m_data, "--truncate"});
    QCOMPARE(fix.exitCode, 0);
    const QString backup = last + QStringLiteral(".cut-at-%1.bak").arg(victim);
    QVERIFY2(fix.out.contains(QStringLiteral("truncated %1 to %2 bytes (removed %3)")
                                  .arg(last)
                                  .arg(victim)
                                  .arg(damaged.size() - victim)),
             qPrintable(fix.out));
    QVERIFY2(fix.out.contains(backup), qPrintable(fix.out));
    QVERIFY2(fix.out.contains("OK: 3 segments, entries 1 to 4"), qPrintable(fix.out));
    // Exactly the damaged record went, and it is kept byte for byte.
    QCOMPARE(readFile(last), damaged.left(victim));
    QCOMPARE(readFile(backup), damaged.mid(victim));
    Wal::ReadOut out;
    QVERIFY(Wal::open(walDir(), &out).result.ok());
    QCOMPARE(out.entries.size(), 4);
}

void TestWalTool::damageBeforeNewestSegmentNeedsExplicitFlag()
{
    makeWal(4); // entries 1..6
    const QStringList segs = segmentPaths();
    const QString middle = segs[2]; // entries 3, 4
    const QList<qsizetype> offsets = recordOffsets(readFile(middle));
    const qsizetype victim = offsets[offsets.size() - 3]; // entry 3
    QVERIFY(flipBit(middle, victim + WalRecord::kHeaderBytes + 4));
    const QByteArray damaged = readFile(middle);
    const QByteArray newest = readFile(segs[3]);

    const Run refused = runTool({"repair", "--data-dir", m_data, "--truncate"});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.out.contains(
                 QStringLiteral("remove segment %1 (%2 bytes, 5 records, entries 5 to 6)")
                     .arg(segs[3])
                     .arg(newest.size())),
             qPrintable(refused.out));
    QVERIFY2(refused.out.contains("REFUSED"), qPrintable(refused.out));
    QCOMPARE(readFile(middle), damaged);
    QCOMPARE(readFile(segs[3]), newest);

    const Run fix =
        runTool({"repair", "--data-dir", m_data, "--truncate", "--drop-later-segments"});
    QCOMPARE(fix.exitCode, 0);
    QVERIFY2(fix.out.contains("OK: 3 segments, entries 1 to 2"), qPrintable(fix.out));
    QCOMPARE(readFile(middle), damaged.left(victim));
    QCOMPARE(readFile(middle + QStringLiteral(".cut-at-%1.bak").arg(victim)), damaged.mid(victim));
    QVERIFY(!QFileInfo::exists(segs[3]));
    QCOMPARE(readFile(segs[3] + ".bak"), newest);
}

void TestWalTool::tornTailIsNotDamage()
{
    makeWal(2);
    const QString last = segmentPaths().last();
    QByteArray bytes = readFile(last);
    const qsizetype size = bytes.size();
    bytes.chop(3); // a record cut short, as a crash mid-append leaves it
    QVERIFY(writeFile(last, bytes));
    const Run v = runTool({"verify", "--data-dir", m_data});
    QCOMPARE(v.exitCode, 0);
    QVERIFY2(v.out.contains("NOTE: ") && v.out.contains("torn record"), qPrintable(v.out));
    const Run d = runTool({"dump", "--data-dir", m_data});
    QCOMPARE(d.exitCode, 0);
    QVERIFY2(d.out.contains("TORN TAIL"), qPrintable(d.out));
    QCOMPARE(QFileInfo(last).size(), size - 3); // verify and dump never write
}

void TestWalTool::truncateRefusedWhileMemberRuns()
{
    makeWal(2);
    DataDir held(m_data);
    QVERIFY(held.open().ok());
    const Run r = runTool({"repair", "--data-dir", m_data, "--truncate"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains("in use by another"), qPrintable(r.out));
}

void TestWalTool::memberStartsAfterRepair()
{
    DaemonProcess member(QStringLiteral("repaired"));
    QVERIFY2(member.start(), member.output().constData());
    QNetworkAccessManager nam;
    auto put = [&](const QString &key) {
        QNetworkRequest req(QUrl(member.clientUrl().toString() + "/v2/keys/" + key));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        std::unique_ptr<QNetworkReply> reply(nam.put(req, "value=" + key.toUtf8()));
        return QTest::qWaitFor([&] { return reply->isFinished(); }, 10000)
                   ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
                   : 0;
    };
    QCOMPARE(put("a"), 201);
    QCOMPARE(put("b"), 201);
    member.terminate();
    m_data = member.dataDir();
    const QString last = segmentPaths().last();
    const QList<qsizetype> offsets = recordOffsets(readFile(last));
    QVERIFY(flipBit(last, offsets.last() + WalRecord::kHeaderBytes + 1));
    QVERIFY(!member.start(10000)); // refuses the damaged WAL
    QVERIFY(member.waitForExit());

    const Run fix = runTool({"repair", "--data-dir", m_data, "--truncate"});
    QCOMPARE(fix.exitCode, 0);
    QVERIFY2(member.start(), member.output().constData());
    QNetworkRequest get(QUrl(member.clientUrl().toString() + "/v2/keys/a"));
    std::unique_ptr<QNetworkReply> reply(nam.get(get));
    QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    member.terminate();
}

QTEST_GUILESS_MAIN(TestWalTool)
#include "tst_waltool.moc"
