// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// What qetcdctl and qetcd-admin read from a server, which may be hostile or
// broken (core/client): keys responses (Response, Node, recursively), error
// bodies (Error::fromKeysBody), member, user and role lists, and etcdctl's
// printing of a parsed response (ctl/ResponsePrinter). The json output format
// must stay valid JSON whatever the server sent.
// Input: selector byte, u8 HTTP status offset, then the body.
#include "FuzzInput.h"
#include "client/AuthRole.h"
#include "client/AuthUser.h"
#include "client/Error.h"
#include "client/GoText.h"
#include "client/Member.h"
#include "client/Response.h"
#include "ctl/ResponsePrinter.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace client;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    const quint8 selector = in.byte() % 4;
    const int status = 200 + in.byte() * 2;
    const QByteArray body = in.rest();
    switch (selector) {
    case 0: {
        Response r;
        Error error;
        if (!Response::parse(body, &r, &error)) {
            FUZZ_CHECK(error.isError());
            break;
        }
        r.httpStatus = status;
        const QByteArray json = ctl::responseJson(r);
        QJsonParseError pe;
        QJsonDocument::fromJson(json, &pe);
        FUZZ_CHECK(pe.error == QJsonParseError::NoError);
        for (const char *format : {"simple", "extended", "json"})
            ctl::formatResponseKey(r, QLatin1String(format));
        ctl::formatLs(r, true);
        Node::fromJson(r.node.toJson());
        break;
    }
    case 1:
        Error::fromKeysBody(body, status);
        client::go::jsonDecodeError(body, QStringLiteral("httptypes.HTTPError"));
        break;
    case 2: {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        Member::listFromJson(o);
        Member::fromJson(o);
        break;
    }
    case 3: {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        AuthUser::fromJson(o);
        AuthUser::namesFromList(o);
        AuthRole::fromJson(o);
        AuthRole::namesFromList(o);
        break;
    }
    }
    return 0;
}
