// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/Frame.h"

#include <QString>

class QIODevice;

namespace transport {

// Cuts frames (see Frame.h) out of a byte stream, one at a time, reading from the device
// only what the current frame still needs. The header is checked before any body byte
// is buffered, so a bad version, an unknown type or a length above the limit fails fast
// and memory never exceeds one frame of at most maxBody bytes.
// Invariant: once read() returned Error, the reader stays in Error (the connection is
// beyond repair because frame boundaries are lost).
// Owned by one connection object; same thread as its device.
class FrameReader
{
public:
    enum class Status { NeedMore, FrameReady, Error };

    explicit FrameReader(qsizetype maxBody = kMaxFrameBody);

    // Consumes bytes from device until one frame is complete or the device has no more.
    Status read(QIODevice *device);
    // Pre: the last read() returned FrameReady. Resets for the next frame.
    Frame takeFrame();
    // Human-readable reason after Error.
    QString error() const { return m_error; }
    // Bytes of a frame received so far (0 between frames): a truncated stream shows here.
    qsizetype partialBytes() const;

private:
    Status fail(const QString &why);

    qsizetype m_maxBody;
    char m_header[kFrameHeaderSize];
    qsizetype m_headerRead = 0;
    bool m_haveHeader = false;
    FrameType m_type = FrameType::Message;
    QByteArray m_body;
    qsizetype m_bodyRead = 0;
    bool m_ready = false;
    bool m_failed = false;
    QString m_error;
};

} // namespace transport
