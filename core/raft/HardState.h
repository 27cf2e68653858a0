// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>
#include <optional>

class QByteArray;

namespace raft {

class WireReader;
class WireWriter;

// The state a member must persist before it answers anything that depends on it: its
// current term, whom it voted for in that term (0 = nobody) and the highest index it knows
// to be committed. term and vote must be durable before a vote or an append acknowledgement
// leaves the node; commit may lag (it is re-learned from the leader).
struct HardState
{
    quint64 term = 0;
    quint64 vote = 0;
    quint64 commit = 0;

    bool isEmpty() const { return term == 0 && vote == 0 && commit == 0; }
    QByteArray encode() const;
    static std::optional<HardState> decode(const QByteArray &bytes);
    void writeTo(WireWriter &w) const;
    static HardState readFrom(WireReader &r);

    friend bool operator==(const HardState &a, const HardState &b)
    {
        return a.term == b.term && a.vote == b.vote && a.commit == b.commit;
    }
    friend bool operator!=(const HardState &a, const HardState &b) { return !(a == b); }
};

} // namespace raft
