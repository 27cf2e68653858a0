#pragma once

#include <QAbstractHttpServer>

class V2Api;

// The daemon's HTTP server: Qt HttpServer's connection handling and parser,
// with routing done by the v2 contract layer (V2Api) rather than
// QHttpServer's regex router. Copies each request into plain values, lets the
// api answer, and writes the bytes itself (compact JSON, one write per
// response, HEAD without body, Connection: close and HTTP/1.0 honoured).
// Borrows the api; server thread only.
class HttpFrontend : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit HttpFrontend(V2Api &api, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    V2Api &m_api;
};
