using System.Net;
using System.Text;
using k8s;

namespace Inference.Kube.AnalysisBenchmark;

/// <summary>
/// Stand-in for kube-apiserver's list endpoints, in process: serializes the requested resource's objects as a real
/// server would (paginated by limit/continue), so the client does the same parsing and the bytes are those of real
/// list answers. After the merge, the live measurement belongs against the loopback test API server.
/// </summary>
internal sealed class CannedListHandler(ILookup<string, object> byResource) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var resource = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var limit = int.TryParse(query["limit"], out var l) ? l : int.MaxValue;
        var start = int.TryParse(query["continue"], out var c) ? c : 0;
        var all = byResource[resource].ToList();
        var page = all.Skip(start).Take(limit).ToList();
        var next = start + page.Count < all.Count ? $"\"{start + page.Count}\"" : "null";
        var json = $"{{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{{\"continue\":{next}}},\"items\":[{string.Join(',', page.Select(o => KubernetesJson.Serialize(o)))}]}}";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
