#include "storage/StorageLogging.h"

Q_LOGGING_CATEGORY(lcStorage, "qetcd.storage", QtInfoMsg)
