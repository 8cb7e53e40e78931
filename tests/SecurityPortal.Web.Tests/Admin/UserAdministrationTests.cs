using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Admin;

public sealed class UserAdministrationTests : PortalTestBase
{
    private async Task<HttpClient> AdminAsync()
    {
        await Factory.CreateUserAsync("quantri@tinh.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        return await SignInAsync("quantri@tinh.vn", Totp.Key);
    }

    [Fact]
    public async Task An_administrator_creates_an_officer_and_the_audit_trail_names_the_administrator()
    {
        var agency = await Factory.CreateAgencyAsync("SL-STC", "Sở Tài chính");
        var client = await AdminAsync();
        var response = await client.PostFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Đỗ Thị Hạnh", ["Input.Email"] = "hanh@stc.vn", ["Input.AgencyId"] = agency.Id.ToString(),
            ["Input.Position"] = "Chuyên viên", ["Input.Roles"] = PortalRoles.AgencyOfficer,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var edit = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Mật khẩu ban đầu", edit.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đỗ Thị Hạnh", edit.QuerySelector("#Input_FullName")!.GetAttribute("value"));

        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "PortalUser" && e.Action == AuditAction.Insert && e.UserName == "quantri@tinh.vn").ToListAsync());
        var entry = Assert.Single(audit, e => e.Changes.Contains("hanh@stc.vn", StringComparison.Ordinal));
        Assert.DoesNotContain("PasswordHash", entry.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("SecurityStamp", entry.Changes, StringComparison.Ordinal);

        var auditPage = await client.GetDocumentAsync("/Audit?entity=PortalUser");
        Assert.Contains("hanh@stc.vn", auditPage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_unlocks_a_locked_account_and_resets_its_password_and_the_user_changes_it_again()
    {
        var agency = await Factory.CreateAgencyAsync("SL-STP", "Sở Tư pháp");
        var target = await Factory.CreateUserAsync("stp@tinh.vn", PortalRoles.AgencyOfficer, agency.Id, authenticatorKey: Totp.Key);
        for (var i = 0; i < 5; i++)
        {
            await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "stp@tinh.vn", ["Input.Password"] = "sai-mat-khau-" + i });
        }

        Assert.NotNull(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.LockoutEnd).SingleAsync()));
        var client = await AdminAsync();
        var url = $"/Admin/Users/Edit/{target.Id}";
        (await client.PostFormAsync($"{url}?handler=Unlock", new Dictionary<string, string>(), pageUrl: url)).AssertRedirectsTo(url);
        Assert.Null(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.LockoutEnd).SingleAsync()));

        (await client.PostFormAsync($"{url}?handler=ResetPassword", new Dictionary<string, string>(), pageUrl: url)).AssertRedirectsTo(url);
        var shown = (await client.GetDocumentAsync(url)).Body!.TextContent;
        var temporary = System.Text.RegularExpressions.Regex.Match(shown, @"Mật khẩu mới \(chỉ hiển thị lần này\): ([A-Za-z0-9]{24})").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(temporary), "the temporary password is not shown once");
        var adminId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "quantri@tinh.vn").Select(u => u.Id).SingleAsync());
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "PortalUser" && e.EntityKey == target.Id && e.UserId == adminId && e.Action == AuditAction.Update)));

        // The user signs in with it and chooses a new password.
        var user = Anonymous();
        // The reset changed the password only: the second factor is still asked (ASVS 5.0 V6.4.3).
        (await user.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "stp@tinh.vn", ["Input.Password"] = temporary })).AssertRedirectsTo("/Account/LoginWith2fa");
        (await user.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = Totp.CurrentCode(Totp.Key) })).AssertRedirectsTo("/");
        // The temporary password opens nothing but the page that replaces it (ASVS 5.0 V6.4.1).
        foreach (var path in new[] { "/", "/Systems", "/Account/Manage/TwoFactor" })
        {
            (await user.GetAsync(path)).AssertRedirectsTo("/Account/Manage");
        }

        Assert.Contains("do quản trị viên đặt tạm", (await user.GetDocumentAsync("/Account/Manage")).Body!.TextContent, StringComparison.Ordinal);
        var wrongCurrent = await user.PostFormAsync("/Account/Manage", new()
        {
            ["Input.CurrentPassword"] = "khong-phai-mat-khau-hien-tai", ["Input.NewPassword"] = "mot-mat-khau-moi-that-dai", ["Input.ConfirmPassword"] = "mot-mat-khau-moi-that-dai",
        });
        Assert.Equal(HttpStatusCode.OK, wrongCurrent.StatusCode);
        Assert.Contains("Mật khẩu không đúng", (await wrongCurrent.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        var mismatch = await user.PostFormAsync("/Account/Manage", new()
        {
            ["Input.CurrentPassword"] = temporary, ["Input.NewPassword"] = "mot-mat-khau-moi-that-dai", ["Input.ConfirmPassword"] = "khac-han",
        });
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        (await user.PostFormAsync("/Account/Manage", new()
        {
            ["Input.CurrentPassword"] = temporary, ["Input.NewPassword"] = "mot-mat-khau-moi-that-dai", ["Input.ConfirmPassword"] = "mot-mat-khau-moi-that-dai",
        })).AssertRedirectsTo("/Account/Manage");
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "PortalUser" && e.EntityKey == target.Id && e.UserId == target.Id && e.Action == AuditAction.Update)));
        Assert.False(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.MustChangePassword).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Systems")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_explained_in_Vietnamese_and_what_was_typed_is_kept()
    {
        var client = await AdminAsync();
        var response = await client.PostFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Nguyễn Văn Bình", ["Input.Email"] = "khong-phai-email", ["Input.Position"] = new string('x', 10_000),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("không đúng định dạng", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Chọn ít nhất một vai trò", page.QuerySelector("[data-valmsg-for='Input.Roles']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("không được dài quá 200", page.QuerySelector("[data-valmsg-for='Input.Position']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Nguyễn Văn Bình", page.QuerySelector("#Input_FullName")!.GetAttribute("value"));
        Assert.Equal("khong-phai-email", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_second_administrator_saving_an_old_version_is_told_and_nothing_is_overwritten()
    {
        var target = await Factory.CreateUserAsync("bi-sua@tinh.vn", PortalRoles.Leadership);
        var first = await AdminAsync();
        await Factory.CreateUserAsync("quantri2@tinh.vn", PortalRoles.Administrator, authenticatorKey: "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U");
        var second = await SignInAsync("quantri2@tinh.vn", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U");

        var url = $"/Admin/Users/Edit/{target.Id}";
        var firstPage = await first.GetDocumentAsync(url);
        var stamp = firstPage.QuerySelector("#ConcurrencyStamp")!.GetAttribute("value")!;
        var secondStamp = (await second.GetDocumentAsync(url)).QuerySelector("#ConcurrencyStamp")!.GetAttribute("value")!;
        Assert.Equal(stamp, secondStamp);

        var saved = await first.PostFormAsync(url, Fields("Tên do người thứ nhất sửa", stamp));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var refused = await second.PostFormAsync(url, Fields("Tên do người thứ hai sửa", secondStamp));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.Contains("vừa được người khác thay đổi", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Tên do người thứ hai sửa", page.QuerySelector("#Input_FullName")!.GetAttribute("value"));
        Assert.Equal("Tên do người thứ nhất sửa", await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.FullName).SingleAsync()));

        static List<KeyValuePair<string, string>> Fields(string name, string stamp) =>
            [
                new("Input.FullName", name), new("Input.Email", "bi-sua@tinh.vn"), new("Input.Roles", PortalRoles.Leadership),
                new("IsActive", "true"), new("ConcurrencyStamp", stamp),
            ];
    }

    [Fact]
    public async Task Non_administrators_cannot_reach_user_management()
    {
        await Factory.CreateUserAsync("ld@tinh.vn", PortalRoles.Leadership);
        var client = await SignInAsync("ld@tinh.vn");
        var response = await client.GetAsync("/Admin/Users");
        response.AssertRedirectsTo("/Account/AccessDenied");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Audit")).StatusCode);
    }

    [Fact]
    public async Task An_auditor_reads_the_audit_trail()
    {
        await Factory.CreateAgencyAsync("SL-TTR", "Thanh tra tỉnh");
        await Factory.CreateUserAsync("tt@tinh.vn", PortalRoles.Auditor);
        var client = await SignInAsync("tt@tinh.vn");
        var page = await client.GetDocumentAsync("/Audit?entity=Agency");
        Assert.Contains("Thanh tra tỉnh", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
