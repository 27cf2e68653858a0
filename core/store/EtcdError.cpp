#include "store/EtcdError.h"

QString EtcdError::messageFor(ErrorCode c)
{
    // etcd's v2error messages, verbatim (clients match on some of them).
    switch (c) {
    case ErrorCode::KeyNotFound:
        return QStringLiteral("Key not found");
    case ErrorCode::TestFailed:
        return QStringLiteral("Compare failed");
    case ErrorCode::NotFile:
        return QStringLiteral("Not a file");
    case ErrorCode::NotDir:
        return QStringLiteral("Not a directory");
    case ErrorCode::NodeExist:
        return QStringLiteral("Key already exists");
    case ErrorCode::RootReadOnly:
        return QStringLiteral("Root is read only");
    case ErrorCode::DirNotEmpty:
        return QStringLiteral("Directory not empty");
    case ErrorCode::Unauthorized:
        return QStringLiteral("The request requires user authentication");
    case ErrorCode::PrevValueRequired:
        return QStringLiteral("PrevValue is Required in POST form");
    case ErrorCode::TtlNaN:
        return QStringLiteral("The given TTL in POST form is not a number");
    case ErrorCode::IndexNaN:
        return QStringLiteral("The given index in POST form is not a number");
    case ErrorCode::InvalidField:
        return QStringLiteral("Invalid field");
    case ErrorCode::InvalidForm:
        return QStringLiteral("Invalid POST form");
    case ErrorCode::RefreshValue:
        return QStringLiteral("Value provided on refresh");
    case ErrorCode::RefreshTtlRequired:
        return QStringLiteral("A TTL must be provided on refresh");
    case ErrorCode::RaftInternal:
        return QStringLiteral("Raft Internal Error");
    case ErrorCode::LeaderElect:
        return QStringLiteral("During Leader Election");
    case ErrorCode::WatcherCleared:
        return QStringLiteral("watcher is cleared due to etcd recovery");
    case ErrorCode::EventIndexCleared:
        return QStringLiteral("The event in requested index is outdated and cleared");
    }
    return QString();
}

int EtcdError::httpStatusFor(ErrorCode c)
{
    // etcd 3.4 v2error.errorStatus; every other code answers 400 Bad Request.
    switch (c) {
    case ErrorCode::KeyNotFound:
        return 404;
    case ErrorCode::NotFile:
    case ErrorCode::DirNotEmpty:
        return 403;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::TestFailed:
    case ErrorCode::NodeExist:
        return 412;
    case ErrorCode::RaftInternal:
    case ErrorCode::LeaderElect:
        return 500;
    default:
        return 400;
    }
}

QString EtcdError::message() const
{
    return messageFor(code);
}

int EtcdError::httpStatus() const
{
    return httpStatusFor(code);
}

EtcdError EtcdError::make(ErrorCode c, const QString &cause, quint64 index)
{
    EtcdError e;
    e.code = c;
    e.cause = cause;
    e.index = index;
    return e;
}
