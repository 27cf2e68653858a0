#include "transport/TransportLogging.h"

Q_LOGGING_CATEGORY(lcTransport, "qetcd.transport", QtInfoMsg)
