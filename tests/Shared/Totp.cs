using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Tests;

/// <summary>The authenticator app of the tests: the current code of a known key.</summary>
public static class Totp
{
    public const string Key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static string CurrentCode(string key, int stepOffset = 0) => CodeAt(key, DateTimeOffset.UtcNow, stepOffset);

    /// <summary>The code at a given time: a portal whose clock the test holds expects the code of its own «now».</summary>
    public static string CodeAt(string key, DateTimeOffset at, int stepOffset = 0)
    {
        Assert.True(Base32.TryDecode(key, out var secret));
        return PortalTotpTokenProvider.Compute(secret, (at.ToUnixTimeSeconds() / 30) + stepOffset);
    }
}
