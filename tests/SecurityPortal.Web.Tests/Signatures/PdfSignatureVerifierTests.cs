using System.Security.Cryptography.X509Certificates;
using System.Text;
using SecurityPortal.Web.Signatures;
using Reasons = SecurityPortal.Web.Signatures.SignatureReport.Reasons;

namespace SecurityPortal.Tests.Signatures;

/// <summary>The signed-PDF check on PDFs the tests sign themselves with their own CA (no database, no host).</summary>
[Trait("Category", "ProviderIndependent")]
public sealed class PdfSignatureVerifierTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TestPki Pki = new();

    private static SignatureReport Verify(byte[] pdf, params X509Certificate2[] anchors) => PdfSignatureVerifier.Verify(pdf, anchors, Now);

    private static SignatureVerdict Single(SignatureReport report)
    {
        Assert.Equal(SignatureOutcome.HasSignatures, report.Outcome);
        return Assert.Single(report.Signatures);
    }

    [Fact]
    public void A_pdf_signed_by_a_certificate_under_a_configured_root_is_valid_with_its_signer_and_time()
    {
        var verdict = Single(Verify(SignedPdfKit.Signed(Pki), Pki.PublicRoot));

        Assert.True(verdict.Valid, string.Join("; ", verdict.Reasons));
        Assert.Equal("Nguyễn Văn An", verdict.Signer);
        Assert.Equal(SignedPdfKit.SigningTime.UtcDateTime, verdict.SignedAtUtc);
        Assert.Equal(SigningTimeSource.SigningTimeAttribute, verdict.TimeSource);
        Assert.Equal(RevocationCheck.NoData, verdict.Revocation);
    }

    [Fact]
    public void The_intermediate_may_also_be_configured_and_the_report_survives_its_json()
    {
        var report = Verify(SignedPdfKit.Signed(Pki), Pki.PublicRoot, X509CertificateLoader.LoadCertificate(Pki.Intermediate.RawData));

        var stored = SignatureReport.FromJson(report.ToJson())!;
        Assert.True(stored.AllValid);
        Assert.Equal(report.Signatures[0].Signer, stored.Signatures[0].Signer);
        Assert.Null(SignatureReport.FromJson("{not json"));
    }

    [Fact]
    public void A_change_appended_after_signing_makes_the_signature_invalid_as_changed_after_signing()
    {
        var verdict = Single(Verify(SignedPdfKit.WithLaterChange(SignedPdfKit.Signed(Pki)), Pki.PublicRoot));

        Assert.False(verdict.Valid);
        Assert.Equal([Reasons.ChangedAfterSigning], verdict.Reasons);
    }

    [Fact]
    public void A_byte_changed_inside_the_signed_range_does_not_match_the_signature()
    {
        var pdf = SignedPdfKit.Signed(Pki);
        var page = Encoding.Latin1.GetString(pdf).IndexOf("595 842", StringComparison.Ordinal);
        pdf[page] = (byte)'6';

        var verdict = Single(Verify(pdf, Pki.PublicRoot));

        Assert.False(verdict.Valid);
        Assert.Equal([Reasons.ContentMismatch], verdict.Reasons);
    }

    [Fact]
    public void A_certificate_expired_at_the_signing_time_is_reported_as_expired()
    {
        var expired = new TestPki("Expired", leafFrom: TestPki.Start, leafTo: TestPki.Start.AddYears(2));

        var verdict = Single(Verify(SignedPdfKit.Signed(expired), expired.PublicRoot));

        Assert.False(verdict.Valid);
        Assert.Equal([Reasons.ExpiredAtSigning], verdict.Reasons);
    }

    [Fact]
    public void The_chain_is_judged_at_the_signing_time_not_today()
    {
        // Valid when signed (2026), expired by now (the check runs on 07/12/2026, the certificate ended 01/06/2026).
        var shortLived = new TestPki("Short", leafFrom: TestPki.Start, leafTo: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(Single(Verify(SignedPdfKit.Signed(shortLived), shortLived.PublicRoot)).Valid);
    }

    [Fact]
    public void A_root_that_is_not_configured_is_not_trusted_even_when_the_file_carries_it()
    {
        var stranger = new TestPki("Stranger");
        Assert.Equal([Reasons.UntrustedRoot], Single(Verify(SignedPdfKit.Signed(stranger), Pki.PublicRoot)).Reasons);
        Assert.Equal([Reasons.UntrustedRoot], Single(Verify(SignedPdfKit.Signed(Pki))).Reasons);

        // The intermediate alone is no anchor: the chain must end at a configured root.
        Assert.Equal([Reasons.UntrustedRoot], Single(Verify(SignedPdfKit.Signed(Pki), X509CertificateLoader.LoadCertificate(Pki.Intermediate.RawData))).Reasons);
    }

    [Fact]
    public void Two_signatures_in_incremental_updates_are_both_valid_and_a_later_change_breaks_both()
    {
        var second = new TestPki("Second");
        var pdf = SignedPdfKit.CounterSigned(SignedPdfKit.Signed(Pki), second);

        var report = Verify(pdf, Pki.PublicRoot, second.PublicRoot);
        Assert.Equal(2, report.Signatures.Count);
        Assert.All(report.Signatures, s => Assert.True(s.Valid, string.Join("; ", s.Reasons)));
        Assert.Equal(SignedPdfKit.SigningTime.AddHours(2).UtcDateTime, report.Signatures[1].SignedAtUtc);

        var changed = Verify(SignedPdfKit.WithLaterChange(pdf), Pki.PublicRoot, second.PublicRoot);
        Assert.All(changed.Signatures, s => Assert.Equal([Reasons.ChangedAfterSigning], s.Reasons));

        // The second signer's root is not configured: the second signature is untrusted, the first stays valid.
        var partly = Verify(pdf, Pki.PublicRoot);
        Assert.True(partly.Signatures[0].Valid);
        Assert.Equal([Reasons.UntrustedRoot], partly.Signatures[1].Reasons);
    }

    [Fact]
    public void A_signer_listed_on_a_crl_of_its_issuer_embedded_in_the_signature_is_revoked()
    {
        var verdict = Single(Verify(SignedPdfKit.Signed(Pki, archivedCrl: SignedPdfKit.Crl(Pki.Intermediate, Pki.Signer)), Pki.PublicRoot));

        Assert.False(verdict.Valid);
        Assert.Equal([Reasons.Revoked], verdict.Reasons);
        Assert.Equal(RevocationCheck.Revoked, verdict.Revocation);
    }

    [Fact]
    public void A_crl_without_the_signer_says_not_revoked_and_a_crl_of_another_issuer_is_ignored()
    {
        var other = new TestPki("Other");
        var clean = Single(Verify(SignedPdfKit.Signed(Pki, archivedCrl: SignedPdfKit.Crl(Pki.Intermediate, other.Signer)), Pki.PublicRoot));
        Assert.True(clean.Valid);
        Assert.Equal(RevocationCheck.NotRevoked, clean.Revocation);

        // Listing our signer's serial, but signed by another CA: not revocation data for this signer.
        var forged = Single(Verify(SignedPdfKit.Signed(Pki, archivedCrl: SignedPdfKit.Crl(other.Intermediate, Pki.Signer)), Pki.PublicRoot));
        Assert.True(forged.Valid);
        Assert.Equal(RevocationCheck.NoData, forged.Revocation);
    }

    [Fact]
    public void An_rsa_pki_signs_valid_pdfs_and_its_rsa_signed_crl_revokes()
    {
        var rsa = new TestPki("RSA", rsa: true);
        Assert.True(Single(Verify(SignedPdfKit.Signed(rsa), rsa.PublicRoot)).Valid);

        var verdict = Single(Verify(SignedPdfKit.Signed(rsa, archivedCrl: SignedPdfKit.Crl(rsa.Intermediate, rsa.Signer)), rsa.PublicRoot));
        Assert.Equal([Reasons.Revoked], verdict.Reasons);
    }

    [Fact]
    public void A_crl_in_the_document_security_store_is_read_too()
    {
        var verdict = Single(Verify(SignedPdfKit.Signed(Pki, dssCrl: SignedPdfKit.Crl(Pki.Intermediate, Pki.Signer)), Pki.PublicRoot));

        Assert.Equal([Reasons.Revoked], verdict.Reasons);
    }

    [Fact]
    public void A_pdf_without_signature_is_reported_as_not_signed()
    {
        var report = Verify(SignedPdfKit.Unsigned(), Pki.PublicRoot);

        Assert.Equal(SignatureOutcome.NotSigned, report.Outcome);
        Assert.Empty(report.Signatures);
    }

    [Theory]
    [InlineData("%PDF-1.7\n/ByteRange [0 10 99999999 5] /Contents <00>")]
    [InlineData("%PDF-1.7\n/ByteRange [0 20 40 0] xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("%PDF-1.7\n/ByteRange [5 20 40 0] <0000000000000000000000000000000000000000>")]
    public void A_crafted_byte_range_makes_the_file_unreadable_without_throwing(string pdf)
    {
        var report = Verify(Encoding.Latin1.GetBytes(pdf), Pki.PublicRoot);

        Assert.Equal(SignatureOutcome.Unreadable, report.Outcome);
        Assert.Equal(PdfSignatureReader.MalformedSignature, report.Problem);
    }

    /// <summary>A file whose signature dictionary is well formed around /Contents holding <paramref name="hex"/>.</summary>
    private static byte[] WithContents(string hex)
    {
        var head = "%PDF-1.7\n1 0 obj << /Type /Sig /SubFilter /adbe.pkcs7.detached /ByteRange ";
        const string placeholder = "[0 0000000000 0000000000 0000000000]";
        var gapStart = head.Length + placeholder.Length + " /Contents ".Length;
        var gapEnd = gapStart + hex.Length + 2;
        var tail = " >> endobj\n%%EOF\n";
        var range = $"[0 {gapStart,-10} {gapEnd,-10} {tail.Length,-10}]";
        return Encoding.Latin1.GetBytes($"{head}{range} /Contents <{hex}>{tail}");
    }

    [Fact]
    public void A_contents_that_is_no_der_value_makes_the_file_unreadable_and_der_that_is_no_cms_a_broken_signature()
    {
        var unreadable = Verify(WithContents("ABCDEF0000"), Pki.PublicRoot);
        Assert.Equal(SignatureOutcome.Unreadable, unreadable.Outcome);

        var notCms = Verify(WithContents("3003020101" + new string('0', 40)), Pki.PublicRoot);
        Assert.Equal([Reasons.Malformed], Single(notCms).Reasons);
        Assert.Equal(string.Empty, notCms.Signatures[0].Signer);
    }

    [Theory]
    [InlineData("D:20260115093000+07'00'", "2026-01-15T02:30:00")]
    [InlineData("D:20260115093000Z", "2026-01-15T09:30:00")]
    [InlineData("D:00010101000000+07'00'", null)]
    [InlineData("D:99991231235959-07'00'", null)]
    [InlineData("D:2026", null)]
    public void A_dictionary_date_is_read_as_utc_and_an_impossible_one_is_none(string value, string? expected)
    {
        var read = PdfSignatureReader.ParsePdfDate(value);

        Assert.Equal(expected, read?.ToString("s", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(read is null || read.Value.Kind == DateTimeKind.Utc);
    }

    [Fact]
    public void A_mention_of_byte_range_that_is_no_array_is_ignored()
    {
        var report = Verify(Encoding.Latin1.GetBytes("%PDF-1.7\n(see /ByteRange in the manual)\n%%EOF\n"), Pki.PublicRoot);

        Assert.Equal(SignatureOutcome.NotSigned, report.Outcome);
    }

    [Fact]
    public void Random_bytes_and_too_many_signatures_never_throw()
    {
        var random = new Random(18);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(10, 4000)];
            random.NextBytes(bytes);
            var text = Encoding.Latin1.GetString(bytes);
            var pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n" + text.Insert(text.Length / 2, "/ByteRange [0 3 9 1] /CRLs [1 0 R] 1 0 obj << /Length 5 /Filter /FlateDecode >>\nstream\nabcde"));
            _ = Verify(pdf, Pki.PublicRoot);
        }

        var many = Encoding.Latin1.GetBytes("%PDF-1.7\n" + string.Concat(Enumerable.Repeat("/ByteRange [0 1 2 3]\n", 60)));
        Assert.Equal(PdfSignatureReader.TooManySignatures, Verify(many).Problem);

        var signed = SignedPdfKit.Signed(Pki);
        for (var i = 0; i < PdfSignatureReader.MaxSignatures; i++)
        {
            signed = SignedPdfKit.CounterSigned(signed, Pki);
        }

        Assert.Equal(PdfSignatureReader.TooManySignatures, Verify(signed, Pki.PublicRoot).Problem);
    }
}
