namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Response headers for every response, error pages included: a strict CSP without inline script or
/// style, nosniff, no framing, no referrer, HSTS for two years outside loopback.
/// </summary>
public static class SecurityHeaders
{
    public static void AddPortalSecurityHeaders(this IServiceCollection services) =>
        services.AddSecurityHeaderPolicies().SetDefaultPolicy(p => p
            .AddDefaultSecurityHeaders()
            .AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 63_072_000)
            .AddReferrerPolicyNoReferrer()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().None();
                csp.AddFrameAncestors().None();
                csp.AddFormAction().Self();
            })
            .AddPermissionsPolicy(pp =>
            {
                pp.AddCamera().None();
                pp.AddMicrophone().None();
                pp.AddGeolocation().None();
            })
            .RemoveServerHeader());
}
