// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

namespace raft {

// Answer to RawNode::readIndex(context): once the application has applied up to index, a
// read issued when readIndex was called may be served from local state (thesis 6.4).
struct ReadState
{
    quint64 index = 0;
    QByteArray context;

    friend bool operator==(const ReadState &a, const ReadState &b)
    {
        return a.index == b.index && a.context == b.context;
    }
};

} // namespace raft
