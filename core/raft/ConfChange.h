// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <optional>

namespace raft {

class WireReader;
class WireWriter;

enum class ConfChangeType : quint8 {
    AddNode = 0,    // add a voter, or promote a learner to voter
    RemoveNode = 1, // remove a voter or learner
    AddLearner = 2, // add a non-voting member (or demote a voter)
};

// One membership change, proposed with RawNode::proposeConfChange and carried in an Entry of
// type ConfChange. Changes are single-member (thesis 4.1) and at most one is pending at a
// time; each takes effect when the application applies it via RawNode::applyConfChange.
// context is opaque to Raft (qetcd puts the member's peer URLs there).
struct ConfChange
{
    ConfChangeType type = ConfChangeType::AddNode;
    quint64 nodeId = 0;
    QByteArray context;

    QByteArray encode() const;
    static std::optional<ConfChange> decode(const QByteArray &bytes);
    void writeTo(WireWriter &w) const;
    static ConfChange readFrom(WireReader &r);

    friend bool operator==(const ConfChange &a, const ConfChange &b)
    {
        return a.type == b.type && a.nodeId == b.nodeId && a.context == b.context;
    }
};

} // namespace raft
