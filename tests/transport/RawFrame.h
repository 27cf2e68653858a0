// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/Frame.h"

#include <QByteArray>
#include <QtEndian>

// Test helper: a frame header with any version, type and length, valid or not, for
// feeding hostile byte sequences to readers and listeners.
inline QByteArray rawFrameHeader(quint8 version, quint8 type, quint32 length)
{
    QByteArray h(transport::kFrameHeaderSize, Qt::Uninitialized);
    h[0] = char(version);
    h[1] = char(type);
    qToBigEndian<quint32>(length, h.data() + 2);
    return h;
}
