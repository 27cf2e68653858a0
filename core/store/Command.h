// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace store {

// Command: one replicated mutation of the store. The proposer fills it in (including the
// absolute expiry and its clock), consensus orders it, and every member applies it with
// Store::apply, so all members reach the same state and emit the same events.
//
// Clocks: the member that takes a client's write stamps timeNs and expirationNs from its
// own clock, and the leader stamps them again from its clock as the proposal enters its log
// (restamp(), called by node/ProposalStamper), so every expiry in the log comes from the
// clock that later expires it and a follower's skewed clock cannot shift a TTL. The relative
// TTL needs no field of its own: it is expirationNs - timeNs, both read from one clock, which
// every command ever written (WALs, snapshots, peers running older builds) already carries.
//
// Wire format (encode/decode), little endian, version 1:
//   u8 version(=1) | u8 op | u8 flags (1 dir, 2 recursive, 4 unique, 8 refresh)
//   | str path | str value | str prevValue | u64 prevIndex | i64 expirationNs | i64 timeNs
// where str = u32 byte length + UTF-8 bytes. decode() rejects anything else.
struct Command
{
    enum class Op : quint8 {
        Set = 1,
        Create,
        Update,
        CompareAndSwap,
        Delete,
        CompareAndDelete,
        Expire
    };
    Op op = Op::Set;
    QString path;
    QString value;
    bool dir = false;        // Set/Create: a directory. Delete: allowed to remove an (empty) dir
    bool recursive = false;  // Delete: remove the subtree (implies dir)
    bool unique = false;     // Create: in-order key under path, named by the new index (POST)
    bool refresh = false;    // Set/Update/CAS: keep the value, reset TTL, notify no watcher
    QString prevValue;       // CAS/CAD: compare value (empty = not compared)
    quint64 prevIndex = 0;   // CAS/CAD: compare modifiedIndex (0 = not compared)
    qint64 expirationNs = 0; // absolute expiry (timeNs + ttl); 0 = permanent
    qint64 timeNs = 0;       // the stamping clock (the leader's, once in the log); ttl
                             // fields of the result use it; Expire removes nodes with
                             // expiration <= timeNs

    // The TTL this command gives its node, expirationNs - timeNs (never negative), or
    // nullopt when the node is permanent.
    std::optional<qint64> ttlNs() const;
    // Stamps the command with clock reading nowNs: timeNs = nowNs and, if the node expires,
    // expirationNs = nowNs + ttlNs() (saturating).
    void restamp(qint64 nowNs);
    // nowNs plus ttlSeconds, saturated below the largest time: a TTL of centuries means
    // "never" instead of overflowing into the past.
    static qint64 expiryAfter(qint64 nowNs, quint64 ttlSeconds);

    QByteArray encode() const;
    static std::optional<Command> decode(const QByteArray &data); // never crashes on garbage

    bool operator==(const Command &o) const
    {
        return op == o.op && path == o.path && value == o.value && dir == o.dir &&
               recursive == o.recursive && unique == o.unique && refresh == o.refresh &&
               prevValue == o.prevValue && prevIndex == o.prevIndex &&
               expirationNs == o.expirationNs && timeNs == o.timeNs;
    }
    bool operator!=(const Command &o) const { return !(*this == o); }
};

} // namespace store
