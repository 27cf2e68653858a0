<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClientLeaderStatsSource</name>
    <message>
        <source>Looking for the leader…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live from leader %1 (%2), every %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer the leader; looking for the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot find the leader: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The leader %1 publishes no client URL.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClusterConnection</name>
    <message>
        <source>Could not open &quot;%1&quot;. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open &quot;%1&quot;; trying again in 5 seconds. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster answers again (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer; now using %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClusterPage</name>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster %1: %2 of %3 member(s) healthy; leader %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer URLs of the new member (comma separated), e.g. http://10.0.0.4:2380:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add the member: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added member %1 (%2). Start it with --initial-cluster-state existing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the cluster? It will stop serving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove member %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed member %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClusterPoller</name>
    <message>
        <source>Member %1 is down: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1 reports itself unhealthy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1 is healthy again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the members.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Connect to a cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved profiles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://10.0.0.1:2379, http://10.0.0.2:2379</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client URLs of one or more members, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys (*.pem *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the password (stored unencrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new profile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>Enter at least one endpoint, for example http://127.0.0.1:2379.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid endpoint URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint %1 must use http or https.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client certificate needs its key, and a key its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password needs a user name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The cluster refused the credentials: the user name or password is wrong, or the user may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (etcd error %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unavailable (HTTP status %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure connection to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent an answer that is not valid etcd v2: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request took too long and was abandoned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member of the cluster answered:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no endpoint to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection settings cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyBrowserPage</name>
    <message>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter loaded keys by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to key, e.g. /config/_secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show hidden keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys whose name starts with &apos;_&apos; are never listed by the server; the tree shows those you opened with &quot;Go to key&quot; or created here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing… %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates of the tree stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates interrupted; reconnecting… (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates resumed from %1; no change was missed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many changes to follow one by one (history cleared at index %1); the tree was listed again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the directory %1 and everything below it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the key %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import below %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyDetailPane</name>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the value if nobody changed the key since it was loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created index:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified index:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to live:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value is not a JSON object or array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (permanent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load server version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed on the server (index %2) while you were editing. Saving will be refused unless you overwrite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was deleted on the server (or expired).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyOperations</name>
    <message>
        <source>%1 was changed by someone else (now at index %2); your change was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create an in-order key in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now expires in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the TTL of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyTreeModel</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LatencyChartPage</name>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;●&lt;/span&gt; below 25 ms &amp;nbsp; &lt;span style=&apos;color:%2&apos;&gt;●&lt;/span&gt; below 60 ms &amp;nbsp; &lt;span style=&apos;color:%3&apos;&gt;●&lt;/span&gt; 60 ms and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The leader reports no followers: a single-member cluster has nobody to replicate to, so there is no latency to draw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader → follower latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds (0 = latest sample)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader: unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LatencySeriesModel</name>
    <message>
        <source>Follower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Std dev (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>qetcd administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;hidden keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About qetcd-admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — qetcd administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About qetcd-admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;qetcd-admin %1&lt;/h3&gt;&lt;p&gt;Administration of etcd v2 compatible clusters: keys, watches, members and leader latency.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to &quot;%1&quot;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected (%1), cluster not answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X-Etcd-Index: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection settings…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not started)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>follower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer URLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client URLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appends received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appends sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recv pkg/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recv B/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send pkg/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send B/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewKeyDialog</name>
    <message>
        <source>New key or directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In-order key (name chosen by the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name, or a/b/c for nested directories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to live:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/&lt;next index&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreStatsModel</name>
    <message>
        <source>Gets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare-and-swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare-and-deletes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watchers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubtreeJson</name>
    <message>
        <source>The file is not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not hold a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds no etcd node (no &quot;key&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubtreeTransfer</name>
    <message>
        <source>Not connected, or another transfer is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed during the import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 entries below %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported with %1 failures:
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyntheticLeaderStatsSource</name>
    <message numerus="yes">
        <source>Synthetic samples (no live cluster): leader %1 with %n follower(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchEventModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchPanel</name>
    <message>
        <source>Key or prefix to watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recursive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from index </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the server&apos;s recent history from this index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter events (any column)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The watch stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The watch lost its connection; reconnecting… (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The watch resumed on %1 from index %2; no event was missed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s history was cleared: events from index %1 up to %2 are lost. Watching again from index %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No event matches the filter; nothing saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 events to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected: watching %1 again from index %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected: watching %1 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching %1 and everything below it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (reconnecting…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not watching</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>paused, %n held back</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Administration of etcd v2 compatible clusters: keys, watches, members and leader latency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the saved connection profile &lt;name&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to these comma-separated client URLs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name for --endpoints (password: QETCD_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep profiles in this INI file instead of the user&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>command line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
