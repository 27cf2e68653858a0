// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/WireReader.h"
#include "raft/WireWriter.h"

#include <optional>

namespace raft {

// The one framing every standalone encoding shares: the version byte, then the value's
// fields (T::writeTo / T::readFrom); a decoder accepts only its version and input it
// consumes exactly. Internal to core/raft.
template <typename T> QByteArray encodeVersioned(const T &value)
{
    WireWriter w;
    w.u8(kWireVersion);
    value.writeTo(w);
    return w.take();
}

template <typename T> std::optional<T> decodeVersioned(const QByteArray &bytes)
{
    WireReader r(bytes);
    if (r.u8() != kWireVersion)
        return std::nullopt;
    T value = T::readFrom(r);
    if (!r.ok() || !r.atEnd())
        return std::nullopt;
    return value;
}

} // namespace raft
