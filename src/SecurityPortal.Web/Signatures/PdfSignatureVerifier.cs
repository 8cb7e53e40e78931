using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace SecurityPortal.Web.Signatures;

/// <summary>
/// Verifies every signature of a PDF, offline: the CMS signature over its /ByteRange; that nothing but later signatures
/// was added after it; the signer's chain to the administrator's trust anchors at the signing time; and the CRLs embedded
/// in the file (the adbe-revocationInfoArchival attribute, the /DSS). Nothing is fetched from the network: certificate
/// downloads are off and revocation is checked only against what the file carries. See docs/signatures.md.
/// </summary>
public static class PdfSignatureVerifier
{
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";
    private const string TimestampTokenOid = "1.2.840.113549.1.9.16.2.14";
    private const string RevocationArchivalOid = "1.2.840.113583.1.1.8";

    private static readonly HashSet<string> DetachedSubFilters = new(StringComparer.Ordinal) { "adbe.pkcs7.detached", "ETSI.CAdES.detached" };

    public static SignatureReport Verify(byte[] pdf, IReadOnlyList<X509Certificate2> anchors, DateTime nowUtc)
    {
        var scan = PdfSignatureReader.Read(pdf);
        if (scan.Problem is not null)
        {
            return new SignatureReport(SignatureOutcome.Unreadable, scan.Problem, []);
        }

        if (scan.Signatures.Count == 0)
        {
            return new SignatureReport(SignatureOutcome.NotSigned, null, []);
        }

        var checks = scan.Signatures.Select(s => Guarded(pdf, s, scan.DssCrls, anchors, nowUtc)).ToList();

        // From the last revision back: a signature is intact when nothing follows it, or when what follows is the next
        // signature's revision (its dictionary lies after this signature's end) and that signature is itself intact and matches.
        var intact = new bool[checks.Count];
        for (var i = checks.Count - 1; i >= 0; i--)
        {
            var end = scan.Signatures[i].End;
            intact[i] = i == checks.Count - 1
                ? PdfSignatureReader.NothingAfter(pdf, end)
                : intact[i + 1] && checks[i + 1].Matches && scan.Signatures[i + 1].ByteRange[1] >= end;
        }

        var verdicts = checks.Select((c, i) =>
        {
            var reasons = c.Reasons.ToList();
            if (c.Matches && !intact[i])
            {
                reasons.Insert(0, SignatureReport.Reasons.ChangedAfterSigning);
            }

            return new SignatureVerdict(c.Signer, c.SignedAtUtc, c.TimeSource, reasons.Count == 0, reasons, c.Revocation);
        }).ToList();
        return new SignatureReport(SignatureOutcome.HasSignatures, null, verdicts);
    }

    private sealed record Checked(string Signer, DateTime? SignedAtUtc, SigningTimeSource TimeSource, bool Matches, IReadOnlyList<string> Reasons, RevocationCheck Revocation);

    /// <summary>A crafted signature must give a verdict, never an error page: what the crypto and ASN.1 readers throw is «bị hỏng».</summary>
    private static Checked Guarded(byte[] pdf, PdfSignatureField field, IReadOnlyList<byte[]> dssCrls, IReadOnlyList<X509Certificate2> anchors, DateTime nowUtc)
    {
        try
        {
            return Check(pdf, field, dssCrls, anchors, nowUtc);
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return new Checked(string.Empty, field.DictionaryTimeUtc, field.DictionaryTimeUtc is null ? SigningTimeSource.None : SigningTimeSource.Dictionary,
                false, [SignatureReport.Reasons.Malformed], RevocationCheck.NoData);
        }
    }

    private static Checked Check(byte[] pdf, PdfSignatureField field, IReadOnlyList<byte[]> dssCrls, IReadOnlyList<X509Certificate2> anchors, DateTime nowUtc)
    {
        Checked Failed(string reason, string signer = "") =>
            new(signer, field.DictionaryTimeUtc, field.DictionaryTimeUtc is null ? SigningTimeSource.None : SigningTimeSource.Dictionary, false, [reason], RevocationCheck.NoData);

        if (field.SubFilter is not null && !DetachedSubFilters.Contains(field.SubFilter))
        {
            return Failed(SignatureReport.Reasons.Unsupported);
        }

        var cms = new SignedCms(new ContentInfo(PdfSignatureReader.SignedBytes(pdf, field)), detached: true);
        try
        {
            cms.Decode(field.Cms);
        }
        catch (CryptographicException)
        {
            return Failed(SignatureReport.Reasons.Malformed);
        }

        if (cms.SignerInfos.Count != 1)
        {
            return Failed(SignatureReport.Reasons.Malformed);
        }

        var signer = cms.SignerInfos[0];
        if (signer.Certificate is not { } certificate)
        {
            return Failed(SignatureReport.Reasons.NoSignerCertificate);
        }

        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var (time, source, timestampTime) = SigningTime(signer, field, anchors, cms.Certificates);
        try
        {
            signer.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            return new Checked(name, time, source, false, [SignatureReport.Reasons.ContentMismatch], RevocationCheck.NoData);
        }

        var reasons = new List<string>();
        using var chain = BuildChain(certificate, anchors, cms.Certificates, time ?? nowUtc);
        reasons.AddRange(ChainReasons(chain));

        var issuer = chain.ChainElements.Count > 1 ? chain.ChainElements[1].Certificate : null;
        var crls = ArchivedCrls(signer).Concat(dssCrls);
        var revocation = Revocation(certificate, issuer, crls, timestampTime);
        if (revocation == RevocationCheck.Revoked)
        {
            reasons.Add(SignatureReport.Reasons.Revoked);
        }

        return new Checked(name, time, source, true, reasons, revocation);
    }

    /// <summary>
    /// The time-stamp token's time when its signature is over this signature and its authority chains to the anchors; else
    /// the signed signing-time attribute; else the dictionary's /M (a claim only).
    /// </summary>
    private static (DateTime? Time, SigningTimeSource Source, DateTime? Timestamp) SigningTime(
        SignerInfo signer, PdfSignatureField field, IReadOnlyList<X509Certificate2> anchors, X509Certificate2Collection carried)
    {
        foreach (var attribute in signer.UnsignedAttributes)
        {
            if (attribute.Oid.Value == TimestampTokenOid && attribute.Values.Count > 0
                && Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _)
                && token.VerifySignatureForSignerInfo(signer, out var authority, carried)
                && authority is not null)
            {
                var at = token.TokenInfo.Timestamp.UtcDateTime;
                using var chain = BuildChain(authority, anchors, token.AsSignedCms().Certificates, at);
                if (!ChainReasons(chain).Any())
                {
                    return (at, SigningTimeSource.Timestamp, at);
                }
            }
        }

        foreach (var attribute in signer.SignedAttributes)
        {
            if (attribute.Oid.Value == SigningTimeOid && attribute.Values.Count > 0)
            {
                try
                {
                    var signingTime = new Pkcs9SigningTime(attribute.Values[0].RawData).SigningTime;
                    return (DateTime.SpecifyKind(signingTime.ToUniversalTime(), DateTimeKind.Utc), SigningTimeSource.SigningTimeAttribute, null);
                }
                catch (CryptographicException)
                {
                    break;
                }
            }
        }

        return field.DictionaryTimeUtc is { } claimed ? (claimed, SigningTimeSource.Dictionary, null) : (null, SigningTimeSource.None, null);
    }

    private static X509Chain BuildChain(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> anchors, X509Certificate2Collection carried, DateTime atUtc)
    {
        var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.DisableCertificateDownloads = true;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.VerificationTime = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        policy.VerificationTimeIgnored = false;
        foreach (var anchor in anchors)
        {
            (TrustAnchorFile.IsSelfSigned(anchor) ? policy.CustomTrustStore : policy.ExtraStore).Add(anchor);
        }

        policy.ExtraStore.AddRange(carried);
        chain.Build(certificate);
        return chain;
    }

    private static IEnumerable<string> ChainReasons(X509Chain chain)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        foreach (var element in chain.ChainElements)
        {
            flags |= element.ChainElementStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        }

        const X509ChainStatusFlags untrusted = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;
        const X509ChainStatusFlags ignored = X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation
            | X509ChainStatusFlags.NotTimeNested;
        if ((flags & untrusted) != 0)
        {
            yield return SignatureReport.Reasons.UntrustedRoot;
        }

        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            yield return SignatureReport.Reasons.ExpiredAtSigning;
        }

        if ((flags & ~(untrusted | ignored | X509ChainStatusFlags.NotTimeValid)) != 0)
        {
            yield return SignatureReport.Reasons.InvalidChain;
        }
    }

    /// <summary>The CRLs of the signed adbe-revocationInfoArchival attribute (RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CertificateList OPTIONAL, … }).</summary>
    private static List<byte[]> ArchivedCrls(SignerInfo signer)
    {
        var crls = new List<byte[]>();
        foreach (var attribute in signer.SignedAttributes)
        {
            if (attribute.Oid.Value != RevocationArchivalOid || attribute.Values.Count == 0)
            {
                continue;
            }

            try
            {
                var archival = new AsnReader(attribute.Values[0].RawData, AsnEncodingRules.BER).ReadSequence();
                while (archival.HasData)
                {
                    if (archival.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true))
                    {
                        var list = archival.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
                        while (list.HasData && crls.Count < 50)
                        {
                            crls.Add(list.ReadEncodedValue().ToArray());
                        }
                    }
                    else
                    {
                        archival.ReadEncodedValue();
                    }
                }
            }
            catch (AsnContentException)
            {
                // An unreadable attribute carries no revocation data.
            }
        }

        return crls;
    }

    /// <summary>
    /// The signer against the embedded CRLs that its issuer signed: revoked when its serial is listed, unless a verified
    /// time-stamp shows the signature was made before the revocation date (a claimed signing time is not enough).
    /// </summary>
    private static RevocationCheck Revocation(X509Certificate2 certificate, X509Certificate2? issuer, IEnumerable<byte[]> crls, DateTime? timestampUtc)
    {
        if (issuer is null)
        {
            return RevocationCheck.NoData;
        }

        var serial = Trim(certificate.SerialNumberBytes.Span);
        var covered = false;
        foreach (var der in crls)
        {
            if (CertificateList.TryRead(der) is not { } crl || !crl.IssuedBy(certificate, issuer))
            {
                continue;
            }

            covered = true;
            if (crl.Revoked.TryGetValue(Convert.ToHexString(serial), out var revokedAtUtc) && (timestampUtc is null || revokedAtUtc <= timestampUtc))
            {
                return RevocationCheck.Revoked;
            }
        }

        return covered ? RevocationCheck.NotRevoked : RevocationCheck.NoData;
    }

    internal static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> serial)
    {
        while (serial.Length > 1 && serial[0] == 0)
        {
            serial = serial[1..];
        }

        return serial;
    }
}
