#include "ClientListener.h"

#include "ClientThreads.h"

ClientListener::ClientListener(ClientThreads &threads, QObject *parent)
    : QTcpServer(parent), m_threads(threads)
{
}

void ClientListener::incomingConnection(qintptr descriptor)
{
    m_threads.dispatch(descriptor, m_tls);
}
