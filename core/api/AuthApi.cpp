// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/AuthApi.h"

#include "api/ApiBackend.h"
#include "api/ApiResponses.h"
#include "api/AuthJson.h"
#include "auth/AuthStore.h"

namespace api {

namespace {

const QByteArray kPrefix = QByteArrayLiteral("/v2/auth");

// Go's path.Clean, split: "/users/a/../b/" -> {"users", "b"}.
QStringList cleanPieces(const QByteArray &path)
{
    QStringList pieces;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!pieces.isEmpty())
                pieces.removeLast();
            continue;
        }
        pieces.append(QString::fromUtf8(segment));
    }
    return pieces;
}

bool isRead(const HttpRequest &request)
{
    return request.method == "GET" || request.method == "HEAD";
}

int httpStatus(auth::AuthResult::Status status)
{
    using S = auth::AuthResult::Status;
    switch (status) {
    case S::Ok:
        return 200;
    case S::Created:
        return 201;
    case S::Invalid:
        return 400;
    case S::Forbidden:
        return 403;
    case S::NotFound:
        return 404;
    case S::Conflict:
        return 409;
    case S::NotApplied:
        return 500;
    }
    return 500;
}

} // namespace

// The credentials of an HTTP Basic Authorization header, as Go's
// Request.BasicAuth reads them (case-insensitive scheme, strict base64,
// user and password split at the first ':').
struct AuthApi::Credentials
{
    enum class Kind { None, Malformed, Given };
    Kind kind = Kind::None;
    QString user;
    QString password;

    static Credentials of(const HttpRequest &request)
    {
        Credentials c;
        const QByteArray header = request.header("Authorization");
        if (header.isEmpty())
            return c;
        c.kind = Kind::Malformed;
        static const QByteArray scheme = QByteArrayLiteral("basic ");
        if (header.size() < scheme.size() || header.left(scheme.size()).toLower() != scheme)
            return c;
        QByteArray encoded = header.mid(scheme.size());
        encoded.replace('\r', QByteArray()).replace('\n', QByteArray()); // Go skips these
        if (encoded.size() % 4 != 0)
            return c;
        const auto result =
            QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        if (!result)
            return c;
        const QByteArray &decoded = result.decoded;
        const qsizetype colon = decoded.indexOf(':');
        if (colon < 0)
            return c;
        c.kind = Kind::Given;
        c.user = QString::fromUtf8(decoded.left(colon));
        c.password = QString::fromUtf8(decoded.mid(colon + 1));
        return c;
    }
};

AuthApi::AuthApi(ApiBackend &backend) : AuthApi(backend, auth::CredentialVerifier::Limits{}) {}

AuthApi::AuthApi(ApiBackend &backend, const auth::CredentialVerifier::Limits &limits)
    : m_backend(backend), m_verifier([&backend] { return backend.nowNs(); }, limits)
{
}

bool AuthApi::handles(const QByteArray &path)
{
    return path == kPrefix || path.startsWith(kPrefix + '/');
}

HttpResponse AuthApi::insufficientCredentials()
{
    return api::responses::httpError(401, QStringLiteral("Insufficient credentials"));
}

HttpResponse AuthApi::json(int status, const QByteArray &body) const
{
    HttpResponse r = api::responses::json(status, body);
    r.addHeader("X-Etcd-Cluster-Id", QByteArray::number(m_backend.clusterId(), 16));
    return r;
}

HttpResponse AuthApi::error(int status, const QString &message) const
{
    HttpResponse r = api::responses::httpError(status, message);
    r.addHeader("X-Etcd-Cluster-Id", QByteArray::number(m_backend.clusterId(), 16));
    return r;
}

HttpResponse AuthApi::failure(const auth::AuthResult &result) const
{
    // A change that never took effect is etcd's unexpected-error answer.
    if (result.status == auth::AuthResult::Status::NotApplied)
        return error(500, QStringLiteral("Internal Server Error"));
    return error(httpStatus(result.status), result.message);
}

HttpResponse AuthApi::tooManyPasswordChecks()
{
    HttpResponse r = api::responses::httpError(
        429, QStringLiteral("Too many password checks in progress, retry later"));
    r.addHeader("Retry-After", "1");
    return r;
}

bool AuthApi::hasValidCredentials(const Credentials &c) const
{
    if (c.kind != Credentials::Kind::Given)
        return false;
    const std::optional<auth::AuthUser> user = m_backend.auth().user(c.user);
    if (!user)
        return false;
    if (m_resumed && m_resumed->user == c.user && m_resumed->password == c.password &&
        m_resumed->storedKey == user->password.key)
        return m_resumed->valid;
    return m_verifier.known(c.user, c.password, user->password) ==
           auth::CredentialVerifier::Verdict::Valid;
}

std::optional<AuthApi::TakenOver>
AuthApi::verifyFirst(const HttpRequest &request, const ChannelFactory &defer, const Resume &resume)
{
    const auth::AuthStore &store = m_backend.auth();
    if (!store.isEnabled())
        return std::nullopt;
    // Only these answers depend on credentials (GET /v2/auth/enable does not).
    const QByteArray &path = request.path;
    const bool read = isRead(request);
    const bool checked = path.startsWith("/v2/keys") || (path.startsWith("/v2/members") && !read) ||
                         (handles(path) && !(read && path == kPrefix + "/enable"));
    if (!checked)
        return std::nullopt;
    const Credentials c = Credentials::of(request);
    if (c.kind != Credentials::Kind::Given)
        return std::nullopt;
    const std::optional<auth::AuthUser> user = store.user(c.user);
    if (!user || m_verifier.known(c.user, c.password, user->password))
        return std::nullopt; // the checks below answer without a hash
    if (m_resumed && m_resumed->user == c.user && m_resumed->password == c.password)
        return std::nullopt; // resumed already; a hash changed meanwhile fails closed
    // The verdict never comes within verify(): the channel is taken only
    // once the check is accepted.
    auto held = std::make_shared<std::shared_ptr<ResponseChannel>>();
    const QByteArray storedKey = user->password.key;
    const bool started = m_verifier.verify(
        c.user, c.password, user->password,
        [this, request, held, resume, c, storedKey](auth::CredentialVerifier::Verdict verdict) {
            const std::shared_ptr<ResponseChannel> channel = *held;
            if (!channel || !channel->isOpen())
                return;
            m_resumed = Resumed{c.user, c.password, storedKey,
                                verdict == auth::CredentialVerifier::Verdict::Valid};
            const std::optional<HttpResponse> now = resume(request, [channel] { return channel; });
            m_resumed.reset();
            if (now)
                channel->respond(*now);
        },
        request.peer);
    if (!started)
        return TakenOver{tooManyPasswordChecks()};
    *held = defer();
    return TakenOver{};
}

bool AuthApi::allowsRootAccess(const HttpRequest &request) const
{
    const auth::AuthStore &store = m_backend.auth();
    if (!store.isEnabled())
        return true;
    const Credentials c = Credentials::of(request);
    return hasValidCredentials(c) && store.hasRootRole(c.user);
}

bool AuthApi::allowsKeyAccess(const HttpRequest &request, const QString &key, bool recursive) const
{
    const auth::AuthStore &store = m_backend.auth();
    if (!store.isEnabled())
        return true;
    const bool write = !isRead(request);
    const Credentials c = Credentials::of(request);
    switch (c.kind) {
    case Credentials::Kind::None:
        return store.hasAccess(std::nullopt, key, recursive, write);
    case Credentials::Kind::Malformed:
        return false;
    case Credentials::Kind::Given:
        return hasValidCredentials(c) && store.hasAccess(c.user, key, recursive, write);
    }
    return false;
}

std::optional<HttpResponse> AuthApi::handle(const HttpRequest &request, const ChannelFactory &defer)
{
    const QByteArray &path = request.path;
    const QByteArray &method = request.method;
    if (path == kPrefix + "/enable") {
        // Anyone may ask whether auth is on; switching it needs root.
        if (auto refused = refuse(request, "GET,PUT,DELETE", method != "GET"))
            return refused;
        if (method == "GET")
            return json(200, AuthJson::enabled(m_backend.auth().isEnabled()));
        auth::AuthCommand command;
        command.op = method == "PUT" ? auth::AuthCommand::Op::EnableAuth
                                     : auth::AuthCommand::Op::DisableAuth;
        proposeForEmptyAnswer(command, defer);
        return std::nullopt;
    }
    for (const char *collection : {"/users", "/roles"}) {
        const QByteArray base = kPrefix + collection;
        if (path != base && !path.startsWith(base + '/'))
            continue;
        const bool users = collection[1] == 'u';
        // etcd splits the cleaned path: "/users" lists, "/users/<name>" is one.
        const QStringList pieces = cleanPieces(path.mid(kPrefix.size()));
        if (pieces.size() > 2)
            return api::responses::httpError(400, QStringLiteral("Invalid path"));
        if (pieces.size() < 2) {
            if (auto refused = refuse(request, "GET", true))
                return refused;
            return json(200, users ? userList() : roleList());
        }
        if (auto refused = refuse(request, "GET,PUT,DELETE", true))
            return refused;
        const QString name = pieces.at(1);
        if (method == "GET")
            return users ? getUser(name) : getRole(name);
        if (method == "PUT")
            return users ? putUser(request, name, defer) : putRole(request, name, defer);
        auth::AuthCommand command;
        command.op = users ? auth::AuthCommand::Op::DeleteUser : auth::AuthCommand::Op::DeleteRole;
        command.name = name;
        proposeForEmptyAnswer(command, defer);
        return std::nullopt;
    }
    return api::responses::text(404, "404 page not found\n");
}

std::optional<HttpResponse> AuthApi::refuse(const HttpRequest &request, const QByteArray &allow,
                                            bool needsRoot) const
{
    if (!allow.split(',').contains(request.method))
        return api::responses::methodNotAllowed(allow);
    if (needsRoot && !allowsRootAccess(request))
        return insufficientCredentials();
    return std::nullopt;
}

QByteArray AuthApi::userList() const
{
    // Each user with the roles that exist (etcd skips the others here).
    const auth::AuthStore &store = m_backend.auth();
    QList<QPair<QString, QList<auth::AuthRole>>> list;
    for (const QString &userName : store.userNames()) {
        QList<auth::AuthRole> roles;
        for (const QString &roleName : store.user(userName)->roles.value_or(QStringList())) {
            if (const std::optional<auth::AuthRole> role = store.role(roleName))
                roles.append(*role);
        }
        list.append({userName, roles});
    }
    return AuthJson::userList(list);
}

QByteArray AuthApi::roleList() const
{
    const auth::AuthStore &store = m_backend.auth();
    QList<auth::AuthRole> list;
    for (const QString &roleName : store.roleNames())
        list.append(*store.role(roleName));
    return AuthJson::roleList(list);
}

HttpResponse AuthApi::getUser(const QString &name) const
{
    const auth::AuthStore &store = m_backend.auth();
    const std::optional<auth::AuthUser> user = store.user(name);
    if (!user)
        return error(404, QStringLiteral("auth: User %1 does not exist.").arg(name));
    // Here etcd fails on a role that does not exist.
    QList<auth::AuthRole> roles;
    for (const QString &roleName : user->roles.value_or(QStringList())) {
        const std::optional<auth::AuthRole> role = store.role(roleName);
        if (!role)
            return error(404, QStringLiteral("auth: Role %1 does not exist.").arg(roleName));
        roles.append(*role);
    }
    return json(200, AuthJson::userWithRoles(user->name, roles));
}

HttpResponse AuthApi::getRole(const QString &name) const
{
    const std::optional<auth::AuthRole> role = m_backend.auth().role(name);
    if (!role)
        return error(404, QStringLiteral("auth: Role %1 does not exist.").arg(name));
    return json(200, AuthJson::role(*role));
}

std::optional<HttpResponse> AuthApi::putUser(const HttpRequest &request, const QString &name,
                                             const ChannelFactory &defer)
{
    const std::optional<AuthJson::UserRequest> in = AuthJson::parseUser(request.body);
    if (!in)
        return error(400, QStringLiteral("Invalid JSON in request body."));
    if (in->user != name)
        return error(400, QStringLiteral("User JSON name does not match the name in the URL"));
    auth::AuthCommand command;
    command.name = name;
    if (in->grant.isEmpty() && in->revoke.isEmpty()) {
        // With roles etcd creates; with a password only, it creates or
        // changes the password.
        const bool withRoles = in->roles && !in->roles->isEmpty();
        command.op = withRoles ? auth::AuthCommand::Op::CreateUser
                               : auth::AuthCommand::Op::CreateOrUpdateUser;
        command.roles = in->roles;
    } else {
        if (in->roles && !in->roles->isEmpty())
            return error(400, QStringLiteral("User JSON contains both roles and grant/revoke"));
        command.op = auth::AuthCommand::Op::UpdateUser;
        command.grantRoles = in->grant;
        command.revokeRoles = in->revoke;
    }
    auto success = [this](const auth::AuthResult &result) {
        return json(result.status == auth::AuthResult::Status::Created ? 201 : 200,
                    AuthJson::user(*result.user));
    };
    if (in->password.isEmpty()) {
        propose(command, defer(), success);
        return std::nullopt;
    }
    if (!auth::PasswordHash::canHash(in->password))
        return error(400, QStringLiteral("auth: a password must not contain a NUL character"));
    // bcrypt on the verifier's pool, then the proposal from this thread.
    std::shared_ptr<ResponseChannel> channel = defer();
    m_verifier.hash(in->password,
                    [this, command, channel, success](const auth::PasswordHash &hash) {
                        if (!channel->isOpen())
                            return;
                        if (hash.isEmpty()) {
                            channel->respond(error(500, QStringLiteral("Internal Server Error")));
                            return;
                        }
                        auth::AuthCommand hashed = command;
                        hashed.password = hash;
                        propose(hashed, channel, success);
                    });
    return std::nullopt;
}

std::optional<HttpResponse> AuthApi::putRole(const HttpRequest &request, const QString &name,
                                             const ChannelFactory &defer)
{
    const std::optional<AuthJson::RoleRequest> in = AuthJson::parseRole(request.body);
    if (!in)
        return error(400, QStringLiteral("Invalid JSON in request body."));
    if (in->role != name)
        return error(400, QStringLiteral("Role JSON name does not match the name in the URL"));
    const bool grantEmpty = !in->grant || in->grant->isEmpty();
    const bool revokeEmpty = !in->revoke || in->revoke->isEmpty();
    auth::AuthCommand command;
    command.name = name;
    if (grantEmpty && revokeEmpty) {
        command.op = auth::AuthCommand::Op::CreateRole;
        command.permissions = in->permissions;
        // etcd echoes the request as it came, empty grant/revoke objects included.
        const auto grant = in->grant;
        const auto revoke = in->revoke;
        propose(command, defer(), [this, grant, revoke](const auth::AuthResult &result) {
            return json(201, AuthJson::role(*result.role, grant, revoke));
        });
        return std::nullopt;
    }
    if (!in->permissions.isEmpty())
        return error(400, QStringLiteral("Role JSON contains both permissions and grant/revoke"));
    command.op = auth::AuthCommand::Op::UpdateRole;
    command.grant = in->grant;
    command.revoke = in->revoke;
    propose(command, defer(), [this](const auth::AuthResult &result) {
        return json(200, AuthJson::role(*result.role));
    });
    return std::nullopt;
}

void AuthApi::proposeForEmptyAnswer(const auth::AuthCommand &command, const ChannelFactory &defer)
{
    propose(command, defer(), [this](const auth::AuthResult &) { return json(200, {}); });
}

void AuthApi::propose(const auth::AuthCommand &command,
                      const std::shared_ptr<ResponseChannel> &channel,
                      std::function<HttpResponse(const auth::AuthResult &)> success)
{
    m_backend.proposeAuth(command, [this, channel, success](const auth::AuthResult &result) {
        if (!channel->isOpen())
            return;
        channel->respond(result.ok() ? success(result) : failure(result));
    });
}

} // namespace api
