// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Snapshot files: round trip, newest wins, broken files are set aside as .broken and the next
// newest is used, purge keeps the newest N, and a write is never visible half-done.
#include "StorageTestUtil.h"
#include "storage/SnapshotFileReader.h"
#include "storage/Snapshotter.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace storage;
using namespace storagetest;

namespace {

raft::Snapshot snapshot(quint64 index, quint64 term, const QByteArray &data = {})
{
    raft::Snapshot s;
    s.metadata.index = index;
    s.metadata.term = term;
    s.metadata.confState.voters = {1, 2, 3};
    s.metadata.confState.learners = {9};
    s.data = data.isNull() ? QByteArray("store@") + QByteArray::number(index) : data;
    return s;
}

// The newest intact snapshot, read whole (loadNewest) or, as a restart reads it, through
// readNewest() in pieces of `piece` bytes.
std::optional<raft::Snapshot> loadNewestOf(const Snapshotter &s, bool inPieces, QString *warning,
                                           qsizetype piece = 3)
{
    if (!inPieces)
        return s.loadNewest(warning);
    std::optional<raft::Snapshot> found;
    s.readNewest(
        [&](SnapshotFileReader &file, QString *problem) {
            raft::Snapshot read{file.metadata(), {}};
            for (qsizetype had = -1; had != read.data.size();) {
                had = read.data.size();
                if (!file.read(&read.data, piece))
                    break;
            }
            if (!file.finish(problem))
                return false;
            found = read;
            return true;
        },
        warning);
    return found;
}

} // namespace

class TestSnapshotter : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void noSnapshotIsNotAnError();
    void newestWins();
    void brokenNewestFallsBackAndIsRenamed_data();
    void brokenNewestFallsBackAndIsRenamed();
    void allBrokenGivesNothing_data();
    void allBrokenGivesNothing();
    void readerChecksWhatItHandsOut();
    void purgeKeepsTheNewest();
    void writeIsInvisibleUntilCommitted();
    void emptySnapshotIsRefused();
    void leftoversGoAtAStart();
};

void TestSnapshotter::roundTrip_data()
{
    QTest::addColumn<bool>("inPieces");
    QTest::newRow("whole") << false;
    QTest::newRow("in pieces") << true;
}

void TestSnapshotter::roundTrip()
{
    QFETCH(bool, inPieces);
    QTemporaryDir tmp;
    Snapshotter s(tmp.path() + "/member/snap");
    // Over 2 MiB and not a multiple of a page: read back through huge pages (DiskOps::readAll).
    QByteArray big(5 * 1024 * 1024 + 12345, Qt::Uninitialized);
    for (int i = 0; i < big.size(); ++i)
        big[i] = char(i * 7);
    const raft::Snapshot snap = snapshot(10000, 4, big);
    const StorageResult r = s.save(snap);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(s.snapshotFiles(), QStringList{"0000000000000004-0000000000002710.snap"});
    QCOMPARE(QDir(s.directory()).entryList(QDir::Files | QDir::Hidden),
             QStringList{"0000000000000004-0000000000002710.snap"});
    QCOMPARE(QFileInfo(s.directory() + "/0000000000000004-0000000000002710.snap").permissions() &
                 (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    QString warning;
    const auto loaded =
        loadNewestOf(Snapshotter(tmp.path() + "/member/snap"), inPieces, &warning, 65536);
    QVERIFY(loaded.has_value());
    QVERIFY(*loaded == snap);
    QVERIFY(warning.isEmpty());
}

void TestSnapshotter::noSnapshotIsNotAnError()
{
    QTemporaryDir tmp;
    QString warning = "untouched";
    QVERIFY(!Snapshotter(tmp.path() + "/none").loadNewest(&warning).has_value());
    QVERIFY(warning.isEmpty());
    QVERIFY(writeFile(tmp.path() + "/notes.txt", "x"));
    QVERIFY(writeFile(tmp.path() + "/0000000000000001-0000000000000001.snap.broken", "x"));
    QVERIFY(!Snapshotter(tmp.path()).loadNewest(&warning).has_value());
    QVERIFY(warning.isEmpty());
}

void TestSnapshotter::newestWins()
{
    QTemporaryDir tmp;
    Snapshotter s(tmp.path());
    for (const auto &[index, term] : {std::pair{10, 1}, {30, 2}, {20, 2}, {25, 2}})
        QVERIFY(s.save(snapshot(index, term)).ok());
    QCOMPARE(s.snapshotFiles().first(), Snapshotter::fileName(2, 30));
    const auto loaded = s.loadNewest();
    QVERIFY(loaded);
    QVERIFY(*loaded == snapshot(30, 2));
}

void TestSnapshotter::brokenNewestFallsBackAndIsRenamed_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<bool>("inPieces");
    for (const bool inPieces : {false, true}) {
        const char *how = inPieces ? ", in pieces" : ", whole";
        QTest::addRow("bit flip in data%s", how) << "flip-data" << inPieces;
        QTest::addRow("bit flip in header%s", how) << "flip-header" << inPieces;
        QTest::addRow("truncated%s", how) << "truncate" << inPieces;
        QTest::addRow("empty file%s", how) << "empty" << inPieces;
        QTest::addRow("name disagrees with metadata%s", how) << "rename" << inPieces;
    }
}

void TestSnapshotter::brokenNewestFallsBackAndIsRenamed()
{
    QFETCH(QString, damage);
    QFETCH(bool, inPieces);
    QTemporaryDir tmp;
    Snapshotter s(tmp.path());
    QVERIFY(s.save(snapshot(10, 1)).ok());
    QVERIFY(s.save(snapshot(20, 1)).ok());
    QString newest = tmp.path() + u'/' + Snapshotter::fileName(1, 20);
    const qint64 size = QFileInfo(newest).size();
    if (damage == "flip-data")
        QVERIFY(flipBit(newest, size - 2, 3));
    else if (damage == "flip-header")
        QVERIFY(flipBit(newest, 2));
    else if (damage == "truncate")
        QVERIFY(QFile(newest).resize(size - 1));
    else if (damage == "empty")
        QVERIFY(QFile(newest).resize(0));
    else {
        const QString renamed = tmp.path() + u'/' + Snapshotter::fileName(1, 30);
        QVERIFY(QFile::rename(newest, renamed));
        newest = renamed;
    }

    QString warning;
    const auto loaded = loadNewestOf(s, inPieces, &warning);
    QVERIFY(loaded);
    QVERIFY(*loaded == snapshot(10, 1));
    QVERIFY2(warning.contains(newest), qPrintable(warning));
    QVERIFY(!QFileInfo::exists(newest));
    QVERIFY(QFileInfo::exists(newest + ".broken"));
    QCOMPARE(s.snapshotFiles(), QStringList{Snapshotter::fileName(1, 10)});
    // The next start does not stumble over it again.
    QVERIFY(loadNewestOf(s, inPieces, &warning));
    QVERIFY(warning.isEmpty());
}

void TestSnapshotter::allBrokenGivesNothing_data()
{
    roundTrip_data();
}

void TestSnapshotter::allBrokenGivesNothing()
{
    QFETCH(bool, inPieces);
    QTemporaryDir tmp;
    Snapshotter s(tmp.path());
    QVERIFY(s.save(snapshot(5, 1)).ok());
    QVERIFY(flipBit(tmp.path() + u'/' + Snapshotter::fileName(1, 5), 20));
    QString warning;
    QVERIFY(!loadNewestOf(s, inPieces, &warning));
    QVERIFY(!warning.isEmpty());
}

// The reader hands out the data as it reads it, so it can only tell at the end whether what it
// handed out was the file's: a change (here one made after open(), as damage would be) is caught
// by finish(), whatever part of it the decoder took, and so is a file that ends early.
void TestSnapshotter::readerChecksWhatItHandsOut()
{
    QTemporaryDir tmp;
    Snapshotter s(tmp.path());
    QVERIFY(s.save(snapshot(5, 1, QByteArray(100000, 'd'))).ok());
    const QString name = Snapshotter::fileName(1, 5);
    const QString path = tmp.path() + u'/' + name;
    QString problem;
    std::unique_ptr<SnapshotFileReader> file = SnapshotFileReader::open(tmp.path(), name, &problem);
    QVERIFY2(file, qPrintable(problem));
    QCOMPARE(file->path(), path);
    QCOMPARE(file->metadata().index, quint64(5));
    QVERIFY(flipBit(path, QFileInfo(path).size() - 50000, 1));
    QByteArray data;
    QVERIFY(file->read(&data, 4096));
    QCOMPARE(data, QByteArray(4096, 'd'));
    QVERIFY(!file->finish(&problem)); // reads the rest itself
    QCOMPARE(problem, QStringLiteral("CRC-32C mismatch"));

    QVERIFY(flipBit(path, QFileInfo(path).size() - 50000, 1)); // intact again
    file = SnapshotFileReader::open(tmp.path(), name, &problem);
    QVERIFY2(file, qPrintable(problem));
    QVERIFY(QFile(path).resize(QFileInfo(path).size() - 10));
    data.clear();
    while (file->read(&data, 65536) && data.size() < 100000) {
    }
    QVERIFY(!file->finish(&problem));
    QVERIFY2(problem.contains(QStringLiteral("early")), qPrintable(problem));

    // And an intact file reads back as saved.
    QVERIFY(s.save(snapshot(6, 1, QByteArray(70000, 'e'))).ok());
    file = SnapshotFileReader::open(tmp.path(), Snapshotter::fileName(1, 6), &problem);
    QVERIFY2(file, qPrintable(problem));
    data.clear();
    while (data.size() < 70000 && file->read(&data, 4096)) {
    }
    QCOMPARE(data, QByteArray(70000, 'e'));
    QVERIFY2(file->finish(&problem), qPrintable(problem));
}
void TestSnapshotter::purgeKeepsTheNewest()
{
    QTemporaryDir tmp;
    Snapshotter s(tmp.path());
    for (quint64 i = 1; i <= 5; ++i)
        QVERIFY(s.save(snapshot(i * 100, 1 + i / 3)).ok());
    QVERIFY(s.purge(0).ok());
    QCOMPARE(s.snapshotFiles().size(), 5);
    QStringList removed;
    QVERIFY(s.purge(2, &removed).ok());
    QCOMPARE(s.snapshotFiles(),
             (QStringList{Snapshotter::fileName(2, 500), Snapshotter::fileName(2, 400)}));
    QCOMPARE(removed.size(), 3);
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files),
             (QStringList{Snapshotter::fileName(2, 400), Snapshotter::fileName(2, 500)}));
    QVERIFY(s.purge(5).ok());
    QCOMPARE(s.snapshotFiles().size(), 2);
}

void TestSnapshotter::writeIsInvisibleUntilCommitted()
{
    QTemporaryDir tmp;
    Snapshotter s(tmp.path());
    const QString final = tmp.path() + u'/' + Snapshotter::fileName(3, 42);
    bool hookRan = false;
    s.setBeforeCommitHook([&] {
        hookRan = true;
        // Everything is written and synced, yet no reader can see a snapshot.
        [&] {
            QVERIFY(!QFileInfo::exists(final));
            QVERIFY(s.snapshotFiles().isEmpty());
            QVERIFY(!s.loadNewest());
        }();
        return false; // abandon: as if the process died here
    });
    const StorageResult r = s.save(snapshot(42, 3));
    QVERIFY(hookRan);
    QCOMPARE(r.status, StorageStatus::IoError);
    QVERIFY(!QFileInfo::exists(final));
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList());

    s.setBeforeCommitHook([&] { return true; });
    QVERIFY(s.save(snapshot(42, 3)).ok());
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
             QStringList{Snapshotter::fileName(3, 42)});
}

void TestSnapshotter::emptySnapshotIsRefused()
{
    QTemporaryDir tmp;
    QVERIFY(!Snapshotter(tmp.path()).save(raft::Snapshot()).ok());
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), QStringList());
}

// A member stopped in the middle of a snapshot write leaves <name>.snap.tmp, and one stopped
// between receiving an image and adopting it leaves <name>.snap.<n>.received: neither is a
// snapshot anything reads, and both used to stay until someone removed them by hand (an image
// can be gigabytes). A start removes them and nothing else.
void TestSnapshotter::leftoversGoAtAStart()
{
    QTemporaryDir tmp;
    Snapshotter s(tmp.path());
    QVERIFY(s.save(snapshot(10, 1)).ok());
    QVERIFY(s.save(snapshot(20, 1)).ok());
    const QString broken = s.path(1, 5) + QStringLiteral(".broken");
    const QString received = s.receivedPath(snapshot(30, 2).metadata, 4);
    const QString tmpFile = s.path(2, 40) + QStringLiteral(".tmp");
    for (const QString &path : {broken, received, tmpFile})
        QVERIFY(writeFile(path, "x"));
    QVERIFY(received.startsWith(s.path(2, 30)));
    QCOMPARE(s.snapshotFiles(),
             (QStringList{Snapshotter::fileName(1, 20), Snapshotter::fileName(1, 10)}));

    s.removeLeftovers();
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files, QDir::Name),
             (QStringList{QFileInfo(broken).fileName(), Snapshotter::fileName(1, 10),
                          Snapshotter::fileName(1, 20)}));
}

QTEST_APPLESS_MAIN(TestSnapshotter)
#include "tst_snapshotter.moc"
