using System.Net;
using System.Text;
using k8s;
using k8s.Models;

namespace Inference.Kube.Analysis.Tests.Live;

/// <summary>
/// Stand-in for kube-apiserver's list endpoints (the loopback test API server lives on another branch): answers
/// every GET with the serialized list of the snapshot objects of the requested resource, paginated by
/// <c>limit</c>/<c>continue</c>, and records each path. It never calls the network.
/// </summary>
internal sealed class CannedListHandler(IReadOnlyDictionary<string, IReadOnlyList<object>> byResource) : DelegatingHandler
{
    public List<string> Paths { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        Paths.Add(uri.PathAndQuery);
        var resource = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var limit = int.TryParse(query["limit"], out var l) ? l : int.MaxValue;
        var start = int.TryParse(query["continue"], out var c) ? c : 0;
        var all = byResource.TryGetValue(resource, out var items) ? items : [];
        var page = all.Skip(start).Take(limit).ToList();
        var next = start + page.Count < all.Count ? (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var json = $"{{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{{\"continue\":{(next is null ? "null" : $"\"{next}\"")}}},\"items\":[{string.Join(',', page.Select(o => KubernetesJson.Serialize(o)))}]}}";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request });
    }

    public static Kubernetes Client(params DelegatingHandler[] handlers) =>
        new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" }, handlers);
}
