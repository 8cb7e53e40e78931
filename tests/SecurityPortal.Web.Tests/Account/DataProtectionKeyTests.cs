using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Common;
using SecurityPortal.Tests.Websites;

namespace SecurityPortal.Tests.Account;

/// <summary>With DataProtection:CertificatePath the key ring is encrypted at rest; sessions still work.</summary>
public sealed class DataProtectionKeyTests : PortalTestBase, IDisposable
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"securityportal-dp-{Guid.NewGuid():N}.pfx");

    protected override PortalFactory Configure(PortalFactory factory)
    {
        using var certificate = TestCertificates.SelfSigned("securityportal-keys", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, "mat-khau-chung-thu"));
        return factory.With("DataProtection:CertificatePath", _pfx).With("DataProtection:CertificatePassword", "mat-khau-chung-thu");
    }

    [Fact]
    public async Task The_key_ring_is_stored_encrypted_with_the_certificate_and_sign_in_works()
    {
        var agency = await Factory.CreateAgencyAsync("SL-DP", "Sở Tài chính");
        await Factory.CreateUserAsync("dp@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("dp@tinh.vn");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var keys = await Factory.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal); // the plain master key element of an unencrypted ring
        });
    }

    public void Dispose() => File.Delete(_pfx);
}
