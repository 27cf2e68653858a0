// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// SnapshotMetadata wire form: varints index, term, then the ConfState.
#include "raft/SnapshotMetadata.h"

#include "raft/WireFormat.h"

namespace raft {

void SnapshotMetadata::writeTo(WireWriter &w) const
{
    w.varint(index);
    w.varint(term);
    confState.writeTo(w);
}

SnapshotMetadata SnapshotMetadata::readFrom(WireReader &r)
{
    SnapshotMetadata m;
    m.index = r.varint();
    m.term = r.varint();
    m.confState = ConfState::readFrom(r);
    return m;
}

QByteArray SnapshotMetadata::encode() const
{
    return encodeVersioned(*this);
}

std::optional<SnapshotMetadata> SnapshotMetadata::decode(const QByteArray &bytes)
{
    return decodeVersioned<SnapshotMetadata>(bytes);
}

} // namespace raft
