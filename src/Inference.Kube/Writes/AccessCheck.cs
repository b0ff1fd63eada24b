using Inference.Kube.Access;
using k8s;
using k8s.Models;

namespace Inference.Kube.Writes;

/// <summary>One permission a write needs: a verb on a kind (and subresource), in a namespace, on a named object.</summary>
public sealed record AccessCheck(string Verb, ApiResource Type, string? Namespace, string? Name = null, string? Subresource = null)
{
    public string Resource => Subresource is null ? Type.FullName : $"{Type.FullName}/{Subresource}";

    /// <summary>Asks the API server (SelfSubjectAccessReview). Null when allowed, else a sentence saying what is missing.</summary>
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
        var where = Namespace is null ? "cluster-wide" : $"in namespace \"{Namespace}\"";
        var why = string.IsNullOrWhiteSpace(answer.Status?.Reason) ? "" : $" ({answer.Status.Reason})";
        return $"forbidden: your user may not {Verb} {Resource} {where}{why}.";
    }
}
