// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

namespace store {

// StoreStats: the counters of /v2/stats/store, counted like etcd's v2 store stats.
// (etcd quirk kept: a set/create whose parent walk fails also counts one setsFail.)
struct StoreStats
{
    quint64 getsSuccess = 0, getsFail = 0;
    quint64 setsSuccess = 0, setsFail = 0;
    quint64 deleteSuccess = 0, deleteFail = 0;
    quint64 updateSuccess = 0, updateFail = 0;
    quint64 createSuccess = 0, createFail = 0;
    quint64 compareAndSwapSuccess = 0, compareAndSwapFail = 0;
    quint64 compareAndDeleteSuccess = 0, compareAndDeleteFail = 0;
    quint64 expireCount = 0;
    int watchers = 0;

    bool operator==(const StoreStats &o) const
    {
        return getsSuccess == o.getsSuccess && getsFail == o.getsFail &&
               setsSuccess == o.setsSuccess && setsFail == o.setsFail &&
               deleteSuccess == o.deleteSuccess && deleteFail == o.deleteFail &&
               updateSuccess == o.updateSuccess && updateFail == o.updateFail &&
               createSuccess == o.createSuccess && createFail == o.createFail &&
               compareAndSwapSuccess == o.compareAndSwapSuccess &&
               compareAndSwapFail == o.compareAndSwapFail &&
               compareAndDeleteSuccess == o.compareAndDeleteSuccess &&
               compareAndDeleteFail == o.compareAndDeleteFail && expireCount == o.expireCount &&
               watchers == o.watchers;
    }
};

} // namespace store
