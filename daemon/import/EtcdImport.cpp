// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "EtcdImport.h"
#include "../SubcommandFlag.h"

#include "EtcdSnapshotReader.h"
#include "EtcdWalReader.h"
#include "node/Bootstrap.h"
#include "node/NodeOptions.h"
#include "node/NodeSnapshot.h"
#include "node/WalMetadata.h"
#include "raft/HardState.h"
#include "raft/Snapshot.h"
#include "storage/DataDir.h"
#include "storage/DiskOps.h"
#include "storage/Snapshotter.h"
#include "storage/Wal.h"
#include "store/Node.h"
#include "store/StoreSnapshot.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstring>

namespace etcdimport {

Q_LOGGING_CATEGORY(lcImport, "qetcd.import")

namespace {

// etcd's newStore("/0", "/1"): what a member that never took a snapshot starts from.
const QByteArray kEmptyEtcdStore = R"({"Root":{"Path":"/","CreatedIndex":0,"ModifiedIndex":0,
"ExpireTime":"0001-01-01T00:00:00Z","Value":"","Children":{
"0":{"Path":"/0","CreatedIndex":0,"ModifiedIndex":0,"ExpireTime":"0001-01-01T00:00:00Z","Value":"","Children":{}},
"1":{"Path":"/1","CreatedIndex":0,"ModifiedIndex":0,"ExpireTime":"0001-01-01T00:00:00Z","Value":"","Children":{}}}},
"CurrentIndex":0})";

// The qetcd member's Raft position in the new data dir: one snapshot at index 1, term 1.
constexpr quint64 kRaftIndex = 1;
constexpr quint64 kRaftTerm = 1;

bool writeQetcdDataDir(const QString &dir, const ImportOptions &options, const QByteArray &keys,
                       const QByteArray &auth, ImportReport *report, QString *error)
{
    node::NodeOptions no;
    no.name = options.name;
    no.peerUrls = options.peerUrls;
    no.clientUrls = options.clientUrls;
    no.clusterToken = options.clusterToken;
    no.dataDir = dir;
    const node::Bootstrap::Initial initial = node::Bootstrap::initial(no);
    report->memberId = initial.id;
    report->clusterId = initial.membership.clusterId();

    storage::DataDir dataDir(dir);
    storage::StorageResult r = dataDir.open();
    if (!r.ok()) {
        *error = r.error;
        return false;
    }
    raft::Snapshot snap;
    snap.metadata.index = kRaftIndex;
    snap.metadata.term = kRaftTerm;
    snap.metadata.confState.voters = {initial.id};
    snap.data = node::NodeSnapshot{keys, initial.membership.toJson(), auth}.encode();
    r = storage::Snapshotter(dataDir.snapDir()).save(snap);
    if (!r.ok()) {
        *error = r.error;
        return false;
    }
    const node::WalMetadata meta{initial.id, initial.membership.clusterId(),
                                 initial.membership.toJson()};
    storage::Wal::Opened created = storage::Wal::create(dataDir.walDir(), meta.encode());
    if (!created.result.ok()) {
        *error = created.result.error;
        return false;
    }
    created.wal->appendSnapshotMarker({kRaftIndex, kRaftTerm});
    created.wal->append(raft::HardState{kRaftTerm, initial.id, kRaftIndex}, {});
    r = created.wal->sync();
    if (!r.ok()) {
        *error = r.error;
        return false;
    }
    return true;
}

} // namespace

bool EtcdImport::wanted(int argc, char **argv)
{
    return argc >= 2 && std::strcmp(argv[1], "import-etcd") == 0;
}

bool EtcdImport::importDataDir(const ImportOptions &options, ImportReport *report, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    const QString memberDir = QDir(options.etcdDataDir).filePath(QStringLiteral("member"));
    const QString snapDir = QDir(memberDir).filePath(QStringLiteral("snap"));
    const QString walDir = options.etcdWalDir.isEmpty()
                               ? QDir(memberDir).filePath(QStringLiteral("wal"))
                               : options.etcdWalDir;
    if (!QFileInfo(walDir).isDir()) {
        *error =
            tr("%1: no such directory (is %2 an etcd data dir?)").arg(walDir, options.etcdDataDir);
        return false;
    }
    const QString out = QDir::cleanPath(options.outDir);
    const QString tmp = out + QStringLiteral(".tmp");
    if (QFileInfo::exists(out) && !(QFileInfo(out).isDir() && QDir(out).isEmpty())) {
        *error = tr("%1 exists and is not empty: the import creates a new data dir").arg(out);
        return false;
    }
    if (QFileInfo::exists(tmp)) {
        *error = tr("%1 exists (left by an import that failed?): remove it first").arg(tmp);
        return false;
    }

    // 1. The newest snapshot and the log.
    const std::optional<EtcdSnapshot> snap = EtcdSnapshotReader::readNewest(snapDir, error);
    if (!snap && !error->isEmpty())
        return false;
    const std::optional<EtcdWal> wal = EtcdWalReader::readDir(walDir, error);
    if (!wal)
        return false;
    report->etcdMemberId = wal->nodeId;
    report->etcdClusterId = wal->clusterId;

    // 2. The v2 store at the snapshot, then every committed entry after it.
    EtcdV2Replay replay;
    const quint64 from = snap ? snap->index : 0;
    if (!replay.load(snap ? snap->data : kEmptyEtcdStore, snap ? snap->file : walDir, error))
        return false;
    if (snap) {
        report->snapshotFile = snap->file;
        report->snapshotRaftIndex = snap->index;
    }
    const quint64 commit = std::max(wal->commit, from);
    report->appliedRaftIndex = from;
    bool first = true;
    for (const EtcdEntry &e : wal->entries) {
        if (e.index <= from)
            continue;
        if (first && e.index != from + 1) {
            *error = tr("%1: offset %2: the WAL starts at entry %3 but the snapshot %4 ends at "
                        "%5: entries are missing")
                         .arg(e.file)
                         .arg(e.offset)
                         .arg(e.index)
                         .arg(snap ? snap->file : QStringLiteral("(none)"))
                         .arg(from);
            return false;
        }
        first = false;
        if (e.index > commit) {
            ++report->uncommittedSkipped;
            continue;
        }
        if (!replay.apply(e, error))
            return false;
        report->appliedRaftIndex = e.index;
    }
    if (first && !wal->entries.isEmpty() && wal->entries.last().index < from &&
        wal->newestSnapshotIndex < from)
        report->notes.append(
            tr("the WAL ends at entry %1, before the snapshot (%2): the snapshot is newer than "
               "the log, which etcd allows after a crash")
                .arg(wal->entries.last().index)
                .arg(from));
    report->notes += replay.notes();
    report->counts = replay.counts();
    report->v2Index = replay.index();

    // 3. qetcd's images: the keys at the root, the auth state.
    const QByteArray keys = replay.keysImage();
    if (auto decoded = store::StoreSnapshot::decode(keys)) {
        report->keys = decoded->nodeCount - 1;
        report->historyEvents = int(decoded->history.size());
    }
    const QByteArray auth = replay.authImage(&report->notes);
    report->authImported = !auth.isEmpty();

    // 4. Written beside OUT, renamed into place once durable.
    if (!writeQetcdDataDir(tmp, options, keys, auth, report, error)) {
        QDir(tmp).removeRecursively();
        return false;
    }
    if (QFileInfo(out).isDir())
        QDir().rmdir(out);
    if (!QDir().rename(tmp, out)) {
        *error = tr("cannot rename %1 to %2").arg(tmp, out);
        return false;
    }
    const QString parent = QFileInfo(out).absolutePath();
    storage::StorageResult r = storage::DiskOps::syncDirectory(parent);
    if (!r.ok()) {
        *error = r.error;
        return false;
    }
    report->elapsedMs = timer.elapsed();
    return true;
}

int EtcdImport::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString usage = tr(
        "usage: qetcd import-etcd --etcd-data-dir DIR --data-dir OUT [--etcd-wal-dir DIR]\n"
        "       [--name NAME] [--initial-advertise-peer-urls URLS] [--advertise-client-urls URLS]\n"
        "       [--initial-cluster-token TOKEN]\n"
        "  Reads a stopped etcd member's data dir (etcd 2.2 to 3.5, started with v2 data) and\n"
        "  creates the qetcd data dir OUT holding the same v2 keys, values, TTLs, createdIndex,\n"
        "  modifiedIndex and current index, and the v2 auth users, roles and enabled flag.\n"
        "  OUT is a new single-member cluster (new member and cluster ids, from --name and the\n"
        "  URL flags, which `qetcd --data-dir OUT` then reads from OUT); etcd's v3 data and\n"
        "  member and cluster ids are not carried over, its v2 event history (for waitIndex)\n"
        "  only from its newest cluster or auth change on.\n");
    ImportOptions options;
    for (qsizetype i = 2; i < arguments.size(); ++i) {
        const QString a = arguments[i];
        auto value = [&](const QString &flag, QString *into) {
            return server::takeFlagValue(arguments, i, flag, into);
        };
        QString peers, clients;
        if (value(QStringLiteral("--etcd-data-dir"), &options.etcdDataDir) ||
            value(QStringLiteral("--etcd-wal-dir"), &options.etcdWalDir) ||
            value(QStringLiteral("--data-dir"), &options.outDir) ||
            value(QStringLiteral("--name"), &options.name) ||
            value(QStringLiteral("--initial-cluster-token"), &options.clusterToken))
            continue;
        if (value(QStringLiteral("--initial-advertise-peer-urls"), &peers)) {
            options.peerUrls = peers.split(u',', Qt::SkipEmptyParts);
            continue;
        }
        if (value(QStringLiteral("--advertise-client-urls"), &clients)) {
            options.clientUrls = clients.split(u',', Qt::SkipEmptyParts);
            continue;
        }
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            out << usage;
            return 0;
        }
        err << tr("unknown argument: %1").arg(a) << '\n' << usage;
        return 2;
    }
    if (options.etcdDataDir.isEmpty() || options.outDir.isEmpty()) {
        err << tr("--etcd-data-dir and --data-dir are required") << '\n' << usage;
        return 2;
    }
    // The storage classes log where they write, which is OUT.tmp: the summary below says it.
    QLoggingCategory::setFilterRules(QStringLiteral("qetcd.storage.info=false"));
    ImportReport report;
    QString error;
    if (!EtcdImport::importDataDir(options, &report, &error)) {
        err << tr("import-etcd: %1").arg(error) << '\n'
            << tr("import-etcd: nothing was imported (%1 not created)").arg(options.outDir) << '\n';
        return 1;
    }
    const ReplayCounts &c = report.counts;
    out << tr("imported etcd member %1 of cluster %2 from %3\n")
               .arg(report.etcdMemberId, 0, 16)
               .arg(report.etcdClusterId, 0, 16)
               .arg(options.etcdDataDir);
    out << tr("  snapshot: %1 (raft index %2)\n")
               .arg(report.snapshotFile.isEmpty() ? tr("none") : report.snapshotFile)
               .arg(report.snapshotRaftIndex);
    out << tr("  WAL replayed to raft index %1: %2 v2 writes (%3 refused by the store, as by "
              "etcd), %4 SYNCs, %5 reads, %6 membership changes, %7 v3 requests skipped, %8 "
              "empty entries, %9 uncommitted entries left out\n")
               .arg(report.appliedRaftIndex)
               .arg(c.v2Writes)
               .arg(c.v2Failed)
               .arg(c.syncs)
               .arg(c.v2Reads)
               .arg(c.confChanges)
               .arg(c.v3Requests)
               .arg(c.emptyEntries)
               .arg(report.uncommittedSkipped);
    out << tr("  v2 store: %1 nodes, index %2 (X-Etcd-Index), %3 events of history; auth "
              "data: %4\n")
               .arg(report.keys)
               .arg(report.v2Index)
               .arg(report.historyEvents)
               .arg(report.authImported ? tr("imported") : tr("none"));
    for (const QString &note : std::as_const(report.notes))
        out << tr("  note: %1\n").arg(note);
    out << tr("created %1: new single-member cluster %2, member %3 (%4); took %5 ms\n")
               .arg(options.outDir)
               .arg(report.clusterId, 0, 16)
               .arg(report.memberId, 0, 16)
               .arg(options.name)
               .arg(report.elapsedMs);
    return 0;
}

} // namespace etcdimport
