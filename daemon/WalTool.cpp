// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "WalTool.h"
#include "SubcommandFlag.h"

#include "node/RaftRequest.h"
#include "raft/ConfChange.h"
#include "storage/DataDir.h"
#include "storage/DiskOps.h"
#include "storage/Wal.h"
#include "storage/WalSegmentScan.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstring>

namespace server {

using namespace storage;

namespace {

QByteArray readAll(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        *error = f.errorString();
    return bytes;
}

QString hex(quint64 v)
{
    return QString::number(v, 16);
}

// A value cut to a readable length, quoted.
QString shortValue(const QString &v)
{
    constexpr int kMax = 40;
    if (v.size() <= kMax)
        return u'"' + v + u'"';
    return u'"' + v.left(kMax) + QStringLiteral("\"...(%1 chars)").arg(v.size());
}

QString opName(store::Command::Op op)
{
    switch (op) {
    case store::Command::Op::Set:
        return QStringLiteral("set");
    case store::Command::Op::Create:
        return QStringLiteral("create");
    case store::Command::Op::Update:
        return QStringLiteral("update");
    case store::Command::Op::CompareAndSwap:
        return QStringLiteral("compareAndSwap");
    case store::Command::Op::Delete:
        return QStringLiteral("delete");
    case store::Command::Op::CompareAndDelete:
        return QStringLiteral("compareAndDelete");
    case store::Command::Op::Expire:
        return QStringLiteral("expire");
    }
    return QStringLiteral("op%1").arg(int(op));
}

// What an entry carries, in a few words (etcd-dump-logs' last column).
QString entrySummary(const raft::Entry &e)
{
    if (e.type == raft::EntryType::ConfChange) {
        const auto cc = raft::ConfChange::decode(e.data);
        if (!cc)
            return QStringLiteral("conf-change (undecodable)");
        const char *kind = cc->type == raft::ConfChangeType::AddNode      ? "add-node"
                           : cc->type == raft::ConfChangeType::RemoveNode ? "remove-node"
                                                                          : "add-learner";
        return QStringLiteral("conf-change %1 node=%2").arg(QLatin1String(kind), hex(cc->nodeId));
    }
    if (e.data.isEmpty())
        return QStringLiteral("empty (a new leader's entry)");
    const std::optional<node::RaftRequest> r = node::RaftRequest::decode(e.data);
    if (!r)
        return QStringLiteral("undecodable request");
    switch (r->kind) {
    case node::RaftRequest::Kind::Store: {
        const store::Command &c = r->command;
        QString s = opName(c.op);
        if (c.op != store::Command::Op::Expire)
            s += u' ' + c.path;
        if (c.dir)
            s += QStringLiteral(" dir");
        if (c.recursive)
            s += QStringLiteral(" recursive");
        if (c.unique)
            s += QStringLiteral(" in-order");
        if (c.refresh)
            s += QStringLiteral(" refresh");
        if (!c.value.isEmpty())
            s += QStringLiteral(" value=") + shortValue(c.value);
        if (!c.prevValue.isEmpty())
            s += QStringLiteral(" prevValue=") + shortValue(c.prevValue);
        if (c.prevIndex)
            s += QStringLiteral(" prevIndex=%1").arg(c.prevIndex);
        if (c.expirationNs)
            s += QStringLiteral(" expires-ns=%1").arg(c.expirationNs);
        return s;
    }
    case node::RaftRequest::Kind::Attributes:
        return QStringLiteral("attributes member=%1 name=%2 client-urls=%3")
            .arg(hex(r->memberId), r->name, r->clientUrls.join(u','));
    case node::RaftRequest::Kind::Noop:
        return QStringLiteral("noop");
    case node::RaftRequest::Kind::PeerUrls:
        return QStringLiteral("peer-urls member=%1 %2")
            .arg(hex(r->memberId), r->peerUrls.join(u','));
    case node::RaftRequest::Kind::Auth:
        return QStringLiteral("auth (%1 bytes)").arg(r->auth.size());
    }
    return QStringLiteral("unknown request kind");
}

// One dump line for an intact record (without the file@offset prefix).
QString describeRecord(const WalRecord &r)
{
    const qsizetype size = r.encodedSize();
    switch (r.type) {
    case WalRecordType::Metadata:
        return QStringLiteral("metadata size=%1").arg(size);
    case WalRecordType::HardState: {
        const auto hs = raft::HardState::decode(r.payload);
        if (!hs)
            return QStringLiteral("hardstate (undecodable) size=%1").arg(size);
        return QStringLiteral("hardstate term=%1 vote=%2 commit=%3")
            .arg(hs->term)
            .arg(hex(hs->vote))
            .arg(hs->commit);
    }
    case WalRecordType::Entry: {
        const auto e = raft::Entry::decode(r.payload);
        if (!e)
            return QStringLiteral("entry (undecodable) size=%1").arg(size);
        return QStringLiteral("entry index=%1 term=%2 type=%3 size=%4 %5")
            .arg(e->index)
            .arg(e->term)
            .arg(e->type == raft::EntryType::ConfChange ? QStringLiteral("conf-change")
                                                        : QStringLiteral("normal"))
            .arg(size)
            .arg(entrySummary(*e));
    }
    case WalRecordType::SnapshotMarker: {
        quint64 index = 0, term = 0;
        if (!WalRecord::decodeMarker(r.payload, &index, &term))
            return QStringLiteral("snapshot-marker (undecodable) size=%1").arg(size);
        return QStringLiteral("snapshot-marker index=%1 term=%2").arg(index).arg(term);
    }
    }
    return QStringLiteral("unknown type %1 size=%2").arg(int(r.type)).arg(size);
}

// Entry indexes met in bytes, for telling the operator what a removal loses.
struct EntryRange
{
    quint64 first = 0, last = 0;
    int records = 0;
    void add(const WalRecord &r)
    {
        ++records;
        if (r.type != WalRecordType::Entry)
            return;
        if (const auto e = raft::Entry::decode(r.payload)) {
            if (first == 0 || e->index < first)
                first = e->index;
            last = std::max(last, e->index);
        }
    }
};

// Every record that still reads back intact in bytes from `from` on, as dump lines.
QStringList intactRecordsFrom(const QByteArray &bytes, qsizetype from, EntryRange *range)
{
    QStringList lines;
    for (qsizetype p = WalSegmentScan::findIntactRecord(bytes, from); p >= 0;
         p = WalSegmentScan::findIntactRecord(bytes, p)) {
        WalRecord r;
        qsizetype n = 0;
        WalRecord::parse(bytes.constData() + p, bytes.size() - p, &r, &n);
        lines.append(QStringLiteral("@%1 ").arg(p) + describeRecord(r));
        range->add(r);
        p += n;
    }
    return lines;
}

} // namespace

bool WalTool::wanted(int argc, char **argv)
{
    return argc >= 2 && std::strcmp(argv[1], "wal") == 0;
}

WalTool::WalTool(const QString &walDir, QTextStream &out, QTextStream &err)
    : m_walDir(walDir), m_out(out), m_err(err)
{
}

int WalTool::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString usage =
        tr("usage: qetcd wal verify|dump|repair --data-dir DIR [--wal-dir DIR] [--truncate] "
           "[--drop-later-segments]\n"
           "  verify   check every WAL record as a starting member would; changes nothing\n"
           "  dump     print one line per record (entries with index, term, type, size and "
           "content)\n"
           "  repair   show what cutting the WAL at its first bad record would remove;\n"
           "           with --truncate do it, keeping a .bak copy of everything removed\n"
           "           (damage before the newest segment also needs --drop-later-segments)\n");
    const QString command = arguments.value(2);
    QString dataDir, walDir;
    bool truncate = false, dropLater = false;
    for (qsizetype i = 3; i < arguments.size(); ++i) {
        const QString a = arguments[i];
        auto value = [&](const QString &flag, QString *into) {
            return server::takeFlagValue(arguments, i, flag, into);
        };
        if (value(QStringLiteral("--data-dir"), &dataDir) ||
            value(QStringLiteral("--wal-dir"), &walDir))
            continue;
        if (a == QLatin1String("--truncate")) {
            truncate = true;
        } else if (a == QLatin1String("--drop-later-segments")) {
            dropLater = true;
        } else if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            out << usage;
            return 0;
        } else {
            err << tr("unknown argument: %1").arg(a) << '\n' << usage;
            return 2;
        }
    }
    const bool known = command == QLatin1String("verify") || command == QLatin1String("dump") ||
                       command == QLatin1String("repair");
    if (!known || dataDir.isEmpty() || ((truncate || dropLater) && command != "repair")) {
        err << usage;
        return 2;
    }
    DataDir dirs(dataDir, walDir);
    if (!Wal::exists(dirs.walDir())) {
        err << tr("no WAL segments in %1").arg(dirs.walDir()) << '\n';
        return 1;
    }
    if (command == QLatin1String("repair") && truncate) {
        // Never under a running member's feet.
        const StorageResult locked = dirs.open();
        if (!locked.ok()) {
            err << locked.error << '\n';
            return 1;
        }
    }
    WalTool tool(dirs.walDir(), out, err);
    if (command == QLatin1String("verify"))
        return tool.verify();
    if (command == QLatin1String("dump"))
        return tool.dump();
    return tool.repair(truncate, dropLater);
}

int WalTool::verify()
{
    Wal::ReadOut read;
    Wal::Options options;
    options.readOnly = true;
    const Wal::Opened opened = Wal::open(m_walDir, &read, options);
    if (!opened.result.ok()) {
        m_out << tr("DAMAGED: %1").arg(opened.result.error) << '\n';
        return 1;
    }
    const quint64 first = read.entries.isEmpty() ? 0 : read.entries.first().index;
    const quint64 last = read.entries.isEmpty() ? read.replayedAfter : read.entries.last().index;
    QString verdict = tr("OK: %1 segments, entries %2 to %3 after snapshot index %4, term %5, "
                         "commit %6")
                          .arg(opened.wal->segmentFiles().size())
                          .arg(first)
                          .arg(last)
                          .arg(read.replayedAfter)
                          .arg(read.hardState.term)
                          .arg(read.hardState.commit);
    if (read.tornTail)
        verdict += u'\n' + tr("NOTE: %1").arg(read.warning);
    m_out << verdict << '\n';
    return 0;
}

int WalTool::dump()
{
    const QStringList segments = Wal::segmentFilesIn(m_walDir);
    int damaged = 0;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString path = m_walDir + u'/' + segments[i];
        QString error;
        const QByteArray bytes = readAll(path, &error);
        if (!error.isEmpty()) {
            m_out << tr("%1: cannot read: %2").arg(path, error) << '\n';
            ++damaged;
            continue;
        }
        const auto outcome = WalSegmentScan::scan(
            bytes, i == segments.size() - 1, [&](const WalRecord &r, qsizetype offset) {
                m_out << segments[i] << u'@' << offset << u' ' << describeRecord(r) << '\n';
                return QString();
            });
        if (outcome.end != WalSegmentScan::End::Clean) {
            // A torn tail is what a crash leaves, not damage: verify says OK for it too.
            if (outcome.end == WalSegmentScan::End::Corrupt)
                ++damaged;
            m_out << segments[i] << u'@' << outcome.badOffset << u' '
                  << (outcome.end == WalSegmentScan::End::TornTail
                          ? tr("TORN TAIL (a restart cuts it off): %1")
                          : tr("DAMAGED: %1"))
                         .arg(outcome.reason)
                  << '\n';
        }
    }
    return damaged ? 1 : 0;
}

int WalTool::repair(bool truncate, bool dropLaterSegments)
{
    Wal::ReadOut read;
    Wal::Options options;
    options.readOnly = true;
    const Wal::Opened opened = Wal::open(m_walDir, &read, options);
    if (opened.result.ok() && !read.tornTail) {
        m_out << tr("nothing to repair: the WAL reads back intact") << '\n';
        return 0;
    }
    if ((!opened.result.ok() && opened.result.status != StorageStatus::Corrupt) ||
        read.damagedSegment < 0) {
        m_out << tr("cannot repair by truncation: %1").arg(opened.result.error) << '\n';
        return 1;
    }
    const QStringList segments = Wal::segmentFilesIn(m_walDir);
    const qsizetype at = read.damagedSegment;
    const qint64 offset = read.damagedOffset;
    const QString file = read.damagedFile;
    const QString why = opened.result.ok() ? read.warning : opened.result.error;
    if (at == 0 && offset == 0) {
        m_out << tr("cannot repair: the first record of the oldest segment is damaged (%1); "
                    "without it the WAL has no member identity. Remove the member and add it "
                    "again with an empty data dir.")
                     .arg(why)
              << '\n';
        return 1;
    }
    QString error;
    const QByteArray bytes = readAll(file, &error);
    if (!error.isEmpty()) {
        m_out << tr("%1: cannot read: %2").arg(file, error) << '\n';
        return 1;
    }

    // What goes: the rest of the damaged segment, and every later segment.
    QStringList lines;
    lines << tr("first bad record: %1").arg(why);
    EntryRange cutRange;
    const QStringList intact = intactRecordsFrom(bytes, offset, &cutRange);
    lines << tr("remove bytes %1 to %2 of %3 (%4 bytes; %5 records in them still read back "
                "intact%6)")
                 .arg(offset)
                 .arg(bytes.size())
                 .arg(file)
                 .arg(bytes.size() - offset)
                 .arg(intact.size())
                 .arg(intact.isEmpty() ? QString() : QStringLiteral(":"));
    for (const QString &l : intact)
        lines << QStringLiteral("    ") + QFileInfo(file).fileName() + l;
    const QStringList later = segments.mid(at + 1);
    for (const QString &name : later) {
        const QString path = m_walDir + u'/' + name;
        const QByteArray laterBytes = readAll(path, &error);
        EntryRange range;
        intactRecordsFrom(laterBytes, 0, &range);
        lines << (range.first ? tr("remove segment %1 (%2 bytes, %3 records, entries %4 to %5)")
                                    .arg(path)
                                    .arg(laterBytes.size())
                                    .arg(range.records)
                                    .arg(range.first)
                                    .arg(range.last)
                              : tr("remove segment %1 (%2 bytes, %3 records, no entries)")
                                    .arg(path)
                                    .arg(laterBytes.size())
                                    .arg(range.records));
    }
    for (const QString &l : std::as_const(lines))
        m_out << l << '\n';
    if (!later.isEmpty() && !dropLaterSegments) {
        m_out << tr("REFUSED: the damage is not in the newest segment, so the %1 later "
                    "segment(s) listed above (acknowledged writes among them) would be lost "
                    "too; add --drop-later-segments to accept that")
                     .arg(later.size())
              << '\n';
        return 1;
    }
    if (!truncate) {
        m_out << tr("nothing was changed; run again with --truncate to remove this (a .bak "
                    "copy of everything removed is kept)")
              << '\n';
        return 1;
    }

    // Backups first, each durable before anything is removed.
    const QString cutCopy = file + QStringLiteral(".cut-at-%1.bak").arg(offset);
    StorageResult r = DiskOps::writeFileAtomically(cutCopy, bytes.mid(offset));
    if (!r.ok()) {
        m_out << tr("FAILED, nothing removed: %1").arg(r.error) << '\n';
        return 1;
    }
    m_out << tr("saved the removed bytes of %1 to %2").arg(file, cutCopy) << '\n';
    for (const QString &name : later) {
        const QString path = m_walDir + u'/' + name;
        if (!QFile::rename(path, path + QStringLiteral(".bak"))) {
            m_out << tr("FAILED: cannot rename %1 to %2").arg(path, path + QStringLiteral(".bak"))
                  << '\n';
            return 1;
        }
        m_out << tr("removed segment %1 (kept as %2)").arg(path, path + QStringLiteral(".bak"))
              << '\n';
    }
    if (offset == 0) {
        if (!QFile::remove(file))
            r = StorageResult::failure(StorageStatus::IoError, tr("cannot remove %1").arg(file));
    } else {
        QFile f(file);
        if (!f.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
            r = StorageResult::failure(StorageStatus::IoError,
                                       tr("cannot open %1: %2").arg(file, f.errorString()));
        else
            r = DiskOps::truncate(f, offset);
        if (r.ok())
            r = DiskOps::dataSync(f);
    }
    if (r.ok())
        r = DiskOps::syncDirectory(m_walDir);
    if (!r.ok()) {
        m_out << tr("FAILED: %1").arg(r.error) << '\n';
        return 1;
    }
    m_out << (offset == 0 ? tr("removed %1 (all %2 bytes)").arg(file).arg(bytes.size())
                          : tr("truncated %1 to %2 bytes (removed %3)")
                                .arg(file)
                                .arg(offset)
                                .arg(bytes.size() - offset))
          << '\n';
    return verify();
}

} // namespace server
