using System.Security.Claims;
using System.Globalization;
using System.Threading.RateLimiting;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Data.Seeding;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Api;
using SecurityPortal.Web.AuditTrail;
using SecurityPortal.Web.Calendar;
using SecurityPortal.Web.Inbox;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Notifications;
using SecurityPortal.Web.Observability;
using SecurityPortal.Web.Options;
using SecurityPortal.Web.Reporting;
using SecurityPortal.Web.Signatures;
using SecurityPortal.Web.WebsiteWatch;
using Serilog;

namespace SecurityPortal.Web.Infrastructure;

public static class PortalServices
{
    public const string LoginRateLimit = "login";
    public static readonly CultureInfo[] SupportedCultures = [new("vi-VN"), new("en-US")];

    public static void AddPortalServices(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        // preserveStaticLogger: each host gets its own logger, so several hosts in one process (tests) do not clash.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<LogInjectionGuard>(),
            preserveStaticLogger: true);

        builder.AddPortalReverseProxy();
        builder.AddPortalTelemetry();
        builder.Services.AddSingleton(TimeProvider.System);
        // Vietnamese letters are written as they are, not as numeric character references.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(
            o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICurrentActor, HttpCurrentActor>();
        builder.Services.AddSingleton<SubmissionGuardFilter>();
        builder.Services.AddSingleton<ExportProgress>();
        builder.AddPortalDatabase();
        builder.Services.AddSingleton<DatabaseStatus>();
        builder.Services.AddScoped<PortalSeeder>();
        if (builder.AddPortalOptions<SeedOptions>(SeedOptions.SectionName).DemoRefusedIn(builder.Environment.EnvironmentName))
        {
            throw new PortalConfigurationException("Seed:Demo = true (tài khoản thử nghiệm dùng chung một mật khẩu công khai) không được dùng trong môi trường Production; chỉ cổng thử nghiệm dùng xong bỏ mới đặt thêm Seed:AllowDemoInProduction = true.");
        }

        builder.AddPortalOptions<PortalOptions>(PortalOptions.SectionName);
        builder.AddPortalOptions<RegistryOptions>(RegistryOptions.SectionName);
        builder.AddPortalOptions<FileStoreOptions>(FileStoreOptions.SectionName);
        builder.Services.AddSingleton<Files.IFileScanner, Files.ClamAvScanner>();
        builder.Services.AddSingleton<Files.FileStore>();
        builder.AddPortalOptions<RemediationOptions>(RemediationOptions.SectionName);
        builder.AddPortalOptions<SupportOptions>(SupportOptions.SectionName);
        builder.Services.AddScoped<PortalCalendar>();
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddScoped<SignatureCheck>();
        builder.Services.AddScoped<ChangeDescriber>();
        builder.Services.AddScoped<Imports.Scanners.ScanReportImporter>();
        builder.AddPortalMail();
        builder.AddPortalInbox();
        builder.AddPortalReporting();
        builder.AddWebsiteWatch();
        builder.Services.AddHostedService<StartupTasks>();

        builder.AddPortalIdentity();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("SecurityPortal").PersistKeysToDbContext<PortalDbContext>();
        // The keys protect sessions, antiforgery tokens and the authenticator keys; with a certificate they are encrypted at rest
        // (ASVS 5.0 V13.3.1). Without one they are stored as plain XML in the database and a warning is logged.
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            if (!File.Exists(certificatePath))
            {
                throw new PortalConfigurationException($"DataProtection:CertificatePath: không tìm thấy tệp chứng thư «{certificatePath}».");
            }

            dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, builder.Configuration["DataProtection:CertificatePassword"], System.Security.Cryptography.X509Certificates.X509KeyStorageFlags.EphemeralKeySet));
        }

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administration, p => p.RequireRole(PortalRoles.Administrator))
            .AddPolicy(Policies.AuditReading, p => p.RequireRole(PortalRoles.Administrator, PortalRoles.Auditor))
            .AddPolicy(Policies.AgencyManagement, p => p.RequireRole(PortalRoles.Administrator, PortalRoles.ProvincialReviewer))
            .AddPolicy(Policies.ProvinceWideReading, p => p.RequireRole(
                PortalRoles.Administrator, PortalRoles.ProvincialReviewer, PortalRoles.Leadership, PortalRoles.Auditor))
            // The API: a personal access token only (never the cookie), with the scope the endpoint needs.
            .AddPolicy(Policies.ApiRead, p => p.AddAuthenticationSchemes(ApiTokenClaims.Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasScope(ApiTokenScopes.Read)))
            .AddPolicy(Policies.ApiImport, p => p.AddAuthenticationSchemes(ApiTokenClaims.Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasScope(ApiTokenScopes.Import)));

        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<PortalMessages>();
        builder.Services.AddOptions<RequestLocalizationOptions>().Configure<SecurityOptions>((o, security) =>
        {
            o.DefaultRequestCulture = new RequestCulture("vi-VN");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            // The user's explicit choice (cookie) wins; the browser's language is not guessed.
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = security.CultureCookieName }];
        });

        builder.Services.AddRazorPages(o =>
            {
                o.Conventions.ConfigureFilter(new FormSafetyFilter());
                o.Conventions.Add(new PostedValuesOnly());
                o.Conventions.ConfigureFilter(new ServiceFilterAttribute(typeof(SubmissionGuardFilter)));
                o.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
                o.Conventions.AuthorizeFolder("/Audit", Policies.AuditReading);
                o.Conventions.AuthorizePage("/Agencies/Create", Policies.AgencyManagement);
                o.Conventions.AuthorizePage("/Agencies/Edit", Policies.AgencyManagement);
                o.Conventions.AuthorizePage("/Agencies/Merge", Policies.AgencyManagement);
                o.Conventions.AuthorizePage("/Systems/Software", Policies.ProvinceWideReading);
                o.Conventions.AuthorizeFolder("/Imports", Policies.AgencyManagement);
                o.Conventions.AuthorizePage("/Catalog/Import", Policies.AgencyManagement);
                o.Conventions.AuthorizeFolder("/Campaigns", Policies.ProvinceWideReading);
                o.Conventions.AuthorizePage("/Directives/Create", Policies.AgencyManagement);
                o.Conventions.AuthorizePage("/Dashboard/Index", Policies.ProvinceWideReading);
                o.Conventions.AuthorizePage("/Dashboard/Ranking", Policies.ProvinceWideReading);
                o.Conventions.AuthorizeFolder("/Warnings", Policies.ProvinceWideReading);
                o.Conventions.AuthorizePage("/Tasks/Outdated", Policies.ProvinceWideReading);
                o.Conventions.AuthorizePage("/Warnings/Create", Policies.AgencyManagement);
                o.Conventions.AuthorizePage("/Warnings/Import", Policies.AgencyManagement);
                o.Conventions.AuthorizeFolder("/Warnings/Feeds", Policies.AgencyManagement);
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
                o.Conventions.AllowAnonymousToPage("/Account/LoginWithRecoveryCode");
                o.Conventions.AllowAnonymousToPage("/Account/Lockout");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Culture");
            })
            .AddMvcOptions(o =>
            {
                // Required fields are declared in the validators, with Vietnamese messages.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                VietnameseModelBinding.Apply(o.ModelBindingMessageProvider);
                o.Filters.Add<TranslateModelStateFilter>();
                o.Filters.Add<SubmissionMetricsFilter>();
                o.ModelBinderProviders.Insert(0, new VietnameseDateBinderProvider());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        builder.Services.AddFluentValidationClientsideAdapters();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        ValidatorOptions.Global.LanguageManager.Culture = new CultureInfo("vi");

        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                // The sliding windows move every 10 seconds (1 minute in 6 segments): the earliest a retry can succeed.
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(10);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SecurityPortal.RateLimit")
                    .LogWarning("Rate limit reached for {Path} from {ClientAddress} by {UserId}", context.HttpContext.Request.Path, context.HttpContext.Connection.RemoteIpAddress,
                        context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "-");
                if (ApiProblem.IsApi(context.HttpContext))
                {
                    await ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                        $"Mã truy cập này đã gọi quá số lần cho phép trong một phút; thử lại sau {context.HttpContext.Response.Headers.RetryAfter} giây.");
                }
            };
            var limits = builder.Configuration.GetSection("RateLimits");
            // Anti-automation for what costs the server most (ASVS 5.0 V2.4.1): uploads, exports and on-demand website checks,
            // per signed-in account, generous for a person and a ceiling for a script.
            var perAccount = new Dictionary<HeavyRequest.Kind, int>
            {
                [HeavyRequest.Kind.Upload] = limits.GetValue("UploadsPerMinute", 60),
                [HeavyRequest.Kind.Export] = limits.GetValue("ExportsPerMinute", 30),
                [HeavyRequest.Kind.WebsiteCheck] = limits.GetValue("WebsiteChecksPerMinute", 10),
                [HeavyRequest.Kind.ApiCall] = limits.GetValue("ApiCallsPerMinute", 120),
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HeavyRequest.Of(context) is { } kind && PartitionOf(context, kind) is { } who
                    ? RateLimitPartition.GetSlidingWindowLimiter($"{kind}:{who}", _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = perAccount[kind],
                        Window = TimeSpan.FromMinutes(1),
                        SegmentsPerWindow = 6,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            o.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetSlidingWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = limits.GetValue("LoginPerMinute", 20),
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                }));
        });

        builder.Services.AddOpenApi(ApiDocument.Name, ApiDocument.Configure);

        builder.Services.AddPortalSecurityHeaders();
        // A system's edit form posts 8 fields per software component (up to 200 components).
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueCountLimit = 4096);
    }

    /// <summary>Who a limit counts for: the token for an API call (each token its own budget), else the signed-in account.</summary>
    private static string? PartitionOf(HttpContext context, HeavyRequest.Kind kind) => kind == HeavyRequest.Kind.ApiCall
        ? context.User.TokenIdOf()?.ToString()
        : context.User.FindFirstValue(ClaimTypes.NameIdentifier);
}

public static class Policies
{
    public const string Administration = nameof(Administration);
    public const string AuditReading = nameof(AuditReading);
    public const string AgencyManagement = nameof(AgencyManagement);
    public const string ProvinceWideReading = nameof(ProvinceWideReading);
    public const string ApiRead = nameof(ApiRead);
    public const string ApiImport = nameof(ApiImport);
}

/// <summary>Marker type for the shared resource files (Resources/Infrastructure.SharedResource.*.resx).</summary>
public sealed class SharedResource;
