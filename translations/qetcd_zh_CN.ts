<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>admin::AddMemberDialog</name>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>e.g. infra3</source>
        <translation>例如 infra3</translation>
    </message>
    <message>
        <source>e.g. http://10.0.0.4:2380 (comma separated)</source>
        <translation>例如 http://10.0.0.4:2380（以逗号分隔）</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Peer URLs:</source>
        <translation>对等 URL(&amp;P)：</translation>
    </message>
    <message>
        <source>The cluster counts the new member in its quorum as soon as it is added: start it right after, with the lines shown here. Adding a second member to a single-member cluster stops writes until it runs.</source>
        <translation>新成员一经添加，集群就会将其计入法定人数：请在添加后立即用此处显示的配置行启动它。向单成员集群添加第二个成员后，在新成员运行之前将无法写入。</translation>
    </message>
    <message>
        <source>After the member is added: the ETCD_* lines to start it with, as qetcdctl member add prints them.</source>
        <translation>添加成员后在此显示用于启动它的 ETCD_* 配置行，与 qetcdctl member add 的输出相同。</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Copy start lines</source>
        <translation>复制启动配置行(&amp;C)</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>Give the new member a name: it starts with it (ETCD_NAME), and the other members list it under it.</source>
        <translation>请为新成员命名：它以此名称启动（ETCD_NAME），其他成员也以此名称列出它。</translation>
    </message>
    <message>
        <source>Cannot add the member: %1</source>
        <translation>无法添加成员：%1</translation>
    </message>
    <message>
        <source>Add the member %1 (%2).</source>
        <translation>添加成员 %1（%2）。</translation>
    </message>
    <message>
        <source>Not added: the change to this production cluster was not confirmed.</source>
        <translation>未添加：未确认对此生产集群的更改。</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>正在添加 %1…</translation>
    </message>
    <message>
        <source>Could not add the member.</source>
        <translation>未能添加成员。</translation>
    </message>
    <message>
        <source>Added member %1 with ID %2, but could not list the members for its start lines: %3</source>
        <translation>已添加成员 %1（ID 为 %2），但无法列出成员以生成其启动配置行：%3</translation>
    </message>
    <message>
        <source>Added member named %1 with ID %2 to cluster. Start it with these lines in its environment (or the flags below them); it shows as &quot;added, not started yet&quot; until it runs.</source>
        <translation>已向集群添加名为 %1 的成员，ID 为 %2。请在其环境中设置以下配置行（或使用其下方的命令行选项）来启动它；在它运行之前，状态显示为“已添加，尚未启动”。</translation>
    </message>
    <message>
        <source># or, as flags:</source>
        <translation># 或者，使用命令行选项：</translation>
    </message>
    <message>
        <source>&amp;Add another</source>
        <translation>再添加一个(&amp;A)</translation>
    </message>
</context>
<context>
    <name>admin::AuthPage</name>
    <message>
        <source>Enable authentication…</source>
        <translation>启用认证…</translation>
    </message>
    <message>
        <source>Disable authentication…</source>
        <translation>禁用认证…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>e.g. root, alice</source>
        <translation>例如 root、alice</translation>
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
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Remove user…</source>
        <translation>移除用户…</translation>
    </message>
    <message>
        <source>Grant role</source>
        <translation>授予角色</translation>
    </message>
    <message>
        <source>Revoke role</source>
        <translation>撤销角色</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>New role, e.g. app-reader</source>
        <translation>新角色，例如 app-reader</translation>
    </message>
    <message>
        <source>Add role</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <source>Remove role…</source>
        <translation>移除角色…</translation>
    </message>
    <message>
        <source>Key or pattern, e.g. /app/*</source>
        <translation>键或模式，例如 /app/*</translation>
    </message>
    <message>
        <source>read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>授予</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Enable authentication</source>
        <translation>启用认证</translation>
    </message>
    <message>
        <source>Enable authentication? Every request will then need a user with the right roles. The root user must exist; put its name and password in this connection&apos;s profile first, or this app may lose access.</source>
        <translation>要启用认证吗？之后每个请求都需要一个具有相应角色的用户。root 用户必须已存在；请先将其用户名和密码填入此连接的配置，否则本应用可能失去访问权限。</translation>
    </message>
    <message>
        <source>Disable authentication</source>
        <translation>禁用认证</translation>
    </message>
    <message>
        <source>Disable authentication? Everyone who can reach the cluster can then read and write every key.</source>
        <translation>要禁用认证吗？之后任何能访问该集群的人都可以读写所有键。</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>移除用户</translation>
    </message>
    <message>
        <source>Remove the user %1? It can no longer log in.</source>
        <translation>要移除用户 %1 吗？该用户将无法再登录。</translation>
    </message>
    <message>
        <source>Remove role</source>
        <translation>移除角色</translation>
    </message>
    <message>
        <source>Remove the role %1? Its users lose its permissions.</source>
        <translation>要移除角色 %1 吗？拥有该角色的用户将失去其权限。</translation>
    </message>
    <message>
        <source>Authentication status unknown: %1</source>
        <translation>认证状态未知：%1</translation>
    </message>
    <message>
        <source>Could not list the users.</source>
        <translation>无法列出用户。</translation>
    </message>
    <message>
        <source>Could not list the roles.</source>
        <translation>无法列出角色。</translation>
    </message>
    <message>
        <source>The root user: needed to enable authentication.</source>
        <translation>root 用户：启用认证时必需。</translation>
    </message>
    <message>
        <source>Authentication is &lt;b&gt;enabled&lt;/b&gt;.</source>
        <translation>认证已&lt;b&gt;启用&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Authentication is &lt;b&gt;disabled&lt;/b&gt;: every request is served.</source>
        <translation>认证已&lt;b&gt;禁用&lt;/b&gt;：所有请求都会被处理。</translation>
    </message>
    <message>
        <source>Only the root user may list users and roles: put its name and password in the connection profile.</source>
        <translation>只有 root 用户可以列出用户和角色：请将其用户名和密码填入连接配置。</translation>
    </message>
    <message>
        <source>%1 has the roles: %2</source>
        <translation>%1 拥有的角色：%2</translation>
    </message>
    <message>
        <source>%1 may read %2 and write %3</source>
        <translation>%1 可读取 %2，可写入 %3</translation>
    </message>
    <message>
        <source>Change users, roles or authentication.</source>
        <translation>修改用户、角色或认证设置。</translation>
    </message>
    <message>
        <source>Not written: the change to this production cluster was not confirmed.</source>
        <translation>未写入：未确认对此生产集群的更改。</translation>
    </message>
    <message>
        <source>A new user needs a name and a password.</source>
        <translation>新用户需要用户名和密码。</translation>
    </message>
    <message>
        <source>Added the user %1.</source>
        <translation>已添加用户 %1。</translation>
    </message>
    <message>
        <source>Could not add the user %1.</source>
        <translation>无法添加用户 %1。</translation>
    </message>
    <message>
        <source>Removed the user %1.</source>
        <translation>已移除用户 %1。</translation>
    </message>
    <message>
        <source>Could not remove the user %1.</source>
        <translation>无法移除用户 %1。</translation>
    </message>
    <message>
        <source>Choose a user and type the new password.</source>
        <translation>请选择用户并输入新密码。</translation>
    </message>
    <message>
        <source>Changed the password of %1.</source>
        <translation>已修改 %1 的密码。</translation>
    </message>
    <message>
        <source>Could not change the password of %1.</source>
        <translation>无法修改 %1 的密码。</translation>
    </message>
    <message>
        <source>Granted the role %1 to %2.</source>
        <translation>已将角色 %1 授予 %2。</translation>
    </message>
    <message>
        <source>Could not grant the role %1 to %2.</source>
        <translation>无法将角色 %1 授予 %2。</translation>
    </message>
    <message>
        <source>Revoked the role %1 from %2.</source>
        <translation>已撤销 %2 的角色 %1。</translation>
    </message>
    <message>
        <source>Could not revoke the role %1 from %2.</source>
        <translation>无法撤销 %2 的角色 %1。</translation>
    </message>
    <message>
        <source>A new role needs a name.</source>
        <translation>新角色需要名称。</translation>
    </message>
    <message>
        <source>Added the role %1.</source>
        <translation>已添加角色 %1。</translation>
    </message>
    <message>
        <source>Could not add the role %1.</source>
        <translation>无法添加角色 %1。</translation>
    </message>
    <message>
        <source>Removed the role %1.</source>
        <translation>已移除角色 %1。</translation>
    </message>
    <message>
        <source>Could not remove the role %1.</source>
        <translation>无法移除角色 %1。</translation>
    </message>
    <message>
        <source>Choose a role, type a key or pattern and tick read and/or write.</source>
        <translation>请选择角色，输入键或模式，并勾选读取和/或写入。</translation>
    </message>
    <message>
        <source>read and write</source>
        <translation>读取和写入</translation>
    </message>
    <message>
        <source>Granted %1 on %2 to the role %3.</source>
        <translation>已将 %2 上的%1权限授予角色 %3。</translation>
    </message>
    <message>
        <source>Could not grant permissions to the role %1.</source>
        <translation>无法向角色 %1 授予权限。</translation>
    </message>
    <message>
        <source>Revoked %1 on %2 from the role %3.</source>
        <translation>已撤销角色 %3 在 %2 上的%1权限。</translation>
    </message>
    <message>
        <source>Could not revoke permissions from the role %1.</source>
        <translation>无法撤销角色 %1 的权限。</translation>
    </message>
    <message>
        <source>Authentication enabled.</source>
        <translation>已启用认证。</translation>
    </message>
    <message>
        <source>Authentication disabled.</source>
        <translation>已禁用认证。</translation>
    </message>
    <message>
        <source>Could not enable authentication.</source>
        <translation>无法启用认证。</translation>
    </message>
    <message>
        <source>Could not disable authentication.</source>
        <translation>无法禁用认证。</translation>
    </message>
</context>
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
    <message>
        <source>Production cluster</source>
        <translation>生产集群</translation>
    </message>
    <message>
        <source>%1 is a production profile: writes need a confirmation.

%2

Write to the cluster?</source>
        <translation>%1 是生产环境配置：写入需要确认。

%2

要写入集群吗？</translation>
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
        <source>Restore keys from the safety export</source>
        <translation>从安全导出恢复键</translation>
    </message>
    <message>
        <source>Added member %1 (%2, %3); it is not started yet.</source>
        <translation>已添加成员 %1（%2，%3）；它尚未启动。</translation>
    </message>
    <message>
        <source>Add a member with the peer URLs %1.</source>
        <translation>添加对等 URL 为 %1 的成员。</translation>
    </message>
    <message>
        <source>Remove the member %1.</source>
        <translation>移除成员 %1。</translation>
    </message>
    <message>
        <source>removing member %1</source>
        <translation>移除成员 %1</translation>
    </message>
    <message>
        <source>Removed member %1. The keys were exported first (%2): &quot;Restore keys from the safety export&quot; puts them back.</source>
        <translation>已移除成员 %1。移除前已导出所有键（%2）：“从安全导出恢复键”可将其恢复。</translation>
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
    <name>admin::CompareDialog</name>
    <message>
        <source>Compare subtrees</source>
        <translation>比较子树</translation>
    </message>
    <message>
        <source>This cluster</source>
        <translation>本集群</translation>
    </message>
    <message>
        <source>Other endpoints…</source>
        <translation>其他端点…</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>配置：%1</translation>
    </message>
    <message>
        <source>http://staging:2379, http://staging-2:2379</source>
        <translation>http://staging:2379, http://staging-2:2379</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Left: this cluster</source>
        <translation>左侧：本集群</translation>
    </message>
    <message>
        <source>Right:</source>
        <translation>右侧：</translation>
    </message>
    <message>
        <source>Hidden keys (&apos;_&apos;) are never listed by the server and are not compared.</source>
        <translation>隐藏键（以“_”开头）不会被服务器列出，也不参与比较。</translation>
    </message>
    <message>
        <source>Check all</source>
        <translation>全部勾选</translation>
    </message>
    <message>
        <source>Copy checked to the right →</source>
        <translation>将勾选项复制到右侧 →</translation>
    </message>
    <message>
        <source>← Copy checked to the left</source>
        <translation>← 将勾选项复制到左侧</translation>
    </message>
    <message>
        <source>Type the other cluster&apos;s endpoints.</source>
        <translation>请输入另一个集群的端点。</translation>
    </message>
    <message>
        <source>compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Connecting to the other cluster…</source>
        <translation>正在连接到另一个集群…</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>Check the entries to copy first.</source>
        <translation>请先勾选要复制的条目。</translation>
    </message>
    <message>
        <source>%1 and %2: </source>
        <translation>%1 与 %2：</translation>
    </message>
    <message numerus="yes">
        <source>%n only on the left</source>
        <translation>
            <numerusform>仅左侧有 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n only on the right</source>
        <translation>
            <numerusform>仅右侧有 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n different</source>
        <translation>
            <numerusform>%n 个不同</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n the same</source>
        <translation>
            <numerusform>%n 个相同</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key/directory conflicts</source>
        <translation>
            <numerusform>%n 个键/目录冲突</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>admin::CompareModel</name>
    <message>
        <source>only left</source>
        <translation>仅左侧</translation>
    </message>
    <message>
        <source>only right</source>
        <translation>仅右侧</translation>
    </message>
    <message>
        <source>different</source>
        <translation>不同</translation>
    </message>
    <message>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>key on one side, directory on the other</source>
        <translation>一侧是键，另一侧是目录</translation>
    </message>
    <message>
        <source>(directory)</source>
        <translation>（目录）</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左侧</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右侧</translation>
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
    <message>
        <source>Remember the password in the desktop keyring</source>
        <translation>在桌面密钥环中记住密码</translation>
    </message>
    <message>
        <source>Kept by the desktop&apos;s keyring (Secret Service, KWallet…), never in the settings file. Without a keyring the password is not remembered.</source>
        <translation>由桌面密钥环（Secret Service、KWallet…）保存，从不写入设置文件。没有密钥环时不会记住密码。</translation>
    </message>
    <message>
        <source>Production: read-only, every write asks for confirmation</source>
        <translation>生产环境：只读，每次写入都需确认</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>%1 The password was not remembered (it is never written in plain text); you will be asked for it next time.</source>
        <translation>%1 未记住密码（密码从不以明文写入）；下次将再次询问。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>unknown version</source>
        <translation>未知版本</translation>
    </message>
    <message>
        <source>Connected to %1 (etcd %2).</source>
        <translation>已连接到 %1（etcd %2）。</translation>
    </message>
    <message>
        <source>Connected to %1 (etcd %2); the credentials are accepted.</source>
        <translation>已连接到 %1（etcd %2）；凭据已被接受。</translation>
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
    <name>admin::ImportPlan</name>
    <message>
        <source>add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>not in the file</source>
        <translation>不在文件中</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>%n 个新增</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n 个修改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted</source>
        <translation>
            <numerusform>%n 个删除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not in the file (kept)</source>
        <translation>
            <numerusform>%n 个不在文件中（保留）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n 个未变</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts (skipped)</source>
        <translation>
            <numerusform>%n 个冲突（跳过）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>admin::ImportPreviewDialog</name>
    <message>
        <source>Import below %1: dry run</source>
        <translation>导入到 %1 下：试运行</translation>
    </message>
    <message>
        <source>Delete keys that are not in the file</source>
        <translation>删除文件中没有的键</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>服务器上</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>文件中</translation>
    </message>
    <message>
        <source>Every write is guarded: a key that changes on the server after this preview is not overwritten but reported. Hidden keys (&apos;_&apos;) on the server are never listed, so only those in the file are compared.</source>
        <translation>每次写入都受保护：在此预览之后于服务器上发生变化的键不会被覆盖，而是会被报告。服务器上的隐藏键（以“_”开头）不会被列出，因此只比较文件中的隐藏键。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>keep (not in the file)</source>
        <translation>保留（不在文件中）</translation>
    </message>
    <message>
        <source>(directory)</source>
        <translation>（目录）</translation>
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
    <message>
        <source>Restored from the safety export. </source>
        <translation>已从安全导出恢复。</translation>
    </message>
    <message>
        <source>the import below %1</source>
        <translation>导入到 %1 下</translation>
    </message>
    <message>
        <source>A safety export was taken first: %1</source>
        <translation>已事先进行安全导出：%1</translation>
    </message>
    <message>
        <source>Search on server…</source>
        <translation>在服务器上搜索…</translation>
    </message>
    <message>
        <source>Search keys and values below a directory on the server, including directories never opened here</source>
        <translation>在服务器上搜索某个目录下的键和值，包括在此处从未打开过的目录</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <source>Compare two subtrees, on this cluster or another one, and copy differences across</source>
        <translation>比较本集群或其他集群上的两个子树，并在两侧之间复制差异</translation>
    </message>
    <message>
        <source>deleting %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Hidden keys (names starting with &apos;_&apos;) are never listed by the server. Hidden keys or directories to include, one per line:</source>
        <translation>隐藏键（名称以“_”开头）不会被服务器列出。要包含的隐藏键或目录，每行一个：</translation>
    </message>
</context>
<context>
    <name>admin::KeyBrowserShortcuts</name>
    <message>
        <source>Filter loaded keys</source>
        <translation>筛选已加载的键</translation>
    </message>
    <message>
        <source>Go to key</source>
        <translation>转到键</translation>
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
    <message>
        <source>Format</source>
        <translation>格式化</translation>
    </message>
    <message>
        <source>Indent the JSON (member order, numbers and strings stay as they are)</source>
        <translation>缩进 JSON（成员顺序、数字和字符串保持不变）</translation>
    </message>
    <message>
        <source>Minify</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>Remove the whitespace between JSON tokens</source>
        <translation>移除 JSON 标记之间的空白</translation>
    </message>
    <message>
        <source>Write your value over the server&apos;s version you were shown (compare-and-swap)</source>
        <translation>用您的值覆盖您看到的服务器版本（比较并交换）</translation>
    </message>
    <message>
        <source>Compare and merge…</source>
        <translation>比较并合并…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved.</source>
        <translation>%1 有未保存的更改。</translation>
    </message>
    <message>
        <source>Save them now, discard them, or keep them as a draft that comes back when you open the key again?</source>
        <translation>要立即保存、放弃这些更改，还是保留为草稿（再次打开该键时恢复）？</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>保留为草稿</translation>
    </message>
    <message>
        <source>Restored your unsaved edit of %1 (based on index %2); the key changed on the server since (index %3).</source>
        <translation>已恢复您对 %1 未保存的编辑（基于索引 %2）；此后该键已在服务器上被修改（索引 %3）。</translation>
    </message>
    <message>
        <source>Restored your unsaved edit of %1.</source>
        <translation>已恢复您对 %1 未保存的编辑。</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 was deleted on the server meanwhile; your change was not saved and the key was not recreated (use New… to create it again).</source>
        <translation>在此期间 %1 已在服务器上被删除；您的更改未保存，该键也未被重新创建（可使用“新建…”重新创建）。</translation>
    </message>
    <message>
        <source>%1 was changed by someone else (it is now at modifiedIndex %2, your edit started from %3); your change was not saved.</source>
        <translation>%1 已被他人修改（当前 modifiedIndex 为 %2，您的编辑基于 %3）；您的更改未保存。</translation>
    </message>
    <message>
        <source>Not valid JSON</source>
        <translation>无效的 JSON</translation>
    </message>
    <message>
        <source>The value of %1 was valid JSON and is not any more.</source>
        <translation>%1 的值原本是有效的 JSON，现在不是了。</translation>
    </message>
    <message>
        <source>The value of %1 is not valid JSON.</source>
        <translation>%1 的值不是有效的 JSON。</translation>
    </message>
    <message>
        <source>Programs reading this key may fail to parse it. Save it anyway?</source>
        <translation>读取该键的程序可能无法解析它。仍要保存吗？</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation>有效的 JSON</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>无效的 JSON：%1</translation>
    </message>
    <message>
        <source>Your edit is kept as a draft; open %1 again to resolve it.</source>
        <translation>您的编辑已保留为草稿；请再次打开 %1 来解决冲突。</translation>
    </message>
</context>
<context>
    <name>admin::KeyOperations</name>
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
    <message>
        <source>%1 was changed by someone else; your change was not saved.</source>
        <translation>%1 已被他人修改；您的更改未保存。</translation>
    </message>
    <message>
        <source>Change keys on the cluster.</source>
        <translation>修改集群上的键。</translation>
    </message>
    <message>
        <source>Not written: the write to this production cluster was not confirmed.</source>
        <translation>未写入：未确认对此生产集群的写入。</translation>
    </message>
    <message>
        <source>%1 was changed by someone else since it was shown; it was not deleted.</source>
        <translation>%1 在显示后已被他人修改；未删除。</translation>
    </message>
    <message>
        <source>Delete the key %1?</source>
        <translation>要删除键 %1 吗？</translation>
    </message>
    <message>
        <source>Delete the empty directory %1?</source>
        <translation>要删除空目录 %1 吗？</translation>
    </message>
    <message>
        <source>1 key</source>
        <translation>1 个键</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 个键</translation>
    </message>
    <message>
        <source>1 subdirectory</source>
        <translation>1 个子目录</translation>
    </message>
    <message>
        <source>%1 subdirectories</source>
        <translation>%1 个子目录</translation>
    </message>
    <message>
        <source>Delete the directory %1 and everything below it: %2 in %3 (hidden keys, whose names start with &apos;_&apos;, are not listed by the server and are deleted too)?</source>
        <translation>要删除目录 %1 及其下的所有内容（%2，%3）吗？名称以“_”开头的隐藏键不会被服务器列出，也会一并删除。</translation>
    </message>
    <message>
        <source>no subdirectory</source>
        <translation>无子目录</translation>
    </message>
</context>
<context>
    <name>admin::KeySearchDialog</name>
    <message>
        <source>Search on server</source>
        <translation>在服务器上搜索</translation>
    </message>
    <message>
        <source>Part of a key name, or a pattern such as *.json</source>
        <translation>键名的一部分，或 *.json 之类的模式</translation>
    </message>
    <message>
        <source>Also search values</source>
        <translation>同时搜索值</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Below:</source>
        <translation>起始目录：</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>Searches the server: directories that were never opened are searched too. Hidden keys (&apos;_&apos;) are never listed by the server.</source>
        <translation>在服务器上搜索：从未打开过的目录也会被搜索。隐藏键（以“_”开头）不会被服务器列出。</translation>
    </message>
    <message>
        <source>Type what to look for.</source>
        <translation>请输入要查找的内容。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message numerus="yes">
        <source>Searching… %n keys searched</source>
        <translation>
            <numerusform>正在搜索… 已搜索 %n 个键</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n directories</source>
        <translation>
            <numerusform>%n 个目录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>找到 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n keys searched</source>
        <translation>
            <numerusform>完成：已搜索 %n 个键</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n keys searched</source>
        <translation>
            <numerusform>已停止：已搜索 %n 个键</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not list: %1</source>
        <translation>无法列出：%1</translation>
    </message>
    <message>
        <source>Hidden keys (&apos;_&apos;) are never listed by the server.</source>
        <translation>隐藏键（以“_”开头）不会被服务器列出。</translation>
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
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;●&lt;/span&gt; below 25 ms &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;●&lt;/span&gt; below 60 ms &amp;nbsp; &lt;span style=&apos;color:%3&apos;&gt;●&lt;/span&gt; 60 ms and above &amp;nbsp; &lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;⬤&lt;/b&gt;&lt;/span&gt; no answer</source>
        <translation>&lt;span style=&apos;color:%1&apos;&gt;●&lt;/span&gt; 低于 25 毫秒 &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;●&lt;/span&gt; 低于 60 毫秒 &amp;nbsp; &lt;span style=&apos;color:%3&apos;&gt;●&lt;/span&gt; 60 毫秒及以上 &amp;nbsp; &lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;⬤&lt;/b&gt;&lt;/span&gt; 无响应</translation>
    </message>
    <message>
        <source>follower %1 not answering since %2</source>
        <translation>跟随者 %1 自 %2 起无响应</translation>
    </message>
    <message>
        <source>follower %1 not answering since %2 (no answer from it since this leader took over)</source>
        <translation>跟随者 %1 自 %2 起无响应（当前领导者上任以来从未收到其响应）</translation>
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
    <message>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>The leader&apos;s count of answered pings has stopped growing: the follower is paused, down or cut off.</source>
        <translation>领导者统计的已应答探测数不再增长：该跟随者已暂停、宕机或网络断开。</translation>
    </message>
    <message>
        <source>The leader has never had an answer from this follower.</source>
        <translation>领导者从未收到该跟随者的响应。</translation>
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
    <message>
        <source>Access</source>
        <translation>访问控制</translation>
    </message>
    <message>
        <source>[production: read-only, writes ask]</source>
        <translation>[生产环境：只读，写入需确认]</translation>
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
    <message>
        <source>added, not started yet</source>
        <translation>已添加，尚未启动</translation>
    </message>
    <message>
        <source>The cluster knows this member&apos;s peer URLs, but no qetcd has joined with them yet. Start it with the ETCD_* lines shown when it was added (ETCD_INITIAL_CLUSTER_STATE=existing); until then it counts in the quorum.</source>
        <translation>集群已知道此成员的对等 URL，但还没有 qetcd 以这些 URL 加入。请使用添加该成员时显示的 ETCD_* 配置行启动它（ETCD_INITIAL_CLUSTER_STATE=existing）；在此之前，它仍计入法定人数。</translation>
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
    <name>admin::PasswordVault</name>
    <message>
        <source>No desktop keyring is available (QETCD_ADMIN_KEYRING=off).</source>
        <translation>没有可用的桌面密钥环（QETCD_ADMIN_KEYRING=off）。</translation>
    </message>
    <message>
        <source>The desktop keyring did not answer.</source>
        <translation>桌面密钥环没有响应。</translation>
    </message>
    <message>
        <source>No desktop keyring is available (%1).</source>
        <translation>没有可用的桌面密钥环（%1）。</translation>
    </message>
</context>
<context>
    <name>admin::SafetyExport</name>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The safety export before %1 failed, so nothing was changed: %2</source>
        <translation>执行“%1”前的安全导出失败，因此未做任何更改：%2</translation>
    </message>
    <message>
        <source>Put %1 back as it was before %2 (from %3)</source>
        <translation>将 %1 恢复到“%2”之前的状态（来自 %3）</translation>
    </message>
    <message>
        <source>A safety export is already running; %1 was not done.</source>
        <translation>已有安全导出正在进行；未执行“%1”。</translation>
    </message>
    <message>
        <source>Cannot create %1 for the safety export; %2 was not done.</source>
        <translation>无法为安全导出创建 %1；未执行“%2”。</translation>
    </message>
    <message>
        <source>Nothing to restore, or a transfer is running.</source>
        <translation>没有可恢复的内容，或者有传输正在进行。</translation>
    </message>
</context>
<context>
    <name>admin::SearchResultsModel</name>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>(directory)</source>
        <translation>（目录）</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
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
    <name>admin::SubtreeCompare</name>
    <message>
        <source>Both sides need a connection, and one comparison runs at a time.</source>
        <translation>两侧都需要连接，且同一时间只能进行一次比较。</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>Not connected, or a comparison is running.</source>
        <translation>未连接，或者有比较正在进行。</translation>
    </message>
    <message>
        <source>Nothing chosen to copy.</source>
        <translation>未选择要复制的内容。</translation>
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
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>The connection closed during the import.</source>
        <translation>导入过程中连接已关闭。</translation>
    </message>
    <message>
        <source>Could not read %1: it does not exist.</source>
        <translation>无法读取 %1：它不存在。</translation>
    </message>
    <message>
        <source>The connection closed during the transfer.</source>
        <translation>传输过程中连接已关闭。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n keys below %1 to %2.</source>
        <translation>
            <numerusform>已将 %1 下的 %n 个键导出到 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Hidden keys included: %1.</source>
        <translation>已包含隐藏键：%1。</translation>
    </message>
    <message>
        <source>Hidden keys not found: %1.</source>
        <translation>未找到隐藏键：%1。</translation>
    </message>
    <message>
        <source>Hidden keys (&apos;_&apos;) are never listed by the server and none were named, so none are in the file.</source>
        <translation>隐藏键（以“_”开头）不会被服务器列出，且未指定任何隐藏键，因此文件中没有隐藏键。</translation>
    </message>
    <message>
        <source>Other hidden keys (&apos;_&apos;) are never listed by the server and are not in the file.</source>
        <translation>其他隐藏键（以“_”开头）不会被服务器列出，因此不在文件中。</translation>
    </message>
    <message>
        <source>Imported below %1: %2.</source>
        <translation>已导入到 %1 下：%2。</translation>
    </message>
    <message numerus="yes">
        <source>%n not written because they changed on the server since the preview: %1</source>
        <translation>
            <numerusform>%n 个未写入，因为它们在预览后已在服务器上被修改：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed: %1</source>
        <translation>
            <numerusform>%n 个失败：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped: a key in the file is a directory on the server or the other way round.</source>
        <translation>
            <numerusform>跳过 %n 个：文件中的键在服务器上是目录，或者相反。</numerusform>
        </translation>
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
    <name>admin::editor::ConflictDialog</name>
    <message>
        <source>Resolve the conflict on %1</source>
        <translation>解决 %1 上的冲突</translation>
    </message>
    <message>
        <source>%1 was changed on the server (now modifiedIndex %2) after your edit started from modifiedIndex %3. Lines each side changed are marked; the merge below takes the changes of both where they do not touch the same lines.</source>
        <translation>您从 modifiedIndex %3 开始编辑后，%1 已在服务器上被修改（当前 modifiedIndex 为 %2）。双方各自修改的行已标出；下方的合并结果在双方未改动同一行时同时采纳双方的修改。</translation>
    </message>
    <message>
        <source>All three are JSON: compared formatted, one member per line.</source>
        <translation>三者均为 JSON：按格式化后的文本比较，每行一个成员。</translation>
    </message>
    <message>
        <source>Mine (your edit)</source>
        <translation>我方（您的编辑）</translation>
    </message>
    <message>
        <source>Base (index %1)</source>
        <translation>基准（索引 %1）</translation>
    </message>
    <message>
        <source>Theirs (server, index %1)</source>
        <translation>对方（服务器，索引 %1）</translation>
    </message>
    <message>
        <source>Merged (edit it, then save)</source>
        <translation>合并结果（编辑后保存）</translation>
    </message>
    <message>
        <source>Use mine</source>
        <translation>使用我方</translation>
    </message>
    <message>
        <source>Use theirs</source>
        <translation>使用对方</translation>
    </message>
    <message>
        <source>Save merged</source>
        <translation>保存合并结果</translation>
    </message>
    <message>
        <source>Write the merged text if the key is still at index %1</source>
        <translation>仅当该键仍处于索引 %1 时写入合并后的文本</translation>
    </message>
    <message numerus="yes">
        <source>%n place(s) changed on both sides: keep what you want between the &lt;&lt;&lt;&lt;&lt;&lt;&lt; and &gt;&gt;&gt;&gt;&gt;&gt;&gt; lines and delete the markers.</source>
        <translation>
            <numerusform>有 %n 处被双方同时修改：请在 &lt;&lt;&lt;&lt;&lt;&lt;&lt; 与 &gt;&gt;&gt;&gt;&gt;&gt;&gt; 行之间保留所需内容，并删除这些标记。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged without conflicts.</source>
        <translation>合并完成，没有冲突。</translation>
    </message>
    <message>
        <source>All conflicts resolved.</source>
        <translation>所有冲突均已解决。</translation>
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
