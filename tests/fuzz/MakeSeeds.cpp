// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Writes the binary seed inputs of tests/fuzz/corpus (the text ones are
// written by hand): valid values built with the project's own encoders, the
// way the unit tests build them, wrapped in each harness's input layout.
// Run once after a format changes: fuzz_make_seeds <tests/fuzz/corpus>.
#include "auth/AuthCommand.h"
#include "auth/AuthStore.h"
#include "node/ClusterMembership.h"
#include "node/NodeSnapshot.h"
#include "node/RaftRequest.h"
#include "raft/ConfChange.h"
#include "raft/ConfState.h"
#include "raft/Entry.h"
#include "raft/HardState.h"
#include "raft/Message.h"
#include "raft/SnapshotMetadata.h"
#include "storage/Snapshotter.h"
#include "storage/WalRecord.h"
#include "store/Command.h"
#include "store/Store.h"
#include "transport/Chunk.h"
#include "transport/Frame.h"
#include "transport/Hello.h"
#include "transport/HelloAck.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

namespace {

QString g_root;

void write(const char *harness, const char *name, const QByteArray &bytes)
{
    const QString dir = g_root + u'/' + QLatin1String(harness);
    QDir().mkpath(dir);
    QFile f(dir + u'/' + QLatin1String(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(f.fileName()));
        std::exit(1);
    }
}

QByteArray withSelector(quint8 selector, const QByteArray &bytes)
{
    return QByteArray(1, char(selector)) + bytes;
}

store::Command setCommand(const QString &path, const QString &value, qint64 expirationNs = 0)
{
    store::Command c;
    c.op = store::Command::Op::Set;
    c.path = path;
    c.value = value;
    c.expirationNs = expirationNs;
    c.timeNs = 1'000'000'000;
    return c;
}

QList<store::Command> someCommands()
{
    QList<store::Command> out{setCommand("/a", "1"), setCommand("/dir/b", "two", 5'000'000'000),
                              setCommand("/dir/c", "three")};
    store::Command mkdir;
    mkdir.op = store::Command::Op::Create;
    mkdir.path = "/queue";
    mkdir.dir = true;
    out.append(mkdir);
    store::Command post;
    post.op = store::Command::Op::Create;
    post.path = "/queue";
    post.unique = true;
    post.value = "job";
    out.append(post);
    store::Command cas;
    cas.op = store::Command::Op::CompareAndSwap;
    cas.path = "/a";
    cas.value = "2";
    cas.prevValue = "1";
    out.append(cas);
    store::Command del;
    del.op = store::Command::Op::Delete;
    del.path = "/dir";
    del.dir = del.recursive = true;
    out.append(del);
    store::Command expire;
    expire.op = store::Command::Op::Expire;
    expire.timeNs = 6'000'000'000;
    out.append(expire);
    return out;
}

auth::AuthCommand createRole()
{
    auth::AuthCommand c;
    c.op = auth::AuthCommand::Op::CreateRole;
    c.name = "reader";
    c.permissions.read = QStringList{"/public/*"};
    c.permissions.write = QStringList{};
    return c;
}

auth::AuthCommand createUser()
{
    auth::AuthCommand c;
    c.op = auth::AuthCommand::Op::CreateUser;
    c.name = "alice";
    c.password.key = "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234";
    c.roles = QStringList{"reader"};
    return c;
}

QByteArray storeImage()
{
    store::Store store;
    for (const store::Command &c : someCommands())
        store.apply(c);
    return store.save();
}

QByteArray authImage()
{
    auth::AuthStore auth;
    auth.apply(createRole());
    auth.apply(createUser());
    return auth.save();
}

QByteArray membershipJson()
{
    node::ClusterMembership m;
    m.setClusterId(0x1234567890abcdefULL);
    m.add(api::MemberInfo{
        0x8e9e05c52164694dULL, "infra1", {"http://127.0.0.1:2380"}, {"http://127.0.0.1:2379"}});
    m.add(api::MemberInfo{0x91bc3c398fb3c146ULL, "infra2", {"http://127.0.0.1:2381"}, {}});
    return m.toJson();
}

QByteArray nodeSnapshot()
{
    node::NodeSnapshot s{storeImage(), membershipJson(), authImage()};
    return s.encode();
}

raft::SnapshotMetadata metadata()
{
    raft::SnapshotMetadata m;
    m.index = 42;
    m.term = 3;
    m.confState.voters = {1, 2, 3};
    m.confState.learners = {4};
    return m;
}

QList<raft::Entry> entries()
{
    QList<raft::Entry> out;
    node::RaftRequest store;
    store.kind = node::RaftRequest::Kind::Store;
    store.id = 7;
    store.command = setCommand("/a", "1");
    out.append(raft::Entry{2, 10, raft::EntryType::Normal, store.encode()});
    node::RaftRequest auth;
    auth.kind = node::RaftRequest::Kind::Auth;
    auth.id = 8;
    auth.auth = createRole().encode();
    out.append(raft::Entry{2, 11, raft::EntryType::Normal, auth.encode()});
    raft::ConfChange cc{raft::ConfChangeType::AddNode, 4, membershipJson()};
    out.append(raft::Entry{2, 12, raft::EntryType::ConfChange, cc.encode()});
    out.append(raft::Entry{3, 13, raft::EntryType::Normal, {}});
    return out;
}

void raftSeeds()
{
    raft::Message app;
    app.type = raft::MessageType::MsgApp;
    app.to = 2;
    app.from = 1;
    app.term = 3;
    app.logTerm = 2;
    app.index = 9;
    app.commit = 10;
    app.entries = entries();
    write("raft_message", "msg_app", withSelector(0, app.encode()));
    raft::Message snap;
    snap.type = raft::MessageType::MsgSnap;
    snap.to = 2;
    snap.from = 1;
    snap.term = 3;
    snap.snapshot = raft::Snapshot{metadata(), nodeSnapshot()};
    write("raft_message", "msg_snap", withSelector(0, snap.encode()));
    raft::Message resp;
    resp.type = raft::MessageType::MsgAppResp;
    resp.to = 1;
    resp.from = 2;
    resp.term = 3;
    resp.reject = true;
    resp.rejectHint = 5;
    resp.context = "ctx";
    write("raft_message", "msg_app_resp", withSelector(0, resp.encode()));
    write("raft_message", "entry", withSelector(1, entries().first().encode()));
    write("raft_message", "hard_state", withSelector(2, raft::HardState{3, 1, 10}.encode()));
    write("raft_message", "conf_change",
          withSelector(3, raft::ConfChange{raft::ConfChangeType::RemoveNode, 2, "x"}.encode()));
    write("raft_message", "conf_state", withSelector(4, metadata().confState.encode()));
    write("raft_message", "snapshot_metadata", withSelector(5, metadata().encode()));
    write("raft_message", "raft_request_store", withSelector(6, entries()[0].data));
    write("raft_message", "raft_request_auth", withSelector(6, entries()[1].data));
    node::RaftRequest attrs;
    attrs.kind = node::RaftRequest::Kind::Attributes;
    attrs.id = 9;
    attrs.memberId = 1;
    attrs.name = "infra1";
    attrs.clientUrls = {"http://127.0.0.1:2379"};
    write("raft_message", "raft_request_attributes", withSelector(6, attrs.encode()));
    write("raft_message", "command", withSelector(7, someCommands()[5].encode()));
    write("raft_message", "auth_command", withSelector(8, createUser().encode()));
    QByteArray sequence(1, char(9));
    for (const store::Command &c : someCommands()) {
        const QByteArray e = c.encode();
        sequence += char(e.size()) + e;
    }
    write("raft_message", "store_sequence", sequence);
}

void nodeSnapshotSeeds()
{
    write("node_snapshot", "envelope", withSelector(0, nodeSnapshot()));
    // Version 3, the form of a store of 4 GiB or more, here for a small one.
    write(
        "node_snapshot", "envelope_long_form",
        withSelector(0, node::NodeSnapshot{storeImage(), membershipJson(), authImage()}.encode(0)));
    write("node_snapshot", "store", withSelector(1, storeImage()));
    write("node_snapshot", "auth", withSelector(2, authImage()));
    write("node_snapshot", "membership", withSelector(3, membershipJson()));
}

void walSeeds()
{
    using namespace storage;
    QByteArray segment;
    WalRecord{WalRecordType::Metadata, "member 1 cluster 2"}.appendTo(segment);
    WalRecord{WalRecordType::SnapshotMarker, WalRecord::encodeMarker(9, 2)}.appendTo(segment);
    WalRecord{WalRecordType::HardState, raft::HardState{3, 1, 10}.encode()}.appendTo(segment);
    for (const raft::Entry &e : entries())
        WalRecord{WalRecordType::Entry, e.encode()}.appendTo(segment);
    write("wal_segment", "clean_last", QByteArray(1, char(1)) + segment);
    write("wal_segment", "clean_not_last", QByteArray(1, char(0)) + segment);
    write("wal_segment", "torn_last", QByteArray(1, char(1)) + segment.left(segment.size() - 5));
    // Framed mode: type, u8 length, payload per record; then what to cut and flip.
    QByteArray framed("\x03\x03", 2);
    const QByteArray meta = "member 1";
    framed += char(WalRecordType::Metadata) + QByteArray(1, char(meta.size())) + meta;
    const QByteArray hs = raft::HardState{3, 1, 10}.encode();
    framed += char(WalRecordType::HardState) + QByteArray(1, char(hs.size())) + hs;
    const QByteArray entry = raft::Entry{1, 1, raft::EntryType::Normal, "x"}.encode();
    framed += char(WalRecordType::Entry) + QByteArray(1, char(entry.size())) + entry;
    write("wal_segment", "framed", framed + QByteArray(1, '\0'));
    write("wal_segment", "framed_cut", framed + QByteArray(1, '\x07'));
    write("wal_segment", "framed_flip", framed + QByteArray("\0\0\x14\x40", 4));
}

void snapshotFileSeeds()
{
    QTemporaryDir dir;
    storage::Snapshotter snapshotter(dir.path());
    const raft::Snapshot snap{metadata(), nodeSnapshot()};
    if (!snapshotter.save(snap).ok()) {
        std::fprintf(stderr, "cannot save a snapshot\n");
        std::exit(1);
    }
    QFile f(dir.path() + u'/' + storage::Snapshotter::fileName(3, 42));
    if (!f.open(QIODevice::ReadOnly))
        std::exit(1);
    write("snapshot_file", "file", QByteArray(1, '\0') + f.readAll());
    const QByteArray meta = metadata().encode();
    write("snapshot_file", "wrapped",
          QByteArray(1, '\x01') + char(meta.size()) + meta + QByteArray("store image"));
}

QByteArray pieces(const QByteArray &stream, int pieceSize)
{
    QByteArray out(1, char(12)); // assembler limit 2^(8 + 12) bytes
    for (qsizetype i = 0; i < stream.size(); i += pieceSize) {
        const QByteArray piece = stream.mid(i, pieceSize);
        out += char(piece.size()) + piece;
    }
    return out;
}

void peerSeeds()
{
    using namespace transport;
    QByteArray dialer = Frame::encode(FrameType::Hello, Hello{0x1234, 1, 2}.encode());
    dialer += Frame::encode(FrameType::Ping, Frame::encodeSequence(77));
    raft::Message hb;
    hb.type = raft::MessageType::MsgHeartbeat;
    hb.to = 2;
    hb.from = 1;
    hb.term = 3;
    hb.commit = 9;
    dialer += Frame::encode(FrameType::Message, hb.encode());
    raft::Message app;
    app.type = raft::MessageType::MsgApp;
    app.to = 2;
    app.from = 1;
    app.term = 3;
    app.entries = entries();
    const QByteArray payload = app.encode();
    for (qsizetype at = 0; at < payload.size(); at += 100) {
        Chunk c{1, quint64(payload.size()), quint64(at), payload.mid(at, 100)};
        dialer += Frame::encode(FrameType::Chunk, c.encode());
    }
    write("peer_frames", "dialer_stream", pieces(dialer, 255));
    write("peer_frames", "dialer_stream_small_pieces", pieces(dialer.left(300), 7));
    QByteArray listener =
        Frame::encode(FrameType::HelloAck, HelloAck{HelloStatus::Accepted, 0x1234}.encode());
    listener += Frame::encode(FrameType::Pong, Frame::encodeSequence(77));
    listener += Frame::encode(FrameType::Pong,
                              Frame::encodePong({78 | kPingWantsClock, 1'700'000'000'123'456'789}));
    listener += Frame::encode(FrameType::BulkAck);
    write("peer_frames", "listener_stream", pieces(listener, 255));
    const QByteArray info =
        Frame::encode(FrameType::ClusterInfoResponse, QByteArray(1, '\0') + membershipJson());
    write("peer_frames", "cluster_info",
          pieces(Frame::encode(FrameType::ClusterInfoRequest) + info, 255));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <tests/fuzz/corpus>\n", argv[0]);
        return 2;
    }
    g_root = QString::fromLocal8Bit(argv[1]);
    raftSeeds();
    nodeSnapshotSeeds();
    walSeeds();
    snapshotFileSeeds();
    peerSeeds();
    return 0;
}
