#include "storage/StorageLogging.h"

namespace storage {

Q_LOGGING_CATEGORY(lcStorage, "qetcd.storage", QtInfoMsg)

} // namespace storage
