// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/ConfState.h"

namespace raft {

// Describes the log prefix a snapshot replaces: the snapshot includes every entry up to
// and including (index, term), and confState is the membership in force at index.
struct SnapshotMetadata
{
    quint64 index = 0;
    quint64 term = 0;
    ConfState confState;

    QByteArray encode() const;
    static std::optional<SnapshotMetadata> decode(const QByteArray &bytes);
    void writeTo(WireWriter &w) const;
    static SnapshotMetadata readFrom(WireReader &r);

    friend bool operator==(const SnapshotMetadata &a, const SnapshotMetadata &b)
    {
        return a.index == b.index && a.term == b.term && a.confState == b.confState;
    }
};

} // namespace raft
