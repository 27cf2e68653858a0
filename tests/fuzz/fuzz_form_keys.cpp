// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// What a client controls in a /v2/keys request, decoded by core/api: the
// query string and an x-www-form-urlencoded body (Form), the key path and the
// parameters (KeysRequest, GoStrconv, GoPath, KeyLimits).
// Input: method selector byte, flags byte (bit 0: form content type), then
// keyPath, query and body separated by '\0'.
#include "FuzzInput.h"
#include "api/Form.h"
#include "api/HttpRequest.h"
#include "api/KeysRequest.h"
#include "go/GoPath.h"
#include "store/Command.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    static const char *const methods[] = {"GET", "PUT", "POST", "DELETE", "HEAD", "PATCH"};
    api::HttpRequest request;
    request.method = methods[in.byte() % 6];
    if (in.flag())
        request.headers.append(
            {QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")});
    const QByteArray keyPath = in.until('\0');
    request.query = in.until('\0');
    request.body = in.rest();
    request.path = "/v2/keys" + keyPath;

    QString error;
    const std::optional<api::Form> form =
        api::Form::parse(request.query, request.body, true, &error);
    FUZZ_CHECK(form.has_value() == error.isEmpty());

    const qint64 nowNs = 1'700'000'000'000'000'000;
    const auto parsed = api::KeysRequest::parse(request, keyPath, nowNs);
    if (const api::KeysRequest *r = std::get_if<api::KeysRequest>(&parsed)) {
        FUZZ_CHECK(go::GoPath::isClean(r->path));
        FUZZ_CHECK(go::GoPath::clean(r->path) == r->path);
        if (r->kind == api::KeysRequest::Kind::Write) {
            // What is proposed must reach every member unchanged.
            const std::optional<store::Command> back = store::Command::decode(r->command.encode());
            FUZZ_CHECK(back && *back == r->command);
        }
    }
    return 0;
}
