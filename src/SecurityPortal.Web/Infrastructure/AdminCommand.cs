using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Data.Seeding;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// <c>dotnet SecurityPortal.Web.dll admin create --email a@b.vn [--name "Họ tên"]</c>: creates the first
/// administrator of a production installation. The password is read from PORTAL_ADMIN_PASSWORD, or a strong
/// one is generated and printed once. No installation ever has a default password.
/// <c>admin backup --to /backup/securityportal-YYYYMMDD.db</c>: a consistent online copy of a SQLite database
/// (PostgreSQL and SQL Server are backed up with their own tools, docs/database.md).
/// <c>admin migrate</c>: applies the pending migrations once, before the new version's instances start (docs/deployment.md,
/// «Upgrading»); the instances themselves then run with <c>Database:MigrateOnStartup</c> off.
/// </summary>
public static class AdminCommand
{
    public static bool IsRequested(string[] args) => args.Length >= 1 && args[0] == "admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length >= 2 && args[1] == "backup")
        {
            return await BackupAsync(app, Option(args, "--to"));
        }

        if (args.Length >= 2 && args[1] == "migrate")
        {
            return await MigrateAsync(app.Services, Console.Out);
        }

        if (args.Length < 2 || args[1] != "create" || Option(args, "--email") is not { } email)
        {
            await Console.Error.WriteLineAsync("Cách dùng: SecurityPortal.Web admin create --email <thư điện tử> [--name \"Họ và tên\"]"
                + Environment.NewLine + "           SecurityPortal.Web admin backup --to <tệp sao lưu .db>   (chỉ với SQLite)"
                + Environment.NewLine + "           SecurityPortal.Web admin migrate   (áp dụng migration còn thiếu, một lần trước khi khởi động phiên bản mới)");
            return 64;
        }

        var status = app.Services.GetRequiredService<DatabaseStatus>();
        if (!await status.EnsureSchemaAsync(CancellationToken.None))
        {
            await Console.Error.WriteLineAsync("Không kết nối được cơ sở dữ liệu hoặc còn migration chưa áp dụng (xem docs/database.md).");
            return 69;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalSeeder>().SeedRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var password = Environment.GetEnvironmentVariable("PORTAL_ADMIN_PASSWORD");
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        }

        var result = await CreateAdministratorAsync(users, email, Option(args, "--name") ?? email, password!, mustChangePassword: generated);
        Console.WriteLine(result);
        if (result.StartsWith("Lỗi", StringComparison.Ordinal))
        {
            return 1;
        }

        if (generated)
        {
            Console.WriteLine($"Mật khẩu ban đầu (chỉ hiển thị một lần, hãy đổi sau khi đăng nhập): {password}");
        }

        return 0;
    }

    /// <summary>
    /// Applies the pending migrations and says which; exit code 0 when the schema is current afterwards (also when nothing
    /// was pending), 1 when the database refused or could not be reached.
    /// </summary>
    public static async Task<int> MigrateAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count == 0)
            {
                await output.WriteLineAsync("Cơ sở dữ liệu đã ở phiên bản mới nhất; không có migration nào cần áp dụng.");
            }
            else
            {
                await output.WriteLineAsync($"Áp dụng {pending.Count} migration: {string.Join(", ", pending)}");
                await db.Database.MigrateAsync();
                await output.WriteLineAsync("Đã áp dụng xong. Có thể khởi động phiên bản mới của cổng.");
            }

            // The reference data (roles, calendar, shipped catalogs) once here too, so that several instances starting at the
            // same moment on a new database each find it written instead of racing to insert it.
            await scope.ServiceProvider.GetRequiredService<PortalSeeder>().SeedReferenceDataAsync();
            return 0;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Không áp dụng được migration: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Creates the administrator unless an account with that e-mail exists. Returns a sentence for the operator.</summary>
    public static async Task<string> CreateAdministratorAsync(UserManager<PortalUser> users, string email, string fullName, string password, bool mustChangePassword = false)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return $"Tài khoản {email} đã tồn tại; không thay đổi gì.";
        }

        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, RequireTwoFactor = true, MustChangePassword = mustChangePassword };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return "Lỗi: " + string.Join(" ", created.Errors.Select(e => e.Description));
        }

        var role = await users.AddToRoleAsync(user, PortalRoles.Administrator);
        return role.Succeeded
            ? $"Đã tạo quản trị viên {email}. Lần đăng nhập đầu tiên sẽ yêu cầu thiết lập xác thực hai yếu tố."
            : "Lỗi: " + string.Join(" ", role.Errors.Select(e => e.Description));
    }

    private static async Task<int> BackupAsync(WebApplication app, string? target)
    {
        var options = app.Services.GetRequiredService<Data.DatabaseOptions>();
        if (options.Provider != Data.DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync("Lệnh này chỉ sao lưu SQLite. PostgreSQL: pg_dump -Fc; SQL Server: sao lưu đầy đủ và nhật ký giao dịch (docs/database.md).");
            return 64;
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            await Console.Error.WriteLineAsync("Cách dùng: SecurityPortal.Web admin backup --to <tệp sao lưu .db>");
            return 64;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>().Database.GetConnectionString()!;
        Console.WriteLine(DatabaseBackup.Sqlite(connectionString, target));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
