using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>Every page is enumerated from the routing table, so a new page is covered without editing this test.</summary>
public sealed class AnonymousAccessTests : PortalTestBase
{
    /// <summary>The only pages a visitor may open without signing in.</summary>
    private static readonly HashSet<string> AnonymousPages = new(StringComparer.Ordinal)
    {
        "/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/Lockout",
        "/Account/AccessDenied", "/Error", "/Culture",
    };

    [Fact]
    public async Task Every_page_except_login_and_error_redirects_an_anonymous_visitor_to_login()
    {
        var pages = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<CompiledPageActionDescriptor>()?.ViewEnginePath ?? e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath))
            .Where(e => e.Page is not null)
            .ToList();
        Assert.True(pages.Count >= 15, $"only {pages.Count} page routes found");

        var client = Anonymous();
        var checkedProtected = 0;
        foreach (var (endpoint, page) in pages)
        {
            var url = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "404",
                _ => string.Empty,
            }))));
            var response = await client.GetAsync(url);
            if (AnonymousPages.Contains(page!))
            {
                Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode} to an anonymous visitor");
            response.AssertRedirectsTo("/Account/Login");
            checkedProtected++;
        }

        Assert.True(checkedProtected >= 8, $"only {checkedProtected} protected pages checked");
    }

    [Fact]
    public async Task The_login_page_is_in_Vietnamese()
    {
        var page = await Anonymous().GetDocumentAsync("/Account/Login");
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Đăng nhập", page.Title, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("label[for=Input_Email]"));
        Assert.Contains("Thư điện tử", page.QuerySelector("label[for=Input_Email]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_url_sends_visitors_to_login_and_gives_signed_in_users_the_Vietnamese_not_found_page()
    {
        var anonymous = await Anonymous().GetAsync("/khong-ton-tai/trang-nay");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        await Factory.CreateUserAsync("tim@tinh.vn", SecurityPortal.Domain.Common.PortalRoles.Leadership);
        var client = await SignInAsync("tim@tinh.vn");
        var response = await client.GetAsync("/khong-ton-tai/trang-nay");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_can_be_chosen_and_Vietnamese_is_the_default()
    {
        var client = Anonymous();
        var response = await client.PostFormAsync("/Culture", new() { ["culture"] = "en-US", ["returnUrl"] = "/Account/Login" }, pageUrl: "/Account/Login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync("/Account/Login");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Sign in", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}
