// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The daemon's look at a request head before Qt's parser sees the bytes
// (daemon/RequestHead, used by ConnectionGuard): HTTP/1.0 detection, the end
// of the head, Content-Length and Expect: 100-continue. Also the response
// bytes the daemon builds around values taken from a request (HttpWire).
// Input: the raw bytes of a connection.
#include "FuzzInput.h"
#include "HttpWire.h"
#include "RequestHead.h"
#include "api/HttpResponse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    http::RequestHead::isHttp10(bytes);
    const std::optional<http::RequestHead> head = http::RequestHead::parse(bytes);
    if (head) {
        FUZZ_CHECK(head->bytes >= 4 && head->bytes <= bytes.size());
        FUZZ_CHECK(bytes.first(head->bytes).endsWith("\r\n\r\n"));
        // The first blank line ends the head: bytes after it (the body) change nothing.
        const std::optional<http::RequestHead> again =
            http::RequestHead::parse(bytes.first(head->bytes));
        FUZZ_CHECK(again && again->bytes == head->bytes &&
                   again->contentLength == head->contentLength &&
                   again->expectContinue == head->expectContinue);
    } else {
        FUZZ_CHECK(bytes.indexOf("\r\n\r\n") < 0);
    }

    // A response that echoes request bytes in a header value and its body, as an
    // error answer may; framing must stay consistent for any content.
    api::HttpResponse r;
    r.status = size > 0 ? 100 + data[0] * 2 : 200;
    r.addHeader("Content-Type", "application/json");
    r.addHeader("X-Echo", bytes.first(qMin<qsizetype>(bytes.size(), 64)).toByteArray());
    r.body = bytes.toByteArray();
    const QByteArray wire = http::HttpWire::response(r, false, head && head->expectContinue);
    FUZZ_CHECK(r.status == 204 || wire.endsWith(r.body));
    const QByteArray headOnly = http::HttpWire::response(r, true, false);
    FUZZ_CHECK(headOnly.endsWith("\r\n\r\n"));
    http::HttpWire::streamHead(r, true);
    const QByteArray chunk = http::HttpWire::chunk(r.body);
    FUZZ_CHECK(r.body.isEmpty() || chunk.contains(r.body));
    return 0;
}
