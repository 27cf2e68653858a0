// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>

namespace client {

// Options of a keys PUT. Which operation the server performs follows from
// them: prevExist MustExist -> update (or compareAndSwap with prevValue /
// prevIndex), MustNotExist -> create, prevValue/prevIndex alone ->
// compareAndSwap, nothing -> set.
struct SetOptions
{
    enum class PrevExist { Ignore, MustExist, MustNotExist };

    qint64 ttl = 0;        // seconds; sent only when > 0
    bool clearTtl = false; // send "ttl=" to make the key permanent again (with MustExist)
    bool dir = false;      // create/update a directory; no value is sent
    PrevExist prevExist = PrevExist::Ignore;
    QString prevValue;     // compare value; sent only when not empty
    quint64 prevIndex = 0; // compare modifiedIndex; sent only when not 0
    bool refresh = false;  // reset the TTL without notifying watchers (needs ttl, MustExist)
};

} // namespace client
