<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FlagTable</name>
    <message>
        <source>not a boolean (use true or false)</source>
        <translation>不是布尔值（请使用 true 或 false）</translation>
    </message>
    <message>
        <source>human-readable name for this member.</source>
        <translation>此成员的可读名称。</translation>
    </message>
    <message>
        <source>path to the data directory.</source>
        <translation>数据目录的路径。</translation>
    </message>
    <message>
        <source>path to a dedicated write-ahead log directory (default: &lt;data-dir&gt;/member/wal).</source>
        <translation>专用预写日志目录的路径（默认：&lt;data-dir&gt;/member/wal）。</translation>
    </message>
    <message>
        <source>number of committed transactions that triggers a snapshot to disk.</source>
        <translation>触发将快照写入磁盘的已提交事务数。</translation>
    </message>
    <message>
        <source>time (in milliseconds) of a heartbeat interval.</source>
        <translation>心跳间隔时间（毫秒）。</translation>
    </message>
    <message>
        <source>time (in milliseconds) after which a follower that heard no leader starts an election.</source>
        <translation>跟随者在未收到领导者消息多长时间（毫秒）后发起选举。</translation>
    </message>
    <message>
        <source>list of URLs to listen on for peer traffic.</source>
        <translation>用于监听对等流量的 URL 列表。</translation>
    </message>
    <message>
        <source>list of URLs to listen on for client traffic.</source>
        <translation>用于监听客户端流量的 URL 列表。</translation>
    </message>
    <message>
        <source>maximum number of snapshot files to keep (0 is unlimited).</source>
        <translation>保留的快照文件最大数量（0 表示不限制）。</translation>
    </message>
    <message>
        <source>maximum number of write-ahead log files to keep (0 is unlimited).</source>
        <translation>保留的预写日志文件最大数量（0 表示不限制）。</translation>
    </message>
    <message>
        <source>comma-separated list of origins allowed for CORS (cross-origin resource sharing); * allows every origin.</source>
        <translation>允许 CORS（跨域资源共享）的来源列表，以逗号分隔；* 表示允许所有来源。</translation>
    </message>
    <message>
        <source>maximum size in bytes of a client request body.</source>
        <translation>客户端请求体的最大字节数。</translation>
    </message>
    <message>
        <source>threads, besides the member&apos;s own, that read, parse and answer client requests (plain reads are served on them; writes and watches go to the member&apos;s thread); 0 is one per CPU core (qetcd only).</source>
        <translation>除成员自身线程外，用于读取、解析和应答客户端请求的线程数（普通读取在这些线程上处理；写入和监视交由成员线程处理）；0 表示每个 CPU 核心一个线程（仅 qetcd）。</translation>
    </message>
    <message>
        <source>seconds a client may take to send a whole request before it is answered 408 and disconnected; idle connections and watches are not affected; 0 waits for ever (qetcd only).</source>
        <translation>客户端发送完整请求的最长秒数，超时将返回 408 并断开连接；空闲连接和监视不受影响；0 表示无限等待（仅 qetcd）。</translation>
    </message>
    <message>
        <source>list of this member&apos;s peer URLs to advertise to the rest of the cluster.</source>
        <translation>向集群其余成员公布的此成员对等 URL 列表。</translation>
    </message>
    <message>
        <source>initial cluster configuration for bootstrapping, as name=peer-url[,name=peer-url...] (default: ${name}=url for each URL of --initial-advertise-peer-urls).</source>
        <translation>用于引导启动的初始集群配置，格式为 name=peer-url[,name=peer-url...]（默认：对 --initial-advertise-peer-urls 中的每个 URL 使用 ${name}=url）。</translation>
    </message>
    <message>
        <source>initial cluster state (&apos;new&apos; or &apos;existing&apos;).</source>
        <translation>初始集群状态（&apos;new&apos; 或 &apos;existing&apos;）。</translation>
    </message>
    <message>
        <source>initial cluster token for the cluster during bootstrap; keeps clusters made from the same configuration apart.</source>
        <translation>引导启动期间使用的初始集群令牌；用于区分由相同配置创建的不同集群。</translation>
    </message>
    <message>
        <source>list of this member&apos;s client URLs to advertise to clients; required when --listen-client-urls is set.</source>
        <translation>向客户端公布的此成员客户端 URL 列表；设置 --listen-client-urls 时必须指定。</translation>
    </message>
    <message>
        <source>path to the client server TLS cert file.</source>
        <translation>客户端服务器 TLS 证书文件的路径。</translation>
    </message>
    <message>
        <source>path to the client server TLS key file.</source>
        <translation>客户端服务器 TLS 密钥文件的路径。</translation>
    </message>
    <message>
        <source>enable client cert authentication.</source>
        <translation>启用客户端证书认证。</translation>
    </message>
    <message>
        <source>path to the CA file that client certs must chain to.</source>
        <translation>CA 文件的路径，客户端证书必须能链接到该 CA。</translation>
    </message>
    <message>
        <source>path to the peer server TLS cert file.</source>
        <translation>对等服务器 TLS 证书文件的路径。</translation>
    </message>
    <message>
        <source>path to the peer server TLS key file.</source>
        <translation>对等服务器 TLS 密钥文件的路径。</translation>
    </message>
    <message>
        <source>enable peer client cert authentication.</source>
        <translation>启用对等客户端证书认证。</translation>
    </message>
    <message>
        <source>path to the CA file that peer certs must chain to.</source>
        <translation>CA 文件的路径，对等证书必须能链接到该 CA。</translation>
    </message>
    <message>
        <source>allowed CN for inter peer authentication (needs --peer-client-cert-auth).</source>
        <translation>对等节点间认证所允许的证书 CN（需要 --peer-client-cert-auth）。</translation>
    </message>
    <message>
        <source>force to create a new one-member cluster from the data directory.</source>
        <translation>基于数据目录强制创建新的单成员集群。</translation>
    </message>
    <message>
        <source>seconds a new client connection may take to finish its TLS handshake and send the first byte of its first request before it is closed; 0 waits for ever (qetcd only).</source>
        <translation>新的客户端连接完成 TLS 握手并发送第一个请求的第一个字节的最长秒数，超时则关闭连接；0 表示无限等待（仅 qetcd）。</translation>
    </message>
    <message>
        <source>client connections open at once; more are closed as soon as they are accepted. Never more than the open-file limit minus a reserve for storage and peers; 0 is that many (qetcd only).</source>
        <translation>同时打开的客户端连接数；超出的连接在接受后立即关闭。不会超过打开文件数上限减去为存储和对等节点保留的数量；0 表示取该上限（仅 qetcd）。</translation>
    </message>
    <message>
        <source>accept etcd V2 client requests (qetcd serves only the v2 API: false is refused).</source>
        <translation>接受 etcd V2 客户端请求（qetcd 只提供 v2 API：false 会被拒绝）。</translation>
    </message>
    <message>
        <source>qetcd serves only the v2 API; with it turned off there is nothing left to serve (use etcd for the v3 API)</source>
        <translation>qetcd 只提供 v2 API；关闭它就没有可提供的服务了（v3 API 请使用 etcd）</translation>
    </message>
    <message>
        <source>--enable-v2 is accepted for etcd compatibility; qetcd always serves the v2 API</source>
        <translation>为与 etcd 兼容而接受 --enable-v2；qetcd 总是提供 v2 API</translation>
    </message>
    <message>
        <source>unexpected TLS cipher suite %1</source>
        <translation>意外的 TLS 密码套件 %1</translation>
    </message>
    <message>
        <source>path to a configuration file in etcd 3.4&apos;s YAML format. When given, the file is the whole configuration: other command-line flags and environment variables are ignored.</source>
        <translation>etcd 3.4 YAML 格式的配置文件路径。给出时，该文件即为全部配置：其他命令行参数和环境变量都会被忽略。</translation>
    </message>
    <message>
        <source>list of additional URLs to listen on that answer only /metrics and /health (https ones with the client certificate).</source>
        <translation>额外监听的 URL 列表，这些地址只响应 /metrics 和 /health（https 地址使用客户端证书）。</translation>
    </message>
    <message>
        <source>path to the client certificate revocation list file (PEM); clients presenting a revoked certificate are refused.</source>
        <translation>客户端证书吊销列表文件路径（PEM）；出示已吊销证书的客户端会被拒绝。</translation>
    </message>
    <message>
        <source>path to the peer certificate revocation list file (PEM); members presenting a revoked certificate are refused.</source>
        <translation>成员证书吊销列表文件路径（PEM）；出示已吊销证书的成员会被拒绝。</translation>
    </message>
    <message>
        <source>client TLS using a generated, self-signed certificate (written to &lt;data-dir&gt;/fixtures/client; ignored when --cert-file is given).</source>
        <translation>客户端 TLS 使用自动生成的自签名证书（写入 &lt;data-dir&gt;/fixtures/client；给出 --cert-file 时忽略）。</translation>
    </message>
    <message>
        <source>peer TLS using a generated, self-signed certificate (written to &lt;data-dir&gt;/fixtures/peer; members then do not verify each other&apos;s certificates; ignored when --peer-cert-file is given).</source>
        <translation>成员间 TLS 使用自动生成的自签名证书（写入 &lt;data-dir&gt;/fixtures/peer；成员之间不再验证彼此的证书；给出 --peer-cert-file 时忽略）。</translation>
    </message>
    <message>
        <source>comma-separated list of supported TLS cipher suites between client/server and peers, by their IANA names (e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); applies to TLS 1.2 (empty means OpenSSL&apos;s default list).</source>
        <translation>客户端/服务器与成员之间支持的 TLS 密码套件列表，以逗号分隔，使用 IANA 名称（例如 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256）；适用于 TLS 1.2（为空表示使用 OpenSSL 的默认列表）。</translation>
    </message>
    <message>
        <source>enable debug-level logging (the same as --log-level=debug).</source>
        <translation>启用 debug 级别日志（等同于 --log-level=debug）。</translation>
    </message>
    <message>
        <source>least important messages logged: debug, info, warn or error.</source>
        <translation>记录的最低日志级别：debug、info、warn 或 error。</translation>
    </message>
    <message>
        <source>logger name etcd users pass (&apos;capnslog&apos; or &apos;zap&apos;); qetcd has one log format for both.</source>
        <translation>etcd 用户传入的日志器名称（&apos;capnslog&apos; 或 &apos;zap&apos;）；qetcd 对两者使用同一种日志格式。</translation>
    </message>
    <message>
        <source>valid values are &quot;capnslog&quot; and &quot;zap&quot;</source>
        <translation>有效值为 &quot;capnslog&quot; 和 &quot;zap&quot;</translation>
    </message>
    <message>
        <source>--logger=%1 is accepted for etcd compatibility; qetcd has one log format</source>
        <translation>为兼容 etcd 接受 --logger=%1；qetcd 只有一种日志格式</translation>
    </message>
    <message>
        <source>comma-separated list of where logs go: stderr (also &apos;default&apos;), stdout, systemd/journal, or a file path (appended to).</source>
        <translation>日志输出位置的逗号分隔列表：stderr（也可写作 &apos;default&apos;）、stdout、systemd/journal，或一个文件路径（追加写入）。</translation>
    </message>
    <message>
        <source>discovery URL used to bootstrap the cluster.</source>
        <translation>用于引导启动集群的发现 URL。</translation>
    </message>
    <message>
        <source>expected behavior (&apos;exit&apos; or &apos;proxy&apos;) when discovery services fails.</source>
        <translation>发现服务失败时的预期行为（&apos;exit&apos; 或 &apos;proxy&apos;）。</translation>
    </message>
    <message>
        <source>unrecognized value &apos;%1&apos;: valid values are &apos;exit&apos; and &apos;proxy&apos;</source>
        <translation>无法识别的值 &apos;%1&apos;：有效值为 &apos;exit&apos; 和 &apos;proxy&apos;</translation>
    </message>
    <message>
        <source>HTTP proxy to use for traffic to discovery service.</source>
        <translation>访问发现服务时使用的 HTTP 代理。</translation>
    </message>
    <message>
        <source>DNS domain used to bootstrap initial cluster.</source>
        <translation>用于引导启动初始集群的 DNS 域名。</translation>
    </message>
    <message>
        <source>proxy mode setting (&apos;off&apos;, &apos;readonly&apos; or &apos;on&apos;).</source>
        <translation>代理模式设置（&apos;off&apos;、&apos;readonly&apos; 或 &apos;on&apos;）。</translation>
    </message>
    <message>
        <source>unrecognized value &apos;%1&apos;: valid values are &apos;off&apos;, &apos;readonly&apos; and &apos;on&apos;</source>
        <translation>无法识别的值 &apos;%1&apos;：有效值为 &apos;off&apos;、&apos;readonly&apos; 和 &apos;on&apos;</translation>
    </message>
    <message>
        <source>time (in milliseconds) an endpoint will be held in a failed state.</source>
        <translation>端点保持失败状态的时间（毫秒）。</translation>
    </message>
    <message>
        <source>time (in milliseconds) of the endpoints refresh interval.</source>
        <translation>端点刷新间隔时间（毫秒）。</translation>
    </message>
    <message>
        <source>time (in milliseconds) for a dial to timeout or 0 to disable the timeout.</source>
        <translation>建立连接的超时时间（毫秒），0 表示禁用超时。</translation>
    </message>
    <message>
        <source>time (in milliseconds) for a write to timeout or 0 to disable the timeout.</source>
        <translation>写入的超时时间（毫秒），0 表示禁用超时。</translation>
    </message>
    <message>
        <source>time (in milliseconds) for a read to timeout or 0 to disable the timeout.</source>
        <translation>读取的超时时间（毫秒），0 表示禁用超时。</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Missing value after &apos;%1&apos;.</source>
        <translation>&apos;%1&apos; 之后缺少值。</translation>
    </message>
    <message>
        <source>Unexpected value after &apos;%1&apos;.</source>
        <translation>&apos;%1&apos; 之后出现了意外的值。</translation>
    </message>
    <message>
        <source>Unknown option &apos;%1&apos;.</source>
        <translation>未知选项 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Unknown options: %1.</source>
        <translation>未知选项：%1。</translation>
    </message>
</context>
<context>
    <name>etcdimport::EtcdImport</name>
    <message>
        <source>%1: no such directory (is %2 an etcd data dir?)</source>
        <translation>%1：目录不存在（%2 是 etcd 数据目录吗？）</translation>
    </message>
    <message>
        <source>%1 exists and is not empty: the import creates a new data dir</source>
        <translation>%1 已存在且不为空：导入会创建一个新的数据目录</translation>
    </message>
    <message>
        <source>%1 exists (left by an import that failed?): remove it first</source>
        <translation>%1 已存在（是一次失败的导入留下的吗？）：请先删除它</translation>
    </message>
    <message>
        <source>%1: offset %2: the WAL starts at entry %3 but the snapshot %4 ends at %5: entries are missing</source>
        <translation>%1：偏移量 %2：WAL 从条目 %3 开始，但快照 %4 结束于 %5：缺少条目</translation>
    </message>
    <message>
        <source>the WAL ends at entry %1, before the snapshot (%2): the snapshot is newer than the log, which etcd allows after a crash</source>
        <translation>WAL 结束于条目 %1，早于快照（%2）：快照比日志新，etcd 在崩溃后允许这种情况</translation>
    </message>
    <message>
        <source>cannot rename %1 to %2</source>
        <translation>无法将 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>usage: qetcd import-etcd --etcd-data-dir DIR --data-dir OUT [--etcd-wal-dir DIR]
       [--name NAME] [--initial-advertise-peer-urls URLS] [--advertise-client-urls URLS]
       [--initial-cluster-token TOKEN]
  Reads a stopped etcd member&apos;s data dir (etcd 2.2 to 3.5, started with v2 data) and
  creates the qetcd data dir OUT holding the same v2 keys, values, TTLs, createdIndex,
  modifiedIndex and current index, and the v2 auth users, roles and enabled flag.
  OUT is a new single-member cluster (new member and cluster ids, from --name and the
  URL flags, which `qetcd --data-dir OUT` then reads from OUT); etcd&apos;s v3 data and
  member and cluster ids are not carried over, its v2 event history (for waitIndex)
  only from its newest cluster or auth change on.
</source>
        <translation>用法：qetcd import-etcd --etcd-data-dir DIR --data-dir OUT [--etcd-wal-dir DIR]
       [--name NAME] [--initial-advertise-peer-urls URLS] [--advertise-client-urls URLS]
       [--initial-cluster-token TOKEN]
  读取一个已停止的 etcd 成员的数据目录（etcd 2.2 至 3.5，含 v2 数据），
  创建 qetcd 数据目录 OUT，其中包含相同的 v2 键、值、TTL、createdIndex、
  modifiedIndex 和当前索引，以及 v2 认证的用户、角色和启用标志。
  OUT 是一个新的单成员集群（新的成员 ID 和集群 ID，由 --name 和 URL 参数决定，
  之后 `qetcd --data-dir OUT` 从 OUT 读取它们）；etcd 的 v3 数据以及成员 ID 和
  集群 ID 不会带过来，其 v2 事件历史（供 waitIndex 使用）只从最近一次集群或
  认证变更开始保留。
</translation>
    </message>
    <message>
        <source>unknown argument: %1</source>
        <translation>未知参数：%1</translation>
    </message>
    <message>
        <source>--etcd-data-dir and --data-dir are required</source>
        <translation>必须给出 --etcd-data-dir 和 --data-dir</translation>
    </message>
    <message>
        <source>import-etcd: %1</source>
        <translation>import-etcd：%1</translation>
    </message>
    <message>
        <source>import-etcd: nothing was imported (%1 not created)</source>
        <translation>import-etcd：没有导入任何内容（未创建 %1）</translation>
    </message>
    <message>
        <source>imported etcd member %1 of cluster %2 from %3
</source>
        <translation>已从 %3 导入集群 %2 的 etcd 成员 %1
</translation>
    </message>
    <message>
        <source>  snapshot: %1 (raft index %2)
</source>
        <translation>  快照：%1（raft 索引 %2）
</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>  WAL replayed to raft index %1: %2 v2 writes (%3 refused by the store, as by etcd), %4 SYNCs, %5 reads, %6 membership changes, %7 v3 requests skipped, %8 empty entries, %9 uncommitted entries left out
</source>
        <translation>  WAL 已重放到 raft 索引 %1：%2 次 v2 写入（其中 %3 次被存储拒绝，与 etcd 相同），%4 次 SYNC，%5 次读取，%6 次成员变更，跳过 %7 个 v3 请求，%8 个空条目，未计入 %9 个未提交条目
</translation>
    </message>
    <message>
        <source>  v2 store: %1 nodes, index %2 (X-Etcd-Index), %3 events of history; auth data: %4
</source>
        <translation>  v2 存储：%1 个节点，索引 %2（X-Etcd-Index），%3 个历史事件；认证数据：%4
</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>  note: %1
</source>
        <translation>  注意：%1
</translation>
    </message>
    <message>
        <source>created %1: new single-member cluster %2, member %3 (%4); took %5 ms
</source>
        <translation>已创建 %1：新的单成员集群 %2，成员 %3（%4）；耗时 %5 毫秒
</translation>
    </message>
</context>
<context>
    <name>etcdimport::EtcdSnapshotReader</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: offset 0: empty snapshot file</source>
        <translation>%1：偏移量 0：快照文件为空</translation>
    </message>
    <message>
        <source>%1: offset 0: undecodable snappb.Snapshot</source>
        <translation>%1：偏移量 0：无法解码的 snappb.Snapshot</translation>
    </message>
    <message>
        <source>%1: offset 0: CRC mismatch: computed %2, recorded %3</source>
        <translation>%1：偏移量 0：CRC 不匹配：计算值 %2，记录值 %3</translation>
    </message>
    <message>
        <source>%1: undecodable raftpb.Snapshot inside the envelope</source>
        <translation>%1：封装内的 raftpb.Snapshot 无法解码</translation>
    </message>
</context>
<context>
    <name>etcdimport::EtcdV2Replay</name>
    <message>
        <source>%1: the snapshot&apos;s data is not a v2 store image (JSON error at byte %2 of the data: %3)</source>
        <translation>%1：快照数据不是 v2 存储映像（数据第 %2 字节处 JSON 错误：%3）</translation>
    </message>
    <message>
        <source>%1: the snapshot&apos;s data has no Root and CurrentIndex (not a v2 store image)</source>
        <translation>%1：快照数据缺少 Root 和 CurrentIndex（不是 v2 存储映像）</translation>
    </message>
    <message>
        <source>%1: the v2 store image cannot be read: %2</source>
        <translation>%1：无法读取 v2 存储映像：%2</translation>
    </message>
    <message>
        <source>%1: the v2 event history could not be read; it starts after the snapshot instead</source>
        <translation>%1：无法读取 v2 事件历史；历史改为从快照之后开始</translation>
    </message>
    <message>
        <source>%1: the v2 store image was refused by qetcd&apos;s store</source>
        <translation>%1：qetcd 的存储拒绝了该 v2 存储映像</translation>
    </message>
    <message>
        <source>undecodable raftpb.ConfChange</source>
        <translation>无法解码的 raftpb.ConfChange</translation>
    </message>
    <message>
        <source>unknown ConfChange type %1</source>
        <translation>未知的 ConfChange 类型 %1</translation>
    </message>
    <message>
        <source>unknown entry type %1</source>
        <translation>未知的条目类型 %1</translation>
    </message>
    <message>
        <source>undecodable request (neither etcdserverpb.Request nor InternalRaftRequest)</source>
        <translation>无法解码的请求（既不是 etcdserverpb.Request 也不是 InternalRaftRequest）</translation>
    </message>
    <message>
        <source>%1 not imported: %2</source>
        <translation>%1 未导入：%2</translation>
    </message>
    <message>
        <source>role record %1 not understood, skipped</source>
        <translation>无法理解角色记录 %1，已跳过</translation>
    </message>
    <message>
        <source>role %1</source>
        <translation>角色 %1</translation>
    </message>
    <message>
        <source>user record %1 not understood, skipped</source>
        <translation>无法理解用户记录 %1，已跳过</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>用户 %1</translation>
    </message>
    <message>
        <source>the enabled flag</source>
        <translation>启用标志</translation>
    </message>
</context>
<context>
    <name>etcdimport::EtcdWalReader</name>
    <message>
        <source>%1: no etcd WAL files (*.wal)</source>
        <translation>%1：没有 etcd WAL 文件（*.wal）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>truncated record length (%1 bytes left)</source>
        <translation>记录长度被截断（剩余 %1 字节）</translation>
    </message>
    <message>
        <source>record length %1 exceeds etcd&apos;s limit (not an etcd WAL, or corrupt)</source>
        <translation>记录长度 %1 超过 etcd 的上限（不是 etcd WAL，或已损坏）</translation>
    </message>
    <message>
        <source>truncated record: %1 bytes announced, %2 present</source>
        <translation>记录被截断：声明 %1 字节，实际 %2 字节</translation>
    </message>
    <message>
        <source>undecodable walpb.Record</source>
        <translation>无法解码的 walpb.Record</translation>
    </message>
    <message>
        <source>CRC mismatch at segment head: expected %1, recorded %2</source>
        <translation>段首 CRC 不匹配：期望 %1，记录值 %2</translation>
    </message>
    <message>
        <source>CRC mismatch: computed %1, recorded %2</source>
        <translation>CRC 不匹配：计算值 %1，记录值 %2</translation>
    </message>
    <message>
        <source>undecodable metadata record</source>
        <translation>无法解码的元数据记录</translation>
    </message>
    <message>
        <source>metadata conflicts with the first segment&apos;s</source>
        <translation>元数据与第一个段的不一致</translation>
    </message>
    <message>
        <source>undecodable hard state record</source>
        <translation>无法解码的硬状态记录</translation>
    </message>
    <message>
        <source>undecodable snapshot record</source>
        <translation>无法解码的快照记录</translation>
    </message>
    <message>
        <source>undecodable raftpb.Entry</source>
        <translation>无法解码的 raftpb.Entry</translation>
    </message>
    <message>
        <source>entry %1 follows entry %2: entries are missing</source>
        <translation>条目 %1 跟在条目 %2 之后：缺少条目</translation>
    </message>
    <message>
        <source>unknown record type %1</source>
        <translation>未知的记录类型 %1</translation>
    </message>
    <message>
        <source>%1: the WAL has no metadata record (not an etcd WAL)</source>
        <translation>%1：WAL 没有元数据记录（不是 etcd WAL）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>no usable certificate in %1 or key in %2</source>
        <translation>%1 中没有可用的证书，或 %2 中没有可用的密钥</translation>
    </message>
    <message>
        <source>%1 needs --cert-file and --key-file</source>
        <translation>%1 需要 --cert-file 和 --key-file</translation>
    </message>
    <message>
        <source>no usable certificate in %1</source>
        <translation>%1 中没有可用的证书</translation>
    </message>
    <message>
        <source>OpenSSL cannot use the certificate %1 with the key %2: %3 (at its default security level OpenSSL 3 refuses certificates signed with SHA-1 and RSA keys shorter than 2048 bits)</source>
        <translation>OpenSSL 无法将证书 %1 与密钥 %2 一起使用：%3（在默认安全级别下，OpenSSL 3 拒绝使用 SHA-1 签名的证书和短于 2048 位的 RSA 密钥）</translation>
    </message>
    <message>
        <source>made a self-signed certificate %1 (%2)</source>
        <translation>已生成自签名证书 %1（%2）</translation>
    </message>
    <message>
        <source>--peer-auto-tls: members do not verify each other&apos;s certificates (they are self-signed); the connections are encrypted but not authenticated</source>
        <translation>--peer-auto-tls：成员之间不验证彼此的证书（它们是自签名的）；连接已加密但未经认证</translation>
    </message>
    <message>
        <source>reloaded TLS certificates for clients (new connections use them)</source>
        <translation>已为客户端重新加载 TLS 证书（新连接将使用它们）</translation>
    </message>
    <message>
        <source>cannot reload TLS certificates for clients, keeping the old ones: %1</source>
        <translation>无法为客户端重新加载 TLS 证书，继续使用旧证书：%1</translation>
    </message>
    <message>
        <source>reloaded TLS certificates for members (new connections use them)</source>
        <translation>已为成员重新加载 TLS 证书（新连接将使用它们）</translation>
    </message>
    <message>
        <source>cannot reload TLS certificates for members, keeping the old ones: %1</source>
        <translation>无法为成员重新加载 TLS 证书，继续使用旧证书：%1</translation>
    </message>
    <message>
        <source>no TLS certificate files to reload (self-signed ones are kept)</source>
        <translation>没有需要重新加载的 TLS 证书文件（自签名证书保持不变）</translation>
    </message>
    <message>
        <source>%1 is not a certificate revocation list (PEM or DER)</source>
        <translation>%1 不是证书吊销列表（PEM 或 DER）</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot make a self-signed certificate: %1: %2</source>
        <translation>无法生成自签名证书：%1：%2</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>TLS cipher suite %1 (OpenSSL: %2) is not offered by this OpenSSL library</source>
        <translation>此 OpenSSL 库不提供 TLS 密码套件 %1（OpenSSL：%2）</translation>
    </message>
</context>
<context>
    <name>node::Bootstrap</name>
    <message>
        <source>the WAL in %1 does not belong to a qetcd member</source>
        <translation>%1 中的 WAL 不属于 qetcd 成员</translation>
    </message>
</context>
<context>
    <name>node::ClusterJoin</name>
    <message>
        <source>--initial-cluster-state existing needs other members in --initial-cluster</source>
        <translation>--initial-cluster-state existing 要求 --initial-cluster 中包含其他成员</translation>
    </message>
    <message>
        <source>could not reach any member of the existing cluster (%1)</source>
        <translation>无法连接到现有集群的任何成员（%1）</translation>
    </message>
    <message>
        <source>this member&apos;s peer URLs %1 are not in the cluster: add it with `member add` first</source>
        <translation>此成员的对等 URL %1 不在集群中：请先使用 `member add` 添加该成员</translation>
    </message>
</context>
<context>
    <name>node::PeerLinks</name>
    <message>
        <source>the member has been permanently removed from the cluster</source>
        <translation>该成员已从集群中永久移除</translation>
    </message>
</context>
<context>
    <name>node::RaftLoop</name>
    <message>
        <source>cannot send the snapshot at index %1 to %2: %3</source>
        <translation>无法将索引 %1 处的快照发送给 %2：%3</translation>
    </message>
    <message>
        <source>member %1 (the leader) sent heartbeats %2 ms apart, expected every %3 ms: its thread was held up, likely by a slow disk or a busy processor; followers elect another leader if this reaches the election timeout</source>
        <translation>成员 %1（领导者）发送心跳的间隔为 %2 毫秒，预期每 %3 毫秒一次：其线程被耽搁，可能是磁盘太慢或处理器繁忙；若间隔达到选举超时，跟随者会选出另一个领导者</translation>
    </message>
</context>
<context>
    <name>node::StateMachine</name>
    <message>
        <source>snapshot at index %1 cannot be read</source>
        <translation>无法读取索引 %1 处的快照</translation>
    </message>
</context>
<context>
    <name>proxy</name>
    <message>
        <source>proxy mode needs --initial-cluster (or --discovery) to find the cluster</source>
        <translation>代理模式需要 --initial-cluster（或 --discovery）来找到集群</translation>
    </message>
</context>
<context>
    <name>server::LogSetup</name>
    <message>
        <source>cannot open log output %1: %2</source>
        <translation>无法打开日志输出 %1：%2</translation>
    </message>
</context>
<context>
    <name>server::SystemdNotifier</name>
    <message>
        <source>serving clients; waiting for a leader</source>
        <translation>正在服务客户端；等待领导者</translation>
    </message>
    <message>
        <source>no leader: waiting for a quorum of members to elect one</source>
        <translation>没有领导者：等待法定数量的成员选出一个</translation>
    </message>
    <message>
        <source>serving clients; this member (%1) leads</source>
        <translation>正在服务客户端；本成员（%1）是领导者</translation>
    </message>
    <message>
        <source>serving clients; leader %1</source>
        <translation>正在服务客户端；领导者为 %1</translation>
    </message>
    <message>
        <source>shutting down</source>
        <translation>正在关闭</translation>
    </message>
</context>
<context>
    <name>server::WalTool</name>
    <message>
        <source>usage: qetcd wal verify|dump|repair --data-dir DIR [--wal-dir DIR] [--truncate] [--drop-later-segments]
  verify   check every WAL record as a starting member would; changes nothing
  dump     print one line per record (entries with index, term, type, size and content)
  repair   show what cutting the WAL at its first bad record would remove;
           with --truncate do it, keeping a .bak copy of everything removed
           (damage before the newest segment also needs --drop-later-segments)
</source>
        <translation>用法：qetcd wal verify|dump|repair --data-dir DIR [--wal-dir DIR] [--truncate] [--drop-later-segments]
  verify   像启动中的成员那样检查每条 WAL 记录；不做任何更改
  dump     每条记录打印一行（条目的索引、任期、类型、大小和内容）
  repair   显示在第一条损坏的记录处截断 WAL 会移除什么；
           加上 --truncate 则执行截断，并为所有被移除的内容保留一份 .bak 副本
           （最新段文件之前的损坏还需要 --drop-later-segments）
</translation>
    </message>
    <message>
        <source>unknown argument: %1</source>
        <translation>未知参数：%1</translation>
    </message>
    <message>
        <source>no WAL segments in %1</source>
        <translation>%1 中没有 WAL 段文件</translation>
    </message>
    <message>
        <source>DAMAGED: %1</source>
        <translation>已损坏：%1</translation>
    </message>
    <message>
        <source>OK: %1 segments, entries %2 to %3 after snapshot index %4, term %5, commit %6</source>
        <translation>正常：%1 个段文件，快照索引 %4 之后的条目 %2 至 %3，任期 %5，提交索引 %6</translation>
    </message>
    <message>
        <source>NOTE: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>TORN TAIL (a restart cuts it off): %1</source>
        <translation>尾部写入不完整（重启时会被截去）：%1</translation>
    </message>
    <message>
        <source>nothing to repair: the WAL reads back intact</source>
        <translation>无需修复：WAL 可以完整读出</translation>
    </message>
    <message>
        <source>cannot repair by truncation: %1</source>
        <translation>无法通过截断修复：%1</translation>
    </message>
    <message>
        <source>cannot repair: the first record of the oldest segment is damaged (%1); without it the WAL has no member identity. Remove the member and add it again with an empty data dir.</source>
        <translation>无法修复：最旧段文件的第一条记录已损坏（%1）；没有它，WAL 就没有成员身份。请移除该成员，再用空数据目录重新添加。</translation>
    </message>
    <message>
        <source>first bad record: %1</source>
        <translation>第一条损坏的记录：%1</translation>
    </message>
    <message>
        <source>remove bytes %1 to %2 of %3 (%4 bytes; %5 records in them still read back intact%6)</source>
        <translation>移除 %3 的第 %1 至 %2 字节（%4 字节；其中 %5 条记录仍可完整读出%6）</translation>
    </message>
    <message>
        <source>remove segment %1 (%2 bytes, %3 records, entries %4 to %5)</source>
        <translation>移除段文件 %1（%2 字节，%3 条记录，条目 %4 至 %5）</translation>
    </message>
    <message>
        <source>remove segment %1 (%2 bytes, %3 records, no entries)</source>
        <translation>移除段文件 %1（%2 字节，%3 条记录，无条目）</translation>
    </message>
    <message>
        <source>REFUSED: the damage is not in the newest segment, so the %1 later segment(s) listed above (acknowledged writes among them) would be lost too; add --drop-later-segments to accept that</source>
        <translation>已拒绝：损坏不在最新的段文件中，因此上面列出的 %1 个较新的段文件（其中包括已确认的写入）也会丢失；如接受这一点，请加上 --drop-later-segments</translation>
    </message>
    <message>
        <source>nothing was changed; run again with --truncate to remove this (a .bak copy of everything removed is kept)</source>
        <translation>未做任何更改；加上 --truncate 再次运行即可移除这些内容（所有被移除的内容都会保留一份 .bak 副本）</translation>
    </message>
    <message>
        <source>FAILED, nothing removed: %1</source>
        <translation>失败，未移除任何内容：%1</translation>
    </message>
    <message>
        <source>saved the removed bytes of %1 to %2</source>
        <translation>已将 %1 中被移除的字节保存到 %2</translation>
    </message>
    <message>
        <source>FAILED: cannot rename %1 to %2</source>
        <translation>失败：无法将 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>removed segment %1 (kept as %2)</source>
        <translation>已移除段文件 %1（保留为 %2）</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>无法移除 %1</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>removed %1 (all %2 bytes)</source>
        <translation>已移除 %1（全部 %2 字节）</translation>
    </message>
    <message>
        <source>truncated %1 to %2 bytes (removed %3)</source>
        <translation>已将 %1 截断为 %2 字节（移除了 %3 字节）</translation>
    </message>
</context>
<context>
    <name>server::config::ConfigParser</name>
    <message>
        <source>qetcd: %1
See &apos;qetcd --help&apos;.</source>
        <translation>qetcd: %1
参见 &apos;qetcd --help&apos;。</translation>
    </message>
    <message>
        <source>invalid value &quot;%1&quot; for flag --%2: %3</source>
        <translation>选项 --%2 的值“%1”无效：%3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid flag</source>
        <translation>“%1”不是有效的选项</translation>
    </message>
    <message>
        <source>recognized environment variable %1, but unused: shadowed by corresponding flag --%2</source>
        <translation>已识别环境变量 %1，但未使用：已被对应的选项 --%2 覆盖</translation>
    </message>
    <message>
        <source>invalid value &quot;%1&quot; for %2: %3</source>
        <translation>%2 的值“%1”无效：%3</translation>
    </message>
    <message>
        <source>unrecognized environment variable %1</source>
        <translation>无法识别的环境变量 %1</translation>
    </message>
    <message>
        <source>no data-dir provided, using default data-dir ./%1</source>
        <translation>未提供 data-dir，使用默认的 data-dir ./%1</translation>
    </message>
    <message>
        <source>loaded server configuration from %1; other command-line flags and environment variables are ignored</source>
        <translation>已从 %1 加载服务器配置；其他命令行参数和环境变量都被忽略</translation>
    </message>
    <message>
        <source>ignored because --config-file is given: %1</source>
        <translation>因为给出了 --config-file 而被忽略：%1</translation>
    </message>
</context>
<context>
    <name>server::config::ConfigValidator</name>
    <message>
        <source>--name must not be empty</source>
        <translation>--name 不能为空</translation>
    </message>
    <message>
        <source>--data-dir must not be empty</source>
        <translation>--data-dir 不能为空</translation>
    </message>
    <message>
        <source>--snapshot-count must be positive</source>
        <translation>--snapshot-count 必须为正数</translation>
    </message>
    <message>
        <source>--max-request-bytes must be positive</source>
        <translation>--max-request-bytes 必须为正数</translation>
    </message>
    <message>
        <source>--client-threads must be at most 64</source>
        <translation>--client-threads 不能超过 64</translation>
    </message>
    <message>
        <source>--client-request-timeout must be at most 86400 seconds</source>
        <translation>--client-request-timeout 不能超过 86400 秒</translation>
    </message>
    <message>
        <source>--advertise-client-urls is required when --listen-client-urls is set explicitly</source>
        <translation>显式设置 --listen-client-urls 时，必须指定 --advertise-client-urls</translation>
    </message>
    <message>
        <source>--heartbeat-interval must be positive</source>
        <translation>--heartbeat-interval 必须为正数</translation>
    </message>
    <message>
        <source>--election-timeout must be positive</source>
        <translation>--election-timeout 必须为正数</translation>
    </message>
    <message>
        <source>--election-timeout[%1ms] should be at least 5 times --heartbeat-interval[%2ms]</source>
        <translation>--election-timeout[%1ms] 应至少为 --heartbeat-interval[%2ms] 的 5 倍</translation>
    </message>
    <message>
        <source>--election-timeout[%1ms] is too long, and should be set less than %2ms</source>
        <translation>--election-timeout[%1ms] 过长，应设置为小于 %2ms</translation>
    </message>
    <message>
        <source>--initial-cluster %1 has duplicate url %2</source>
        <translation>--initial-cluster %1 中有重复的 URL %2</translation>
    </message>
    <message>
        <source>couldn&apos;t find local name &quot;%1&quot; in the initial cluster configuration (--initial-cluster %2)</source>
        <translation>在初始集群配置（--initial-cluster %2）中找不到本地名称“%1”</translation>
    </message>
    <message>
        <source>--initial-cluster must include %1 (the entries for --name must equal --initial-advertise-peer-urls)</source>
        <translation>--initial-cluster 必须包含 %1（--name 对应的条目必须与 --initial-advertise-peer-urls 一致）</translation>
    </message>
    <message>
        <source>%1 and %2 must be given together</source>
        <translation>%1 和 %2 必须同时指定</translation>
    </message>
    <message>
        <source>%1 requires %2</source>
        <translation>使用 %1 时必须指定 %2</translation>
    </message>
    <message>
        <source>the scheme of %1 %2 is http while %3 and %4 are given; they are ignored for that URL</source>
        <translation>%1 中的 %2 使用 http 协议，但指定了 %3 和 %4；该 URL 将忽略这两项</translation>
    </message>
    <message>
        <source>--client-handshake-timeout must be at most 86400 seconds</source>
        <translation>--client-handshake-timeout 不能超过 86400 秒</translation>
    </message>
    <message>
        <source>%1 has no effect: no URL of %2 is https (%3 requires TLS client certificates only on https URLs)</source>
        <translation>%1 不起作用：%2 中没有 https URL（%3 只在 https URL 上要求 TLS 客户端证书）</translation>
    </message>
    <message>
        <source>the scheme of %1 %2 is http while client cert auth (%3) is enabled; client certificates are not checked for that URL</source>
        <translation>%1 中的 %2 使用 http 协议，但已启用客户端证书认证（%3）；该 URL 不检查客户端证书</translation>
    </message>
    <message>
        <source>ignoring %1 since %2 and %3 are given</source>
        <translation>由于给出了 %2 和 %3，忽略 %1</translation>
    </message>
    <message>
        <source>%1 has no effect without %2: no certificate is asked for</source>
        <translation>没有 %2 时 %1 不起作用：不会要求对方出示证书</translation>
    </message>
    <message>
        <source>TLS key/cert (%1, %2) or %5 must be provided for %3 %4 with https scheme</source>
        <translation>%3 %4 使用 https 协议，必须提供 TLS 密钥/证书（%1、%2）或 %5</translation>
    </message>
    <message>
        <source>--discovery %1 is not a discovery URL (expected http[s]://host[:port]/path-of-the-token, e.g. https://discovery.etcd.io/&lt;token&gt;)</source>
        <translation>--discovery %1 不是发现 URL（应为 http[s]://host[:port]/path-of-the-token，例如 https://discovery.etcd.io/&lt;token&gt;）</translation>
    </message>
    <message>
        <source>invalid proxy address &quot;%1&quot; given for --discovery-proxy</source>
        <translation>为 --discovery-proxy 给出的代理地址 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <source>--discovery-srv %1 is not a DNS domain</source>
        <translation>--discovery-srv %1 不是 DNS 域名</translation>
    </message>
    <message>
        <source>multiple discovery or bootstrap flags are set. Choose one of &quot;initial-cluster&quot;, &quot;discovery&quot; or &quot;discovery-srv&quot;</source>
        <translation>设置了多个发现或引导选项。请在 &quot;initial-cluster&quot;、&quot;discovery&quot; 和 &quot;discovery-srv&quot; 中选择一个</translation>
    </message>
</context>
<context>
    <name>server::config::FlagValue</name>
    <message>
        <source>not a non-negative whole number</source>
        <translation>不是非负整数</translation>
    </message>
    <message>
        <source>larger than %1</source>
        <translation>大于 %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL</source>
        <translation>“%1”不是有效的 URL</translation>
    </message>
    <message>
        <source>URL scheme must be http or https: %1</source>
        <translation>URL 协议必须是 http 或 https：%1</translation>
    </message>
    <message>
        <source>URL address does not have the form &quot;host:port&quot;: %1</source>
        <translation>URL 地址不符合 &quot;host:port&quot; 格式：%1</translation>
    </message>
    <message>
        <source>URL must not contain a path: %1</source>
        <translation>URL 不能包含路径：%1</translation>
    </message>
    <message>
        <source>URL must not contain user info, a query or a fragment: %1</source>
        <translation>URL 不能包含用户信息、查询或片段：%1</translation>
    </message>
    <message>
        <source>entry &quot;%1&quot; has no member name (expected name=url)</source>
        <translation>条目“%1”缺少成员名称（应为 name=url）</translation>
    </message>
    <message>
        <source>empty URL given for &quot;%1&quot; (expected name=url)</source>
        <translation>为“%1”指定的 URL 为空（应为 name=url）</translation>
    </message>
    <message>
        <source>no member given (expected name=url[,name=url...])</source>
        <translation>未指定成员（应为 name=url[,name=url...]）</translation>
    </message>
    <message>
        <source>invalid CORS origin &quot;%1&quot; (expected * or scheme://host[:port])</source>
        <translation>无效的 CORS 来源“%1”（应为 * 或 scheme://host[:port]）</translation>
    </message>
    <message>
        <source>valid values are &quot;new&quot; and &quot;existing&quot;</source>
        <translation>有效值为 &quot;new&quot; 和 &quot;existing&quot;</translation>
    </message>
    <message>
        <source>valid values are &quot;debug&quot;, &quot;info&quot;, &quot;warn&quot; and &quot;error&quot;</source>
        <translation>有效值为 &quot;debug&quot;、&quot;info&quot;、&quot;warn&quot; 和 &quot;error&quot;</translation>
    </message>
    <message>
        <source>empty output in the list (expected stderr, stdout, systemd/journal or a file path)</source>
        <translation>列表中有空的输出项（应为 stderr、stdout、systemd/journal 或文件路径）</translation>
    </message>
</context>
<context>
    <name>server::config::UsageText</name>
    <message>
        <source>member flags:</source>
        <translation>成员选项：</translation>
    </message>
    <message>
        <source>clustering flags:</source>
        <translation>集群选项：</translation>
    </message>
    <message>
        <source>security flags:</source>
        <translation>安全选项：</translation>
    </message>
    <message>
        <source>logging flags:</source>
        <translation>日志选项：</translation>
    </message>
    <message>
        <source>unsafe flags:</source>
        <translation>不安全选项：</translation>
    </message>
    <message>
        <source>
unsafe flags can break the guarantees given by the consensus protocol.
For example, --force-new-cluster can lose acknowledged writes if other members
of the previous cluster are still alive. Use them with caution.
</source>
        <translation>
不安全选项可能破坏共识协议所提供的保证。
例如，如果旧集群的其他成员仍在运行，--force-new-cluster 可能导致已确认的
写入丢失。请谨慎使用。
</translation>
    </message>
    <message>
        <source>usage: qetcd [flags]
       start a qetcd member (speaks the etcd v2 API)

       qetcd --version
       show the version of qetcd

       qetcd -h | --help
       show the help information about qetcd

       qetcd wal verify|dump|repair --data-dir DIR
       check, print or repair a stopped member&apos;s write-ahead log

       qetcd import-etcd --etcd-data-dir DIR --data-dir OUT
       make a qetcd data dir from a stopped etcd&apos;s, v2 indexes intact

       qetcd --config-file FILE
       start a member configured by etcd 3.4&apos;s YAML file

Flags take one dash or two (-name x, --name x, --name=x). Boolean flags are
set by their name alone or by --flag=true / --flag=false. Every flag can also
be given as the environment variable ETCD_&lt;FLAG&gt; (upper case, &apos;-&apos; becomes
&apos;_&apos;, e.g. ETCD_DATA_DIR); a flag on the command line wins over it.
</source>
        <translation>用法：qetcd [选项]
       启动一个 qetcd 成员（提供 etcd v2 API）

       qetcd --version
       显示 qetcd 的版本

       qetcd -h | --help
       显示 qetcd 的帮助信息

       qetcd wal verify|dump|repair --data-dir DIR
       检查、打印或修复已停止成员的预写日志

       qetcd import-etcd --etcd-data-dir DIR --data-dir OUT
       由已停止的 etcd 的数据目录生成 qetcd 数据目录，v2 索引保持不变

       qetcd --config-file FILE
       按 etcd 3.4 的 YAML 配置文件启动成员

选项可以带一个或两个短横线（-name x、--name x、--name=x）。布尔选项只写
选项名即可开启，也可写成 --flag=true / --flag=false。每个选项也都可以通过
环境变量 ETCD_&lt;FLAG&gt; 指定（全部大写，&apos;-&apos; 替换为 &apos;_&apos;，例如 ETCD_DATA_DIR）；
命令行上的选项优先于环境变量。
</translation>
    </message>
    <message>
        <source>proxy flags:</source>
        <translation>代理选项：</translation>
    </message>
</context>
<context>
    <name>server::config::YamlConfig</name>
    <message>
        <source>a key must be a plain name</source>
        <translation>键必须是一个普通名称</translation>
    </message>
    <message>
        <source>key &quot;%1&quot;: expected a mapping of keys (cert-file, key-file, ...)</source>
        <translation>键 &quot;%1&quot;：应为键的映射（cert-file、key-file、……）</translation>
    </message>
    <message>
        <source>%1:%2: unknown configuration key &quot;%3&quot; ignored</source>
        <translation>%1:%2：未知的配置键 &quot;%3&quot;，已忽略</translation>
    </message>
    <message>
        <source>key &quot;%1&quot;: a list item must be a single value</source>
        <translation>键 &quot;%1&quot;：列表项必须是单个值</translation>
    </message>
    <message>
        <source>key &quot;%1&quot;: expected a value or a list of values</source>
        <translation>键 &quot;%1&quot;：应为一个值或值的列表</translation>
    </message>
    <message>
        <source>key &quot;%1&quot;: expected a single value, not a list or mapping</source>
        <translation>键 &quot;%1&quot;：应为单个值，而不是列表或映射</translation>
    </message>
    <message>
        <source>invalid value &quot;%1&quot; for key &quot;%2&quot;: %3</source>
        <translation>键 &quot;%2&quot; 的值 &quot;%1&quot; 无效：%3</translation>
    </message>
    <message>
        <source>cannot read configuration file %1: %2</source>
        <translation>无法读取配置文件 %1：%2</translation>
    </message>
    <message>
        <source>configuration file %1 is larger than %2 bytes; refused</source>
        <translation>配置文件 %1 大于 %2 字节；已拒绝</translation>
    </message>
    <message>
        <source>%1:%2: not a valid YAML file: %3</source>
        <translation>%1:%2：不是有效的 YAML 文件：%3</translation>
    </message>
    <message>
        <source>%1:%2: expected a mapping of configuration keys to values</source>
        <translation>%1:%2：应为配置键到值的映射</translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
        <translation>%1:%2：%3</translation>
    </message>
</context>
<context>
    <name>storage</name>
    <message>
        <source>; no record is ever written with such a length, so this is not an unfinished write</source>
        <translation>；从不会写入这种长度的记录，因此这不是未完成的写入</translation>
    </message>
    <message>
        <source>; its checksum matches the %1 bytes up to the end of the file, so the record is complete and its length field is damaged</source>
        <translation>；其校验和与到文件末尾为止的 %1 字节相符，因此记录是完整的，损坏的是长度字段</translation>
    </message>
    <message>
        <source>; not an unfinished write</source>
        <translation>；这不是未完成的写入</translation>
    </message>
    <message>
        <source>; the record is complete and none of its sectors reads back as zeros, so it was damaged on disk after it was written, not cut short by a crash</source>
        <translation>；记录完整且没有任何扇区读出为全零，因此它是在写入后在磁盘上损坏的，而不是因崩溃而中断</translation>
    </message>
</context>
<context>
    <name>storage::DataDir</name>
    <message>
        <source>%1 is in use by another member (process %2 on %3)</source>
        <translation>%1 正被另一个成员使用（进程 %2，主机 %3）</translation>
    </message>
    <message>
        <source>data directory %1</source>
        <translation>数据目录 %1</translation>
    </message>
    <message>
        <source>WAL directory %1</source>
        <translation>WAL 目录 %1</translation>
    </message>
    <message>
        <source>%1 is in use by another member (lock file %2)</source>
        <translation>%1 正被另一个成员使用（锁文件 %2）</translation>
    </message>
</context>
<context>
    <name>storage::DirLock</name>
    <message>
        <source>cannot open lock file %1: %2</source>
        <translation>无法打开锁文件 %1：%2</translation>
    </message>
    <message>
        <source>%1 is locked by another process</source>
        <translation>%1 已被另一个进程锁定</translation>
    </message>
    <message>
        <source>cannot lock %1: %2</source>
        <translation>无法锁定 %1：%2</translation>
    </message>
    <message>
        <source>cannot write holder information to lock file %1: %2</source>
        <translation>无法将持有者信息写入锁文件 %1：%2</translation>
    </message>
</context>
<context>
    <name>storage::DiskOps</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>fdatasync of %1 failed: %2</source>
        <translation>对 %1 执行 fdatasync 失败：%2</translation>
    </message>
    <message>
        <source>cannot open directory %1: %2</source>
        <translation>无法打开目录 %1：%2</translation>
    </message>
    <message>
        <source>fsync of directory %1 failed: %2</source>
        <translation>对目录 %1 执行 fsync 失败：%2</translation>
    </message>
    <message>
        <source>cannot create directory %1</source>
        <translation>无法创建目录 %1</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>cannot truncate %1 to %2 bytes: %3</source>
        <translation>无法将 %1 截断为 %2 字节：%3</translation>
    </message>
    <message>
        <source>write of %1 was abandoned</source>
        <translation>%1 的写入已放弃</translation>
    </message>
    <message>
        <source>cannot rename %1 to %2: %3</source>
        <translation>无法将 %1 重命名为 %2：%3</translation>
    </message>
</context>
<context>
    <name>storage::Snapshotter</name>
    <message>
        <source>refusing to save an empty snapshot (index 0)</source>
        <translation>拒绝保存空快照（索引 0）</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>not a snapshot file (bad magic or too short)</source>
        <translation>不是快照文件（魔数错误或文件过短）</translation>
    </message>
    <message>
        <source>unsupported snapshot format version %1</source>
        <translation>不支持的快照格式版本 %1</translation>
    </message>
    <message>
        <source>CRC-32C mismatch</source>
        <translation>CRC-32C 校验不匹配</translation>
    </message>
    <message>
        <source>metadata length runs past the end of the file</source>
        <translation>元数据长度超出了文件末尾</translation>
    </message>
    <message>
        <source>data length does not match the file size</source>
        <translation>数据长度与文件大小不符</translation>
    </message>
    <message>
        <source>undecodable metadata</source>
        <translation>无法解码的元数据</translation>
    </message>
    <message>
        <source>metadata (term %1, index %2) disagree with the file name</source>
        <translation>元数据（任期 %1，索引 %2）与文件名不一致</translation>
    </message>
    <message>
        <source>snapshot %1 is broken (%2); renamed to %3</source>
        <translation>快照 %1 已损坏（%2）；已重命名为 %3</translation>
    </message>
    <message>
        <source>snapshot %1 is broken (%2) and could not be renamed</source>
        <translation>快照 %1 已损坏（%2），且无法重命名</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
</context>
<context>
    <name>storage::Wal</name>
    <message>
        <source>WAL directory %1 already holds a WAL</source>
        <translation>WAL 目录 %1 中已有 WAL</translation>
    </message>
    <message>
        <source>WAL directory %1 exists and is not empty</source>
        <translation>WAL 目录 %1 已存在且不为空</translation>
    </message>
    <message>
        <source>cannot rename %1 to %2</source>
        <translation>无法将 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>no WAL segments in %1</source>
        <translation>%1 中没有 WAL 段</translation>
    </message>
    <message>
        <source>WAL segments are missing between %1 and %2</source>
        <translation>%1 与 %2 之间缺少 WAL 段</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>segment does not begin with a metadata record</source>
        <translation>段的开头不是元数据记录</translation>
    </message>
    <message>
        <source>metadata differs from the oldest segment&apos;s</source>
        <translation>元数据与最旧段的元数据不一致</translation>
    </message>
    <message>
        <source>undecodable hard state</source>
        <translation>无法解码的硬状态</translation>
    </message>
    <message>
        <source>undecodable entry</source>
        <translation>无法解码的条目</translation>
    </message>
    <message>
        <source>undecodable snapshot marker</source>
        <translation>无法解码的快照标记</translation>
    </message>
    <message>
        <source>unknown record type</source>
        <translation>未知的记录类型</translation>
    </message>
    <message>
        <source>corrupt WAL record in %1 at offset %2: %3</source>
        <translation>%1 中偏移量 %2 处的 WAL 记录已损坏：%3</translation>
    </message>
    <message>
        <source>corrupt WAL record in %1 at offset 0: no readable metadata record in the WAL</source>
        <translation>%1 中偏移量 0 处的 WAL 记录已损坏：WAL 中没有可读的元数据记录</translation>
    </message>
    <message>
        <source>WAL in %1 cannot be replayed: %2</source>
        <translation>无法重放 %1 中的 WAL：%2</translation>
    </message>
    <message>
        <source>WAL %1 ended in a torn record at offset %2 (%3); truncated the last %4 bytes, an unfinished write from a crash</source>
        <translation>WAL %1 在偏移量 %2 处以一条残缺的记录结尾（%3）；已截断最后 %4 字节，这是崩溃遗留的未完成写入</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
    <message>
        <source>cannot truncate %1: %2</source>
        <translation>无法截断 %1：%2</translation>
    </message>
    <message>
        <source>WAL record of %1 bytes exceeds the limit of %2 bytes</source>
        <translation>%1 字节的 WAL 记录超出了 %2 字节的上限</translation>
    </message>
    <message>
        <source>WAL %1 ends in a torn record at offset %2 (%3); a restart truncates the last %4 bytes, an unfinished write from a crash</source>
        <translation>WAL %1 在偏移量 %2 处以一条不完整的记录结尾（%3）；重启时会截去最后 %4 字节，这是崩溃留下的未完成写入</translation>
    </message>
    <message>
        <source>WAL %1 ends in a torn record at offset %2 (%3); a restart truncates the unfinished write of %4 bytes from a crash, and %5 bytes of zeros after it</source>
        <translation>WAL %1 在偏移量 %2 处以一条不完整的记录结尾（%3）；重启时会截去崩溃留下的 %4 字节未完成写入，以及其后 %5 字节的零</translation>
    </message>
    <message>
        <source>WAL %1 ended in a torn record at offset %2 (%3); truncated the unfinished write of %4 bytes from a crash, and %5 bytes of zeros after it</source>
        <translation>WAL %1 在偏移量 %2 处以一条残缺的记录结尾（%3）；已截断崩溃遗留的 %4 字节未完成写入，以及其后 %5 字节的零</translation>
    </message>
    <message>
        <source>slow fdatasync of the WAL in %1: %2 ms, expected less than 1000 ms; every write waits for it</source>
        <translation>%1 中 WAL 的 fdatasync 过慢：%2 毫秒，预期少于 1000 毫秒；每次写入都要等待它</translation>
    </message>
</context>
<context>
    <name>storage::WalRecord</name>
    <message>
        <source>valid record</source>
        <translation>有效记录</translation>
    </message>
    <message>
        <source>record is incomplete (file ends inside it)</source>
        <translation>记录不完整（文件在记录中间结束）</translation>
    </message>
    <message>
        <source>impossible record length</source>
        <translation>记录长度无效</translation>
    </message>
    <message>
        <source>CRC-32C mismatch</source>
        <translation>CRC-32C 校验不匹配</translation>
    </message>
    <message>
        <source>reserved header bytes are not zero</source>
        <translation>头部保留字节不为零</translation>
    </message>
    <message>
        <source>unknown record type</source>
        <translation>未知的记录类型</translation>
    </message>
    <message>
        <source>metadata record</source>
        <translation>元数据记录</translation>
    </message>
    <message>
        <source>hard state record</source>
        <translation>硬状态记录</translation>
    </message>
    <message>
        <source>entry record</source>
        <translation>条目记录</translation>
    </message>
    <message>
        <source>snapshot marker record</source>
        <translation>快照标记记录</translation>
    </message>
    <message>
        <source>record of unknown type %1</source>
        <translation>未知类型 %1 的记录</translation>
    </message>
</context>
<context>
    <name>storage::WalReplay</name>
    <message>
        <source>entry %1 follows entry %2: the log has a gap</source>
        <translation>条目 %1 紧接在条目 %2 之后：日志存在缺口</translation>
    </message>
    <message>
        <source>replay must start at index %1, but the log only continues after the snapshot at index %2 (term %3)</source>
        <translation>重放必须从索引 %1 开始，但日志只在索引 %2（任期 %3）处的快照之后才继续</translation>
    </message>
    <message>
        <source>the WAL holds entries from index %1 on, but replay must start at index %2: older segments are missing</source>
        <translation>WAL 中的条目从索引 %1 开始，但重放必须从索引 %2 开始：缺少较旧的段</translation>
    </message>
</context>
<context>
    <name>storage::WalSegmentScan</name>
    <message>
        <source>%1, but an intact record follows at offset %2, so this is not an unfinished write</source>
        <translation>%1，但其后偏移量 %2 处有一条完好的记录，因此这不是未完成的写入</translation>
    </message>
</context>
</TS>
