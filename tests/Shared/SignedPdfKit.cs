using System.Formats.Asn1;
using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SecurityPortal.Tests.Signatures;

/// <summary>
/// A test PKI (root → intermediate → signer, ECDSA P-256) and minimal PDFs signed with it: a catalog, one page, a signature
/// field whose /Contents is a detached CMS (SignedCms) over the /ByteRange; further signatures as incremental updates.
/// Everything is built here, nothing is read from the machine's stores.
/// </summary>
internal sealed class TestPki
{
    public static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>ECDSA P-256 keys, or RSA 2048 (<paramref name="rsa"/>, as the Vietnamese CAs use); the signer valid 2025–2030 unless given.</summary>
    public TestPki(string name = "Test", DateTimeOffset? leafFrom = null, DateTimeOffset? leafTo = null, bool rsa = false)
    {
        Root = SignedPdfKit.Authority($"CN={name} Root CA, O=Test PKI, C=VN", null, Start, Start.AddYears(30), rsa);
        Intermediate = SignedPdfKit.Authority($"CN={name} Issuing CA, O=Test PKI, C=VN", Root, Start, Start.AddYears(20), rsa);
        Signer = SignedPdfKit.Leaf("CN=Nguyễn Văn An, O=Sở Y tế, C=VN", Intermediate, leafFrom ?? Start.AddYears(5), leafTo ?? Start.AddYears(10), rsa);
    }

    public X509Certificate2 Root { get; }
    public X509Certificate2 Intermediate { get; }
    public X509Certificate2 Signer { get; }

    /// <summary>The root as the public certificate only (what an administrator uploads).</summary>
    public X509Certificate2 PublicRoot => X509CertificateLoader.LoadCertificate(Root.RawData);
}

internal static class SignedPdfKit
{
    /// <summary>15/01/2026 09:30 in Vietnam.</summary>
    public static readonly DateTimeOffset SigningTime = new(2026, 1, 15, 9, 30, 0, TimeSpan.FromHours(7));

    private const int ContentsBytes = 8192;

    public static X509Certificate2 Authority(string subject, X509Certificate2? issuer, DateTimeOffset from, DateTimeOffset to, bool rsa = false)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Request(subject, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, to);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        return Issue(request, issuer, from, to, key);
    }

    public static X509Certificate2 Leaf(string subject, X509Certificate2 issuer, DateTimeOffset from, DateTimeOffset to, bool rsa = false)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Request(subject, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        return Issue(request, issuer, from, to, key);
    }

    private static CertificateRequest Request(string subject, AsymmetricAlgorithm key) => key is RSA rsa
        ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);

    private static X509Certificate2 Issue(CertificateRequest request, X509Certificate2 issuer, DateTimeOffset from, DateTimeOffset to, AsymmetricAlgorithm key)
    {
        using var issued = request.Create(issuer, from, to, Serial());
        return key is RSA rsa ? issued.CopyWithPrivateKey(rsa) : issued.CopyWithPrivateKey((ECDsa)key);
    }

    /// <summary>A CRL of <paramref name="issuer"/> listing <paramref name="revoked"/> (revoked on 01/01/2026), DER.</summary>
    public static byte[] Crl(X509Certificate2 issuer, params X509Certificate2[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }

        return builder.Build(issuer, BigInteger.One, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), HashAlgorithmName.SHA256,
            issuer.GetRSAPublicKey() is null ? null : RSASignaturePadding.Pkcs1, thisUpdate: new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>A one-page PDF signed by the PKI's signer (its intermediate carried in the CMS).</summary>
    public static byte[] Signed(TestPki pki, DateTimeOffset? at = null, byte[]? archivedCrl = null, byte[]? dssCrl = null) =>
        Sign(Unsigned(dssCrl), pki.Signer, [pki.Intermediate], at ?? SigningTime, archivedCrl, 1);

    /// <summary>Adds a signature to a (signed) PDF as an incremental update covering the whole file.</summary>
    public static byte[] CounterSigned(byte[] pdf, TestPki pki, DateTimeOffset? at = null) =>
        Sign(pdf, pki.Signer, [pki.Intermediate], at ?? SigningTime.AddHours(2), null, 2);

    /// <summary>An incremental update that is not a signature (an annotation added after signing).</summary>
    public static byte[] WithLaterChange(byte[] pdf)
    {
        var text = new StringBuilder(Encoding.Latin1.GetString(pdf));
        var offset = text.Length;
        text.Append("\n20 0 obj\n<< /Type /Annot /Subtype /Text /Rect [10 10 50 50] /Contents (Đã sửa) >>\nendobj\n");
        var xref = text.Length;
        text.Append(CultureInfo.InvariantCulture, $"xref\n20 1\n{offset:D10} 00000 n \ntrailer\n<< /Size 21 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    public static byte[] Unsigned(byte[]? dssCrl = null)
    {
        var body = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        void Obj(string content)
        {
            offsets.Add(body.Length);
            body.Append(CultureInfo.InvariantCulture, $"{offsets.Count} 0 obj\n{content}\nendobj\n");
        }

        Obj(dssCrl is null
            ? "<< /Type /Catalog /Pages 2 0 R >>"
            : "<< /Type /Catalog /Pages 2 0 R /DSS << /CRLs [4 0 R] >> >>");
        Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        if (dssCrl is not null)
        {
            using var packed = new MemoryStream();
            using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(dssCrl);
            }

            offsets.Add(body.Length);
            body.Append(CultureInfo.InvariantCulture, $"4 0 obj\n<< /Length {packed.Length} /Filter /FlateDecode >>\nstream\n");
            body.Append(Encoding.Latin1.GetString(packed.ToArray()));
            body.Append("\nendstream\nendobj\n");
        }

        var xref = body.Length;
        body.Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            body.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        body.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(body.ToString());
    }

    /// <summary>Appends a signature field and its /Sig dictionary, then fills /ByteRange and /Contents (a detached CMS).</summary>
    private static byte[] Sign(byte[] pdf, X509Certificate2 signer, X509Certificate2[] chain, DateTimeOffset at, byte[]? archivedCrl, int number)
    {
        var field = 10 + (2 * number);
        var text = new StringBuilder(Encoding.Latin1.GetString(pdf));
        var fieldOffset = text.Length;
        text.Append(CultureInfo.InvariantCulture, $"\n{field} 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /P 3 0 R /T (Signature{number}) /V {field + 1} 0 R >>\nendobj\n");
        var sigOffset = text.Length;
        text.Append(CultureInfo.InvariantCulture, $"{field + 1} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /M (D:{at:yyyyMMddHHmmss}+07'00') /ByteRange ");
        var rangeAt = text.Length;
        text.Append("[0 0000000000 0000000000 0000000000]");
        text.Append(" /Contents ");
        var contentsAt = text.Length;
        text.Append('<').Append('0', ContentsBytes * 2).Append('>');
        var contentsEnd = text.Length;
        text.Append(" >>\nendobj\n");
        var xref = text.Length;
        text.Append(CultureInfo.InvariantCulture, $"xref\n{field} 2\n{fieldOffset:D10} 00000 n \n{sigOffset:D10} 00000 n \ntrailer\n<< /Size {field + 2} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");

        var range = $"[0 {contentsAt,-10} {contentsEnd,-10} {text.Length - contentsEnd,-10}]";
        text.Remove(rangeAt, range.Length).Insert(rangeAt, range);
        var bytes = Encoding.Latin1.GetBytes(text.ToString());

        var content = bytes[..contentsAt].Concat(bytes[contentsEnd..]).ToArray();
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
        };
        cmsSigner.Certificates.AddRange(chain);
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(at.UtcDateTime));
        if (archivedCrl is not null)
        {
            cmsSigner.SignedAttributes.Add(new AsnEncodedData("1.2.840.113583.1.1.8", RevocationArchival(archivedCrl)));
        }

        cms.ComputeSignature(cmsSigner, silent: true);
        var hex = Convert.ToHexString(cms.Encode());
        Encoding.ASCII.GetBytes(hex).CopyTo(bytes, contentsAt + 1);
        return bytes;
    }

    private static byte[] RevocationArchival(byte[] crl)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                using (writer.PushSequence())
                {
                    writer.WriteEncodedValue(crl);
                }
            }
        }

        return writer.Encode();
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(9);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }

    /// <summary>The PEM text of a certificate, as an administrator's .pem file.</summary>
    public static byte[] Pem(X509Certificate2 certificate) => Encoding.ASCII.GetBytes(certificate.ExportCertificatePem());
}
