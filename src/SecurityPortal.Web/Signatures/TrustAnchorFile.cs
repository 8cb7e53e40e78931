using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SecurityPortal.Web.Signatures;

/// <summary>A certificate file an administrator uploads: DER (.cer/.crt) or PEM (one or more CERTIFICATE blocks).</summary>
public static class TrustAnchorFile
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxCertificates = 20;

    /// <summary>The certificates of the file, or the message for the form.</summary>
    public static (IReadOnlyList<X509Certificate2> Certificates, string? Error) Read(byte[] content)
    {
        var text = Encoding.ASCII.GetString(content);
        var certificates = new List<X509Certificate2>();
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var rest = text.AsSpan();
            while (PemEncoding.TryFind(rest, out var fields))
            {
                if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
                {
                    if (certificates.Count == MaxCertificates)
                    {
                        return ([], $"Tệp có quá nhiều chứng thư; tối đa {MaxCertificates}.");
                    }

                    if (TryLoad(Convert.FromBase64String(rest[fields.Base64Data].ToString())) is not { } certificate)
                    {
                        return ([], "Tệp có một khối CERTIFICATE không đọc được.");
                    }

                    certificates.Add(certificate);
                }

                rest = rest[fields.Location.End..];
            }
        }
        else if (TryLoad(content) is { } certificate)
        {
            certificates.Add(certificate);
        }

        if (certificates.Count == 0)
        {
            return ([], "Không đọc được chứng thư trong tệp: cần tệp .cer, .crt hoặc .pem (dạng DER hoặc PEM).");
        }

        return certificates.FirstOrDefault(c => !IsAuthority(c)) is { } leaf
            ? ([], $"«{leaf.GetNameInfo(X509NameType.SimpleName, false)}» không phải chứng thư của tổ chức cấp chứng thư (CA): chỉ nhận chứng thư gốc hoặc trung gian.")
            : (certificates, null);
    }

    public static X509Certificate2? TryLoad(byte[] der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static bool IsSelfSigned(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    /// <summary>A CA certificate (basic constraints say so), or a self-signed one without basic constraints (old roots).</summary>
    private static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is { } constraints
            ? constraints.CertificateAuthority
            : IsSelfSigned(certificate);
}
