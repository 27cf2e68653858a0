// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/EtcdError.h"

namespace store {

QString EtcdError::messageFor(ErrorCode c)
{
    return QString::fromLatin1(etcd::errorMessage(c));
}

int EtcdError::httpStatusFor(ErrorCode c)
{
    return etcd::errorHttpStatus(c);
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

} // namespace store
