<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>admin::ClientLeaderStatsSource</name>
    <message>
        <source>Looking for the leader…</source>
        <translation>正在查找领导者…</translation>
    </message>
    <message>
        <source>Live from leader %1 (%2), every %3 ms</source>
        <translation>实时数据：来自领导者 %1（%2），每 %3 毫秒</translation>
    </message>
    <message>
        <source>%1 is no longer the leader; looking for the new one.</source>
        <translation>%1 已不再是领导者，正在查找新的领导者。</translation>
    </message>
    <message>
        <source>Cannot find the leader: %1</source>
        <translation>找不到领导者：%1</translation>
    </message>
    <message>
        <source>The leader %1 publishes no client URL.</source>
        <translation>领导者 %1 未公布客户端 URL。</translation>
    </message>
</context>
<context>
    <name>admin::ClusterConnection</name>
    <message>
        <source>Could not open &quot;%1&quot;. %2</source>
        <translation>无法打开“%1”。%2</translation>
    </message>
    <message>
        <source>Could not open &quot;%1&quot;; trying again in 5 seconds. %2</source>
        <translation>无法打开“%1”，5 秒后重试。%2</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <source>The cluster answers again (%1).</source>
        <translation>集群已恢复响应（%1）。</translation>
    </message>
    <message>
        <source>%1 did not answer; now using %2.</source>
        <translation>%1 没有响应，现在改用 %2。</translation>
    </message>
</context>
<context>
    <name>admin::ClusterPage</name>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation>添加成员…</translation>
    </message>
    <message>
        <source>Remove member…</source>
        <translation>移除成员…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Store statistics</source>
        <translation>存储统计</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>Cluster %1: %2 of %3 member(s) healthy; leader %4.</source>
        <translation>集群 %1：%3 个成员中有 %2 个健康；领导者为 %4。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Peer URLs of the new member (comma separated), e.g. http://10.0.0.4:2380:</source>
        <translation>新成员的对等 URL（以逗号分隔），例如 http://10.0.0.4:2380：</translation>
    </message>
    <message>
        <source>Cannot add the member: %1</source>
        <translation>无法添加成员：%1</translation>
    </message>
    <message>
        <source>Could not add the member.</source>
        <translation>未能添加成员。</translation>
    </message>
    <message>
        <source>Added member %1 (%2). Start it with --initial-cluster-state existing.</source>
        <translation>已添加成员 %1（%2）。请使用 --initial-cluster-state existing 启动它。</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>移除成员</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the cluster? It will stop serving.</source>
        <translation>要从集群中移除 %1（%2）吗？它将停止服务。</translation>
    </message>
    <message>
        <source>Could not remove member %1.</source>
        <translation>未能移除成员 %1。</translation>
    </message>
    <message>
        <source>Removed member %1.</source>
        <translation>已移除成员 %1。</translation>
    </message>
</context>
<context>
    <name>admin::ClusterPoller</name>
    <message>
        <source>Member %1 is down: %2</source>
        <translation>成员 %1 已宕机：%2</translation>
    </message>
    <message>
        <source>Member %1 reports itself unhealthy.</source>
        <translation>成员 %1 报告自身不健康。</translation>
    </message>
    <message>
        <source>Member %1 is healthy again.</source>
        <translation>成员 %1 已恢复健康。</translation>
    </message>
</context>
<context>
    <name>admin::ConnectionDialog</name>
    <message>
        <source>Connect to a cluster</source>
        <translation>连接到集群</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Saved profiles:</source>
        <translation>已保存的配置：</translation>
    </message>
    <message>
        <source>e.g. production</source>
        <translation>例如 production</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>配置名称：</translation>
    </message>
    <message>
        <source>http://10.0.0.1:2379, http://10.0.0.2:2379</source>
        <translation>http://10.0.0.1:2379, http://10.0.0.2:2379</translation>
    </message>
    <message>
        <source>Client URLs of one or more members, separated by commas</source>
        <translation>一个或多个成员的客户端 URL，以逗号分隔</translation>
    </message>
    <message>
        <source>Endpoints:</source>
        <translation>端点：</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation>客户端证书：</translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation>客户端密钥：</translation>
    </message>
    <message>
        <source>Keys (*.pem *.key);;All files (*)</source>
        <translation>密钥 (*.pem *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Remember the password (stored unencrypted)</source>
        <translation>记住密码（以未加密形式保存）</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>(new profile)</source>
        <translation>（新配置）</translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation>请为配置命名。</translation>
    </message>
</context>
<context>
    <name>admin::ConnectionProfile</name>
    <message>
        <source>Enter at least one endpoint, for example http://127.0.0.1:2379.</source>
        <translation>请至少输入一个端点，例如 http://127.0.0.1:2379。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid endpoint URL.</source>
        <translation>“%1”不是有效的端点 URL。</translation>
    </message>
    <message>
        <source>Endpoint %1 must use http or https.</source>
        <translation>端点 %1 必须使用 http 或 https。</translation>
    </message>
    <message>
        <source>Cannot read the file %1.</source>
        <translation>无法读取文件 %1。</translation>
    </message>
    <message>
        <source>A client certificate needs its key, and a key its certificate.</source>
        <translation>客户端证书需要对应的密钥，密钥也需要对应的证书。</translation>
    </message>
    <message>
        <source>A password needs a user name.</source>
        <translation>设置密码时需要填写用户名。</translation>
    </message>
</context>
<context>
    <name>admin::ErrorText</name>
    <message>
        <source>The cluster refused the credentials: the user name or password is wrong, or the user may not do this.</source>
        <translation>集群拒绝了凭据：用户名或密码错误，或者该用户无权执行此操作。</translation>
    </message>
    <message>
        <source>%1 (etcd error %2)</source>
        <translation>%1（etcd 错误 %2）</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2: %3</source>
        <translation>%1 返回了 HTTP 状态 %2：%3</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation>%1 未能及时响应。</translation>
    </message>
    <message>
        <source>%1 is unavailable (HTTP status %2).</source>
        <translation>%1 不可用（HTTP 状态 %2）。</translation>
    </message>
    <message>
        <source>Secure connection to %1 failed: %2</source>
        <translation>与 %1 的安全连接失败：%2</translation>
    </message>
    <message>
        <source>%1 sent an answer that is not valid etcd v2: %2</source>
        <translation>%1 返回的应答不是有效的 etcd v2 格式：%2</translation>
    </message>
    <message>
        <source>The request took too long and was abandoned.</source>
        <translation>请求耗时过长，已放弃。</translation>
    </message>
    <message>
        <source>No member of the cluster answered:</source>
        <translation>集群中没有任何成员响应：</translation>
    </message>
    <message>
        <source>There is no endpoint to connect to.</source>
        <translation>没有可连接的端点。</translation>
    </message>
    <message>
        <source>The connection settings cannot be used: %1</source>
        <translation>无法使用该连接设置：%1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Key not found</source>
        <translation>键不存在</translation>
    </message>
    <message>
        <source>Compare failed</source>
        <translation>比较失败</translation>
    </message>
    <message>
        <source>Not a file</source>
        <translation>不是文件</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是目录</translation>
    </message>
    <message>
        <source>Key already exists</source>
        <translation>键已存在</translation>
    </message>
    <message>
        <source>Root is read only</source>
        <translation>根目录是只读的</translation>
    </message>
    <message>
        <source>Directory not empty</source>
        <translation>目录不为空</translation>
    </message>
    <message>
        <source>The given TTL is not a number</source>
        <translation>给定的 TTL 不是数字</translation>
    </message>
    <message>
        <source>Raft internal error (the cluster could not commit in time)</source>
        <translation>Raft 内部错误（集群未能及时提交）</translation>
    </message>
    <message>
        <source>During leader election</source>
        <translation>正在进行领导者选举</translation>
    </message>
    <message>
        <source>The event in the requested index is outdated and cleared</source>
        <translation>所请求索引处的事件已过期并被清除</translation>
    </message>
</context>
<context>
    <name>admin::KeyBrowserPage</name>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Filter loaded keys by name</source>
        <translation>按名称筛选已加载的键</translation>
    </message>
    <message>
        <source>Go to key, e.g. /config/_secret</source>
        <translation>转到键，例如 /config/_secret</translation>
    </message>
    <message>
        <source>Show hidden keys</source>
        <translation>显示隐藏键</translation>
    </message>
    <message>
        <source>Keys whose name starts with &apos;_&apos; are never listed by the server; the tree shows those you opened with &quot;Go to key&quot; or created here.</source>
        <translation>名称以“_”开头的键不会被服务器列出；树中只显示通过“转到键”打开或在此处创建的隐藏键。</translation>
    </message>
    <message>
        <source>Could not list %1.</source>
        <translation>无法列出 %1。</translation>
    </message>
    <message>
        <source>Cannot open %1.</source>
        <translation>无法打开 %1。</translation>
    </message>
    <message>
        <source>Importing… %1 of %2</source>
        <translation>正在导入… %1 / %2</translation>
    </message>
    <message>
        <source>Live updates of the tree stopped.</source>
        <translation>键树的实时更新已停止。</translation>
    </message>
    <message>
        <source>Live updates interrupted; reconnecting… (%1)</source>
        <translation>实时更新中断，正在重新连接…（%1）</translation>
    </message>
    <message>
        <source>Live updates resumed from %1; no change was missed.</source>
        <translation>已从 %1 恢复实时更新，没有遗漏任何变更。</translation>
    </message>
    <message>
        <source>Too many changes to follow one by one (history cleared at index %1); the tree was listed again.</source>
        <translation>变更过多，无法逐一跟踪（历史已在索引 %1 处清除）；已重新列出键树。</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>Delete the directory %1 and everything below it?</source>
        <translation>要删除目录 %1 及其下的所有内容吗？</translation>
    </message>
    <message>
        <source>Delete the key %1?</source>
        <translation>要删除键 %1 吗？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Copied %1 to the clipboard.</source>
        <translation>已将 %1 复制到剪贴板。</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Import below %1</source>
        <translation>导入到 %1 下</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>admin::KeyDetailPane</name>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Write the value if nobody changed the key since it was loaded</source>
        <translation>仅当加载后无人修改该键时才写入新值</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Created index:</source>
        <translation>创建索引：</translation>
    </message>
    <message>
        <source>Modified index:</source>
        <translation>修改索引：</translation>
    </message>
    <message>
        <source>Time to live:</source>
        <translation>存活时间：</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>过期时间：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Set TTL</source>
        <translation>设置 TTL</translation>
    </message>
    <message>
        <source>Remove TTL</source>
        <translation>移除 TTL</translation>
    </message>
    <message>
        <source>No key selected</source>
        <translation>未选择键</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>The value is not a JSON object or array</source>
        <translation>该值不是 JSON 对象或数组</translation>
    </message>
    <message>
        <source>none (permanent)</source>
        <translation>无（永久）</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Load server version</source>
        <translation>加载服务器上的版本</translation>
    </message>
    <message>
        <source>%1 changed on the server (index %2) while you were editing. Saving will be refused unless you overwrite.</source>
        <translation>在您编辑期间，%1 已在服务器上被修改（索引 %2）。除非选择覆盖，否则保存将被拒绝。</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>已不存在</translation>
    </message>
    <message>
        <source>%1 was deleted on the server (or expired).</source>
        <translation>%1 已在服务器上被删除（或已过期）。</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
</context>
<context>
    <name>admin::KeyOperations</name>
    <message>
        <source>%1 was changed by someone else (now at index %2); your change was not saved.</source>
        <translation>%1 已被他人修改（当前索引为 %2）；您的修改未保存。</translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation>已创建 %1。</translation>
    </message>
    <message>
        <source>Could not create %1.</source>
        <translation>无法创建 %1。</translation>
    </message>
    <message>
        <source>Created directory %1.</source>
        <translation>已创建目录 %1。</translation>
    </message>
    <message>
        <source>Could not create directory %1.</source>
        <translation>无法创建目录 %1。</translation>
    </message>
    <message>
        <source>Could not create an in-order key in %1.</source>
        <translation>无法在 %1 中创建顺序键。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>无法保存 %1。</translation>
    </message>
    <message>
        <source>%1 now expires in %2 s.</source>
        <translation>%1 将在 %2 秒后过期。</translation>
    </message>
    <message>
        <source>%1 no longer expires.</source>
        <translation>%1 不再过期。</translation>
    </message>
    <message>
        <source>Could not change the TTL of %1.</source>
        <translation>无法修改 %1 的 TTL。</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>已删除 %1。</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
</context>
<context>
    <name>admin::KeyTreeModel</name>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改索引</translation>
    </message>
</context>
<context>
    <name>admin::LatencyChartPage</name>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;●&lt;/span&gt; below 25 ms &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;●&lt;/span&gt; below 60 ms &amp;nbsp; &lt;span style=&apos;color:%3&apos;&gt;●&lt;/span&gt; 60 ms and above</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;●&lt;/span&gt; 低于 25 毫秒 &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;●&lt;/span&gt; 低于 60 毫秒 &amp;nbsp; &lt;span style=&apos;color:%3&apos;&gt;●&lt;/span&gt; 60 毫秒及以上</translation>
    </message>
    <message>
        <source>The leader reports no followers: a single-member cluster has nobody to replicate to, so there is no latency to draw.</source>
        <translation>领导者没有报告任何跟随者：单成员集群没有复制对象，因此没有可绘制的延迟。</translation>
    </message>
    <message>
        <source>seconds (0 = latest sample)</source>
        <translation>秒（0 = 最新样本）</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>延迟（毫秒）</translation>
    </message>
    <message>
        <source>Leader: %1</source>
        <translation>领导者：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Leader: unknown</source>
        <translation>领导者：未知</translation>
    </message>
    <message>
        <source>Leader → follower latency (ms)</source>
        <translation>领导者 → 跟随者延迟（毫秒）</translation>
    </message>
    <message>
        <source>Latencies in milliseconds, as the leader measured them</source>
        <translation>延迟以毫秒为单位，由领导者测得</translation>
    </message>
</context>
<context>
    <name>admin::LatencySeriesModel</name>
    <message>
        <source>Follower</source>
        <translation>跟随者</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Std dev</source>
        <translation>标准差</translation>
    </message>
</context>
<context>
    <name>admin::MainWindow</name>
    <message>
        <source>qetcd administration</source>
        <translation>qetcd 管理</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>监视</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Leader latency</source>
        <translation>领导者延迟</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>连接(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation>重新连接(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show &amp;hidden keys</source>
        <translation>显示隐藏键(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About qetcd-admin</source>
        <translation>关于 qetcd-admin(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>%1 — qetcd administration</source>
        <translation>%1 — qetcd 管理</translation>
    </message>
    <message>
        <source>Disconnected.</source>
        <translation>已断开连接。</translation>
    </message>
    <message>
        <source>About qetcd-admin</source>
        <translation>关于 qetcd-admin</translation>
    </message>
    <message>
        <source>&lt;h3&gt;qetcd-admin %1&lt;/h3&gt;&lt;p&gt;Administration of etcd v2 compatible clusters: keys, watches, members and leader latency.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;qetcd-admin %1&lt;/h3&gt;&lt;p&gt;管理兼容 etcd v2 的集群：键、监视、成员和领导者延迟。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting to &quot;%1&quot;…</source>
        <translation>正在连接到“%1”…</translation>
    </message>
    <message>
        <source>Connected (%1)</source>
        <translation>已连接（%1）</translation>
    </message>
    <message>
        <source>Connected (%1), cluster not answering</source>
        <translation>已连接（%1），集群无响应</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>Member: %1</source>
        <translation>成员：%1</translation>
    </message>
    <message>
        <source>Leader: %1</source>
        <translation>领导者：%1</translation>
    </message>
    <message>
        <source>Cluster: %1</source>
        <translation>集群：%1</translation>
    </message>
    <message>
        <source>X-Etcd-Index: %1</source>
        <translation>X-Etcd-Index：%1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Connection settings…</source>
        <translation>连接设置…</translation>
    </message>
</context>
<context>
    <name>admin::MembersModel</name>
    <message>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>unhealthy</source>
        <translation>不健康</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>无法访问</translation>
    </message>
    <message>
        <source>(not started)</source>
        <translation>（未启动）</translation>
    </message>
    <message>
        <source>leader</source>
        <translation>领导者</translation>
    </message>
    <message>
        <source>follower</source>
        <translation>跟随者</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Peer URLs</source>
        <translation>对等 URL</translation>
    </message>
    <message>
        <source>Client URLs</source>
        <translation>客户端 URL</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>Appends received</source>
        <translation>收到的追加</translation>
    </message>
    <message>
        <source>Appends sent</source>
        <translation>发送的追加</translation>
    </message>
    <message>
        <source>Recv pkg/s</source>
        <translation>接收 包/秒</translation>
    </message>
    <message>
        <source>Recv B/s</source>
        <translation>接收 字节/秒</translation>
    </message>
    <message>
        <source>Send pkg/s</source>
        <translation>发送 包/秒</translation>
    </message>
    <message>
        <source>Send B/s</source>
        <translation>发送 字节/秒</translation>
    </message>
</context>
<context>
    <name>admin::MessageBanner</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>admin::NewKeyDialog</name>
    <message>
        <source>New key or directory</source>
        <translation>新建键或目录</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>In-order key (name chosen by the server)</source>
        <translation>顺序键（名称由服务器决定）</translation>
    </message>
    <message>
        <source>name, or a/b/c for nested directories</source>
        <translation>名称，或用 a/b/c 创建嵌套目录</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>In directory:</source>
        <translation>所在目录：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>值：</translation>
    </message>
    <message>
        <source>Time to live:</source>
        <translation>存活时间：</translation>
    </message>
    <message>
        <source>Creates:</source>
        <translation>将创建：</translation>
    </message>
    <message>
        <source>%1/&lt;next index&gt;</source>
        <translation>%1/&lt;下一个索引&gt;</translation>
    </message>
</context>
<context>
    <name>admin::StoreStatsModel</name>
    <message>
        <source>Gets</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Creates</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Deletes</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Compare-and-swaps</source>
        <translation>比较并交换</translation>
    </message>
    <message>
        <source>Compare-and-deletes</source>
        <translation>比较并删除</translation>
    </message>
    <message>
        <source>Expired keys</source>
        <translation>过期的键</translation>
    </message>
    <message>
        <source>Watchers</source>
        <translation>监视器</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>admin::SubtreeJson</name>
    <message>
        <source>The file is not JSON: %1</source>
        <translation>该文件不是 JSON：%1</translation>
    </message>
    <message>
        <source>The file does not hold a JSON object.</source>
        <translation>该文件不包含 JSON 对象。</translation>
    </message>
    <message>
        <source>The file holds no etcd node (no &quot;key&quot;).</source>
        <translation>该文件不包含 etcd 节点（缺少“key”）。</translation>
    </message>
</context>
<context>
    <name>admin::SubtreeTransfer</name>
    <message>
        <source>Not connected, or another transfer is running.</source>
        <translation>未连接，或者另一个传输正在进行。</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1 to %2.</source>
        <translation>已将 %1 导出到 %2。</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Nothing to import.</source>
        <translation>没有可导入的内容。</translation>
    </message>
    <message>
        <source>The connection closed during the import.</source>
        <translation>导入过程中连接已关闭。</translation>
    </message>
    <message>
        <source>Imported %1 entries below %2.</source>
        <translation>已在 %2 下导入 %1 个条目。</translation>
    </message>
    <message>
        <source>Imported with %1 failures:
%2</source>
        <translation>导入完成，但有 %1 处失败：
%2</translation>
    </message>
</context>
<context>
    <name>admin::SyntheticLeaderStatsSource</name>
    <message numerus="yes">
        <source>Synthetic samples (no live cluster): leader %1 with %n follower(s)</source>
        <translation>
            <numerusform>合成样本（非实时集群）：领导者 %1，%n 个跟随者</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>admin::TimeText</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>admin::WatchEventModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Previous value</source>
        <translation>先前的值</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>索引</translation>
    </message>
</context>
<context>
    <name>admin::WatchPanel</name>
    <message>
        <source>Key or prefix to watch</source>
        <translation>要监视的键或前缀</translation>
    </message>
    <message>
        <source>Recursive</source>
        <translation>递归</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>from index </source>
        <translation>起始索引 </translation>
    </message>
    <message>
        <source>Replay the server&apos;s recent history from this index</source>
        <translation>从此索引起重放服务器最近的历史</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>监视</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>键：</translation>
    </message>
    <message>
        <source>Filter events (any column)</source>
        <translation>筛选事件（任意列）</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>The watch stopped.</source>
        <translation>监视已停止。</translation>
    </message>
    <message>
        <source>The watch lost its connection; reconnecting… (%1)</source>
        <translation>监视的连接中断，正在重新连接…（%1）</translation>
    </message>
    <message>
        <source>The watch resumed on %1 from index %2; no event was missed.</source>
        <translation>监视已在 %1 上从索引 %2 恢复，没有遗漏任何事件。</translation>
    </message>
    <message>
        <source>The server&apos;s history was cleared: events from index %1 up to %2 are lost. Watching again from index %3.</source>
        <translation>服务器的历史已被清除：索引 %1 至 %2 之间的事件已丢失。现从索引 %3 起重新监视。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>No event matches the filter; nothing saved.</source>
        <translation>没有符合筛选条件的事件，未保存任何内容。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1 events to %2.</source>
        <translation>已将 %1 个事件保存到 %2。</translation>
    </message>
    <message>
        <source>Save events</source>
        <translation>保存事件</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation>CSV 文件 (*.csv);;JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Reconnected: watching %1 again from index %2.</source>
        <translation>已重新连接：从索引 %2 起重新监视 %1。</translation>
    </message>
    <message>
        <source>Reconnected: watching %1 again.</source>
        <translation>已重新连接：重新监视 %1。</translation>
    </message>
    <message>
        <source>Watching %1 and everything below it</source>
        <translation>正在监视 %1 及其下的所有内容</translation>
    </message>
    <message>
        <source>Watching %1</source>
        <translation>正在监视 %1</translation>
    </message>
    <message>
        <source> (reconnecting…)</source>
        <translation>（正在重新连接…）</translation>
    </message>
    <message>
        <source>Not watching</source>
        <translation>未在监视</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>paused, %n held back</source>
        <translation>
            <numerusform>已暂停，%n 个事件待显示</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Administration of etcd v2 compatible clusters: keys, watches, members and leader latency.</source>
        <translation>管理兼容 etcd v2 的集群：键、监视、成员和领导者延迟。</translation>
    </message>
    <message>
        <source>Open the saved connection profile &lt;name&gt;.</source>
        <translation>打开已保存的连接配置 &lt;name&gt;。</translation>
    </message>
    <message>
        <source>Connect to these comma-separated client URLs.</source>
        <translation>连接到这些以逗号分隔的客户端 URL。</translation>
    </message>
    <message>
        <source>User name for --endpoints (password: QETCD_PASSWORD).</source>
        <translation>用于 --endpoints 的用户名（密码取自环境变量 QETCD_PASSWORD）。</translation>
    </message>
    <message>
        <source>Keep profiles in this INI file instead of the user&apos;s settings.</source>
        <translation>将连接配置保存在此 INI 文件中，而不是用户设置中。</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>命令行</translation>
    </message>
</context>
</TS>
