// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/WriteOp.h"

namespace store {

Command::Op WriteOp::of(Method method, std::optional<bool> prevExist, bool compare)
{
    switch (method) {
    case Method::Post:
        return Command::Op::Create;
    case Method::Put:
        if (prevExist)
            return !*prevExist ? Command::Op::Create
                   : compare   ? Command::Op::CompareAndSwap
                               : Command::Op::Update;
        return compare ? Command::Op::CompareAndSwap : Command::Op::Set;
    case Method::Delete:
        return compare ? Command::Op::CompareAndDelete : Command::Op::Delete;
    }
    return Command::Op::Set;
}

} // namespace store
