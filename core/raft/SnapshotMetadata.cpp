#include "raft/SnapshotMetadata.h"

#include "raft/WireReader.h"
#include "raft/WireWriter.h"

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
    WireWriter w;
    w.u8(kWireVersion);
    writeTo(w);
    return w.take();
}

std::optional<SnapshotMetadata> SnapshotMetadata::decode(const QByteArray &bytes)
{
    WireReader r(bytes);
    if (r.u8() != kWireVersion)
        return std::nullopt;
    SnapshotMetadata m = readFrom(r);
    if (!r.ok() || !r.atEnd())
        return std::nullopt;
    return m;
}

} // namespace raft
