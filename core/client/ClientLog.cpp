#include "client/ClientLog.h"

namespace client {

Q_LOGGING_CATEGORY(lcClient, "qetcd.client", QtWarningMsg)

} // namespace client
