#include "raft/HardState.h"

#include "raft/WireReader.h"
#include "raft/WireWriter.h"

namespace raft {

QByteArray HardState::encode() const
{
    WireWriter w;
    w.u8(kWireVersion);
    w.varint(term);
    w.varint(vote);
    w.varint(commit);
    return w.take();
}

std::optional<HardState> HardState::decode(const QByteArray &bytes)
{
    WireReader r(bytes);
    if (r.u8() != kWireVersion)
        return std::nullopt;
    HardState hs;
    hs.term = r.varint();
    hs.vote = r.varint();
    hs.commit = r.varint();
    if (!r.ok() || !r.atEnd())
        return std::nullopt;
    return hs;
}

} // namespace raft
