using Inference.Kube.Access;
using k8s;
using k8s.Models;

namespace Inference.Kube.Writes;

/// <summary>One permission a write needs: a verb on a kind (and subresource), in a namespace, on a named object.</summary>
public sealed record AccessCheck(string Verb, ApiResource Type, string? Namespace, string? Name = null, string? Subresource = null)
{
    public string Resource => Subresource is null ? Type.FullName : $"{Type.FullName}/{Subresource}";

    /// <summary>Asks the API server (SelfSubjectAccessReview). Null when allowed, else what the review said.</summary>
    public async Task<string?> RefusalAsync(IKubernetes client, CancellationToken ct)
    {
        var review = new V1SelfSubjectAccessReview
        {
            ApiVersion = "authorization.k8s.io/v1",
            Kind = "SelfSubjectAccessReview",
            Spec = new V1SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new V1ResourceAttributes
                {
                    Verb = Verb,
                    Group = Type.Group,
                    Version = Type.Version,
                    Resource = Type.Plural,
                    Subresource = Subresource,
                    NamespaceProperty = Namespace,
                    Name = Name,
                },
            },
        };
        var answer = await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(review, cancellationToken: ct).ConfigureAwait(false);
        if (answer.Status?.Allowed == true)
            return null;
        var why = string.IsNullOrWhiteSpace(answer.Status?.Reason) ? "" : $" ({answer.Status.Reason})";
        return $"SelfSubjectAccessReview: {Verb} {Resource} is not allowed{why}";
    }

    /// <summary>
    /// The refusal as the API server would answer the write itself (403 on the object's path), so the toolbox reports
    /// it like any 403: outcome forbidden, naming verb, resource and namespace.
    /// </summary>
    public KubeApiException Forbidden(string refusal, string summary)
    {
        var method = Verb switch
        {
            "create" => "POST",
            "update" => "PUT",
            "delete" => "DELETE",
            _ => Verb.ToUpperInvariant(),
        };
        var path = Name is null ? Type.CollectionPath(Namespace) : Type.ObjectPath(Namespace, Name);
        if (Subresource is not null)
            path += "/" + Subresource;
        return new KubeApiException(403, method, path, "Forbidden", $"{refusal}. Nothing was changed ({summary}).");
    }
}
