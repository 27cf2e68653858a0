// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/AuthCommand.h"

#include "auth/AuthWire.h"

#include <QIODevice>

namespace auth {

namespace {
constexpr quint8 kVersion = 1;
}

QByteArray AuthCommand::encode() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    AuthWire::prepare(s);
    s << kVersion << quint8(op) << name.toUtf8();
    AuthWire::write(s, password);
    AuthWire::write(s, roles);
    AuthWire::write(s, grantRoles);
    AuthWire::write(s, revokeRoles);
    AuthWire::write(s, permissions);
    AuthWire::write(s, grant);
    AuthWire::write(s, revoke);
    return out;
}

std::optional<AuthCommand> AuthCommand::decode(const QByteArray &bytes)
{
    QDataStream s(bytes);
    AuthWire::prepare(s);
    quint8 version = 0, op = 0;
    s >> version >> op;
    if (s.status() != QDataStream::Ok || version != kVersion || op < quint8(Op::CreateUser) ||
        op > quint8(Op::DisableAuth))
        return std::nullopt;
    AuthCommand c;
    c.op = Op(op);
    AuthWire::read(s, c.name);
    AuthWire::read(s, c.password);
    AuthWire::read(s, c.roles);
    AuthWire::read(s, c.grantRoles);
    AuthWire::read(s, c.revokeRoles);
    AuthWire::read(s, c.permissions);
    AuthWire::read(s, c.grant);
    AuthWire::read(s, c.revoke);
    if (s.status() != QDataStream::Ok || !s.atEnd())
        return std::nullopt;
    return c;
}

} // namespace auth
