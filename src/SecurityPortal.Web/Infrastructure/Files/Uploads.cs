namespace SecurityPortal.Web.Infrastructure.Files;

/// <summary>A posted file the store accepted: the name it was posted under (the aggregate cleans it) and what was stored.</summary>
public sealed record AcceptedUpload(string PostedName, StoredFile Stored);

/// <summary>The outcome of an upload: the accepted file, or the message for the form's file field.</summary>
public sealed record UploadOutcome(AcceptedUpload? File, string? Error);

/// <summary>
/// The one upload flow of the attachment, task-evidence and assessment-evidence pages: the posted file is checked and
/// stored by the <see cref="FileStore"/>; a refusal becomes the message the page shows under its file field. The page
/// authorizes first, then calls this, adds the file to its aggregate and saves.
/// </summary>
public static class Uploads
{
    public static async Task<UploadOutcome> AcceptAsync(this FileStore files, IFormFile? upload, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await files.SaveAsync(upload, cancellationToken);
            return new UploadOutcome(new AcceptedUpload(upload!.FileName, stored), null);
        }
        catch (UploadRejectedException ex)
        {
            return new UploadOutcome(null, ex.Message + " Vui lòng chọn lại tệp.");
        }
    }
}
