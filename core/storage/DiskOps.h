#pragma once

#include "storage/StorageResult.h"

#include <QString>

class QFileDevice;

namespace storage {

// The few durability operations Qt does not offer: fdatasync of an open file (QFileDevice has
// no sync call, and QSaveFile::commit ignores sync errors), fsync of a directory so that a
// created, renamed or deleted name survives a crash, and directory creation with 0700
// permissions for every missing component. Failures come back as IoError naming the path.
// Stateless; callable from any thread.
class DiskOps
{
public:
    static StorageResult dataSync(QFileDevice &file);
    static StorageResult syncDirectory(const QString &dir);
    // Creates dir and any missing parents with owner-only permissions; existing ones are kept.
    static StorageResult makePrivateDirs(const QString &dir);
};

} // namespace storage
