// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace server {

// `qetcd wal verify|dump|repair --data-dir DIR [--wal-dir DIR]`: the operator's offline way
// to look at and mend a member's write-ahead log (the reading half is what etcd ships as
// etcd-dump-logs).
//  - verify: reads every segment with the same checks as a starting member (Wal::open with
//    WalOptions::readOnly, so nothing is modified); one-line verdict, exit 0 when a member
//    would start from it (a torn tail, which a restart cuts off, is named), 1 otherwise with
//    the file, offset and record kind of the damage. Stricter than a start: a member starting
//    from a snapshot skips the segments it covers, so it starts despite damage only there.
//  - dump: one line per record (file@offset, kind, size; entries with index, term, type and a
//    short decoded summary; hard states; snapshot markers), then the damage if there is any;
//    exit 1 only for damage (not for a torn tail).
//  - repair: without --truncate prints what it would remove and changes nothing (exit 1 when
//    there is something to remove, 0 when the WAL is intact). With
//    --truncate it cuts the WAL at the first bad record, copying every removed byte to a
//    backup first (<segment>.cut-at-<offset>.bak beside it; later segments are renamed to
//    <name>.bak), and prints exactly what it removed. Damage in a segment other than the
//    newest is refused unless --drop-later-segments is given too, because every later segment
//    (listed, with its entries) is lost with it. Refuses while a member holds the data dir.
// Records are decoded only through the storage classes (WalRecord, WalSegmentScan, Wal): one
// implementation of the format. Messages go through tr(); the dump's field names do not.
// Runs on the main thread of a QCoreApplication; no event loop is needed.
class WalTool
{
    Q_DECLARE_TR_FUNCTIONS(server::WalTool)

public:
    // True if the command line asks for this tool (`qetcd wal ...`).
    static bool wanted(int argc, char **argv);
    // Runs it; arguments as QCoreApplication::arguments(). Returns the exit code.
    static int run(const QStringList &arguments);

private:
    WalTool(const QString &walDir, QTextStream &out, QTextStream &err);
    int verify();
    int dump();
    int repair(bool truncate, bool dropLaterSegments);

    QString m_walDir;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace server
