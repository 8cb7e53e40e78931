using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Dossiers;

/// <summary>
/// The dossier page offers the documents of the dossier's step: Mẫu 07 in place of Mẫu 06 for level 5 under Decree 331,
/// filled with the registry's address and head's title, under the dossier's own scope (another agency: 404).
/// </summary>
public sealed class DossierDocumentPageTests : PortalTestBase
{
    [Fact]
    public async Task A_level_5_dossier_offers_mau_07_filled_from_the_registry_and_another_agency_gets_404()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Id == health.Id);
            agency.Address = "Số 18 Trần Phú, phường Bến Thủy";
            agency.HeadTitle = "Giám đốc";
            return await db.SaveChangesAsync();
        });
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        var system = await Factory.CreateSystemAsync("SYT-HIS", "Hệ thống thông tin bệnh viện", health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var five = await officer.PrepareDossierAsync(system, 5, justification: "Dữ liệu tập trung quốc gia về y tế.");

        var page = await officer.GetDocumentAsync(DossierTestKit.Details(five));
        Assert.Equal("Dự thảo quyết định (Mẫu 07, .docx)", page.QuerySelector("#decision-document")!.TextContent.Trim());
        var response = await officer.GetAsync($"{DossierTestKit.Details(five)}?handler=Document&form=decision");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mau-07-SYT-HIS.docx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        await using (var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync()))
        {
            using var document = WordprocessingDocument.Open(stream, false);
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var text = string.Join('\n', document.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
            Assert.Contains("Về việc phê duyệt phương án bảo đảm an ninh mạng hệ thống thông tin", text, StringComparison.Ordinal);
            Assert.Contains("GIÁM ĐỐC SỞ Y TẾ", text, StringComparison.Ordinal);
            Assert.Contains("Điều 1. Phê duyệt phương án đảm bảo an ninh mạng đối với Hệ thống thông tin bệnh viện", text, StringComparison.Ordinal);
            Assert.Contains("c) Địa chỉ: Số 18 Trần Phú, phường Bến Thủy", text, StringComparison.Ordinal);
        }

        var request = await officer.GetAsync($"{DossierTestKit.Details(five)}?handler=Document&form=request");
        await using (var stream = new MemoryStream(await request.Content.ReadAsByteArrayAsync()))
        {
            using var document = WordprocessingDocument.Open(stream, false);
            Assert.Contains("3. Địa chỉ: Số 18 Trần Phú, phường Bến Thủy", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        }

        var other = await SignInAsync("phuong@sl.vn");
        foreach (var form in new[] { "decision", "request" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{DossierTestKit.Details(five)}?handler=Document&form={form}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"{DossierTestKit.Details(five)}?handler=Document&form=plan")).StatusCode);
    }

    [Fact]
    public async Task A_level_2_dossier_offers_mau_06_headed_by_the_security_units_head_from_the_registry()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var unit = await Factory.CreateAgencyAsync("SL-SKHCN", "Sở Khoa học và Công nghệ"); // Portal:ReviewingBodyName without its bracket
        await Factory.WithDbAsync(async db =>
        {
            (await db.Agencies.SingleAsync(a => a.Id == unit.Id)).HeadTitle = "Giám đốc";
            return await db.SaveChangesAsync();
        });
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        var system = await Factory.CreateSystemAsync("SYT-QLVB", "Hệ thống quản lý văn bản Sở Y tế", health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var two = await officer.PrepareDossierAsync(system, 2);

        var page = await officer.GetDocumentAsync(DossierTestKit.Details(two));
        Assert.Equal("Dự thảo quyết định (Mẫu 06, .docx)", page.QuerySelector("#decision-document")!.TextContent.Trim());
        var response = await officer.GetAsync($"{DossierTestKit.Details(two)}?handler=Document&form=decision");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ", text, StringComparison.Ordinal);
        Assert.Contains("Điều 1. Phê duyệt cấp độ hệ thống thông tin đối với Hệ thống quản lý văn bản Sở Y tế", text, StringComparison.Ordinal);
        Assert.Contains("Địa chỉ: ……", text, StringComparison.Ordinal); // Sở Y tế has no address in the registry: the form's blank
    }
}
