namespace SecurityPortal.Domain.Common;

/// <summary>
/// An uploaded file as an attachment, an evidence or a task's evidence holds it: the name it is shown and downloaded
/// under, its type and size, the SHA-256 it is stored under (once, outside the web root), who uploaded it and when.
/// Immutable; each row holds its own instance.
/// </summary>
public sealed class UploadedFile
{
    public const int ContentTypeMaxLength = 100;
    public const int Sha256Length = 64;
    public const int UploadedByIdMaxLength = 450;

    private UploadedFile()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
        UploadedById = string.Empty;
    }

    public UploadedFile(string fileName, string contentType, long length, string sha256, string uploadedById, DateTime uploadedAtUtc)
    {
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        Sha256 = sha256;
        UploadedById = uploadedById;
        UploadedAtUtc = uploadedAtUtc;
    }

    /// <summary>The name as uploaded, for display and the download name only; never used as a path.</summary>
    public string FileName { get; private set; }

    public string ContentType { get; private set; }
    public long Length { get; private set; }
    public string Sha256 { get; private set; }
    public string UploadedById { get; private set; }
    public DateTime UploadedAtUtc { get; private set; }

    /// <summary>The same file held by another row (a row never shares its instance).</summary>
    public UploadedFile Copy() => new(FileName, ContentType, Length, Sha256, UploadedById, UploadedAtUtc);
}
