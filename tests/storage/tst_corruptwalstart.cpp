// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// A member whose WAL ends in a complete but damaged record refuses to start: it exits with a
// non-zero code and a message naming the segment file, the offset and the record kind, rather
// than dropping the record (a vote or an acknowledged write) as a torn write. Runs the real
// qetcd binary through DaemonProcess.
#include "DaemonProcess.h"
#include "storage/WalRecord.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace storage;

class TestCorruptWalStart : public QObject
{
    Q_OBJECT

private slots:
    void memberRefusesToStartOnDamagedLastRecord();
};

void TestCorruptWalStart::memberRefusesToStartOnDamagedLastRecord()
{
    DaemonProcess member(QStringLiteral("walcheck"));
    QVERIFY2(member.start(), member.output().constData());
    QNetworkAccessManager nam;
    for (int i = 0; i < 3; ++i) {
        QNetworkRequest req(
            QUrl(member.clientUrl().toString() + QStringLiteral("/v2/keys/k%1").arg(i)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        std::unique_ptr<QNetworkReply> reply(nam.put(req, "value=acknowledged"));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    }
    member.terminate();
    QCOMPARE(member.process().exitStatus(), QProcess::NormalExit);

    // The newest segment and the start of its last record.
    const QString walDir = member.dataDir() + QStringLiteral("/member/wal");
    const QStringList segments = QDir(walDir).entryList({"*.wal"}, QDir::Files, QDir::Name);
    QVERIFY(!segments.isEmpty());
    const QString segment = walDir + u'/' + segments.last();
    QFile f(segment);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray bytes = f.readAll();
    qsizetype at = 0, last = -1, lastSize = 0;
    WalRecord record;
    while (at < bytes.size()) {
        // The member preallocates its segments: after the last record, only zeros (no record
        // has type 0).
        if (bytes.size() - at >= WalRecord::kHeaderBytes && bytes[at + 4] == 0) {
            QCOMPARE(bytes.mid(at).count('\0'), bytes.size() - at);
            break;
        }
        qsizetype n = 0;
        QCOMPARE(WalRecord::parse(bytes.constData() + at, bytes.size() - at, &record, &n),
                 WalRecord::Parse::Ok);
        last = at;
        lastSize = n;
        at += n;
    }
    QVERIFY(last >= 0 && lastSize > WalRecord::kHeaderBytes);
    const QString kind = WalRecord::kindName(quint8(record.type));
    // One bit in the middle of the payload of the complete, synced last record.
    const qsizetype victim = last + WalRecord::kHeaderBytes + (lastSize - 12) / 2;
    bytes[victim] = char(bytes[victim] ^ 0x10);
    QVERIFY(f.seek(0));
    QCOMPARE(f.write(bytes), bytes.size());
    f.close();

    QVERIFY(!member.start(15000));
    QVERIFY(member.waitForExit());
    const QByteArray output = member.output() + member.process().readAll();
    QCOMPARE(member.process().exitStatus(), QProcess::NormalExit);
    QVERIFY(member.process().exitCode() != 0);
    const QString expected = QStringLiteral("corrupt WAL record in %1 at offset %2: %3")
                                 .arg(segment)
                                 .arg(last)
                                 .arg(kind);
    QVERIFY2(QString::fromUtf8(output).contains(expected),
             qPrintable(expected + QStringLiteral("\n--- output:\n") + QString::fromUtf8(output)));
    // Nothing was cut off: the damaged record is still there for the operator to inspect.
    QCOMPARE(QFileInfo(segment).size(), qint64(bytes.size()));
}

QTEST_GUILESS_MAIN(TestCorruptWalStart)
#include "tst_corruptwalstart.moc"
