// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/FrameReader.h"

#include <QIODevice>
#include <QtEndian>

namespace transport {

FrameReader::FrameReader(qsizetype maxBody) : m_maxBody(maxBody) {}

FrameReader::Status FrameReader::read(QIODevice *device)
{
    if (m_failed)
        return Status::Error;
    if (m_ready)
        return Status::FrameReady;

    if (!m_haveHeader) {
        const qint64 got = device->read(m_header + m_headerRead, kFrameHeaderSize - m_headerRead);
        if (got < 0)
            return fail(QStringLiteral("read error: %1").arg(device->errorString()));
        m_headerRead += got;
        if (m_headerRead < kFrameHeaderSize)
            return Status::NeedMore;

        const quint8 version = quint8(m_header[0]);
        const quint8 type = quint8(m_header[1]);
        const quint32 length = qFromBigEndian<quint32>(m_header + 2);
        if (version != kProtocolVersion)
            return fail(QStringLiteral("unsupported protocol version %1 (expected %2)")
                            .arg(version)
                            .arg(kProtocolVersion));
        if (!isKnownFrameType(type))
            return fail(QStringLiteral("unknown frame type %1").arg(type));
        if (qint64(length) > qint64(m_maxBody))
            return fail(QStringLiteral("frame of %1 bytes exceeds the limit of %2")
                            .arg(length)
                            .arg(m_maxBody));
        m_type = FrameType(type);
        m_haveHeader = true;
        m_body = QByteArray(qsizetype(length), Qt::Uninitialized);
        m_bodyRead = 0;
    }

    if (m_bodyRead < m_body.size()) {
        const qint64 got = device->read(m_body.data() + m_bodyRead, m_body.size() - m_bodyRead);
        if (got < 0)
            return fail(QStringLiteral("read error: %1").arg(device->errorString()));
        m_bodyRead += got;
        if (m_bodyRead < m_body.size())
            return Status::NeedMore;
    }
    m_ready = true;
    return Status::FrameReady;
}

Frame FrameReader::takeFrame()
{
    Q_ASSERT(m_ready);
    Frame frame{m_type, std::move(m_body)};
    m_body = QByteArray();
    m_bodyRead = 0;
    m_headerRead = 0;
    m_haveHeader = false;
    m_ready = false;
    return frame;
}

qsizetype FrameReader::partialBytes() const
{
    return m_headerRead + m_bodyRead;
}

FrameReader::Status FrameReader::fail(const QString &why)
{
    m_failed = true;
    m_error = why;
    m_body = QByteArray();
    return Status::Error;
}

} // namespace transport
