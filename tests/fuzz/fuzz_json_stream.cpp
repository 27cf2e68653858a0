// A stream=true watch answer as the client reads it from a (possibly hostile)
// server: JsonStreamSplitter cutting the byte stream into JSON objects as
// pieces arrive, each parsed as a Response (as Watcher does).
// Invariant: how the stream is cut into pieces changes nothing about the
// objects that come out.
// Input: pieces as u8 length + bytes.
#include "FuzzInput.h"
#include "client/Error.h"
#include "client/JsonStreamSplitter.h"
#include "client/Response.h"

using namespace client;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    JsonStreamSplitter pieces;
    QList<QByteArray> objects;
    QByteArray all;
    while (!in.atEnd()) {
        const QByteArray piece = in.take(in.byte());
        all.append(piece);
        objects.append(pieces.feed(piece));
    }
    JsonStreamSplitter whole;
    FUZZ_CHECK(whole.feed(all) == objects);
    FUZZ_CHECK(whole.hasPartial() == pieces.hasPartial());
    for (const QByteArray &o : std::as_const(objects)) {
        FUZZ_CHECK(o.startsWith('{') || o.startsWith('['));
        Response r;
        Error error;
        Response::parse(o, &r, &error);
    }
    return 0;
}
