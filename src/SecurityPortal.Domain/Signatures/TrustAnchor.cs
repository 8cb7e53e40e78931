using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Signatures;

/// <summary>
/// A root or intermediate certificate an administrator trusts for digitally signed documents (chứng thư gốc tin cậy).
/// Nothing is trusted until an administrator uploads it; the signed-PDF check builds every signer's chain to these.
/// The descriptive fields are read from the certificate when it is uploaded, for the list and the audit trail.
/// </summary>
public sealed class TrustAnchor : Entity
{
    public const int NameMaxLength = 1024;
    public const int ThumbprintLength = 64;
    public const int MaxDerLength = 16 * 1024;

    private TrustAnchor()
    {
        Subject = string.Empty;
        Issuer = string.Empty;
        Thumbprint = string.Empty;
        Der = [];
        AddedById = string.Empty;
    }

    public TrustAnchor(byte[] der, string subject, string issuer, string thumbprint, bool isRoot, DateTime notBeforeUtc, DateTime notAfterUtc, string addedById, DateTime nowUtc)
    {
        if (der.Length is 0 or > MaxDerLength)
        {
            throw new DomainException("Chứng thư quá lớn hoặc rỗng.");
        }

        Der = der;
        Subject = Cap(subject);
        Issuer = Cap(issuer);
        Thumbprint = thumbprint;
        IsRoot = isRoot;
        NotBeforeUtc = notBeforeUtc;
        NotAfterUtc = notAfterUtc;
        AddedById = addedById;
        AddedAtUtc = nowUtc;
    }

    /// <summary>The certificate as DER bytes.</summary>
    public byte[] Der { get; private set; }

    public string Subject { get; private set; }
    public string Issuer { get; private set; }

    /// <summary>SHA-256 of the DER bytes, lower-case hex: one certificate is uploaded once.</summary>
    public string Thumbprint { get; private set; }

    /// <summary>Self-signed: a trust anchor of its own; otherwise an intermediate that helps build chains to one.</summary>
    public bool IsRoot { get; private set; }

    public DateTime NotBeforeUtc { get; private set; }
    public DateTime NotAfterUtc { get; private set; }
    public string AddedById { get; private set; }
    public DateTime AddedAtUtc { get; private set; }

    private static string Cap(string value) => value.Length > NameMaxLength ? value[..NameMaxLength] : value;
}
