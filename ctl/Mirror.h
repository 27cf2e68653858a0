// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"
#include "client/Response.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ctl::mirror {

// The pure part of `qetcdctl mirror`: what to write to the destination for a
// source snapshot or a source watch event, and how two listings differ. No
// network, no clock: MirrorCommand feeds it client values and runs the
// resulting operations. Value types and free functions; any thread.

// One node of a flattened recursive listing. Directories come before their
// children (pre-order, children sorted by key). ttl 0: no TTL.
struct Entry
{
    QString key;
    bool dir = false;
    QString value;
    qint64 ttl = 0;

    bool operator==(const Entry &o) const
    {
        return key == o.key && dir == o.dir && value == o.value && ttl == o.ttl;
    }
};

// One write to the destination. Put of a directory: set dir=true, or, where a
// directory already exists, update its TTL (MirrorCommand does the fallback).
// Delete is always recursive (it works for keys and directories alike) and a
// missing key counts as done: the destination may have expired it first.
struct Op
{
    enum class Kind { Put, Delete };
    Kind kind = Kind::Put;
    QString key;
    QString value;
    bool dir = false;
    qint64 ttl = 0;
    // Only reset the TTL of an existing node (refresh=true; an update for a directory): the
    // source refreshed it, which no watch reports. A node that is gone stays gone.
    bool refresh = false;

    bool operator==(const Op &o) const
    {
        return kind == o.kind && key == o.key && value == o.value && dir == o.dir && ttl == o.ttl &&
               refresh == o.refresh;
    }
};

// The seconds of TTL to give the destination for a node: the remaining ttl,
// at least 1 when the node has an expiration at all (an expiring node can
// report 0 or less), 0 for none.
qint64 remainingTtl(const client::Node &node);

// The listing of a recursive GET's node. The root itself is included unless
// it is "/" (which always exists and cannot be written).
QList<Entry> flatten(const client::Node &tree);

// The operation an event of a recursive watch on `root` asks for; none for
// events that change nothing to copy ("get"). An event on an ancestor of
// `root` (the watch is told when a directory above it is deleted) deletes
// `root` only: the mirror never writes outside its roots.
std::optional<Op> opForEvent(const client::Response &event, const QString &root);

// The writes that turn `dest` into `source` (both flatten() listings of the
// same root): first deletions of destination nodes the source does not have
// (or has with the other dir flag; only the topmost of a subtree), then a Put
// for every source node that is missing or different at the destination.
// Nodes with a TTL are always written (the remaining time moves on).
QList<Op> syncOps(const QList<Entry> &source, const QList<Entry> &dest);

// The differences of two listings as lines for people ("only in source: /a",
// "value differs: /b", ...); empty when they agree. Compares keys, dir flags,
// values and whether a TTL is set, never indexes (two clusters number their
// changes differently) nor the exact remaining time.
QStringList differences(const QList<Entry> &source, const QList<Entry> &dest);

// Two keys whose writes must not overtake each other: equal, or one is an
// ancestor of the other.
bool conflicts(const QString &a, const QString &b);

// Normalises the --prefix list ("/a/", "b" -> "/a", "/b") and checks it:
// roots may not overlap unless the inner one is hidden from the outer one
// (a "_" component below it), which is how hidden keys are mirrored (the v2
// API never lists them). Returns false with a message on a bad list.
bool normalizeRoots(const QStringList &prefixes, QStringList *roots, QString *error);

// etcd's isHidden: is `key` hidden from a recursive watch or listing at `root`?
bool isHiddenBelow(const QString &root, const QString &key);

} // namespace ctl::mirror
