using System.Net;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Tests.Account;

/// <summary>
/// ASVS 5.0 V6.2.11 (issue 20): a password may not be built on the portal's, the province's or the user's own name or
/// e-mail — «SongLam@Demo2026», the old demo password, was accepted as a new password before.
/// </summary>
public sealed class PasswordContextTests : PortalTestBase
{
    private static readonly ContextWordsPasswordValidator Validator = new(new PortalOptions { ProvinceName = "Tỉnh Sông Lam" });

    private static readonly PortalUser Officer = new() { Email = "tran.thithuy@songlam.gov.vn", UserName = "tran.thithuy@songlam.gov.vn", FullName = "Trần Thị Thủy" };

    [Theory]
    [Trait("Category", "ProviderIndependent")]
    [InlineData("SongLam@Demo2026", "songlam")]
    [InlineData("Sông-Lâm 2026 mùa thu!", "songlam")]
    [InlineData("my-security-phrase-2026", "security")]
    [InlineData("Tranthithuy#2026x", "tran")]
    [InlineData("co-gai-THUY-ban-tron", "thuy")]
    public async Task A_password_on_a_context_word_is_refused(string password, string word)
    {
        var result = await Validator.ValidateAsync(null!, Officer, password);
        Assert.False(result.Succeeded);
        Assert.Equal($"Mật khẩu không được chứa tên cổng, tên tỉnh, tên hoặc địa chỉ thư của bạn (có «{word}»).", Assert.Single(result.Errors).Description);
    }

    [Theory]
    [Trait("Category", "ProviderIndependent")]
    [InlineData("ThuNghiem@2026!")]
    [InlineData("mot-cum-tu-kiem-thu-dai")]
    [InlineData("ngựa-đá-trên-đồi-xanh")]
    public async Task Other_phrases_pass(string password) => Assert.True((await Validator.ValidateAsync(null!, Officer, password)).Succeeded);

    [Fact]
    public async Task The_officer_cannot_choose_the_province_as_a_new_password()
    {
        var agency = await Factory.CreateAgencyAsync("SL-STP", "Sở Tư pháp");
        await Factory.CreateUserAsync("stp@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var user = await SignInAsync("stp@tinh.vn");
        var refused = await user.PostFormAsync("/Account/Manage", new()
        {
            ["Input.CurrentPassword"] = PortalFactory.Password, ["Input.NewPassword"] = "SongLam@Demo2026", ["Input.ConfirmPassword"] = "SongLam@Demo2026",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("(có «songlam»)", (await refused.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        (await user.PostFormAsync("/Account/Manage", new()
        {
            ["Input.CurrentPassword"] = PortalFactory.Password, ["Input.NewPassword"] = "ngựa-đá-trên-đồi-xanh", ["Input.ConfirmPassword"] = "ngựa-đá-trên-đồi-xanh",
        })).AssertRedirectsTo("/Account/Manage");
    }
}
