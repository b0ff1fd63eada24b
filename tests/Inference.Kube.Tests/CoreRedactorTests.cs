using Inference.Kube.Safety;

namespace Inference.Kube.Tests;

public sealed class CoreRedactorTests
{
    private readonly Redactor _redactor = new();

    [Theory]
    [InlineData("token eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlLXBhcnQ ok", "eyJzdWIiOiJzeXN0ZW06c2EifQ")]
    [InlineData("Authorization: Bearer abcdef0123456789abcdef", "abcdef0123456789abcdef")]
    [InlineData("curl -H 'Authorization: Basic dXNlcjpodW50ZXIy'", "dXNlcjpodW50ZXIy")]
    [InlineData("aws key AKIAIOSFODNN7EXAMPLE in env", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG")]
    [InlineData("key=AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdefghijklmnopqrstuv")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net", "Zm9vYmFyYmF6cXV4")]
    [InlineData("https://acme.blob.core.windows.net/c?sv=2022-11-02&sig=AbCdEfGhIjKlMnOpQrStUv%2Bw%3D", "AbCdEfGhIjKlMnOpQrStUv")]
    [InlineData("target postgres://invoice:CANARY-7c1e94b2@pg-billing.internal:5432/invoices", "CANARY-7c1e94b2")]
    [InlineData("Server=tcp:db,1433;Database=orders;User ID=app;Password=S3cr3t!x;Encrypt=true", "S3cr3t!x")]
    [InlineData("login with password=hunter22 failed", "hunter22")]
    [InlineData("{\"client_secret\": \"9f8e7d6c5b4a\"}", "9f8e7d6c5b4a")]
    [InlineData("  DB_PASSWORD:   Zr4q-8hTt-Lm2w", "Zr4q-8hTt-Lm2w")]
    [InlineData("ghp_1234567890abcdefghijklmnopqrstuvwxyz12", "ghp_1234567890abcdefghijklmnopqrstuvwxyz12")]
    public void Credential_shaped_text_is_masked(string text, string secret)
    {
        var redacted = _redactor.Redact(text);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains("[REDACTED", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Pem_private_keys_are_masked_whole_even_when_cut_off()
    {
        var key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\n-----END RSA PRIVATE KEY-----";
        Assert.Equal("a [REDACTED PRIVATE KEY] b", _redactor.Redact($"a {key} b"));
        Assert.DoesNotContain("MIIEow", _redactor.Redact("tls.key: -----BEGIN PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1Lf"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DB_PASSWORD: <set to the key 'DB_PASSWORD' in secret 'invoice-db-credentials'>")]
    [InlineData("Error: couldn't find key DB_PASSWORD in Secret billing/invoice-db-credentials")]
    [InlineData("automountServiceAccountToken: false")]
    [InlineData("secretName: shop-acme-example-tls")]
    [InlineData("- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      key: DB_PASSWORD")]
    [InlineData("password: $(DB_PASSWORD)")]
    [InlineData("jdbc:postgresql://pg-billing.internal:5432/invoices")]
    public void References_and_diagnostic_text_stay_readable(string text) =>
        Assert.Equal(text, _redactor.Redact(text));

    [Fact]
    public void Learned_secret_values_are_masked_raw_and_in_base64_wherever_they_appear()
    {
        _redactor.LearnSecretValue("mb-57ccc48fe46afe35eae6");
        var text = _redactor.Redact("connected with mb-57ccc48fe46afe35eae6; data bWItNTdjY2M0OGZlNDZhZmUzNWVhZTY=");
        Assert.Equal("connected with [REDACTED]; data [REDACTED]", text);
    }

    [Fact]
    public void Short_values_are_not_learned_so_common_words_survive()
    {
        _redactor.LearnSecretValue("true");
        Assert.Equal("ready: true", _redactor.Redact("ready: true"));
    }
}
