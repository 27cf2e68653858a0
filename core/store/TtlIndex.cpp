#include "store/TtlIndex.h"

#include "store/Node.h"

void TtlIndex::add(Node *n)
{
    m_nodes[{n->expirationNs, n->path}] = n;
}

void TtlIndex::remove(Node *n)
{
    m_nodes.erase({n->expirationNs, n->path});
}
