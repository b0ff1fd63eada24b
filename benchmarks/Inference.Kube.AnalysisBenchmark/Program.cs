using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.AnalysisBenchmark;
using Inference.Kube.Testing;

var objects = SyntheticCluster.Build();
var snapshot = new SnapshotBuilder().AddRange(objects).Build(SyntheticCluster.Now);
var analyzer = new ClusterAnalyzer();
var expectedBroken = SyntheticCluster.Deployments / SyntheticCluster.BrokenEvery;
Console.WriteLine(Invariant($"cluster: {snapshot.Pods.Count} pods, {snapshot.Deployments.Count} Deployments, {expectedBroken} broken, {snapshot.Nodes.Count} nodes"));

var findings = await analyzer.AnalyzeAsync(snapshot);
var times = new List<double>();
for (var i = 0; i < 5; i++)
{
    var watch = Stopwatch.StartNew();
    findings = await analyzer.AnalyzeAsync(snapshot);
    times.Add(watch.Elapsed.TotalMilliseconds);
}

times.Sort();
Console.WriteLine(Invariant($"in-memory analyze: median {times[2]:0.0} ms (min {times[0]:0.0}, max {times[^1]:0.0}) over 5 runs; {findings.Count} findings"));
foreach (var f in findings)
{
    Console.WriteLine($"  {f.Rule,-18} {f.Object}");
}

foreach (var single in ClusterAnalyzer.All)
{
    var watch = Stopwatch.StartNew();
    await new ClusterAnalyzer([single]).AnalyzeAsync(snapshot);
    Console.WriteLine(Invariant($"  {single.GetType().Name,-24} {watch.Elapsed.TotalMilliseconds,8:0.0} ms"));
}

// Live path: the same objects in the loopback test API server (tests/Inference.Kube.Testing, a stand-in for
// kube-apiserver), read over HTTP by the official client as a live cluster is.
await using var server = await KubeApiTestServer.StartAsync();
foreach (var o in objects)
{
    server.Store.Add(ToJson(o));
}

var counter = new ApiTrafficCounter();
using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), AccessToken = KubeApiTestServer.AdminToken }, counter);
var liveWatch = Stopwatch.StartNew();
var live = await LiveSnapshotLoader.LoadAsync(client, ns: null, SyntheticCluster.Now);
var loaded = liveWatch.Elapsed.TotalMilliseconds;
var liveFindings = await analyzer.AnalyzeAsync(live);
Console.WriteLine(Invariant($"live path (loopback test API server): {counter.Requests} API calls, {counter.BytesRead / 1024.0 / 1024.0:0.0} MiB read, load {loaded:0} ms, analyze {liveWatch.Elapsed.TotalMilliseconds - loaded:0} ms, {liveFindings.Count} findings"));

if (findings.Count != expectedBroken || liveFindings.Count != expectedBroken)
{
    Console.Error.WriteLine(Invariant($"expected {expectedBroken} findings (one per broken Deployment)"));
    return 1;
}

return 0;

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

// The typed model's JSON with the apiVersion and kind the store files it under (the models leave them unset).
static JsonObject ToJson(object o)
{
    var entity = o.GetType().GetCustomAttribute<KubernetesEntityAttribute>()!;
    var json = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(o))!;
    json["apiVersion"] = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
    json["kind"] = entity.Kind;
    return json;
}
