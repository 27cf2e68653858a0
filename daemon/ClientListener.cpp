#include "ClientListener.h"

#include "ClientThreads.h"
#include "transport/AcceptLoop.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcClients)

ClientListener::ClientListener(ClientThreads &threads, QObject *parent)
    : QTcpServer(parent), m_threads(threads),
      m_acceptLoop(new transport::AcceptLoop(
          this, lcClients, QStringLiteral("client"),
          [this](qintptr descriptor) { m_threads.dispatch(descriptor, m_tls); }))
{
}

bool ClientListener::listen(const QHostAddress &address, quint16 port)
{
    if (!QTcpServer::listen(address, port))
        return false;
    m_acceptLoop->start();
    return true;
}
