// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/SnapshotMetadata.h"

#include <QByteArray>

namespace raft {

// A state-machine image replacing the log up to metadata.index. data is opaque to Raft
// (the application's serialized state). An empty snapshot (index 0) means "none".
struct Snapshot
{
    SnapshotMetadata metadata;
    QByteArray data;

    bool isEmpty() const { return metadata.index == 0; }

    friend bool operator==(const Snapshot &a, const Snapshot &b)
    {
        return a.metadata == b.metadata && a.data == b.data;
    }
};

} // namespace raft
