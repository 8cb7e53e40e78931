using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Agencies;

namespace SecurityPortal.Tests;

/// <summary>
/// The real portal on a fresh real database (SQLite file or PostgreSQL), in the Testing environment —
/// which behaves like Production (exception handler, no developer pages).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string Password = "mot-cum-tu-kiem-thu-dai";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    /// <summary>
    /// Test hosts never watch their files: each watcher is an inotify instance, a Linux user may hold 128, and the suites
    /// start hosts in parallel (a run failed with «the configured user limit (128) on the number of inotify instances
    /// has been reached»). Set before the first host reads its configuration.
    /// </summary>
    static PortalFactory()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public PortalFactory(TestDatabase database, bool switchable = false)
    {
        Database = database;
        Switchable = switchable;
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    /// <summary>The database the portal works on now (see <see cref="UseDatabase"/>).</summary>
    public TestDatabase Database { get; private set; }

    /// <summary>
    /// A portal whose database can be exchanged while it runs (<see cref="UseDatabase"/>), so that one started host serves one
    /// test after another, each on a fresh copy of the template (<c>PortalTestBase</c>'s host pool). Every context the portal
    /// creates reads the current connection string; nothing else of the portal remembers the database.
    /// </summary>
    public bool Switchable { get; }

    /// <summary>Points a <see cref="Switchable"/> portal at another database, for the next test; no request may be running.</summary>
    public void UseDatabase(TestDatabase database)
    {
        if (!Switchable)
        {
            throw new InvalidOperationException("Only a portal made switchable at its creation can change its database.");
        }

        if (database.Provider != Database.Provider)
        {
            throw new InvalidOperationException($"A {Database.Provider} portal cannot switch to a {database.Provider} database.");
        }

        Database = database;
    }

    /// <summary>Uploaded files of this portal instance, in a temporary directory of its own.</summary>
    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), "securityportal-tests", "files", Guid.NewGuid().ToString("N"));

    /// <summary>The portal's clock, when a test moves time by hand (see <see cref="UseClock"/>).</summary>
    public TestClock? Clock { get; private set; }

    /// <summary>Gives the portal a clock the test moves; set before the first client or service is created.</summary>
    public PortalFactory UseClock(TestClock clock)
    {
        Clock = clock;
        return this;
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Replaces services (e.g. the website watch's name resolver); set before the first client or service is created.</summary>
    public PortalFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>
    /// PBKDF2 iterations of this portal's password hashes. The portal's own 210,000 cost about 0.1 s of CPU per hash, and
    /// the suites create and sign in some two thousand accounts on two cores, so test hosts hash with 1,000 unless a test
    /// sets null (the portal's setting): <c>PasswordHashingTests</c> checks the real setting on the real host, and the
    /// crash tests and scans run the released portal as it is.
    /// </summary>
    public int? PasswordIterations { get; set; } = 1_000;

    /// <summary>Extra configuration; set before the first client or service is created.</summary>
    public PortalFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Portal", Database.ConnectionString);
        // A copy of a template is already migrated: the portal only checks that nothing is pending (as in production with
        // MigrateOnStartup off), which spares each test host the migrator's model comparison. Empty databases migrate.
        builder.UseSetting("Database:MigrateOnStartup", Database.SchemaCurrent ? "false" : "true");
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("RateLimits:LoginPerMinute", "10000");
        builder.UseSetting("RateLimits:UploadsPerMinute", "10000");
        builder.UseSetting("RateLimits:ExportsPerMinute", "10000");
        builder.UseSetting("RateLimits:WebsiteChecksPerMinute", "10000");
        builder.UseSetting("Files:Root", FilesRoot);
        // The background loops are driven by hand in the tests that need them.
        builder.UseSetting("Mail:SenderEnabled", "false");
        builder.UseSetting("Notifications:WorkerEnabled", "false");
        builder.UseSetting("Dashboard:SnapshotEnabled", "false");
        builder.UseSetting("WebsiteWatch:WorkerEnabled", "false");
        builder.UseSetting("Dashboard:CacheSeconds", "0");
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(Path.GetTempPath(), "securityportal-tests", "logs", "portal-.log"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Every signed-in POST is checked for its audit entries and their actor (AuditWitness).
        builder.ConfigureTestServices(services => services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<AuditWitness>()));
        if (PasswordIterations is { } iterations)
        {
            builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = iterations));
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }

        foreach (var configure in _services)
        {
            builder.ConfigureTestServices(configure);
        }

        if (Switchable)
        {
            // Applied after the portal's own configuration of the context: the same provider settings, the current database.
            builder.ConfigureTestServices(services => services.ConfigureDbContext<PortalDbContext>((provider, options) =>
                SecurityPortal.Web.Infrastructure.DatabaseSetup.Configure(
                    options, provider.GetRequiredService<DatabaseOptions>(), Database.ConnectionString)));
        }
    }

    public async Task<Agency> CreateAgencyAsync(string code, string name, AgencyKind kind = AgencyKind.Department)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var agency = new Agency(code, name, kind);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        return agency;
    }

    /// <summary>Creates an account; with <paramref name="authenticatorKey"/> it also enrols two-factor authentication.</summary>
    public async Task<PortalUser> CreateUserAsync(string email, string role, Guid? agencyId = null, string? authenticatorKey = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Người dùng " + email.Split('@')[0], AgencyId = agencyId };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        if (authenticatorKey is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.UserTokens.Add(new IdentityUserToken<string>
            {
                UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = authenticatorKey,
            });
            await db.SaveChangesAsync();
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }

        return user;
    }

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public Task<int> CountAsync<T>() where T : class => WithDbAsync(db => db.Set<T>().CountAsync());

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>
/// The database as the portal's own first start leaves it — every migration applied, roles, calendar and catalogs seeded —
/// made once per test process and copied for each test (migrating and seeding took most of a web test's set-up). Its Data
/// Protection keys are removed, so each portal makes its own as on a fresh database. A portal started on a copy migrates
/// and seeds nothing, as on any later start. Tests of the first start itself use an empty <see cref="TestDatabase"/>.
/// </summary>
public static class PortalTemplate
{
    private static readonly Lazy<Task<TestDatabase>> Template = TestDatabase.Template(async template =>
    {
        await using var portal = new PortalFactory(template);
        _ = portal.Services; // starting the host migrates and seeds (StartupTasks)
        await portal.WithDbAsync(db => db.DataProtectionKeys.ExecuteDeleteAsync());
    });

    /// <summary>A fresh copy of the template, for one test.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync() => await TestDatabase.CopyOfAsync(await Template.Value);
}

/// <summary>
/// The tests' clock: a <see cref="FakeTimeProvider"/> whose «now» starts at the real time and moves only when the test
/// moves it (<c>Advance</c>, <c>AdjustTime</c>, <see cref="SetVietnam"/>), while its timers and timestamps stay the
/// machine's: the portal's time-outs and delays (an HTTP check that hangs, a pause between two requests to one host) must
/// still fire in real time, which a fake timer would only do when the test advanced it.
/// </summary>
public sealed class TestClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);

    public override long GetTimestamp() => System.GetTimestamp();

    /// <summary>Sets the clock to a local time in Vietnam (UTC+7).</summary>
    public void SetVietnam(int year, int month, int day, int hour, int minute = 0) =>
        AdjustTime(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)));
}
