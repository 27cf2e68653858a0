// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Entry wire form (see Entry.h). readFrom/writeTo are shared with Message, which carries
// entries without a per-entry version byte.
#include "raft/Entry.h"

#include "raft/WireFormat.h"

namespace raft {

void Entry::writeTo(WireWriter &w) const
{
    w.varint(term);
    w.varint(index);
    w.u8(quint8(type));
    w.bytes(data);
}

Entry Entry::readFrom(WireReader &r)
{
    Entry e;
    e.term = r.varint();
    e.index = r.varint();
    const quint8 t = r.u8();
    if (t > quint8(EntryType::ConfChange))
        r.fail();
    e.type = EntryType(t);
    e.data = r.bytes();
    return e;
}

QByteArray Entry::encode() const
{
    return encodeVersioned(*this);
}

std::optional<Entry> Entry::decode(const QByteArray &bytes)
{
    return decodeVersioned<Entry>(bytes);
}

} // namespace raft
