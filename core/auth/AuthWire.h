// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "auth/AuthPermissions.h"
#include "auth/PasswordHash.h"

#include <QDataStream>

namespace auth {

// The binary pieces shared by AuthCommand and AuthStore's snapshot image:
// QDataStream (Qt 6.4 format, little endian) with every count checked
// against the bytes left, so garbage can fail a read but never make it
// allocate without bound. Readers set the stream to ReadCorruptData on
// anything out of range; callers check status() once at the end.
namespace AuthWire {

void prepare(QDataStream &s);

void write(QDataStream &s, const QStringList &list);
void write(QDataStream &s, const std::optional<QStringList> &list);
void write(QDataStream &s, const AuthPermissions &permissions);
void write(QDataStream &s, const std::optional<AuthPermissions> &permissions);
void write(QDataStream &s, const PasswordHash &hash);

void read(QDataStream &s, QString &string);
void read(QDataStream &s, QStringList &list);
void read(QDataStream &s, std::optional<QStringList> &list);
void read(QDataStream &s, AuthPermissions &permissions);
void read(QDataStream &s, std::optional<AuthPermissions> &permissions);
void read(QDataStream &s, PasswordHash &hash);
// A count of following items, each at least `minItemBytes` long.
quint32 readCount(QDataStream &s, int minItemBytes);

} // namespace AuthWire

} // namespace auth
