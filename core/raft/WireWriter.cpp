#include "raft/WireWriter.h"

namespace raft {

void WireWriter::varint(quint64 v)
{
    while (v >= 0x80) {
        m_buf.append(char(quint8(v) | 0x80));
        v >>= 7;
    }
    m_buf.append(char(quint8(v)));
}

void WireWriter::bytes(const QByteArray &b)
{
    varint(quint64(b.size()));
    m_buf.append(b);
}

} // namespace raft
