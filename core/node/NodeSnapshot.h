// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/StoreSnapshot.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace node {

// The state-machine image a Raft snapshot carries: the key store (with its
// event history and stats), the cluster membership and the auth state, so
// that a member restored from it answers exactly like the others.
// Versioned: version 2 added `auth`; version 1 images (no auth) still
// decode, with `auth` empty. Version 3 is version 2 for a store part of 4 GiB
// or more, whose length does not fit version 2's 32 bits: the length field
// reads 0xffffffff and the 64-bit length follows the last part. An image is
// written as version 3 only when it must be, so every smaller image stays
// byte for byte what earlier members write and read. decode() rejects
// anything it does not fully understand.
struct NodeSnapshot
{
    QByteArray store;      // Store::save()
    QByteArray membership; // ClusterMembership::toJson()
    QByteArray auth;       // AuthStore::save(); empty: no auth state (version 1)

    // The three parts as views into the bytes they were split from (valid while those are).
    struct View
    {
        QByteArrayView store;
        QByteArrayView membership;
        QByteArrayView auth;
    };

    // Store parts this long or longer take version 3's framing. Lower only in tests, which
    // cannot build a 4 GiB store (and through NodeOptions::longSnapshotFromBytes).
    static constexpr quint64 kLongFormFrom = 0xfffffffe;

    QByteArray encode(quint64 longFormFrom = kLongFormFrom) const;
    static std::optional<NodeSnapshot> decode(const QByteArray &bytes);

    // The same layout in three pieces, for a writer that streams the store's image and learns
    // its size only at the end: head(storeSize), the store's image, tail(membership, auth).
    // A streaming writer writes head(0) first and, once the size is known, head(size) over it
    // (the same number of bytes, whichever the version).
    static QByteArray head(quint64 storeSize, quint64 longFormFrom = kLongFormFrom);
    static QByteArray tail(const QByteArray &membership, const QByteArray &auth, quint64 storeSize,
                           quint64 longFormFrom = kLongFormFrom);
    // What decode() reads, without copying the parts: a member restarting with a million keys
    // spent a second copying the store's image through QDataStream (issue 15, restart).
    static std::optional<View> split(QByteArrayView bytes);

    // The same image read from `reader` a piece at a time (a snapshot file): the store's part is
    // decoded as it goes by, so the image is never whole in memory beside the store built from
    // it; membership and auth (a few kilobytes) come back whole. Everything is checked as in
    // split() and StoreSnapshot::decode, up to the reader's end.
    struct Decoded
    {
        store::StoreSnapshot::Decoded store;
        QByteArray membership;
        QByteArray auth;
    };
    static std::optional<Decoded> read(store::DataStreamReader &reader);
};

} // namespace node
