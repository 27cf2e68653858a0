// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/FileBulkReader.h"

namespace transport {

bool FileBulkReader::open(const QString &path, qint64 offset, qint64 length)
{
    close();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        m_error = QStringLiteral("cannot open %1: %2").arg(path, m_file.errorString());
        return false;
    }
    if (offset < 0 || length < 0 || m_file.size() < offset + length) {
        m_error = QStringLiteral("%1 has %2 bytes, fewer than the %3 announced from offset %4")
                      .arg(path)
                      .arg(m_file.size())
                      .arg(length)
                      .arg(offset);
        close();
        return false;
    }
    if (!m_file.seek(offset)) {
        m_error = QStringLiteral("cannot seek in %1: %2").arg(path, m_file.errorString());
        close();
        return false;
    }
    return true;
}

std::optional<QByteArray> FileBulkReader::read(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        const qint64 n = m_file.read(bytes.data() + done, size - done);
        if (n <= 0) {
            m_error =
                n < 0
                    ? QStringLiteral("cannot read %1: %2")
                          .arg(m_file.fileName(), m_file.errorString())
                    : QStringLiteral("%1 ended before the bytes announced").arg(m_file.fileName());
            return std::nullopt;
        }
        done += n;
    }
    return bytes;
}

void FileBulkReader::close()
{
    if (m_file.isOpen())
        m_file.close();
}

} // namespace transport
