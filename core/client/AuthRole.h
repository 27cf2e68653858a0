// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QJsonObject>
#include <QStringList>

namespace client {

// A v2 authentication role: the key paths (or prefixes ending in '*') it may
// read and write. Plain value type.
class AuthRole
{
public:
    QString name;
    QStringList read;
    QStringList write;

    static AuthRole fromJson(const QJsonObject &object);
    // {"roles":[...]} with names or role objects.
    static QStringList namesFromList(const QJsonObject &object);
};

} // namespace client
