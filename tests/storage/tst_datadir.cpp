// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The data directory: etcd's layout, owner-only directories, the --wal-dir override, and the
// lock that keeps a second member out (an flock on a lock file: refused to a second holder in
// this or another process, never to a member restarted after a crash, whatever its PID).
#include "storage/DataDir.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace storage;

class TestDataDir : public QObject
{
    Q_OBJECT

private slots:
    void layoutFollowsEtcd();
    void openCreatesPrivateDirectories();
    void secondMemberIsLockedOut();
    void walDirOverride();
    void sharedWalDirIsLockedOut();
    void otherProcessCannotLockWhileWeHoldIt();
    void lockHeldByAnotherProcessRefusesUsUntilItIsKilled();
    void staleLockFileWithOurOwnPidDoesNotBlock();

private:
    // Exit code of `flock -n <file> true` (util-linux) from a child process: 0 if the child
    // could lock the file, kConflict if the lock is held.
    static constexpr int kConflict = 42;
    static int flockFromChild(const QString &file);
};

int TestDataDir::flockFromChild(const QString &file)
{
    QProcess p;
    p.start(QStringLiteral("flock"), {QStringLiteral("-n"), QStringLiteral("-E"),
                                      QString::number(kConflict), file, QStringLiteral("true")});
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit)
        return -1;
    return p.exitCode();
}

void TestDataDir::layoutFollowsEtcd()
{
    DataDir d("/var/lib/qetcd/node1/");
    QCOMPARE(d.dataDir(), QStringLiteral("/var/lib/qetcd/node1"));
    QCOMPARE(d.memberDir(), QStringLiteral("/var/lib/qetcd/node1/member"));
    QCOMPARE(d.walDir(), QStringLiteral("/var/lib/qetcd/node1/member/wal"));
    QCOMPARE(d.snapDir(), QStringLiteral("/var/lib/qetcd/node1/member/snap"));
}

void TestDataDir::openCreatesPrivateDirectories()
{
    QTemporaryDir tmp;
    DataDir d(tmp.path() + "/data");
    const StorageResult r = d.open();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(d.isLocked());
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                      QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    for (const QString &dir : {d.dataDir(), d.memberDir(), d.snapDir()}) {
        QVERIFY2(QFileInfo(dir).isDir(), qPrintable(dir));
        QCOMPARE(QFileInfo(dir).permissions() & others, QFile::Permissions());
    }
    // The WAL directory is Wal::create()'s to make, atomically.
    QVERIFY(!QFileInfo::exists(d.walDir()));
    QVERIFY(QFileInfo::exists(d.lockFilePath()));
}

void TestDataDir::secondMemberIsLockedOut()
{
    QTemporaryDir tmp;
    DataDir first(tmp.path());
    QVERIFY(first.open().ok());
    DataDir second(tmp.path());
    const StorageResult r = second.open();
    QCOMPARE(r.status, StorageStatus::Locked);
    QVERIFY2(r.error.contains(tmp.path()), qPrintable(r.error));
    QVERIFY2(r.error.contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(r.error));
    first.release();
    QVERIFY(!first.isLocked());
    QVERIFY(second.open().ok());
}

void TestDataDir::walDirOverride()
{
    QTemporaryDir tmp;
    DataDir d(tmp.path() + "/data", tmp.path() + "/fast-disk/wal");
    QCOMPARE(d.walDir(), tmp.path() + "/fast-disk/wal");
    QCOMPARE(d.snapDir(), tmp.path() + "/data/member/snap");
    QVERIFY(d.open().ok());
    QVERIFY(QFileInfo(tmp.path() + "/fast-disk").isDir());
    QVERIFY(!QFileInfo::exists(d.walDir()));
}

void TestDataDir::sharedWalDirIsLockedOut()
{
    // Two data directories, one --wal-dir: the second member must not start.
    QTemporaryDir tmp;
    DataDir first(tmp.path() + "/a", tmp.path() + "/wal");
    QVERIFY(first.open().ok());
    QVERIFY(QFileInfo::exists(first.walLockFilePath()));
    DataDir second(tmp.path() + "/b", tmp.path() + "/wal");
    const StorageResult r = second.open();
    QCOMPARE(r.status, StorageStatus::Locked);
    QVERIFY2(r.error.contains(tmp.path() + "/wal"), qPrintable(r.error));
    // Refused entirely: it holds neither lock.
    QVERIFY(!second.isLocked());
    DataDir third(tmp.path() + "/b");
    QVERIFY(third.open().ok());
    third.release();
    first.release();
    QVERIFY(second.open().ok());
}

void TestDataDir::otherProcessCannotLockWhileWeHoldIt()
{
    QTemporaryDir tmp;
    DataDir d(tmp.path() + "/data", tmp.path() + "/wal");
    QVERIFY(d.open().ok());
    QCOMPARE(flockFromChild(d.lockFilePath()), kConflict);
    QCOMPARE(flockFromChild(d.walLockFilePath()), kConflict);
    d.release();
    QCOMPARE(flockFromChild(d.lockFilePath()), 0);
    QCOMPARE(flockFromChild(d.walLockFilePath()), 0);
    // The lock file stays; only the kernel lock mattered.
    QVERIFY(QFileInfo::exists(d.lockFilePath()));
}

void TestDataDir::lockHeldByAnotherProcessRefusesUsUntilItIsKilled()
{
    QTemporaryDir tmp;
    DataDir d(tmp.path());
    QVERIFY(QDir().mkpath(d.memberDir()));
    // flock(1) locks the file, then runs cat (without the descriptor: -o), which echoes a line
    // back once the lock is taken. Killing flock is what a crash of the holder looks like.
    QProcess holder;
    holder.start(QStringLiteral("flock"), {QStringLiteral("-o"), d.lockFilePath(), "cat"});
    QVERIFY(holder.waitForStarted());
    holder.write("locked\n");
    QByteArray echoed;
    while (!echoed.contains("locked") && holder.waitForReadyRead(30000))
        echoed += holder.readAllStandardOutput();
    QVERIFY2(echoed.contains("locked"), echoed.constData());

    const StorageResult r = d.open();
    QCOMPARE(r.status, StorageStatus::Locked);
    QVERIFY2(r.error.contains(tmp.path()) && r.error.contains("in use by another member"),
             qPrintable(r.error));
    QVERIFY(!d.isLocked());

    holder.kill();
    QVERIFY(holder.waitForFinished());
    holder.closeWriteChannel(); // cat ends too
    const StorageResult again = d.open();
    QVERIFY2(again.ok(), qPrintable(again.error));
    QVERIFY(d.isLocked());
}

void TestDataDir::staleLockFileWithOurOwnPidDoesNotBlock()
{
    // A member killed in a container and restarted there runs as PID 1 again, on the same host
    // name, after the same boot: the lock file the dead one left names a live process (the new
    // one itself). Here our own PID, program name, host, machine and boot id stand in for it,
    // written in QLockFile's layout, which the previous lock used.
    QTemporaryDir tmp;
    DataDir d(tmp.path());
    QVERIFY(QDir().mkpath(d.memberDir()));
    const QString program = QFileInfo(QFile::symLinkTarget("/proc/self/exe")).fileName();
    QVERIFY(!program.isEmpty());
    QFile f(d.lockFilePath());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::number(qint64(::getpid())) + '\n' + program.toUtf8() + '\n' +
            QSysInfo::machineHostName().toUtf8() + '\n' + QSysInfo::machineUniqueId() + '\n' +
            QSysInfo::bootUniqueId() + '\n');
    f.close();

    const StorageResult r = d.open();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(d.isLocked());
    // And it is a real lock.
    DataDir second(tmp.path());
    QCOMPARE(second.open().status, StorageStatus::Locked);
}

QTEST_APPLESS_MAIN(TestDataDir)
#include "tst_datadir.moc"
