// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// BackgroundSnapshot: the forked child writes exactly the snapshot file Snapshotter reads back,
// reports a failure it met (and leaves nothing behind), is killed when it hangs, and a running
// one is let finish when its owner goes away. SnapshotTransfer: the wire form of a MsgSnap
// decodes to the same message and refuses a damaged image.
#include "node/BackgroundSnapshot.h"
#include "node/SnapshotTransfer.h"
#include "storage/Snapshotter.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

raft::SnapshotMetadata metadata(quint64 index)
{
    raft::SnapshotMetadata m;
    m.index = index;
    m.term = 3;
    m.confState.voters = {1, 2, 3};
    return m;
}

QByteArray bigImage()
{
    QByteArray image;
    for (int i = 0; i < 300000; ++i)
        image += QByteArray::number(i) + ',';
    return image;
}

// Starts a snapshot of `image` one of the two ways: a forked child that builds it (start) or a
// thread that writes the image the member built (write).
bool begin(node::BackgroundSnapshot &background, bool thread, quint64 index, const QString &path,
           const QByteArray &image, QString *error)
{
    return thread ? background.write(metadata(index), path, image, error)
                  : background.start(
                        metadata(index), path, [image] { return image; }, error);
}

void addWays()
{
    QTest::addColumn<bool>("thread");
    QTest::newRow("forked child") << false;
    QTest::newRow("thread") << true;
}

} // namespace

class TestBackgroundSnapshot : public QObject
{
    Q_OBJECT

private slots:
    void writesTheFileSnapshotterReads_data() { addWays(); }
    void writesTheFileSnapshotterReads()
    {
        QFETCH(bool, thread);
        QTemporaryDir dir;
        const storage::Snapshotter snapshotter(dir.path());
        QByteArray image = bigImage();
        const QByteArray expected = image;
        node::BackgroundSnapshot background;
        QSignalSpy finished(&background, &node::BackgroundSnapshot::finished);
        QString error;
        QVERIFY2(begin(background, thread, 42, snapshotter.path(3, 42), image, &error),
                 qPrintable(error));
        QVERIFY(background.running());
        QCOMPARE(background.lastForkNs() > 0, !thread);
        // One at a time, whichever way.
        QVERIFY(!begin(background, false, 43, snapshotter.path(3, 43), image, &error));
        QVERIFY(!begin(background, true, 43, snapshotter.path(3, 43), image, &error));
        // The caller may reuse its buffer at once: what is written is what it handed over.
        image.fill('z');
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.size(), 1);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(!background.running());
        QString problem;
        const auto loaded = snapshotter.load(3, 42, &problem);
        QVERIFY2(loaded, qPrintable(problem));
        QCOMPARE(loaded->data, expected);
        QCOMPARE(loaded->metadata.encode(), metadata(42).encode());
        QCOMPARE(finished.at(0).at(2).toLongLong(), QFileInfo(snapshotter.path(3, 42)).size());
        QVERIFY(!QFile::exists(snapshotter.path(3, 42) + QStringLiteral(".tmp")));
        QVERIFY(!QFile::exists(snapshotter.path(3, 43)));
        // And the next one runs.
        QVERIFY(begin(background, thread, 44, snapshotter.path(3, 44), "y", &error));
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.at(1).at(0).toBool());
    }

    void aFailureIsReportedAndLeavesNothing_data() { addWays(); }
    void aFailureIsReportedAndLeavesNothing()
    {
        QFETCH(bool, thread);
        QTemporaryDir dir;
        const QString missing = dir.path() + QStringLiteral("/no/such/dir");
        const storage::Snapshotter snapshotter(missing);
        node::BackgroundSnapshot background;
        QSignalSpy finished(&background, &node::BackgroundSnapshot::finished);
        QString error;
        QVERIFY(begin(background, thread, 7, snapshotter.path(3, 7), "x", &error));
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("(open)")),
                 qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(!QFileInfo::exists(missing));
    }

    void aHangingChildIsKilled()
    {
        QTemporaryDir dir;
        const storage::Snapshotter snapshotter(dir.path());
        node::BackgroundSnapshot background;
        background.setTimeoutMs(300);
        QSignalSpy finished(&background, &node::BackgroundSnapshot::finished);
        QString error;
        QVERIFY(background.start(
            metadata(9), snapshotter.path(3, 9),
            [] {
                ::pause(); // what a child stuck on a lock looks like
                return QByteArray();
            },
            &error));
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("killed")),
                 qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(!background.running());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
        // And the next one runs.
        QVERIFY(background.start(
            metadata(10), snapshotter.path(3, 10), [] { return QByteArray("y"); }, &error));
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.at(1).at(0).toBool());
    }

    void aRunningOneIsLetFinishByItsOwner_data() { addWays(); }
    void aRunningOneIsLetFinishByItsOwner()
    {
        QFETCH(bool, thread);
        QTemporaryDir dir;
        const storage::Snapshotter snapshotter(dir.path());
        const QByteArray image = bigImage();
        {
            node::BackgroundSnapshot background;
            QString error;
            QVERIFY(begin(background, thread, 11, snapshotter.path(3, 11), image, &error));
        } // destroyed at once, the child or thread still writing
        QString problem;
        const auto loaded = snapshotter.load(3, 11, &problem);
        QVERIFY2(loaded, qPrintable(problem));
        QCOMPARE(loaded->data, image);
    }

    void snapshotTransferRoundTrips()
    {
        raft::Message m;
        m.type = raft::MessageType::MsgSnap;
        m.from = 1;
        m.to = 2;
        m.term = 3;
        m.snapshot = raft::Snapshot{metadata(42), bigImage()};
        const QByteArray wire =
            node::SnapshotTransfer::head(m) + storage::Snapshotter::encode(m.snapshot);
        QVERIFY(node::SnapshotTransfer::isTransfer(wire));
        QString problem;
        const auto back = node::SnapshotTransfer::decode(wire, &problem);
        QVERIFY2(back, qPrintable(problem));
        QCOMPARE(back->encode(), m.encode());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spooled"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(wire);
        f.close();
        const auto fromFile = node::SnapshotTransfer::readFile(path, 0, &problem);
        QVERIFY2(fromFile, qPrintable(problem));
        QCOMPARE(fromFile->encode(), m.encode());
        QVERIFY(!node::SnapshotTransfer::readFile(path, wire.size() - 1, &problem));

        QByteArray damaged = wire;
        damaged[damaged.size() - 5] = damaged[damaged.size() - 5] ^ 1;
        QVERIFY(!node::SnapshotTransfer::decode(damaged, &problem));
        QVERIFY2(problem.contains(QStringLiteral("CRC")), qPrintable(problem));
        // An image of another snapshot under this message's header.
        raft::Snapshot other = m.snapshot;
        other.metadata.confState.voters = {1, 2};
        QVERIFY(!node::SnapshotTransfer::decode(
            node::SnapshotTransfer::head(m) + storage::Snapshotter::encode(other), &problem));
        QVERIFY(!node::SnapshotTransfer::decode(wire.left(20), &problem));
    }
};

QTEST_GUILESS_MAIN(TestBackgroundSnapshot)
#include "tst_backgroundsnapshot.moc"
