// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// BackgroundSnapshot: the writer thread writes exactly the snapshot file Snapshotter reads back
// from an image streamed in pieces (with the bytes patched in at the end), reports a failure it
// met (and leaves nothing behind), the pieces are produced on the owner's thread a bounded time per
// turn of its event loop and the source dies on the writer's, and a running one is let finish when
// its owner goes away.
// SnapshotTransfer: the wire form of a MsgSnap decodes to the same message and refuses a damaged
// image, and an image saved from a spooled transfer is the leader's file or nothing.
#include "node/BackgroundSnapshot.h"
#include "node/SnapshotTransfer.h"
#include "storage/DiskOps.h"
#include "storage/Snapshotter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

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

// A MsgSnap from member 1 to 2 carrying bigImage() at index 42.
raft::Message snapMessage()
{
    raft::Message m;
    m.type = raft::MessageType::MsgSnap;
    m.from = 1;
    m.to = 2;
    m.term = 3;
    m.snapshot = raft::Snapshot{metadata(42), bigImage()};
    return m;
}

// Starts a snapshot of `image`, streamed in pieces of `pieceBytes`. When `patched`, its first
// eight bytes are written as zeros and put right by a patch at the end, as the member's
// stream does with the store's length.
bool begin(node::BackgroundSnapshot &background, int pieceBytes, quint64 index, const QString &path,
           const QByteArray &image, QString *error)
{
    const bool patched = pieceBytes < image.size() && image.size() >= 8;
    auto at = std::make_shared<qsizetype>(0);
    node::BackgroundSnapshot::Source source;
    source.next = [=](QByteArray *piece) {
        const qsizetype n = qMin<qsizetype>(pieceBytes, image.size() - *at);
        piece->append(image.constData() + *at, n);
        if (patched && *at == 0)
            piece->replace(0, 8, QByteArray(8, '\0'));
        *at += n;
        return *at < image.size();
    };
    if (patched)
        source.patches = [=](QList<QPair<qint64, QByteArray>> *out) {
            out->append({0, image.left(8)});
            return true;
        };
    return background.stream(metadata(index), path, std::move(source), error);
}

void addWays()
{
    QTest::addColumn<int>("pieceBytes");
    QTest::newRow("one piece") << (1 << 30);
    QTest::newRow("pieces, patched") << 4096;
}

} // namespace

class TestBackgroundSnapshot : public QObject
{
    Q_OBJECT

private slots:
    void writesTheFileSnapshotterReads_data() { addWays(); }
    void writesTheFileSnapshotterReads()
    {
        QFETCH(int, pieceBytes);
        QTemporaryDir dir;
        const storage::Snapshotter snapshotter(dir.path());
        QByteArray image = bigImage();
        const QByteArray expected = image;
        node::BackgroundSnapshot background;
        QSignalSpy finished(&background, &node::BackgroundSnapshot::finished);
        QString error;
        QVERIFY2(begin(background, pieceBytes, 42, snapshotter.path(3, 42), image, &error),
                 qPrintable(error));
        QVERIFY(background.running());
        // One at a time.
        QVERIFY(!begin(background, pieceBytes, 43, snapshotter.path(3, 43), image, &error));
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
        QVERIFY(begin(background, pieceBytes, 44, snapshotter.path(3, 44), "y", &error));
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.at(1).at(0).toBool());
    }

    void aFailureIsReportedAndLeavesNothing_data() { addWays(); }
    void aFailureIsReportedAndLeavesNothing()
    {
        QFETCH(int, pieceBytes);
        QTemporaryDir dir;
        const QString missing = dir.path() + QStringLiteral("/no/such/dir");
        const storage::Snapshotter snapshotter(missing);
        node::BackgroundSnapshot background;
        QSignalSpy finished(&background, &node::BackgroundSnapshot::finished);
        QString error;
        QVERIFY(begin(background, pieceBytes, 7, snapshotter.path(3, 7), "x", &error));
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("(open)")),
                 qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(!QFileInfo::exists(missing));
    }

    // A source that finds at the end it cannot give a valid image fails the write: no file is
    // left. (The member's own source did for a store part beyond 4 GiB, before the format's
    // version 3.)
    void aSourceThatCannotFinishLeavesNothing()
    {
        QTemporaryDir dir;
        const storage::Snapshotter snapshotter(dir.path());
        node::BackgroundSnapshot background;
        QSignalSpy finished(&background, &node::BackgroundSnapshot::finished);
        node::BackgroundSnapshot::Source source;
        source.next = [](QByteArray *piece) {
            piece->append("x");
            return false;
        };
        source.patches = [](QList<QPair<qint64, QByteArray>> *) {
            errno = EFBIG;
            return false;
        };
        QString error;
        QVERIFY(
            background.stream(metadata(12), snapshotter.path(3, 12), std::move(source), &error));
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY2(
            finished.at(0).at(1).toString().contains(QString::fromLocal8Bit(std::strerror(EFBIG))),
            qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    // The source runs on the owner's thread, for a bounded time per turn of its event loop:
    // whatever else the owner has to do (a posted call here; in the member an entry to apply, a
    // read, a heartbeat) runs between two turns, so a snapshot holds the member for about
    // kTurnNs at a time and nothing reads the store from another thread. Once the last piece is
    // produced, the source is destroyed on the writer thread (the member's frees the store's
    // capture then, which took it tens of milliseconds).
    void theSourceRunsOnTheOwnersThreadForATurnAtATime()
    {
        QTemporaryDir dir;
        const storage::Snapshotter snapshotter(dir.path());
        constexpr int kPieces = 300;
        QByteArray expected;
        for (int i = 0; i < kPieces; ++i)
            expected += QByteArray(4096, char('a' + i % 26));
        QString log; // 'p' for a piece, 'e' for a call posted while it was produced
        int pieces = 0;
        bool elsewhere = false;
        // Set by the source's destructor: the thread it died on.
        struct Witness
        {
            std::atomic<QThread *> *diedOn;
            ~Witness() { diedOn->store(QThread::currentThread()); }
        };
        std::atomic<QThread *> diedOn{nullptr};
        node::BackgroundSnapshot background;
        QSignalSpy finished(&background, &node::BackgroundSnapshot::finished);
        node::BackgroundSnapshot::Source source;
        // Each piece takes more than half of a turn: two pieces at most fill one.
        const qint64 pieceNs = node::BackgroundSnapshot::kTurnNs * 6 / 10;
        source.next = [&,
                       witness = std::make_shared<Witness>(Witness{&diedOn})](QByteArray *piece) {
            elsewhere |= QThread::currentThread() != background.thread();
            log += u'p';
            QMetaObject::invokeMethod(
                &background, [&] { log += u'e'; }, Qt::QueuedConnection);
            piece->append(expected.mid(qsizetype(pieces) * 4096, 4096));
            QElapsedTimer busy;
            busy.start();
            while (busy.nsecsElapsed() < pieceNs) {
            }
            return ++pieces < kPieces;
        };
        QString error;
        QVERIFY(
            background.stream(metadata(21), snapshotter.path(3, 21), std::move(source), &error));
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(!elsewhere);
        QCOMPARE(pieces, kPieces);
        QVERIFY2(!log.contains(QStringLiteral("ppp")), qPrintable(log));
        QVERIFY(diedOn.load() != nullptr);
        QVERIFY(diedOn.load() != background.thread());
        QString problem;
        const auto loaded = snapshotter.load(3, 21, &problem);
        QVERIFY2(loaded, qPrintable(problem));
        QCOMPARE(loaded->data, expected);
    }

    void aRunningOneIsLetFinishByItsOwner_data() { addWays(); }
    void aRunningOneIsLetFinishByItsOwner()
    {
        QFETCH(int, pieceBytes);
        QTemporaryDir dir;
        const storage::Snapshotter snapshotter(dir.path());
        const QByteArray image = bigImage();
        {
            node::BackgroundSnapshot background;
            QString error;
            QVERIFY(begin(background, pieceBytes, 11, snapshotter.path(3, 11), image, &error));
        } // destroyed at once, the thread still writing
        QString problem;
        const auto loaded = snapshotter.load(3, 11, &problem);
        QVERIFY2(loaded, qPrintable(problem));
        QCOMPARE(loaded->data, image);
    }

    void snapshotTransferRoundTrips()
    {
        const raft::Message m = snapMessage();
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

    // A follower with a data directory saves a received image a piece at a time into the
    // snapshot directory instead of reading it into memory (saveImage). What it keeps must be
    // exactly the leader's file, checked as a restart checks it; anything else is refused and
    // leaves nothing in the directory, which holds what a restart reads.
    void aSavedImageIsTheLeadersFileOrNothing_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<QString>("problem"); // empty: kept

        const raft::Message m = snapMessage();
        const QByteArray head = node::SnapshotTransfer::head(m);
        const QByteArray file = storage::Snapshotter::encode(m.snapshot);
        const QByteArray wire = head + file;
        QTest::newRow("intact") << wire << qint64(0) << QString();
        QTest::newRow("intact, at the bound") << wire << qint64(wire.size()) << QString();
        // The image's header and the transfer's head about 24 KiB each (12,000 learners), so
        // that the data begins, and each copied piece ends, less than a header's length below a
        // 64 KiB boundary of the spool: the space given back must stop at what was read, not
        // run past it (the copy would then read zeros there and fail its checksum).
        raft::Message crowded = m;
        for (quint64 id = 1; id <= 12000; ++id)
            crowded.snapshot.metadata.confState.learners.push_back(1000 + id);
        const QByteArray crowdedWire =
            node::SnapshotTransfer::head(crowded) + storage::Snapshotter::encode(crowded.snapshot);
        QTest::newRow("intact, a large membership") << crowdedWire << qint64(0) << QString();
        QTest::newRow("over the bound")
            << wire << qint64(wire.size() - 1) << QStringLiteral("exceeds");
        for (const qsizetype at : {qsizetype(13), file.size() / 2, file.size() - 1}) {
            QByteArray damaged = wire;
            damaged[head.size() + at] = damaged[head.size() + at] ^ 1;
            QTest::addRow("one bit off at %lld", qlonglong(at))
                << damaged << qint64(0) << QStringLiteral("CRC");
        }
        QTest::newRow("cut short") << wire.left(wire.size() - 1) << qint64(0)
                                   << QStringLiteral("snapshot image at index 42");
        QTest::newRow("head only")
            << head << qint64(0) << QStringLiteral("snapshot image at index 42");
        raft::Snapshot other = m.snapshot;
        other.metadata.confState.voters = {1, 2};
        QTest::newRow("another snapshot's image") << head + storage::Snapshotter::encode(other)
                                                  << qint64(0) << QStringLiteral("does not match");
        QTest::newRow("not a transfer")
            << file << qint64(0) << QStringLiteral("not a snapshot transfer");
    }

    void aSavedImageIsTheLeadersFileOrNothing()
    {
        QFETCH(QByteArray, wire);
        QFETCH(qint64, maxBytes);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const QString spooled = dir.filePath(QStringLiteral("spooled"));
        QFile f(spooled);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(wire), wire.size());
        f.close();
        const storage::Snapshotter snapshotter(dir.filePath(QStringLiteral("snap")));

        QString why;
        const auto saved =
            node::SnapshotTransfer::saveImage(spooled, maxBytes, snapshotter, 7, &why);
        const QStringList left = QDir(snapshotter.directory()).entryList(QDir::Files);
        if (!problem.isEmpty()) {
            QVERIFY(!saved);
            QVERIFY2(why.contains(problem), qPrintable(why));
            QCOMPARE(left, QStringList());
            return;
        }
        QVERIFY2(saved, qPrintable(why));
        // The message without its image, the image in the file and nowhere else.
        const auto whole = node::SnapshotTransfer::decode(wire, &why); // the spool is used up
        QVERIFY2(whole, qPrintable(why));
        raft::Message bare = *whole;
        bare.snapshot.data.clear();
        QCOMPARE(saved->message.encode(), bare.encode());
        QCOMPARE(saved->path, snapshotter.receivedPath(whole->snapshot.metadata, 7));
        QCOMPARE(left, QStringList{QFileInfo(saved->path).fileName()});
        QFile kept(saved->path);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), storage::Snapshotter::encode(whole->snapshot));
    }

    // Saving gives the spooled file's disk space back piece by piece, so a follower needs room
    // for one image, not for the spool and the copy side by side.
    void savingAnImageGivesTheSpoolsSpaceBack()
    {
        QTemporaryDir dir;
        const auto allocated = [](const QString &path) {
            struct stat st = {};
            return ::stat(QFile::encodeName(path).constData(), &st) == 0
                       ? qint64(st.st_blocks) * 512
                       : qint64(-1);
        };
        {
            QFile probe(dir.filePath(QStringLiteral("probe")));
            QVERIFY(probe.open(QIODevice::ReadWrite));
            QCOMPARE(probe.write(QByteArray(65536, 'x')), 65536);
            QVERIFY(probe.flush());
            if (!storage::DiskOps::releaseRange(probe, 0, 65536))
                QSKIP(
                    "this file system cannot punch holes: the spool keeps its space until removed");
        }
        const raft::Message m = snapMessage();
        const QByteArray wire =
            node::SnapshotTransfer::head(m) + storage::Snapshotter::encode(m.snapshot);
        QVERIFY(wire.size() > 1024 * 1024); // more than one piece of the copy
        const QString spooled = dir.filePath(QStringLiteral("spooled"));
        QFile f(spooled);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(wire), wire.size());
        f.close();
        QVERIFY(allocated(spooled) >= wire.size());

        QString why;
        const auto saved = node::SnapshotTransfer::saveImage(
            spooled, 0, storage::Snapshotter(dir.filePath(QStringLiteral("snap"))), 7, &why);
        QVERIFY2(saved, qPrintable(why));
        QCOMPARE(QFileInfo(spooled).size(), wire.size()); // same size, a hole
        QVERIFY2(allocated(spooled) <= 4096, QByteArray::number(allocated(spooled)).constData());
        QVERIFY(allocated(saved->path) >= wire.size() - node::SnapshotTransfer::head(m).size());
    }
};

QTEST_GUILESS_MAIN(TestBackgroundSnapshot)
#include "tst_backgroundsnapshot.moc"
