// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

namespace storage {

// The (index, term) of a snapshot that has been written to the snap directory, recorded in
// the WAL so that replay can start after it and purge knows which segments it may drop.
// {0, 0} means "no snapshot".
struct SnapshotMarker
{
    quint64 index = 0;
    quint64 term = 0;

    bool isEmpty() const { return index == 0 && term == 0; }
    friend bool operator==(const SnapshotMarker &a, const SnapshotMarker &b)
    {
        return a.index == b.index && a.term == b.term;
    }
    friend bool operator!=(const SnapshotMarker &a, const SnapshotMarker &b) { return !(a == b); }
};

} // namespace storage
