// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// A stream=true watch answer as the client reads it from a (possibly hostile)
// server: JsonStreamSplitter cutting the byte stream into JSON objects as
// pieces arrive, each parsed as a Response (as Watcher does).
// Invariant: how the stream is cut into pieces changes nothing about the
// objects that come out, nor about where an object too large is refused.
// Input: u8 selecting the object size bound (0: the default), then pieces as
// u8 length + bytes.
#include "FuzzInput.h"
#include "client/Error.h"
#include "client/JsonStreamSplitter.h"
#include "client/Response.h"

using namespace client;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    const quint8 bound = in.byte();
    const qsizetype maxObject =
        bound == 0 ? JsonStreamSplitter::kDefaultMaxObjectBytes : qsizetype(bound) * 8;
    JsonStreamSplitter pieces(maxObject);
    QList<QByteArray> objects;
    QByteArray all;
    while (!in.atEnd()) {
        const QByteArray piece = in.take(in.byte());
        all.append(piece);
        objects.append(pieces.feed(piece));
    }
    JsonStreamSplitter whole(maxObject);
    FUZZ_CHECK(whole.feed(all) == objects);
    FUZZ_CHECK(whole.hasPartial() == pieces.hasPartial());
    FUZZ_CHECK(whole.overflowed() == pieces.overflowed());
    for (const QByteArray &o : std::as_const(objects)) {
        FUZZ_CHECK(o.startsWith('{') || o.startsWith('['));
        FUZZ_CHECK(o.size() <= maxObject);
        Response r;
        Error error;
        Response::parse(o, &r, &error);
    }
    return 0;
}
