namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Tells a request body the server could not read from a failure of the server itself. A multipart form cut off
/// half-way (a dropped connection, a forged request) makes the framework's form reader throw an
/// <see cref="IOException"/> («Unexpected end of Stream»); a form over its limits an <see cref="InvalidDataException"/>;
/// Kestrel a <see cref="BadHttpRequestException"/>. These are the client's doing: 400 (413 for a limit), never 500.
/// An <see cref="IOException"/> from anywhere else (the file store, the database) stays a server error.
/// </summary>
public static class RequestBody
{
    public static bool IsUnreadable(Exception ex) => Causes(ex).Any(e =>
        e is BadHttpRequestException or InvalidDataException
        || (e is IOException && e.StackTrace is { } trace && ReadsTheBody(trace)));

    /// <summary>The status for an unhandled exception: 400/413 for an unreadable body, 500 otherwise.</summary>
    public static int StatusFor(Exception ex) =>
        !IsUnreadable(ex) ? StatusCodes.Status500InternalServerError
        : Causes(ex).OfType<BadHttpRequestException>().FirstOrDefault() is { } bad ? bad.StatusCode
        : Causes(ex).Any(e => e is InvalidDataException) ? StatusCodes.Status413PayloadTooLarge
        : StatusCodes.Status400BadRequest;

    private static bool ReadsTheBody(string trace) =>
        trace.Contains("Microsoft.AspNetCore.WebUtilities.", StringComparison.Ordinal)
        || trace.Contains("Microsoft.AspNetCore.Http.Features.FormFeature", StringComparison.Ordinal);

    private static IEnumerable<Exception> Causes(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
