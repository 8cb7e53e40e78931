namespace SecurityPortal.Tests;

/// <summary>One-time secrets (new passwords, recovery codes) are shown in the answer that made them, never carried in a cookie.</summary>
public static class OneTimeSecrets
{
    /// <summary>Asserts the answer stores nothing in the TempData cookie (at most it deletes one): ASVS 5.0 V14.3.3.</summary>
    public static void AssertCarriesNoTempData(this HttpResponseMessage response)
    {
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.DoesNotContain(cookies, c => c.Contains("SecurityPortal.TempData=", StringComparison.Ordinal)
            && !c.Contains("SecurityPortal.TempData=;", StringComparison.Ordinal));
    }
}
