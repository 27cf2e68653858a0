// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// ConfState wire form: two id lists (count, then varint ids). Decoding enforces the
// invariant (sorted, unique, voters and learners disjoint) so a bad WAL record cannot
// produce a membership Raft would misread.
#include "raft/ConfState.h"

#include "raft/WireFormat.h"

#include <algorithm>

namespace raft {

namespace {

void writeIds(WireWriter &w, const QList<quint64> &ids)
{
    w.varint(quint64(ids.size()));
    for (quint64 id : ids)
        w.varint(id);
}

// Reads an id list and enforces the sorted/unique invariant so a decoded ConfState is
// always well-formed.
QList<quint64> readIds(WireReader &r)
{
    QList<quint64> ids;
    const quint64 n = r.count(1);
    ids.reserve(WireReader::reserveFor(n));
    for (quint64 i = 0; i < n && r.ok(); ++i) {
        const quint64 id = r.varint();
        if (id == 0 || (!ids.isEmpty() && id <= ids.last()))
            r.fail();
        ids.append(id);
    }
    return ids;
}

} // namespace

void ConfState::writeTo(WireWriter &w) const
{
    writeIds(w, voters);
    writeIds(w, learners);
}

ConfState ConfState::readFrom(WireReader &r)
{
    ConfState cs;
    cs.voters = readIds(r);
    cs.learners = readIds(r);
    for (quint64 id : cs.learners) {
        if (std::binary_search(cs.voters.cbegin(), cs.voters.cend(), id))
            r.fail();
    }
    return cs;
}

QByteArray ConfState::encode() const
{
    return encodeVersioned(*this);
}

std::optional<ConfState> ConfState::decode(const QByteArray &bytes)
{
    return decodeVersioned<ConfState>(bytes);
}

} // namespace raft
