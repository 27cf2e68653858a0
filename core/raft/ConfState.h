// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <optional>

namespace raft {

class WireReader;
class WireWriter;

// The membership of the cluster: voters count in elections and commit quorums, learners
// only receive the log (a new member catches up as a learner before it is promoted).
// Invariant: both lists are sorted, without duplicates, and disjoint.
struct ConfState
{
    QList<quint64> voters;
    QList<quint64> learners;

    bool isEmpty() const { return voters.isEmpty() && learners.isEmpty(); }
    bool isVoter(quint64 id) const { return voters.contains(id); }
    bool isLearner(quint64 id) const { return learners.contains(id); }
    bool contains(quint64 id) const { return isVoter(id) || isLearner(id); }

    QByteArray encode() const;
    static std::optional<ConfState> decode(const QByteArray &bytes);
    void writeTo(WireWriter &w) const;
    static ConfState readFrom(WireReader &r);

    friend bool operator==(const ConfState &a, const ConfState &b)
    {
        return a.voters == b.voters && a.learners == b.learners;
    }
    friend bool operator!=(const ConfState &a, const ConfState &b) { return !(a == b); }
};

} // namespace raft
