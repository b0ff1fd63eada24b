using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.AnalysisBenchmark;

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

// Live path: the same objects behind an in-process stand-in of the API server's list endpoints.
string Resource(object o) => o switch
{
    V1Node => "nodes", V1Pod => "pods", V1Deployment => "deployments", V1ReplicaSet => "replicasets",
    V1Service => "services", V1Endpoints => "endpoints", Corev1Event => "events", _ => "other",
};
var counter = new ApiTrafficCounter();
using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" }, counter, new CannedListHandler(objects.ToLookup(Resource)));
var liveWatch = Stopwatch.StartNew();
var live = await LiveSnapshotLoader.LoadAsync(client, ns: null, SyntheticCluster.Now);
var loaded = liveWatch.Elapsed.TotalMilliseconds;
var liveFindings = await analyzer.AnalyzeAsync(live);
Console.WriteLine(Invariant($"live path (stand-in API): {counter.Requests} API calls, {counter.BytesRead / 1024.0 / 1024.0:0.0} MiB read, load {loaded:0} ms, analyze {liveWatch.Elapsed.TotalMilliseconds - loaded:0} ms, {liveFindings.Count} findings"));

if (findings.Count != expectedBroken || liveFindings.Count != expectedBroken)
{
    Console.Error.WriteLine(Invariant($"expected {expectedBroken} findings (one per broken Deployment)"));
    return 1;
}

return 0;

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
