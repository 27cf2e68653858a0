#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Command: one replicated mutation of the store. The proposer fills it in (including the
// absolute expiry and its clock), consensus orders it, and every member applies it with
// Store::apply, so all members reach the same state and emit the same events.
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
    qint64 expirationNs = 0; // absolute expiry (proposer's clock + ttl); 0 = permanent
    qint64 timeNs = 0;       // proposer's clock; ttl fields of the result use it;
                             // Expire removes nodes with expiration <= timeNs

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
