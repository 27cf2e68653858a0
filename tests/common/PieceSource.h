// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/DataStreamReader.h"

#include <QByteArray>

#include <algorithm>
#include <memory>

// A store::DataStreamReader::Source over an image in memory that hands it out `piece` bytes at a
// time, as a snapshot file is read at a restart but in pieces as small as a test wants, so that
// every field can fall across two of them. Header-only (the fuzz harnesses use it too); the
// image must outlive the source.
inline store::DataStreamReader::Source piecesOf(const QByteArray &image, qsizetype piece)
{
    auto at = std::make_shared<qsizetype>(0);
    return [&image, piece, at](QByteArray *out, qsizetype max) {
        const qsizetype n = std::min({piece, max, image.size() - *at});
        out->append(image.constData() + *at, n);
        *at += n;
        return true;
    };
}
