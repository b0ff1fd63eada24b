namespace Inference.Kube.Tools;

/// <summary>The RBAC view of an API request: verb, resource (with group and subresource) and namespace.</summary>
internal sealed record RequestTarget(string Verb, string Resource, string? Namespace)
{
    public static RequestTarget FromRequest(string method, string pathAndQuery)
    {
        var queryAt = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? pathAndQuery : pathAndQuery[..queryAt];
        var query = queryAt < 0 ? "" : pathAndQuery[queryAt..];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();

        // /api/v1/... or /apis/group/version/...
        var group = "";
        var rest = parts;
        if (parts is ["api", _, ..])
            rest = parts[2..];
        else if (parts is ["apis", _, _, ..])
        {
            group = parts[1];
            rest = parts[3..];
        }

        string? ns = null;
        if (rest is ["namespaces", var n, _, ..])
        {
            ns = n;
            rest = rest[2..];
        }

        var resource = rest.Count > 0 ? rest[0] : "(unknown)";
        var hasName = rest.Count > 1;
        if (rest.Count > 2)
            resource += "/" + rest[2];
        if (group.Length > 0)
            resource += "." + group;
        var verb = method.ToUpperInvariant() switch
        {
            "GET" when query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) => "watch",
            "GET" => hasName ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => hasName ? "delete" : "deletecollection",
            var other => other.ToLowerInvariant(),
        };
        return new RequestTarget(verb, resource, ns);
    }
}
