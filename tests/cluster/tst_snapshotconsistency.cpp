// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// A real qetcd member takes its snapshots in the background: it serializes the store from a
// capture, a piece at a time between the entries it goes on applying, and a thread writes the
// pieces to the file (issue 15). Under a steady
// stream of concurrent writes, every snapshot file it leaves must be exactly the store at one
// index: every write
// acknowledged at or below the store index recorded in the image is there with its value, and
// none above it. A torn image (a store changing under the serializer) fails this.
#include "ClusterHttp.h"
#include "DaemonProcess.h"
#include "node/NodeSnapshot.h"
#include "storage/Snapshotter.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>

class TestSnapshotConsistency : public QObject
{
    Q_OBJECT

    ClusterHttp client;

private slots:
    void snapshotsTakenUnderWritesAreExactStores()
    {
        DaemonProcess member(QStringLiteral("solo"));
        member.setExtraArguments({QStringLiteral("--snapshot-count"), QStringLiteral("400"),
                                  QStringLiteral("--max-snapshots"), QStringLiteral("0")});
        QVERIFY2(member.start(), member.output().constData());

        // 16 writes in flight at all times, 4000 in all, each to a key of its own.
        const int total = 4000;
        const int inFlight = 16;
        QHash<int, quint64> writtenAt; // key number -> modifiedIndex acknowledged
        int next = 0;
        int failed = 0;
        std::function<void()> sendOne = [&] {
            const int i = next++;
            QNetworkRequest req(
                QUrl(member.clientUrl().toString() + QStringLiteral("/v2/keys/c/k%1").arg(i)));
            req.setHeader(QNetworkRequest::ContentTypeHeader, ClusterHttp::kForm);
            QNetworkReply *reply = client.nam().put(req, "value=v" + QByteArray::number(i) + "-" +
                                                             QByteArray(200, char('a' + i % 26)));
            connect(reply, &QNetworkReply::finished, this, [&, reply, i] {
                reply->deleteLater();
                const QJsonObject node = QJsonDocument::fromJson(reply->readAll())
                                             .object()
                                             .value(QLatin1String("node"))
                                             .toObject();
                const quint64 index =
                    quint64(node.value(QLatin1String("modifiedIndex")).toDouble());
                if (index == 0)
                    ++failed;
                else
                    writtenAt.insert(i, index);
                if (next < total)
                    sendOne();
            });
        };
        for (int k = 0; k < inFlight; ++k)
            sendOne();
        QTRY_VERIFY_WITH_TIMEOUT(writtenAt.size() + failed == total, 120000);
        QCOMPARE(failed, 0);
        // The last snapshot started may still be writing: let the member finish it.
        member.terminate();

        const QString snapDir = member.dataDir() + QStringLiteral("/member/snap");
        const QStringList files = storage::Snapshotter(snapDir).snapshotFiles();
        QVERIFY2(files.size() >= 5, qPrintable(files.join(u' ')));
        // Each snapshot's log line says how long the member paused to begin the capture, and
        // the longest it took for one piece.
        QVERIFY2(member.output().count("ms to capture the store, then at most") >= 5,
                 member.output().right(3000).constData());
        for (const QString &name : files) {
            QFile f(snapDir + u'/' + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QString problem;
            const auto snap = storage::Snapshotter::decode(name, f.readAll(), &problem);
            QVERIFY2(snap, qPrintable(name + QStringLiteral(": ") + problem));
            const auto image = node::NodeSnapshot::decode(snap->data);
            QVERIFY(image);
            store::Store restored;
            QVERIFY(restored.recover(image->store));
            const quint64 at = restored.index();
            int expected = 0;
            for (auto it = writtenAt.cbegin(); it != writtenAt.cend(); ++it) {
                const store::StoreResult r =
                    restored.read(QStringLiteral("/c/k%1").arg(it.key()), false, false, 0);
                if (it.value() <= at) {
                    ++expected;
                    QVERIFY2(r.ok(),
                             qPrintable(QStringLiteral("%1 at %2: k%3 (written at %4) missing")
                                            .arg(name)
                                            .arg(at)
                                            .arg(it.key())
                                            .arg(it.value())));
                    QCOMPARE(r.event.node.modifiedIndex, it.value());
                    QVERIFY(r.event.node.value->startsWith(
                        QStringLiteral("v%1-").arg(it.key()).toUtf8()));
                } else {
                    QVERIFY2(!r.ok(),
                             qPrintable(QStringLiteral("%1 at %2: k%3 (written at %4) present")
                                            .arg(name)
                                            .arg(at)
                                            .arg(it.key())
                                            .arg(it.value())));
                }
            }
            qInfo("%s: store index %llu, %d keys, as acknowledged", qPrintable(name),
                  qulonglong(at), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestSnapshotConsistency)
#include "tst_snapshotconsistency.moc"
