using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Inference.Kube.Testing;

/// <summary>pods/log, answered from <see cref="PodLogStore"/> as the kubelet would (a stand-in: no kubelet runs here).</summary>
internal sealed partial class KubeApiHandler
{
    private async Task PodLogAsync(HttpContext http, ResourceRequest request)
    {
        var pod = Existing(request).Node;
        var query = http.Request.Query;
        var name = request.Name!;
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).Concat(pod["spec"]?["initContainers"] as JsonArray ?? [])
            .Select(c => c.Str("name") ?? "").ToArray();
        var container = query["container"].ToString();
        if (container.Length == 0)
        {
            container = containers.Length == 1 ? containers[0]
                : throw KubeStatusException.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers)}]");
        }
        else if (!containers.Contains(container))
        {
            throw KubeStatusException.BadRequest($"container {container} is not valid for pod {name}");
        }

        var previous = IsTrue(query["previous"]);
        var text = logs.Get(request.Namespace!, name, container, previous);
        if (text is null)
        {
            if (previous)
            {
                throw KubeStatusException.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found");
            }

            var status = (pod["status"]?["containerStatuses"] as JsonArray ?? []).Concat(pod["status"]?["initContainerStatuses"] as JsonArray ?? [])
                .FirstOrDefault(s => s.Str("name") == container);
            var waiting = status?["state"]?["waiting"];
            if (status is null || waiting is not null)
            {
                throw KubeStatusException.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: {waiting.Str("reason") ?? "ContainerCreating"}");
            }

            text = "";
        }

        long? tail = long.TryParse(query["tailLines"], CultureInfo.InvariantCulture, out var t) ? t : null;
        DateTimeOffset? since = long.TryParse(query["sinceSeconds"], CultureInfo.InvariantCulture, out var s)
            ? (scenario?.Now ?? Now) - TimeSpan.FromSeconds(s)
            : DateTimeOffset.TryParse(query["sinceTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sinceTime) ? sinceTime : null;
        var selected = PodLogStore.Select(text, tail, since);
        var bytes = Encoding.UTF8.GetBytes(selected);
        if (long.TryParse(query["limitBytes"], CultureInfo.InvariantCulture, out var limit) && limit >= 0 && limit < bytes.Length)
        {
            bytes = bytes[..(int)limit];
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/plain";
        await http.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}
