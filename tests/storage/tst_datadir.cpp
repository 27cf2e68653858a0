// The data directory: etcd's layout, owner-only directories, the --wal-dir override, and the
// lock that keeps a second member out.
#include "storage/DataDir.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

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
};

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

QTEST_APPLESS_MAIN(TestDataDir)
#include "tst_datadir.moc"
