using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecurityPortal.Web.Signatures;

/// <summary>
/// A certificate revocation list (RFC 5280 §5) as far as the signature check needs it: its issuer, the signed part, the
/// issuer's signature over it and the revoked serial numbers (upper-case hex, leading zeros trimmed) with their dates.
/// </summary>
internal sealed class CertificateList
{
    private const int MaxEntries = 200_000;

    private CertificateList(byte[] issuer, byte[] signedPart, string algorithm, byte[] signature, Dictionary<string, DateTime> revoked)
    {
        Issuer = issuer;
        SignedPart = signedPart;
        Algorithm = algorithm;
        Signature = signature;
        Revoked = revoked;
    }

    public byte[] Issuer { get; }
    public byte[] SignedPart { get; }
    public string Algorithm { get; }
    public byte[] Signature { get; }
    public IReadOnlyDictionary<string, DateTime> Revoked { get; }

    public static CertificateList? TryRead(byte[] der)
    {
        try
        {
            var list = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var signedPart = list.PeekEncodedValue().ToArray();
            var tbs = list.ReadSequence();
            var algorithm = list.ReadSequence().ReadObjectIdentifier();
            var signature = list.ReadBitString(out _);

            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadInteger();
            }

            tbs.ReadSequence();
            var issuer = tbs.ReadEncodedValue().ToArray();
            ReadTime(tbs);
            if (tbs.HasData && IsTime(tbs.PeekTag()))
            {
                ReadTime(tbs);
            }

            var revoked = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData && revoked.Count < MaxEntries)
                {
                    var entry = entries.ReadSequence();
                    var serial = PdfSignatureVerifier.Trim(entry.ReadIntegerBytes().Span);
                    revoked[Convert.ToHexString(serial)] = ReadTime(entry);
                }
            }

            return new CertificateList(issuer, signedPart, algorithm, signature, revoked);
        }
        catch (AsnContentException)
        {
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Whether this list is about <paramref name="certificate"/>'s issuer and <paramref name="issuer"/>'s key signed it.</summary>
    public bool IssuedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        if (!Issuer.AsSpan().SequenceEqual(certificate.IssuerName.RawData) || !Issuer.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return false;
        }

        var hash = Algorithm switch
        {
            "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (hash == default)
        {
            return false;
        }

        try
        {
            if (Algorithm.StartsWith("1.2.840.113549.", StringComparison.Ordinal))
            {
                using var rsa = issuer.GetRSAPublicKey();
                return rsa?.VerifyData(SignedPart, Signature, hash, RSASignaturePadding.Pkcs1) == true;
            }

            using var ecdsa = issuer.GetECDsaPublicKey();
            return ecdsa?.VerifyData(SignedPart, Signature, hash, DSASignatureFormat.Rfc3279DerSequence) == true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTime ReadTime(AsnReader reader) => (reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime)
        ? reader.ReadUtcTime()
        : reader.ReadGeneralizedTime()).UtcDateTime;
}
