using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Tests.Account;

/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed class TotpTests
{
    /// <summary>RFC 6238 Appendix B, SHA-1 rows, last six digits.</summary>
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixTime, string expected)
    {
        var secret = "12345678901234567890"u8.ToArray();
        Assert.Equal(expected, PortalTotpTokenProvider.Compute(secret, unixTime / 30));
    }

    [Fact]
    public void Base32_decodes_the_RFC_4648_example()
    {
        Assert.True(Base32.TryDecode("MZXW6YTBOI======", out var bytes));
        Assert.Equal("foobar", System.Text.Encoding.ASCII.GetString(bytes));
        Assert.False(Base32.TryDecode("not base32!", out _));
    }
}
