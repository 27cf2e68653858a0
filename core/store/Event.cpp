// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/Event.h"

namespace store {

QString actionName(Action a)
{
    switch (a) {
    case Action::Get:
        return QStringLiteral("get");
    case Action::Create:
        return QStringLiteral("create");
    case Action::Set:
        return QStringLiteral("set");
    case Action::Update:
        return QStringLiteral("update");
    case Action::Delete:
        return QStringLiteral("delete");
    case Action::CompareAndSwap:
        return QStringLiteral("compareAndSwap");
    case Action::CompareAndDelete:
        return QStringLiteral("compareAndDelete");
    case Action::Expire:
        return QStringLiteral("expire");
    }
    return QString();
}

} // namespace store
