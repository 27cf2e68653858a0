// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>

namespace storage {

// What went wrong in a storage call. The distinction matters to the caller: Corrupt and
// MissingEntries mean the member must not start (data on disk is not trustworthy or not
// complete), IoError means the disk refused (after a failed fdatasync nothing written since
// the last good sync may be assumed durable), NoSpace means a write found the file system (or
// the user's quota) full before anything was synced: the caller undid what it wrote, and the
// same write may be tried again once space is freed. Locked means another member owns the
// directory.
enum class StorageStatus {
    Ok,
    NotFound,
    AlreadyExists,
    Locked,
    Corrupt,
    MissingEntries,
    IoError,
    NoSpace,
};

// Outcome of a storage call: a status plus a human-readable error naming the file (and the
// byte offset for corruption). Cheap to copy; Ok carries no text.
struct StorageResult
{
    StorageStatus status = StorageStatus::Ok;
    QString error;

    bool ok() const { return status == StorageStatus::Ok; }
    static StorageResult success() { return {}; }
    static StorageResult failure(StorageStatus status, const QString &error)
    {
        return {status, error};
    }
};

} // namespace storage
