// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// ConfChange wire form: version, type byte, varint node id, length-prefixed context.
// A decoded change always names a member (id != 0) and a known type.
#include "raft/ConfChange.h"

#include "raft/WireFormat.h"

namespace raft {

void ConfChange::writeTo(WireWriter &w) const
{
    w.u8(quint8(type));
    w.varint(nodeId);
    w.bytes(context);
}

ConfChange ConfChange::readFrom(WireReader &r)
{
    ConfChange cc;
    const quint8 t = r.u8();
    if (t > quint8(ConfChangeType::AddLearner))
        r.fail();
    cc.type = ConfChangeType(t);
    cc.nodeId = r.varint();
    if (cc.nodeId == 0)
        r.fail();
    cc.context = r.bytes();
    return cc;
}

QByteArray ConfChange::encode() const
{
    return encodeVersioned(*this);
}

std::optional<ConfChange> ConfChange::decode(const QByteArray &bytes)
{
    return decodeVersioned<ConfChange>(bytes);
}

} // namespace raft
