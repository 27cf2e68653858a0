// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// `qetcd import-etcd` on small crafted etcd data dirs, built with the protobuf classes of
// etcd_import.proto: the WAL and snapshot readers' checks (CRC, truncation, unknown record
// types, each named by file and offset), the replay's index rules (indexes advance on
// successful v2 writes and membership writes only), uncommitted entries left out, the
// v2 auth data, and a failed import leaving neither OUT nor OUT.tmp.

#include "EtcdImport.h"
#include "EtcdSnapshotReader.h"
#include "EtcdWalReader.h"
#include "auth/AuthStore.h"
#include "etcd_import.pb.h"
#include "node/NodeSnapshot.h"
#include "storage/Crc32c.h"
#include "storage/Snapshotter.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace etcdimport;

namespace {

constexpr qint64 kSec = 1000000000LL;
// 2030-01-01T00:00:00Z, well after the 2000 cut-off below which etcd treats a time as none.
constexpr qint64 kFarFuture = 1893456000LL * kSec;

// JSON written with ' for " (no raw string literals: moc cannot read them).
QString J(const char *json)
{
    return QString::fromLatin1(json).replace(QLatin1Char('\''), QLatin1Char('"'));
}

std::string bytesOf(const google::protobuf::MessageLite &m)
{
    std::string s;
    m.SerializeToString(&s);
    return s;
}

// Builds one WAL segment as etcd's encoder writes it: framed records, chained CRC-32C.
class WalBuilder
{
public:
    explicit WalBuilder(quint32 crc = 0) : m_crc(crc)
    {
        WalRecord r;
        r.set_type(4);
        r.set_crc(crc);
        add(r);
    }
    qint64 record(qint64 type, const std::string &data)
    {
        WalRecord r;
        r.set_type(type);
        r.set_data(data);
        m_crc = storage::Crc32c::compute(data.data(), qsizetype(data.size()), m_crc);
        r.set_crc(m_crc);
        return add(r);
    }
    qint64 metadata(quint64 node, quint64 cluster)
    {
        Metadata m;
        m.set_nodeid(node);
        m.set_clusterid(cluster);
        return record(1, bytesOf(m));
    }
    qint64 entry(quint64 index, const std::string &data, int type = 0)
    {
        Entry e;
        e.set_index(index);
        e.set_term(2);
        e.set_type(type);
        e.set_data(data);
        return record(2, bytesOf(e));
    }
    qint64 hardState(quint64 commit)
    {
        HardState h;
        h.set_term(2);
        h.set_vote(1);
        h.set_commit(commit);
        return record(3, bytesOf(h));
    }
    QByteArray bytes;

private:
    qint64 add(const WalRecord &r)
    {
        const qint64 at = bytes.size();
        bytes += EtcdWalReader::frame(QByteArray::fromStdString(bytesOf(r)));
        return at;
    }
    quint32 m_crc;
};

std::string v2(const char *method, const QString &path, const QString &value = {},
               std::function<void(Request &)> more = {})
{
    InternalRaftRequest irr;
    Request *r = irr.mutable_v2();
    r->set_id(7);
    r->set_method(method);
    r->set_path(path.toStdString());
    if (!value.isNull())
        r->set_val(value.toStdString());
    if (more)
        more(*r);
    return bytesOf(irr);
}

// A store.Save() image in etcd's JSON: /0, /1 with the given children JSON, /2 for auth.
QByteArray storeJson(quint64 currentIndex, const QString &keysChildren, const QString &authChildren)
{
    const QString perm = J("'ExpireTime':'0001-01-01T00:00:00Z'");
    return J("{'Root':{'Path':'/','CreatedIndex':0,'ModifiedIndex':0,%1,'Value':'','Children':{"
             "'0':{'Path':'/0','CreatedIndex':0,'ModifiedIndex':0,%1,'Value':'','Children':{}},"
             "'1':{'Path':'/1','CreatedIndex':0,'ModifiedIndex':0,%1,'Value':'','Children':{%2}},"
             "'2':{'Path':'/2','CreatedIndex':3,'ModifiedIndex':3,%1,'Value':'','Children':{%3}}}},"
             "'WatcherHub':{'EventHistory':{}},'CurrentIndex':%4,'CurrentVersion':2}")
        .arg(perm, keysChildren, authChildren)
        .arg(currentIndex)
        .toUtf8();
}

QByteArray snapFile(const QByteArray &json, quint64 index)
{
    Snapshot s;
    s.set_data(json.toStdString());
    s.mutable_metadata()->set_index(index);
    s.mutable_metadata()->set_term(2);
    s.mutable_metadata()->mutable_conf_state()->add_voters(1);
    SnapFile f;
    const std::string data = bytesOf(s);
    f.set_data(data);
    f.set_crc(storage::Crc32c::compute(data.data(), qsizetype(data.size())));
    return QByteArray::fromStdString(bytesOf(f));
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

struct Imported
{
    store::Store store;
    auth::AuthStore auth;
};

// Reads an imported data dir back as a restarting member would.
std::unique_ptr<Imported> readBack(const QString &dir)
{
    const auto snap = storage::Snapshotter(dir + QStringLiteral("/member/snap")).loadNewest();
    if (!snap)
        return nullptr;
    const auto image = node::NodeSnapshot::decode(snap->data);
    auto out = std::make_unique<Imported>();
    if (!image || !out->store.recover(image->store) ||
        (!image->auth.isEmpty() && !out->auth.recover(image->auth)))
        return nullptr;
    return out;
}

} // namespace

class tst_etcdimport : public QObject
{
    Q_OBJECT

private slots:
    void readsAWal()
    {
        WalBuilder w;
        w.metadata(0x11, 0x22);
        w.entry(1, v2("PUT", QStringLiteral("/1/a"), QStringLiteral("x")));
        w.entry(2, v2("PUT", QStringLiteral("/1/b"), QStringLiteral("y")));
        w.entry(2, v2("PUT", QStringLiteral("/1/c"), QStringLiteral("z"))); // overwrites 2
        w.hardState(2);
        w.bytes += QByteArray(4096, '\0'); // the preallocated tail
        // A second segment: its crc record carries the running CRC.
        QString error;
        auto wal = EtcdWalReader::read({{QStringLiteral("0-0.wal"), w.bytes}}, &error);
        QVERIFY2(wal, qPrintable(error));
        QCOMPARE(wal->nodeId, 0x11u);
        QCOMPARE(wal->clusterId, 0x22u);
        QCOMPARE(wal->commit, 2u);
        QCOMPARE(wal->entries.size(), 2);
        QCOMPARE(wal->entries.last().index, 2u);
        InternalRaftRequest irr;
        QVERIFY(irr.ParseFromString(wal->entries.last().data.toStdString()));
        QCOMPARE(irr.v2().path(), std::string("/1/c"));
    }

    void errorsNameFileAndOffset_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("crc mismatch") << "crc"
                                      << "CRC mismatch";
        QTest::newRow("truncated record") << "truncate"
                                          << "truncated record";
        QTest::newRow("unknown record type") << "type"
                                             << "unknown record type 9";
        QTest::newRow("crc chain across segments") << "chain"
                                                   << "CRC mismatch at segment head";
    }
    void errorsNameFileAndOffset()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        WalBuilder w;
        w.metadata(1, 2);
        w.entry(1, v2("PUT", QStringLiteral("/1/a"), QStringLiteral("x")));
        qint64 bad = 0;
        QList<std::pair<QString, QByteArray>> segments;
        if (damage == QLatin1String("crc")) {
            bad = w.entry(2, v2("PUT", QStringLiteral("/1/b"), QStringLiteral("y")));
            w.bytes[bad + 8 + 16] = w.bytes[bad + 8 + 16] ^ 0x20; // in the record's data
            w.entry(3, v2("PUT", QStringLiteral("/1/c"), QStringLiteral("z")));
        } else if (damage == QLatin1String("truncate")) {
            bad = w.entry(2, v2("PUT", QStringLiteral("/1/b"), QStringLiteral("y")));
            w.bytes.chop(10);
        } else if (damage == QLatin1String("type")) {
            bad = w.record(9, "what");
        } else {
            segments.append({QStringLiteral("/x/0000000000000000-0000000000000000.wal"), w.bytes});
            WalBuilder second(0xdeadbeef); // not the running CRC of the first segment
            second.entry(2, v2("PUT", QStringLiteral("/1/b"), QStringLiteral("y")));
            segments.append(
                {QStringLiteral("/x/0000000000000001-0000000000000002.wal"), second.bytes});
            bad = 0;
        }
        if (segments.isEmpty())
            segments.append({QStringLiteral("/x/0000000000000000-0000000000000000.wal"), w.bytes});
        QString error;
        QVERIFY(!EtcdWalReader::read(segments, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        const QString where = QStringLiteral("%1: offset %2:").arg(segments.last().first).arg(bad);
        QVERIFY2(error.startsWith(where), qPrintable(error + QStringLiteral(" / ") + where));
    }

    void snapshotCrcMismatchNamesTheFile()
    {
        QByteArray bytes = snapFile(storeJson(4, {}, {}), 5);
        bytes[bytes.size() - 5] = bytes[bytes.size() - 5] ^ 1;
        QString error;
        QVERIFY(!EtcdSnapshotReader::decode(QStringLiteral("/d/0-5.snap"), bytes, &error));
        QVERIFY2(error.startsWith(QStringLiteral("/d/0-5.snap: offset 0: CRC mismatch")),
                 qPrintable(error));
    }

    // The snapshot gives the store at CurrentIndex 10; the WAL after it moves the index only
    // where etcd's store moves it.
    void replayKeepsEtcdIndexes()
    {
        QTemporaryDir tmp;
        const QString etcd = tmp.filePath(QStringLiteral("etcd"));
        const QString keys = J("'a':{'Path':'/1/"
                               "a','CreatedIndex':5,'ModifiedIndex':9,'ExpireTime':'0001-01-01T00:"
                               "00:00Z','Value':'old','Children':null},"
                               "'d':{'Path':'/1/"
                               "d','CreatedIndex':6,'ModifiedIndex':6,'ExpireTime':'2030-01-01T01:"
                               "00:00.5+01:00','Value':'','Children':{"
                               "'k':{'Path':'/1/d/"
                               "k','CreatedIndex':7,'ModifiedIndex':7,'ExpireTime':'0001-01-01T00:"
                               "00:00Z','Value':'v','Children':null}}},"
                               "'_h':{'Path':'/1/"
                               "_h','CreatedIndex':8,'ModifiedIndex':8,'ExpireTime':'0001-01-01T00:"
                               "00:00Z','Value':'hidden','Children':null}");
        const QString auth =
            J("'users':{'Path':'/2/"
              "users','CreatedIndex':3,'ModifiedIndex':3,'ExpireTime':'0001-01-01T00:00:00Z','"
              "Value':'','Children':{"
              "'root':{'Path':'/2/users/"
              "root','CreatedIndex':3,'ModifiedIndex':3,'ExpireTime':'0001-01-01T00:00:00Z','Value'"
              ":'{\\'user\\':\\'root\\',\\'password\\':\\'ROOTHASH\\',\\'roles\\':[\\'root\\']}','"
              "Children':null}}},"
              "'roles':{'Path':'/2/"
              "roles','CreatedIndex':4,'ModifiedIndex':4,'ExpireTime':'0001-01-01T00:00:00Z','"
              "Value':'','Children':{"
              "'reader':{'Path':'/2/roles/"
              "reader','CreatedIndex':4,'ModifiedIndex':4,'ExpireTime':'0001-01-01T00:00:00Z','"
              "Value':'{\\'role\\':\\'reader\\',\\'permissions\\':{\\'kv\\':{\\'read\\':[\\'/d/"
              "*\\'],\\'write\\':[]}}}','Children':null}}},"
              "'enabled':{'Path':'/2/"
              "enabled','CreatedIndex':4,'ModifiedIndex':4,'ExpireTime':'0001-01-01T00:00:00Z','"
              "Value':'true','Children':null}");
        // etcd writes Go's "$2a$" bcrypt strings.
        QByteArray hash = auth::PasswordHash::bcrypt(QStringLiteral("rootpw"), 4).key;
        hash.replace(1, 2, "2a");
        writeFile(etcd + QStringLiteral("/member/snap/0000000000000002-0000000000000014.snap"),
                  snapFile(storeJson(10, keys,
                                     QString(auth).replace(QStringLiteral("ROOTHASH"),
                                                           QString::fromLatin1(hash))),
                           20));
        WalBuilder w;
        w.metadata(1, 2);
        w.entry(19, v2("PUT", QStringLiteral("/1/zz"), QStringLiteral("before the snapshot")));
        w.entry(20, v2("PUT", QStringLiteral("/1/zz"), QStringLiteral("before the snapshot")));
        w.entry(21, {}); // leader's empty entry
        w.entry(22, v2("PUT", QStringLiteral("/1/a"), QStringLiteral("new"))); // 11
        w.entry(23, v2("PUT", QStringLiteral("/1/a"), QStringLiteral("no"),
                       [](Request &r) { r.set_prevvalue("wrong"); })); // refused: no index
        w.entry(24, v2("POST", QStringLiteral("/1/q"), QStringLiteral("first"))); // 12
        w.entry(25, v2("PUT", QStringLiteral("/1/t"), QStringLiteral("ttl"),
                       [](Request &r) { r.set_expiration(kFarFuture); })); // 13
        w.entry(26, v2("PUT", QStringLiteral("/1/gone"), QStringLiteral("soon"),
                       [](Request &r) { r.set_expiration(kFarFuture - 10 * kSec); })); // 14
        w.entry(27, v2("QGET", QStringLiteral("/1/a")));
        w.entry(28, v2("SYNC", QStringLiteral("/"), {},
                       [](Request &r) { r.set_time(kFarFuture - 5 * kSec); })); // expires gone: 15
        {
            Request bare; // etcd 2.x: a bare Request
            bare.set_method("DELETE");
            bare.set_path("/1/d/k");
            w.entry(29, bytesOf(bare)); // 16
        }
        {
            InternalRaftRequest v3; // a v3 put: skipped, no index
            v3.set_id(9);
            v3.GetReflection()->MutableUnknownFields(&v3)->AddLengthDelimited(4, "\x0a\x01k");
            w.entry(30, bytesOf(v3));
        }
        {
            ConfChange cc; // a new member: etcd writes /0/members/<id>/raftAttributes: 17
            cc.set_type(0);
            cc.set_nodeid(0xabc);
            cc.set_context(J("{'id':2748,'peerURLs':['http://10.0.0.2:2380']}").toStdString());
            w.entry(31, bytesOf(cc), 1);
        }
        w.entry(32, v2("PUT", QStringLiteral("/1/a"), QStringLiteral("cas"),
                       [](Request &r) { r.set_previndex(11); })); // 18
        w.hardState(32);
        w.entry(33, v2("PUT", QStringLiteral("/1/uncommitted"), QStringLiteral("x")));
        writeFile(etcd + QStringLiteral("/member/wal/0000000000000000-0000000000000000.wal"),
                  w.bytes);

        ImportOptions o;
        o.etcdDataDir = etcd;
        o.outDir = tmp.filePath(QStringLiteral("out"));
        ImportReport report;
        QString error;
        QVERIFY2(EtcdImport::importDataDir(o, &report, &error), qPrintable(error));
        QCOMPARE(report.v2Index, 18u);
        QCOMPARE(report.uncommittedSkipped, 1u);
        QCOMPARE(report.counts.v3Requests, 1u);
        QCOMPARE(report.counts.v2Failed, 1u);
        QVERIFY(!QFileInfo::exists(o.outDir + QStringLiteral(".tmp")));

        auto back = readBack(o.outDir);
        QVERIFY(back);
        store::Store &s = back->store;
        QCOMPARE(s.index(), 18u);
        auto get = [&](const char *path) {
            return s.read(QString::fromLatin1(path), false, false, 0);
        };
        QCOMPARE(get("/a").event.node.value, QStringLiteral("cas"));
        QCOMPARE(get("/a").event.node.createdIndex, 11u); // a set replaces the node, as in etcd
        QCOMPARE(get("/a").event.node.modifiedIndex, 18u);
        QCOMPARE(get("/_h").event.node.value, QStringLiteral("hidden"));
        QCOMPARE(get("/_h").event.node.createdIndex, 8u);
        QCOMPARE(get("/d").event.node.createdIndex, 6u);
        QCOMPARE(get("/d").event.node.expirationNs, kFarFuture + kSec / 2);
        QVERIFY(!get("/d/k").ok());
        QVERIFY(!get("/gone").ok());
        QVERIFY(!get("/uncommitted").ok());
        QVERIFY(!get("/zz").ok());
        QVERIFY(!get("/0").ok()); // etcd's cluster data stays behind
        QCOMPARE(get("/t").event.node.expirationNs, kFarFuture);
        QCOMPARE(get("/t").event.node.modifiedIndex, 13u);
        const auto queue = s.read(QStringLiteral("/q"), true, true, 0);
        QCOMPARE(queue.event.node.nodes.size(), 1);
        QCOMPARE(queue.event.node.nodes.first().key, QStringLiteral("/q/00000000000000000012"));

        // The history carried over starts after the newest event outside /1 (the ConfChange).
        QCOMPARE(s.history().size(), 1);
        QCOMPARE(s.history().startIndex(), 18u);
        QCOMPARE(s.history().events().first().node.key, QStringLiteral("/a"));

        QVERIFY(back->auth.isEnabled());
        QVERIFY(back->auth.user(QStringLiteral("root")));
        QVERIFY(back->auth.check(QStringLiteral("root"), QStringLiteral("rootpw")));
        const auto reader = back->auth.role(QStringLiteral("reader"));
        QVERIFY(reader);
        QCOMPARE(reader->permissions.read, QStringList{QStringLiteral("/d/*")});
    }

    void failedImportLeavesNothing()
    {
        QTemporaryDir tmp;
        const QString etcd = tmp.filePath(QStringLiteral("etcd"));
        WalBuilder w;
        w.metadata(1, 2);
        w.entry(1, v2("PUT", QStringLiteral("/1/a"), QStringLiteral("x")));
        w.hardState(1);
        w.entry(2, "\xff\xff\xff garbage");
        w.hardState(2);
        writeFile(etcd + QStringLiteral("/member/wal/0000000000000000-0000000000000000.wal"),
                  w.bytes);
        ImportOptions o;
        o.etcdDataDir = etcd;
        o.outDir = tmp.filePath(QStringLiteral("out"));
        ImportReport report;
        QString error;
        QVERIFY(!EtcdImport::importDataDir(o, &report, &error));
        QVERIFY2(error.contains(QStringLiteral("entry 2")) &&
                     error.contains(QStringLiteral(".wal: offset ")),
                 qPrintable(error));
        QVERIFY(!QFileInfo::exists(o.outDir));
        QVERIFY(!QFileInfo::exists(o.outDir + QStringLiteral(".tmp")));
    }

    void refusesAnExistingDataDir()
    {
        QTemporaryDir tmp;
        writeFile(tmp.filePath(QStringLiteral("out/member/x")), "x");
        writeFile(tmp.filePath(QStringLiteral("etcd/member/wal/0-0.wal")), {});
        ImportOptions o;
        o.etcdDataDir = tmp.filePath(QStringLiteral("etcd"));
        o.outDir = tmp.filePath(QStringLiteral("out"));
        ImportReport report;
        QString error;
        QVERIFY(!EtcdImport::importDataDir(o, &report, &error));
        QVERIFY2(error.contains(QStringLiteral("not empty")), qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(tst_etcdimport)
#include "tst_etcdimport.moc"
