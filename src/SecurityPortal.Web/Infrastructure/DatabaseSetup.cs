using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SecurityPortal.Data;
using SecurityPortal.Data.Interceptors;
using SecurityPortal.Data.PostgreSql;
using SecurityPortal.Data.Sqlite;
using SecurityPortal.Data.SqlServer;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>Chooses the database provider from configuration and registers <see cref="PortalDbContext"/>.</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "Portal";

    public static void AddPortalDatabase(this WebApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        var connectionString = ResolveConnectionString(options, builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ConcurrencyStampInterceptor>();
        builder.Services.AddScoped<AuditInterceptor>();
        builder.Services.AddDbContext<PortalDbContext>((services, db) =>
        {
            Configure(db, options, connectionString);
            // Between the concurrency stamp and the audit: the features' interceptors (the mail queue), registered as
            // ISaveChangesInterceptor by their own setup, so the database plumbing names no feature.
            db.AddInterceptors(
                [services.GetRequiredService<ConcurrencyStampInterceptor>(), .. services.GetServices<ISaveChangesInterceptor>(), services.GetRequiredService<AuditInterceptor>()]);
        });
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString) =>
        Configure(builder, new DatabaseOptions { Provider = provider }, connectionString);

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string connectionString) =>
        options.Provider switch
        {
            DatabaseProvider.Sqlite => SqliteProvider.Configure(builder, connectionString),
            DatabaseProvider.SqlServer => SqlServerProvider.Configure(builder, connectionString, options),
            DatabaseProvider.PostgreSql => PostgreSqlProvider.Configure(builder, connectionString, options),
            _ => throw new PortalConfigurationException($"Nhà cung cấp cơ sở dữ liệu '{options.Provider}' không được hỗ trợ."),
        };

    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(DatabaseOptions.SectionName);
        var providerText = section["Provider"];
        var options = new DatabaseOptions();
        if (!string.IsNullOrWhiteSpace(providerText))
        {
            if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
            {
                throw new PortalConfigurationException(
                    $"Database:Provider = '{providerText}' không hợp lệ. Giá trị cho phép: Sqlite, SqlServer, PostgreSql.");
            }

            options.Provider = provider;
        }

        var migrate = section["MigrateOnStartup"];
        if (!string.IsNullOrWhiteSpace(migrate))
        {
            options.MigrateOnStartup = bool.TryParse(migrate, out var value)
                ? value
                : throw new PortalConfigurationException($"Database:MigrateOnStartup = '{migrate}' không hợp lệ (true hoặc false).");
        }

        options.RetryCount = ReadCount(section, nameof(DatabaseOptions.RetryCount), options.RetryCount);
        options.RetryMaxDelaySeconds = ReadCount(section, nameof(DatabaseOptions.RetryMaxDelaySeconds), options.RetryMaxDelaySeconds);
        return options;
    }

    private static int ReadCount(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= 100
            ? value
            : throw new PortalConfigurationException($"Database:{key} = '{text}' không hợp lệ (một số nguyên từ 0 đến 100).");
    }

    /// <summary>
    /// SQLite needs no setting: without a connection string the portal keeps its file under App_Data.
    /// SQL Server and PostgreSQL must be told where the server is.
    /// </summary>
    public static string ResolveConnectionString(DatabaseOptions options, IConfiguration configuration, string contentRoot)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new PortalConfigurationException(
                $"Thiếu chuỗi kết nối ConnectionStrings:{ConnectionStringName} cho cơ sở dữ liệu {options.Provider}.");
        }

        var folder = Path.Combine(contentRoot, "App_Data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "securityportal.db")}";
    }
}
