// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

namespace client {

// The strings of a JSON array (members' URLs, role paths); non-arrays give
// an empty list.
inline QStringList jsonStrings(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        out.append(item.toString());
    return out;
}

} // namespace client
