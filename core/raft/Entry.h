// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QMetaType>
#include <optional>

namespace raft {

class WireReader;
class WireWriter;

enum class EntryType : quint8 { Normal = 0, ConfChange = 1 };

// One slot of the replicated log. (index, term) identifies an entry across the cluster: by
// the log-matching property two logs holding an entry with the same index and term are
// identical up to it. A ConfChange entry carries an encoded raft::ConfChange in data.
// Wire form: version, varint term, varint index, type byte, length-prefixed data.
struct Entry
{
    quint64 term = 0;
    quint64 index = 0;
    EntryType type = EntryType::Normal;
    QByteArray data;

    // Bytes counted against message and apply size limits.
    quint64 payloadSize() const { return quint64(data.size()) + 12; }

    QByteArray encode() const;
    static std::optional<Entry> decode(const QByteArray &bytes);
    void writeTo(WireWriter &w) const;
    static Entry readFrom(WireReader &r);

    friend bool operator==(const Entry &a, const Entry &b)
    {
        return a.term == b.term && a.index == b.index && a.type == b.type && a.data == b.data;
    }
    friend bool operator!=(const Entry &a, const Entry &b) { return !(a == b); }
};

} // namespace raft
