// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "connection/ErrorText.h"

namespace admin {

namespace {

QString where(const client::Error &e)
{
    return e.endpoint().isValid() ? e.endpoint().toString() : QStringLiteral("?");
}

} // namespace

QString ErrorText::etcdMessage(const client::Error &e)
{
    switch (e.errorCode()) {
    case client::Error::KeyNotFound:
        return tr("Key not found");
    case client::Error::TestFailed:
        return tr("Compare failed");
    case client::Error::NotFile:
        return tr("Not a file");
    case client::Error::NotDir:
        return tr("Not a directory");
    case client::Error::NodeExist:
        return tr("Key already exists");
    case client::Error::RootReadOnly:
        return tr("Root is read only");
    case client::Error::DirNotEmpty:
        return tr("Directory not empty");
    case client::Error::TtlNotANumber:
        return tr("The given TTL is not a number");
    case client::Error::RaftInternal:
        return tr("Raft internal error (the cluster could not commit in time)");
    case client::Error::LeaderElect:
        return tr("During leader election");
    case client::Error::EventIndexCleared:
        return tr("The event in the requested index is outdated and cleared");
    default:
        return e.message(); // the server's own words
    }
}

bool ErrorText::isCredentialsError(const client::Error &e)
{
    using K = client::Error::Kind;
    if (e.kind() == K::Etcd && e.errorCode() == client::Error::Unauthorized)
        return true;
    if (e.kind() == K::Http && e.httpStatus() == 401)
        return true;
    if (e.kind() == K::ClusterUnavailable) {
        for (const client::Error &a : e.attempts()) {
            if (isCredentialsError(a))
                return true;
        }
    }
    return false;
}

bool ErrorText::isConflict(const client::Error &e)
{
    return e.kind() == client::Error::Kind::Etcd && e.errorCode() == client::Error::TestFailed;
}

QString ErrorText::describe(const client::Error &e)
{
    using K = client::Error::Kind;
    if (isCredentialsError(e) && e.kind() != K::ClusterUnavailable)
        return tr("The cluster refused the credentials: the user name or password is wrong, "
                  "or the user may not do this.");
    switch (e.kind()) {
    case K::None:
        return QString();
    case K::Etcd: {
        QString text = tr("%1 (etcd error %2)").arg(etcdMessage(e)).arg(e.errorCode());
        if (!e.cause().isEmpty())
            text += QStringLiteral(": ") + e.cause();
        return text;
    }
    case K::Http:
        return tr("%1 answered with HTTP status %2: %3")
            .arg(where(e))
            .arg(e.httpStatus())
            .arg(e.message());
    case K::Connection:
        return tr("Cannot connect to %1: %2").arg(where(e), e.message());
    case K::HeaderTimeout:
        return tr("%1 did not answer in time.").arg(where(e));
    case K::ServerUnavailable:
        return tr("%1 is unavailable (HTTP status %2).").arg(where(e)).arg(e.httpStatus());
    case K::Tls:
        return tr("Secure connection to %1 failed: %2").arg(where(e), e.message());
    case K::Protocol:
        return tr("%1 sent an answer that is not valid etcd v2: %2").arg(where(e), e.message());
    case K::Deadline:
        return tr("The request took too long and was abandoned.");
    case K::ClusterUnavailable: {
        QStringList lines{tr("No member of the cluster answered:")};
        for (const client::Error &a : e.attempts())
            lines.append(QStringLiteral("• ") + describe(a));
        return lines.join(QLatin1Char('\n'));
    }
    case K::NoEndpoints:
        return tr("There is no endpoint to connect to.");
    case K::Configuration:
        return tr("The connection settings cannot be used: %1").arg(e.message());
    case K::Cancelled:
        return tr("Cancelled.");
    default:
        // Kinds the client gained after this was written: its own words.
        break;
    }
    return e.endpoint().isValid() ? tr("%1: %2").arg(where(e), e.toString()) : e.toString();
}

} // namespace admin
