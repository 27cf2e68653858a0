// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/Bootstrap.h"

#include "node/ClusterIdentity.h"
#include "node/NodeLogging.h"
#include "node/NodeOptions.h"
#include "node/RaftLoop.h"
#include "node/StateMachine.h"
#include "node/WalMetadata.h"
#include "storage/DataDir.h"
#include "storage/SnapshotFileReader.h"
#include "storage/Snapshotter.h"
#include "storage/Wal.h"

#include <QMap>

namespace node {

Bootstrap::Initial Bootstrap::initial(NodeOptions &options)
{
    if (options.peerUrls.isEmpty())
        options.peerUrls = {QStringLiteral("http://localhost:2380")};
    if (options.initialCluster.isEmpty()) {
        for (const QString &url : options.peerUrls)
            options.initialCluster.append({options.name, url});
    }
    // Without a data dir nothing can be recovered: start as if new.
    if (options.dataDir.isEmpty())
        options.joinExisting = false;
    Initial initial;
    QMap<QString, QStringList> urlsByName;
    for (const auto &entry : options.initialCluster)
        urlsByName[entry.first].append(entry.second);
    for (auto it = urlsByName.cbegin(); it != urlsByName.cend(); ++it) {
        api::MemberInfo m;
        m.id = ClusterIdentity::memberId(it.value(), options.clusterToken);
        m.name = it.key();
        m.peerUrls = it.value();
        if (it.key() == options.name) {
            m.clientUrls = options.clientUrls;
            initial.id = m.id;
        }
        initial.membership.add(m);
        initial.peers.append(m.id);
    }
    initial.membership.setClusterId(ClusterIdentity::clusterId(initial.peers));
    return initial;
}

bool Bootstrap::open(const NodeOptions &options, RaftLoop &loop, StateMachine &state,
                     bool *restarted, QString *error)
{
    *restarted = false;
    if (options.dataDir.isEmpty()) {
        qCWarning(lcNode) << "no data dir: nothing is persisted";
        return true;
    }
    auto dataDir = std::make_unique<storage::DataDir>(options.dataDir, options.walDir);
    storage::StorageResult r = dataDir->open();
    if (!r.ok()) {
        *error = r.error;
        return false;
    }
    auto snapshotter = std::make_unique<storage::Snapshotter>(dataDir->snapDir());
    snapshotter->removeLeftovers(); // the directory is this member's now (DataDir::open locks it)
    const QString walDir = dataDir->walDir();
    std::unique_ptr<storage::Wal> wal;

    if (storage::Wal::exists(walDir)) {
        QString warning;
        // The newest snapshot file that checks out, decoded as it is read (never whole in
        // memory beside the store built from it); installed below, once the WAL is open.
        std::optional<raft::SnapshotMetadata> snap;
        std::optional<NodeSnapshot::Decoded> snapImage;
        snapshotter->readNewest(
            [&](storage::SnapshotFileReader &file, QString *problem) {
                StateMachine::FileImage read = StateMachine::readImage(file, problem);
                if (!read.intact)
                    return false; // damaged: renamed, and the next older one is tried
                snap = file.metadata();
                snapImage = std::move(read.image);
                return true;
            },
            &warning);
        if (!warning.isEmpty())
            qCWarning(lcNode).noquote() << warning;
        storage::Wal::Options walOptions;
        if (snap)
            walOptions.replayAfter = snap->index;
        storage::Wal::ReadOut out;
        storage::Wal::Opened opened = storage::Wal::open(walDir, &out, walOptions);
        if (!opened.result.ok()) {
            *error = opened.result.error;
            return false;
        }
        if (out.tornTailTruncated)
            qCWarning(lcNode).noquote() << out.warning;
        const std::optional<WalMetadata> meta = WalMetadata::decode(out.metadata);
        if (!meta) {
            *error = tr("the WAL in %1 does not belong to a qetcd member").arg(walDir);
            return false;
        }
        *restarted = true;
        loop.setId(meta->memberId);
        if (auto initial = ClusterMembership::fromJson(meta->initialMembership))
            state.setMembership(*initial);
        state.setClusterId(meta->clusterId);
        if (snap) {
            // Only the metadata: RaftLoop reads the image back from its file when a follower
            // needs it.
            loop.storage().applySnapshot(raft::Snapshot{*snap, {}});
            // Intact but not an image this member reads (a newer format?): kept, and no start.
            if (!snapImage || !state.installImage(*snap, std::move(*snapImage))) {
                *error = StateMachine::unreadable(*snap);
                return false;
            }
        }
        loop.restore(out.hardState, out.entries);
        qCInfo(lcNode,
               "restarting member %llx in cluster %llx at commit index %llu (snapshot %llu, %lld "
               "entries in the WAL)",
               qulonglong(loop.id()), qulonglong(state.membership().clusterId()),
               qulonglong(out.hardState.commit), qulonglong(state.snapshotIndex()),
               qlonglong(out.entries.size()));
        if (options.forceNewCluster) {
            // Disaster recovery: keep the data, forget the other members, as etcd does.
            QList<quint64> others = state.membership().ids();
            others.removeAll(loop.id());
            loop.forceNewCluster(others, *opened.wal);
            qCWarning(lcNode) << "forcing a new cluster: removed" << others.size() << "members";
        }
        wal = std::move(opened.wal);
    } else {
        const WalMetadata meta{loop.id(), state.membership().clusterId(),
                               state.membership().toJson()};
        storage::Wal::Opened created = storage::Wal::create(walDir, meta.encode());
        if (!created.result.ok()) {
            *error = created.result.error;
            return false;
        }
        wal = std::move(created.wal);
        qCInfo(lcNode, "starting member %llx in cluster %llx", qulonglong(loop.id()),
               qulonglong(state.membership().clusterId()));
    }
    loop.attachStorage(std::move(dataDir), std::move(snapshotter), std::move(wal));
    return true;
}

} // namespace node
