#include "raft/ConfChange.h"

#include "raft/WireReader.h"
#include "raft/WireWriter.h"

namespace raft {

QByteArray ConfChange::encode() const
{
    WireWriter w;
    w.u8(kWireVersion);
    w.u8(quint8(type));
    w.varint(nodeId);
    w.bytes(context);
    return w.take();
}

std::optional<ConfChange> ConfChange::decode(const QByteArray &bytes)
{
    WireReader r(bytes);
    if (r.u8() != kWireVersion)
        return std::nullopt;
    ConfChange cc;
    const quint8 t = r.u8();
    if (t > quint8(ConfChangeType::AddLearner))
        return std::nullopt;
    cc.type = ConfChangeType(t);
    cc.nodeId = r.varint();
    cc.context = r.bytes();
    if (!r.ok() || !r.atEnd() || cc.nodeId == 0)
        return std::nullopt;
    return cc;
}

} // namespace raft
