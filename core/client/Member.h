// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace client {

// One cluster member as /v2/members lists it. A member that was added but has
// not started yet has an empty name and no client URLs. Plain value type.
class Member
{
public:
    QString id; // hexadecimal, as the server prints it
    QString name;
    QStringList peerUrls;
    QStringList clientUrls;

    bool isStarted() const { return !name.isEmpty(); }

    static Member fromJson(const QJsonObject &object);
    // {"members":[...]} as /v2/members answers.
    static QList<Member> listFromJson(const QJsonObject &object);
};

} // namespace client
