using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Browser;

/// <summary>The portal on a real Kestrel port, driven by Debian's Chromium through Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public PortalFactory Factory { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUri { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await PortalTemplate.CreateDatabaseAsync();
        // Plain HTTP on loopback: the one setting a browser run changes (see SecurityOptions.SecureCookiesOnly).
        // The website watch may reach the test's own sites on loopback (never anything else).
        Factory = new PortalFactory(_database).With("Security:SecureCookiesOnly", "false")
            .With("WebsiteWatch:AllowedInternalNetworks:0", "127.0.0.0/8").With("WebsiteWatch:AllowedInternalNetworks:1", "::1/128")
            .With("WebsiteWatch:PerHostDelayMilliseconds", "10");
        Factory.UseKestrel(0);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        using (var probe = new HttpClient { BaseAddress = BaseUri })
        {
            var response = await probe.GetAsync("/Account/Login");
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The portal under test answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A page that fails the test on any script error or Content-Security-Policy violation; the browser's language is Vietnamese unless told.</summary>
    public async Task<(IPage Page, List<string> Problems)> NewPageAsync(string locale = "vi-VN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUri.ToString(), Locale = locale });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.Dialog += (_, dialog) => problems.Add("dialog: " + dialog.Message);
        return (page, problems);
    }

    /// <summary>Signs in through the login page (and the authenticator code page when a key is given) and waits for the home page.</summary>
    public async Task SignInAsync(IPage page, string email, string? authenticatorKey = null)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Thư điện tử").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(PortalFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        if (authenticatorKey is not null)
        {
            await page.WaitForURLAsync("**/Account/LoginWith2fa**");
            await page.Locator("#Input_Code").FillAsync(Totp.CurrentCode(authenticatorKey));
            await page.Locator("main button[type=submit]").First.ClickAsync();
        }

        // Landed on the home page once its URL is committed and its content is there. (Waiting for the «load» state
        // instead once hung for 30 s on a page already at its URL, with the network idle: Playwright's wait, not the portal.)
        await page.WaitForURLAsync(new Uri(BaseUri, "/").ToString(), new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("main").WaitForAsync();
    }

    public static string ScreenshotPath(string name)
    {
        var folder = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}

[Trait("Category", "Browser")]
public sealed class LoginJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_signs_in_through_the_Vietnamese_login_page_and_lands_on_the_home_page()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await fixture.Factory.CreateUserAsync("canbo.trinhduyet@syt.vn", PortalRoles.AgencyOfficer, agency.Id);
        var (page, problems) = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        Assert.Equal("Đăng nhập", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("01-login"), FullPage = true });

        await page.GetByLabel("Thư điện tử").FillAsync("canbo.trinhduyet@syt.vn");
        await page.GetByLabel("Mật khẩu").FillAsync(PortalFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(fixture.BaseUri, "/").ToString());

        var heading = await page.Locator("h1").InnerTextAsync();
        Assert.Contains("Xin chào", heading, StringComparison.Ordinal);
        Assert.Contains("Sở Y tế", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("02-home-officer"), FullPage = true });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_wrong_password_is_answered_in_Vietnamese_without_script_or_CSP_errors()
    {
        var (page, problems) = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Thư điện tử").FillAsync("khong-co@ai.vn");
        await page.GetByLabel("Mật khẩu").FillAsync("mat-khau-khong-dung");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.Locator(".alert-danger").WaitForAsync();
        Assert.Contains("không đúng", await page.Locator(".alert-danger").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("03-login-error"), FullPage = true });
        Assert.Empty(problems);
    }
}
