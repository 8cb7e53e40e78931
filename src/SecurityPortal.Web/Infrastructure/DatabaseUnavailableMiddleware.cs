using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// While the database is unreachable or its schema is behind, every page answers with the bilingual
/// "service unavailable" page (503) — never a stack trace — and the portal recovers by itself when the
/// database returns (the check is retried at most every few seconds).
/// </summary>
public sealed class DatabaseUnavailableMiddleware(
    RequestDelegate next, DatabaseStatus status, IWebHostEnvironment environment, ILogger<DatabaseUnavailableMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        if (!status.SchemaCurrent && !await status.EnsureSchemaAsync(context.RequestAborted))
        {
            await WriteUnavailableAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (IsDatabaseUnavailable(ex) && !context.Response.HasStarted)
        {
            logger.LogError(ex, "Database became unavailable during {Path}", context.Request.Path);
            status.MarkUnavailable();
            await WriteUnavailableAsync(context);
        }
    }

    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            // SQLite: the file cannot be opened (moved, unmounted volume: SQLITE_CANTOPEN 14) or read (SQLITE_IOERR 10).
            if (ex is SocketException or TimeoutException or RetryLimitExceededException || ex is DbException { IsTransient: true }
                || ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 14 or 10 })
            {
                return true;
            }
        }

        return false;
    }

    private async Task WriteUnavailableAsync(HttpContext context)
    {
        await StaticPage.SendAsync(context, environment, "unavailable.html", StatusCodes.Status503ServiceUnavailable, retryAfter: "30");
    }
}
