// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Error.h"
#include "client/Response.h"

#include <QString>

namespace admin {

// How one write through KeyOperations ended: done (with the server's
// response), refused because the key changed meanwhile (compare failed), or
// failed otherwise. `message` is worded for the user. Plain value type.
struct OperationResult
{
    enum class Outcome { Done, Conflict, Failed };

    Outcome outcome = Outcome::Failed;
    QString key;
    QString message;
    client::Response response;
    client::Error error;

    bool ok() const { return outcome == Outcome::Done; }
};

} // namespace admin
