using System.Net;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

public sealed class HeadersAndHealthTests : PortalTestBase
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/does-not-exist")]
    public async Task Security_headers_are_on_pages_and_errors(string url)
    {
        var response = await Anonymous().GetAsync(url);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_files_carry_nosniff_and_stay_cacheable()
    {
        var response = await Anonymous().GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_static_folder_is_not_listed_and_text_answers_name_their_charset()
    {
        // ASVS V13.4.3: no directory listing; V4.1.1: HTML and CSV say utf-8.
        foreach (var folder in new[] { "/css/", "/js/", "/lib/" })
        {
            var listing = await Anonymous().GetAsync(folder);
            Assert.NotEqual(HttpStatusCode.OK, listing.StatusCode);
            Assert.DoesNotContain("site.css", await listing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var agency = await Factory.CreateAgencyAsync("SL-CHARSET", "Sở Khoa học và Công nghệ");
        await Factory.CreateUserAsync("kh@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        await Factory.CreateSystemAsync("KH-WEB", "Cổng Sở Khoa học", agency.Id);
        await Factory.CreateUserAsync("td@tinh.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var officer = await SignInAsync("kh@tinh.vn");
        var reviewer = await SignInAsync("td@tinh.vn", Totp.Key);
        foreach (var (client, url, type) in new[] { (officer, "/Systems", "text/html"), (officer, "/Account/Manage", "text/html"), (reviewer, "/Systems/Software?handler=Csv", "text/csv") })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet, ignoreCase: true);
        }
    }

    [Fact]
    public async Task Hsts_lasts_at_least_a_year_with_subdomains_on_a_real_host_name()
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://portal.songlam.gov.vn"), AllowAutoRedirect = false,
        });
        var response = await client.GetAsync("/Account/Login");
        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        var maxAge = long.Parse(hsts.Split(';')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(maxAge >= 31_536_000, hsts);
        Assert.Contains("includeSubDomains", hsts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("OPTIONS")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Only_get_head_and_post_are_accepted(string method)
    {
        var response = await Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/Account/Login"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD, POST", string.Join(", ", response.Content.Headers.Allow));
        Assert.Contains("Phương thức không được hỗ trợ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_login()
    {
        var client = Anonymous();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        var loops = await client.GetAsync("/health/loops"); // every loop is switched off in the tests: healthy, and nothing else said
        Assert.Equal(HttpStatusCode.OK, loops.StatusCode);
        Assert.Equal("Healthy", await loops.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused_with_a_Vietnamese_page()
    {
        var response = await Anonymous().PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "ai@do.vn", ["Input.Password"] = "khong-quan-trong-gi",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Yêu cầu không hợp lệ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
