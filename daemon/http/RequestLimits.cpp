// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "RequestLimits.h"

#include "RequestHead.h"

namespace http {

RequestLimits::Verdict RequestLimits::refuse(int status, const char *message)
{
    m_refused = true;
    Verdict v;
    v.action = Verdict::Action::Refuse;
    v.status = status;
    v.message = message;
    return v;
}

RequestLimits::Verdict RequestLimits::take(qint64 available, QByteArrayView buffered)
{
    if (m_refused || available <= 0)
        return {};
    m_bytesInRequest += available;
    if (m_headersSeen) {
        // Body bytes only count: they are not looked at (nor copied).
        // Bodies without Content-Length (chunked) are bounded by the running total.
        if (m_bytesInRequest > m_maxBodyBytes + maxHeaderBytes)
            return refuse(413, "request body too large");
        return {};
    }
    if (buffered.isEmpty())
        return {};
    if (m_atRequestStart) {
        m_atRequestStart = false;
        m_http10 = RequestHead::isHttp10(buffered);
    }
    const std::optional<RequestHead> head = RequestHead::parse(buffered);
    if (!head) {
        if (m_bytesInRequest > maxHeaderBytes)
            return refuse(431, "request headers too large");
        return {};
    }
    m_headersSeen = true;
    if (head->contentLength > m_maxBodyBytes)
        return refuse(413, "request body too large");
    const qint64 bodyHere = available - head->bytes;
    if (head->contentLength > bodyHere && head->expectContinue) {
        Verdict v;
        v.action = Verdict::Action::SendContinue;
        return v;
    }
    return {};
}

void RequestLimits::requestDone()
{
    m_atRequestStart = true;
    m_headersSeen = false;
    m_bytesInRequest = 0;
    ++m_requestsDone;
}

RequestLimits::Verdict RequestLimits::sweep(int stuckSweeps)
{
    if (m_refused || m_bytesInRequest == 0) {
        m_stuckSweeps = 0;
        return {};
    }
    if (m_sweptRequest != m_requestsDone) {
        m_sweptRequest = m_requestsDone;
        m_stuckSweeps = 0;
    }
    if (++m_stuckSweeps >= stuckSweeps)
        return refuse(408, "request timeout");
    return {};
}

} // namespace http
