// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// HardState wire form: version, then varints term, vote, commit.
#include "raft/HardState.h"

#include "raft/WireFormat.h"

namespace raft {

void HardState::writeTo(WireWriter &w) const
{
    w.varint(term);
    w.varint(vote);
    w.varint(commit);
}

HardState HardState::readFrom(WireReader &r)
{
    HardState hs;
    hs.term = r.varint();
    hs.vote = r.varint();
    hs.commit = r.varint();
    return hs;
}

QByteArray HardState::encode() const
{
    return encodeVersioned(*this);
}

std::optional<HardState> HardState::decode(const QByteArray &bytes)
{
    return decodeVersioned<HardState>(bytes);
}

} // namespace raft
