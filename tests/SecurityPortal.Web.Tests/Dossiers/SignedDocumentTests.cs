using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Tests.Signatures;

namespace SecurityPortal.Tests.Dossiers;

/// <summary>Signed PDFs on a dossier: the verdict shown, the trust anchors an administrator configures, re-verification, scope.</summary>
public sealed class SignedDocumentTests : PortalTestBase
{
    private static readonly TestPki Pki = new("Dossier");

    private Agency _health = null!;
    private InformationSystem _system = null!;

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("qt@sl.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
        _system = await Factory.CreateSystemAsync("SYT-QLVB", "Hệ thống quản lý văn bản Sở Y tế", _health.Id);
    }

    private async Task<(HttpClient Officer, Guid Dossier)> DossierWithAsync(byte[] pdf, string fileName = "quyet-dinh.pdf")
    {
        var officer = await SignInAsync("yte@sl.vn");
        var created = await officer.PostFormAsync($"/Dossiers/Create?systemId={_system.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[3].Split('?')[0]);
        (await officer.UploadAsync(id, "SecurityRulesDecision", fileName, pdf)).AssertRedirectsTo(DossierTestKit.Details(id));
        return (officer, id);
    }

    private static async Task<string> VerdictAsync(HttpClient client, Guid dossier)
    {
        var page = await client.GetDocumentAsync(DossierTestKit.Details(dossier));
        return page.QuerySelector(".signature-verdict")?.TextContent.Trim() ?? throw new InvalidOperationException("No signature verdict on the page");
    }

    private static Task<HttpResponseMessage> UploadAnchorAsync(HttpClient admin, string fileName, byte[] content) =>
        admin.PostFileAsync("/Admin/TrustAnchors", [], "Upload", fileName, content);

    [Fact]
    public async Task An_officer_uploads_a_signed_decision_and_the_dossier_shows_who_signed_when_and_that_it_is_valid()
    {
        await ArrangeAsync();
        await Factory.WithDbAsync(async db =>
        {
            var root = Pki.PublicRoot;
            db.TrustAnchors.Add(new Domain.Signatures.TrustAnchor(root.RawData, root.Subject, root.Issuer, new string('a', 64), true, root.NotBefore.ToUniversalTime(), root.NotAfter.ToUniversalTime(), "seed", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        var (officer, id) = await DossierWithAsync(SignedPdfKit.Signed(Pki));

        var verdict = await VerdictAsync(officer, id);
        Assert.Contains("Đã ký số bởi Nguyễn Văn An, lúc 15/01/2026 09:30, hợp lệ", verdict, StringComparison.Ordinal);
        Assert.Contains("không có dữ liệu thu hồi", verdict, StringComparison.Ordinal);
        Assert.NotNull(await Factory.WithDbAsync(db => db.DossierAttachments.Where(a => a.DossierId == id).Select(a => a.SignaturesCheckedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task A_document_changed_after_signing_is_shown_invalid_with_the_reason()
    {
        await ArrangeAsync();
        var (officer, id) = await DossierWithAsync(SignedPdfKit.WithLaterChange(SignedPdfKit.Signed(Pki)));

        Assert.Contains(
            "Đã ký số bởi Nguyễn Văn An, lúc 15/01/2026 09:30, không hợp lệ (tài liệu bị sửa sau khi ký; chứng thư không thuộc gốc tin cậy đã cấu hình)",
            await VerdictAsync(officer, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_adds_the_root_and_the_verdict_changes_once_the_dossier_is_verified_again()
    {
        await ArrangeAsync();
        var (officer, id) = await DossierWithAsync(SignedPdfKit.Signed(Pki));
        Assert.Contains("không hợp lệ (chứng thư không thuộc gốc tin cậy đã cấu hình)", await VerdictAsync(officer, id), StringComparison.Ordinal);

        var admin = await SignInAsync("qt@sl.vn", Totp.Key);
        var empty = await admin.GetDocumentAsync("/Admin/TrustAnchors");
        Assert.NotNull(empty.QuerySelector("#no-anchors"));

        // A signer's own certificate is refused, with the reason, and nothing is added.
        var leaf = await UploadAnchorAsync(admin, "nguoi-ky.cer", Pki.Signer.RawData);
        Assert.Equal(HttpStatusCode.OK, leaf.StatusCode);
        Assert.Contains("không phải chứng thư của tổ chức cấp chứng thư (CA)", (await leaf.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        var garbage = await UploadAnchorAsync(admin, "goc.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.TrustAnchors.CountAsync()));

        (await UploadAnchorAsync(admin, "goc.pem", SignedPdfKit.Pem(Pki.PublicRoot))).AssertRedirectsTo("/Admin/TrustAnchors");
        (await UploadAnchorAsync(admin, "trung-gian.cer", Pki.Intermediate.RawData)).AssertRedirectsTo("/Admin/TrustAnchors");
        var list = (await admin.GetDocumentAsync("/Admin/TrustAnchors")).QuerySelector("#trust-anchors")!.TextContent;
        Assert.Contains("Dossier Root CA", list, StringComparison.Ordinal);
        Assert.Contains("Dossier Issuing CA", list, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pki.Root.RawData)), list, StringComparison.Ordinal);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "TrustAnchor")));

        // The stored verdict stays what was found at upload until someone verifies again.
        Assert.Contains("không hợp lệ", await VerdictAsync(officer, id), StringComparison.Ordinal);
        (await officer.PostFormAsync($"{DossierTestKit.Details(id)}?handler=VerifySignatures", [], pageUrl: DossierTestKit.Details(id)))
            .AssertRedirectsTo(DossierTestKit.Details(id));
        Assert.Contains("Đã ký số bởi Nguyễn Văn An, lúc 15/01/2026 09:30, hợp lệ", await VerdictAsync(officer, id), StringComparison.Ordinal);
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "DossierAttachment" && e.Changes.Contains("SignatureReport"))));

        // Removing the root makes the next verification invalid again.
        var rootId = await Factory.WithDbAsync(db => db.TrustAnchors.Where(a => a.IsRoot).Select(a => a.Id).SingleAsync());
        (await admin.PostFormAsync($"/Admin/TrustAnchors?handler=Remove&anchorId={rootId}", [], pageUrl: "/Admin/TrustAnchors")).AssertRedirectsTo("/Admin/TrustAnchors");
        Assert.Equal(1, await Factory.WithDbAsync(db => db.TrustAnchors.CountAsync()));
        (await officer.PostFormAsync($"{DossierTestKit.Details(id)}?handler=VerifySignatures", [], pageUrl: DossierTestKit.Details(id)))
            .AssertRedirectsTo(DossierTestKit.Details(id));
        Assert.Contains("không hợp lệ (chứng thư không thuộc gốc tin cậy đã cấu hình)", await VerdictAsync(officer, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_pdf_and_a_crafted_pdf_are_accepted_and_said_so_without_an_error_page()
    {
        await ArrangeAsync();
        var (officer, id) = await DossierWithAsync(SignedPdfKit.Unsigned(), "khong-ky.pdf");
        Assert.Contains("Không có chữ ký số", await VerdictAsync(officer, id), StringComparison.Ordinal);

        var crafted = System.Text.Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj << /ByteRange [0 10 999999999 5] /Contents <3082> >> endobj\n%%EOF\n");
        (await officer.UploadAsync(id, "Other", "hong.pdf", crafted)).AssertRedirectsTo(DossierTestKit.Details(id));
        var page = await officer.GetDocumentAsync(DossierTestKit.Details(id));
        Assert.Contains(page.QuerySelectorAll(".signature-verdict"), v => v.TextContent.Contains("Không kiểm tra được chữ ký số (cấu trúc chữ ký trong tệp không hợp lệ)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_administrators_reach_the_trust_anchors_and_another_agency_gets_404_for_the_dossier_and_its_verification()
    {
        await ArrangeAsync();
        var (officer, id) = await DossierWithAsync(SignedPdfKit.Signed(Pki));
        (await officer.GetAsync("/Admin/TrustAnchors")).AssertRedirectsTo("/Account/AccessDenied");
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        (await reviewer.GetAsync("/Admin/TrustAnchors")).AssertRedirectsTo("/Account/AccessDenied");

        // Leadership reads the dossier and its verdict but does not act on it.
        var leader = await SignInAsync("lanhdao@sl.vn");
        Assert.Contains("không hợp lệ", await VerdictAsync(leader, id), StringComparison.Ordinal);
        Assert.Null((await leader.GetDocumentAsync(DossierTestKit.Details(id))).QuerySelector("#verify-signatures"));
        (await leader.PostFormAsync($"{DossierTestKit.Details(id)}?handler=VerifySignatures", [], pageUrl: DossierTestKit.Details(id))).AssertRedirectsTo("/Account/AccessDenied");

        var stranger = await SignInAsync("phuong@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(DossierTestKit.Details(id))).StatusCode);
        var attachment = await Factory.WithDbAsync(db => db.DossierAttachments.Where(a => a.DossierId == id).Select(a => a.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{DossierTestKit.Details(id)}?handler=File&attachmentId={attachment}")).StatusCode);
        var forged = await stranger.PostFormAsync($"{DossierTestKit.Details(id)}?handler=VerifySignatures", [], pageUrl: "/");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }
}
