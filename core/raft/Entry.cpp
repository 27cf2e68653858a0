#include "raft/Entry.h"

#include "raft/WireReader.h"
#include "raft/WireWriter.h"

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
    WireWriter w;
    w.u8(kWireVersion);
    writeTo(w);
    return w.take();
}

std::optional<Entry> Entry::decode(const QByteArray &bytes)
{
    WireReader r(bytes);
    if (r.u8() != kWireVersion)
        return std::nullopt;
    Entry e = readFrom(r);
    if (!r.ok() || !r.atEnd())
        return std::nullopt;
    return e;
}

} // namespace raft
