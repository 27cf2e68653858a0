// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/AuthWire.h"

#include <QIODevice>

namespace auth {

namespace AuthWire {

namespace {
void corrupt(QDataStream &s)
{
    if (s.status() == QDataStream::Ok)
        s.setStatus(QDataStream::ReadCorruptData);
}

// u8 present (0 or 1), then the value if present.
template <typename T> void readOptional(QDataStream &s, std::optional<T> &value)
{
    quint8 present = 0;
    s >> present;
    value.reset();
    if (present > 1)
        corrupt(s);
    if (present != 1 || s.status() != QDataStream::Ok)
        return;
    T item;
    read(s, item);
    value = item;
}
} // namespace

void prepare(QDataStream &s)
{
    s.setVersion(QDataStream::Qt_6_4);
    s.setByteOrder(QDataStream::LittleEndian);
}

void write(QDataStream &s, const QStringList &list)
{
    s << quint32(list.size());
    for (const QString &item : list)
        s << item.toUtf8();
}

void write(QDataStream &s, const std::optional<QStringList> &list)
{
    s << quint8(list ? 1 : 0);
    if (list)
        write(s, *list);
}

void write(QDataStream &s, const AuthPermissions &permissions)
{
    write(s, permissions.read);
    write(s, permissions.write);
}

void write(QDataStream &s, const std::optional<AuthPermissions> &permissions)
{
    s << quint8(permissions ? 1 : 0);
    if (permissions)
        write(s, *permissions);
}

void write(QDataStream &s, const PasswordHash &hash)
{
    s << hash.salt << hash.iterations << hash.key;
}

quint32 readCount(QDataStream &s, int minItemBytes)
{
    quint32 n = 0;
    s >> n;
    if (s.status() != QDataStream::Ok)
        return 0;
    const qint64 left = s.device() ? s.device()->bytesAvailable() : 0;
    if (qint64(n) * minItemBytes > left) {
        corrupt(s);
        return 0;
    }
    return n;
}

void read(QDataStream &s, QString &string)
{
    QByteArray utf8;
    s >> utf8; // QDataStream reads byte arrays in bounded steps
    string = QString::fromUtf8(utf8);
}

void read(QDataStream &s, QStringList &list)
{
    list.clear();
    const quint32 n = readCount(s, 4);
    for (quint32 i = 0; i < n && s.status() == QDataStream::Ok; ++i) {
        QString item;
        read(s, item);
        list.append(item);
    }
}

void read(QDataStream &s, std::optional<QStringList> &list)
{
    readOptional(s, list);
}

void read(QDataStream &s, AuthPermissions &permissions)
{
    read(s, permissions.read);
    read(s, permissions.write);
}

void read(QDataStream &s, std::optional<AuthPermissions> &permissions)
{
    readOptional(s, permissions);
}

void read(QDataStream &s, PasswordHash &hash)
{
    s >> hash.salt >> hash.iterations >> hash.key;
    if (s.status() == QDataStream::Ok && !hash.isWellFormed())
        corrupt(s);
}

} // namespace AuthWire

} // namespace auth
