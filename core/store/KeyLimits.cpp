// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/KeyLimits.h"

namespace store {

namespace {
// An in-order key's last segment: "/" and 20 digits (Store's unique names).
constexpr qsizetype kUniqueSegmentBytes = 21;
} // namespace

qsizetype KeyLimits::utf8Size(QStringView s)
{
    qsizetype bytes = 0;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u < 0x80)
            bytes += 1;
        else if (u < 0x800 || c.isSurrogate()) // a surrogate pair is 4 bytes in all
            bytes += 2;
        else
            bytes += 3;
    }
    return bytes;
}

qsizetype KeyLimits::depth(QStringView cleanKey)
{
    return cleanKey.size() > 1 ? cleanKey.count(QLatin1Char('/')) : 0;
}

std::optional<EtcdError> KeyLimits::checkRequest(const QString &key, bool unique)
{
    const qsizetype levels = depth(key) + (unique ? 1 : 0);
    if (levels > maxKeyDepth)
        return EtcdError::make(ErrorCode::InvalidField,
                               QStringLiteral("key is too deep (%1 levels, the limit is %2)")
                                   .arg(levels)
                                   .arg(maxKeyDepth),
                               0);
    const qsizetype bytes = utf8Size(key) + (unique ? kUniqueSegmentBytes : 0);
    if (bytes > maxKeyBytes)
        return EtcdError::make(ErrorCode::InvalidField,
                               QStringLiteral("key is too long (%1 bytes, the limit is %2)")
                                   .arg(bytes)
                                   .arg(maxKeyBytes),
                               0);
    return std::nullopt;
}

std::optional<EtcdError> KeyLimits::checkApplied(const QString &key, quint64 index)
{
    if (key.size() <= maxAppliedKeyUnits)
        return std::nullopt;
    return EtcdError::make(ErrorCode::InvalidField,
                           QStringLiteral("key is too long (%1 UTF-16 code units, the limit "
                                          "for any write is %2)")
                               .arg(key.size())
                               .arg(maxAppliedKeyUnits),
                           index);
}

} // namespace store
