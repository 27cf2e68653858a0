#include "transport/TransportLogging.h"

namespace transport {

Q_LOGGING_CATEGORY(lcTransport, "qetcd.transport", QtInfoMsg)

} // namespace transport
