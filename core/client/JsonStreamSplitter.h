#pragma once

#include <QByteArray>
#include <QList>

namespace client {

// Cuts a byte stream of concatenated JSON objects (a `stream=true` watch
// response: one object per event, newline separated or not) into complete
// objects. Feed bytes as they arrive; complete objects come out in order and
// a partial one waits for the rest. Value type; not thread-safe.
class JsonStreamSplitter
{
public:
    QList<QByteArray> feed(const QByteArray &bytes);
    bool hasPartial() const { return !m_buffer.trimmed().isEmpty(); }
    void clear();

private:
    QByteArray m_buffer;
    int m_scanned = 0; // bytes of m_buffer already scanned
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    int m_start = -1; // start of the current object in m_buffer
};

} // namespace client
