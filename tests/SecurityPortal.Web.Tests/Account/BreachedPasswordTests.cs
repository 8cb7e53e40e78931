using System.Net;
using System.Security.Cryptography;
using System.Text;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Account;

/// <summary>
/// ASVS 5.0 V6.2.12 (issue 20): a password found in the operator's offline breach corpus (<c>Security:BreachedPasswordsFile</c>,
/// one password or one SHA-1 with an optional «:count» per line) or on the built-in list of obvious choices is refused.
/// </summary>
public sealed class BreachedPasswordTests : PortalTestBase, IDisposable
{
    private const string PlainBreached = "rồng-bay-qua-núi-cao-2019";
    private const string HashedBreached = "con-meo-trang-ngoi-ben-bep";
    private readonly string _corpus = Path.Combine(Path.GetTempPath(), "securityportal-tests", $"breached-{Guid.NewGuid():N}.txt");

    public BreachedPasswordTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_corpus)!);
#pragma warning disable CA5350 // the corpora's own format
        var sha1 = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(HashedBreached)));
#pragma warning restore CA5350
        File.WriteAllLines(_corpus, ["0000000A0B3D8C9F2A1B7C8D9E0F1A2B3C4D5E6F:3", sha1 + ":37", PlainBreached, string.Empty]);
    }

    protected override PortalFactory Configure(PortalFactory factory) => factory.With("Security:BreachedPasswordsFile", _corpus);

    [Fact]
    public async Task A_password_in_the_breach_corpus_or_on_the_built_in_list_is_refused_and_another_is_accepted()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SGT", "Sở Giao thông");
        await Factory.CreateUserAsync("sgt@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var user = await SignInAsync("sgt@tinh.vn");
        foreach (var (password, message) in new[]
        {
            (PlainBreached, "đã bị lộ"), (HashedBreached, "đã bị lộ"), ("matkhau123456", "mật khẩu phổ biến"),
        })
        {
            var refused = await user.PostFormAsync("/Account/Manage", new()
            {
                ["Input.CurrentPassword"] = PortalFactory.Password, ["Input.NewPassword"] = password, ["Input.ConfirmPassword"] = password,
            });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, (await refused.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        }

        (await user.PostFormAsync("/Account/Manage", new()
        {
            ["Input.CurrentPassword"] = PortalFactory.Password, ["Input.NewPassword"] = "rồng-bay-qua-núi-cao-2020", ["Input.ConfirmPassword"] = "rồng-bay-qua-núi-cao-2020",
        })).AssertRedirectsTo("/Account/Manage");
    }

    public void Dispose() => File.Delete(_corpus);
}
