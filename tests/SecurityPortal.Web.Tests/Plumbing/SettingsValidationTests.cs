using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// Issue 19: a setting out of its range stops the start with a message naming its key, instead of being clamped to
/// something the operator did not write or failing later in a background loop. Each case composes the portal exactly as
/// Program does (<see cref="PortalServices.AddPortalServices"/>) with one wrong value, and runs the checks the host runs
/// first when it starts (<see cref="IStartupValidator"/>, fed by <c>ValidateOnStart</c>); Program turns the exception into
/// one line and exit code 2.
/// </summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Mail:BatchSize", "0")]
    [InlineData("Mail:PollSeconds", "-5")]
    [InlineData("WebsiteWatch:IntervalHours", "0")]
    [InlineData("WebsiteWatch:Concurrency", "0")]
    [InlineData("WebsiteWatch:RequestTimeoutSeconds", "-1")]
    [InlineData("Notifications:ScanMinutes", "0")]
    [InlineData("Security:LockoutMaxFailedAttempts", "0")]
    [InlineData("Security:IdleTimeoutMinutes", "-30")]
    [InlineData("Dashboard:CacheSeconds", "-1")]
    [InlineData("Files:MaxZipEntries", "0")]
    [InlineData("Registry:MaxDaysSincePatch", "0")]
    [InlineData("Remediation:DueDays:Critical", "0")]
    public async Task A_value_out_of_range_stops_the_start_and_names_its_key(string key, string value)
    {
        await using var app = Compose(new() { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures.Select(OptionsRegistration.Readable), f => f.StartsWith(key + " phải", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_shipped_settings_pass_the_same_checks()
    {
        await using var app = Compose([]);
        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static WebApplication Compose(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "src", "SecurityPortal.Web"),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortalServices();
        return builder.Build();
    }
}
